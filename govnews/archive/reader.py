"""Records of WARC files, ours or anyone's, as responses a page object can read.

``read_archive(paths)`` walks ``*.warc`` / ``*.warc.gz`` files (folders
searched recursively, temporary files never), in fetch order across files,
and yields an ``ArchivedResponse`` for every ``response`` record, or a
``Skipped`` with a countable reason for every other record (``warcinfo``,
``request``, ``metadata``, ``revisit``, ...). warcio undoes the chunked
transfer and the ``gzip``/``deflate``/``br`` content encoding a foreign
record still carries; our own records name the wire's framing in
``X-Govnews-Original-*`` headers only, so nothing is undone twice.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import cached_property
from pathlib import Path
from typing import Any

from scrapy.http import Headers, Response, TextResponse
from scrapy.responsetypes import responsetypes
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader

from govnews.archive.http import FRAMING_HEADERS, header_value
from govnews.archive.writer import DATASET, GOVNEWS_HEADER_PREFIX, RAW_DIR, parse_warc_date
from govnews.middlewares import header_charset, utf8_over_header
from govnews.runs.run import WrittenFile
from govnews.urls import site_of

_SUFFIXES = (".warc", ".warc.gz")
_DIGITS = re.compile(r"(\d+)")


@dataclass(frozen=True)
class ArchivedResponse:
    """A ``response`` record: the page as fetched, with the record's own fields.

    ``govnews`` holds our ``X-Govnews-*`` WARC fields without the prefix
    (``Role``, ``Site``, ``Public-Base-URL``, ``First-URL``,
    ``Requested-URI``); a foreign record has none.
    """

    url: str
    fetched_at: datetime
    status: int
    headers: list[tuple[str, str]]
    body: bytes
    source: str
    govnews: dict[str, str] = field(default_factory=dict)

    @property
    def role(self) -> str | None:
        return self.govnews.get("Role")

    @cached_property
    def site(self) -> str:
        return self.govnews.get("Site") or site_of(self.url)

    @property
    def urls(self) -> set[str]:
        """Every URL the record answers: the final one and the one first requested."""
        return {u for u in (self.url, self.govnews.get("Requested-URI")) if u}

    @property
    def content_type(self) -> str:
        return (header_value(self.headers, "Content-Type") or "").split(";")[0].strip().lower()

    def to_response(self) -> Response:
        """The Scrapy response a crawl's callback would have got for this page."""
        headers = Headers([(n, v) for n, v in self.headers if n.lower() not in FRAMING_HEADERS])
        cls = responsetypes.from_args(headers=headers, url=self.url, body=self.body)
        response = cls(url=self.url, status=self.status, headers=headers, body=self.body)
        if isinstance(response, TextResponse) and utf8_over_header(
            header_charset(headers.get(b"Content-Type")), response.body
        ):
            # As FetchGuardMiddleware does on a crawl: a valid UTF-8 body beats a Latin-1 header.
            response = response.replace(encoding="utf-8")
        return response


@dataclass(frozen=True)
class Skipped:
    """A record that is no page to read, and why (``record_<type>``, ``unreadable``...)."""

    reason: str
    source: str
    url: str | None = None


def archive_files(paths: Iterable[Path]) -> list[Path]:
    """The WARC files under ``paths``, in name order (run id, then file number).

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> for name in ("r-10.warc.gz", "r-2.warc.gz", ".r-3.warc.gz.tmp", "notes.txt"):
    ...     _ = (root / name).write_bytes(b"")
    >>> [p.name for p in archive_files([root])]
    ['r-2.warc.gz', 'r-10.warc.gz']
    """
    found: set[Path] = set()
    for path in paths:
        if path.is_dir():
            found.update(p for p in path.rglob("*") if p.is_file() and _is_warc(p))
        elif path.is_file():
            found.add(path)
        else:
            raise FileNotFoundError(f"no such WARC file or folder: {path}")
    return sorted(found, key=_natural)


def _is_warc(path: Path) -> bool:
    return path.name.endswith(_SUFFIXES) and not path.name.startswith(".")


def _natural(path: Path) -> list[Any]:
    return [int(part) if part.isdigit() else part for part in _DIGITS.split(str(path))]


def read_file(path: Path) -> Iterator[ArchivedResponse | Skipped]:
    """Every record of one WARC file, in file order."""
    source = str(path)
    with path.open("rb") as handle:
        try:
            for record in ArchiveIterator(handle):
                yield _read_record(record, source)
        except Exception as exc:  # warcio raises bare exceptions on a damaged file
            yield Skipped(f"unreadable:{type(exc).__name__}", source)


def _read_record(record: Any, source: str) -> ArchivedResponse | Skipped:
    url = record.rec_headers.get_header("WARC-Target-URI")
    if record.rec_type != "response":
        return Skipped(f"record_{record.rec_type}", source, url)
    if record.http_headers is None or not url:
        return Skipped("record_response_not_http", source, url)
    headers = list(record.http_headers.headers)
    encoding = (header_value(headers, "Content-Encoding") or "").strip().lower()
    if encoding and encoding not in BufferedReader.get_supported_decompressors() and encoding != "identity":
        return Skipped(f"content_encoding_{encoding}", source, url)
    try:
        body = record.content_stream().read()
        status = int(record.http_headers.get_statuscode())
    except Exception:  # a damaged gzip or chunk stream in one record
        return Skipped("undecodable_payload", source, url)
    fields = {
        name[len(GOVNEWS_HEADER_PREFIX):]: value
        for name, value in record.rec_headers.headers
        if name.startswith(GOVNEWS_HEADER_PREFIX)
    }
    return ArchivedResponse(
        url=url,
        fetched_at=parse_warc_date(record.rec_headers.get_header("WARC-Date")),
        status=status,
        headers=headers,
        body=body,
        source=source,
        govnews=fields,
    )


def read_archive(paths: Iterable[Path]) -> Iterator[ArchivedResponse | Skipped]:
    """Every record under ``paths``: responses merged across files by fetch time
    (the order a crawl handed them to its callbacks), the rest as they come."""
    files = archive_files(paths)
    streams = [_keyed(read_file(path), index) for index, path in enumerate(files)]
    for _, _, _, entry in heapq.merge(*streams):
        yield entry


def _keyed(records: Iterator[ArchivedResponse | Skipped], file_index: int) -> Iterator[tuple[Any, ...]]:
    last = datetime.min.replace(tzinfo=timezone.utc)
    for position, record in enumerate(records):
        if isinstance(record, ArchivedResponse):
            last = record.fetched_at
        # Non-responses sort with the response before them: merge keeps each file's order.
        yield (last, file_index, position, record)


def committed_archive_files(output_dir: Path, run_id: str) -> list[dict[str, Any]]:
    """The WARC files a run renamed into place, as run report records."""
    records = []
    for path in sorted((output_dir / RAW_DIR).glob(f"**/{run_id}-*.warc.gz"), key=_natural):
        relative = path.relative_to(output_dir)
        responses = sum(isinstance(r, ArchivedResponse) for r in read_file(path))
        partition = dict(p.split("=", 1) for p in relative.parent.parts if "=" in p)
        records.append(WrittenFile(DATASET, relative.as_posix(), responses, path.stat().st_size, partition).as_record())
    return records
