"""WARC 1.1 files of one run: ``_raw/site=<site>/fetch_date=<YYYY-MM-DD>/<run_id>-<n>.warc.gz``.

Each fetch is a ``response`` and a ``request`` record (``WARC-Concurrent-To``
links them), each its own gzip member, so a reader can seek to any record;
each file opens with a ``warcinfo`` record naming the run and the govnews
version. A file is written as ``.<run_id>-<n>.warc.gz.tmp`` and renamed
when closed (past the rotation size, on the periodic commit, at the end of
the run): a reader never sees a partial file, and a killed run leaves only a
temporary one, which the next run's recovery removes.
"""

from __future__ import annotations

import os
import re
import uuid
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from govnews import __version__
from govnews.runs.run import WrittenFile

# warcio compresses every record at zlib level 9: on pages of real weight
# (130 KB) that was 5.9 ms a page, 15 % of a crawl's CPU. Level 3 takes
# 2.0 ms for files 7 % larger (0.250 of the HTML against 0.234).
GZIP_LEVEL = 3


class _GzipMember:
    """One gzip member per record, as warcio writes it, at ``GZIP_LEVEL``."""

    def __init__(self, out: IO[bytes]):
        self.compressor = zlib.compressobj(GZIP_LEVEL, zlib.DEFLATED, zlib.MAX_WBITS + 16)
        self.out = out

    def write(self, data: bytes) -> None:
        self.out.write(self.compressor.compress(data))

    def flush(self) -> None:
        self.out.write(self.compressor.flush())
        self.out.flush()


class _Writer(WARCWriter):
    """warcio's writer, its per-record gzip at ``GZIP_LEVEL`` instead of 9."""

    def __init__(self, handle: IO[bytes], **options: Any):
        super().__init__(handle, gzip=False, **options)

    def _write_warc_record(self, out: IO[bytes], record: ArcWarcRecord) -> Any:
        return super()._write_warc_record(_GzipMember(out), record)


RAW_DIR = "_raw"
DATASET = "_raw"
GOVNEWS_HEADER_PREFIX = "X-Govnews-"
_SAFE_SITE = re.compile(r"^[a-z0-9][a-z0-9.-]{0,252}$")


def warc_date(moment: datetime) -> str:
    """A WARC 1.1 date: UTC, microseconds kept (the row's ``date_downloaded``).

    >>> warc_date(datetime(2026, 12, 2, 13, 5, 1, 250, tzinfo=timezone.utc))
    '2026-12-02T13:05:01.000250Z'
    """
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_warc_date(text: str) -> datetime:
    """A WARC-Date as an aware UTC datetime (with or without fractions).

    >>> parse_warc_date("2026-12-02T13:05:01.000250Z").microsecond, parse_warc_date("2021-02-25T11:20:00Z").hour
    (250, 11)
    """
    return datetime.fromisoformat(text.strip().replace("Z", "+00:00")).astimezone(timezone.utc)


def safe_site(site: str) -> str:
    """A site name fit for a partition folder (anything else is ``_unknown``).

    >>> safe_site("gonews.co"), safe_site("127.0.0.1"), safe_site("../etc")
    ('gonews.co', '127.0.0.1', '_unknown')
    """
    return site if _SAFE_SITE.match(site) and ".." not in site else "_unknown"


@dataclass(frozen=True)
class Exchange:
    """One fetch as archived: the request sent and the response kept.

    ``govnews`` holds the record's own ``X-Govnews-*`` WARC fields (role,
    site, public base URL, first URL of a split article).
    """

    url: str
    fetched_at: datetime
    status: int
    response_headers: list[tuple[str, str]]
    body: bytes
    method: str = "GET"
    request_headers: list[tuple[str, str]] = field(default_factory=list)
    request_body: bytes = b""
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None
    govnews: dict[str, str] = field(default_factory=dict)

    def response_record(self, writer: WARCWriter) -> ArcWarcRecord:
        try:
            phrase = HTTPStatus(self.status).phrase
        except ValueError:
            phrase = "Unknown"
        http = StatusAndHeaders(f"{self.status} {phrase}", self.response_headers, protocol=self.protocol)
        fields = _leading_fields("response", self.url, self.fetched_at)
        if self.ip_address:
            fields["WARC-IP-Address"] = self.ip_address
        fields.update({f"{GOVNEWS_HEADER_PREFIX}{name}": value for name, value in self.govnews.items() if value})
        return writer.create_warc_record(
            self.url, "response", payload=BytesIO(self.body), length=len(self.body),
            http_headers=http, warc_headers_dict=fields,
        )

    def request_record(self, writer: WARCWriter) -> ArcWarcRecord:
        parts = urlsplit(self.url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = list(self.request_headers)
        if not any(name.lower() == "host" for name, _ in headers):
            headers.insert(0, ("Host", parts.netloc))
        http = StatusAndHeaders(f"{self.method} {target} {self.protocol}", headers, is_http_request=True)
        return writer.create_warc_record(
            self.url, "request", payload=BytesIO(self.request_body), length=len(self.request_body),
            http_headers=http, warc_headers_dict=_leading_fields("request", self.url, self.fetched_at),
        )


def _leading_fields(record_type: str, url: str, fetched_at: datetime) -> dict[str, str]:
    """The named fields first, in the order the WARC specification lists them."""
    return {
        "WARC-Type": record_type,
        "WARC-Record-ID": f"<urn:uuid:{uuid.uuid4()}>",
        "WARC-Date": warc_date(fetched_at),
        "WARC-Target-URI": url,
    }


@dataclass
class _OpenFile:
    temp_path: Path
    final_path: Path
    handle: IO[bytes]
    writer: WARCWriter
    partition: dict[str, str]
    responses: int = 0


class ArchiveWriter:
    """The run's open WARC files, one per (site, fetch date), rotated by size.

    ``on_closed`` hears of every file renamed into place, for the run report.
    """

    def __init__(
        self,
        output_dir: Path,
        run_id: str,
        max_file_bytes: int,
        on_closed: Callable[[WrittenFile], None],
        info: dict[str, str] | None = None,
    ):
        self.output_dir = output_dir
        self.root = output_dir / RAW_DIR
        self.run_id = run_id
        self.max_file_bytes = max_file_bytes
        self.on_closed = on_closed
        self.info = info or {}
        self._open: dict[tuple[str, str], _OpenFile] = {}
        self._next_number = 0

    def write(self, site: str, exchange: Exchange) -> None:
        partition = (safe_site(site), exchange.fetched_at.astimezone(timezone.utc).strftime("%Y-%m-%d"))
        current = self._open.get(partition) or self._begin(*partition)
        current.writer.write_request_response_pair(exchange.request_record(current.writer),
                                                   exchange.response_record(current.writer))
        current.responses += 1
        if current.handle.tell() >= self.max_file_bytes:
            self._close(partition)

    def _begin(self, site: str, fetch_date: str) -> _OpenFile:
        directory = self.root / f"site={site}" / f"fetch_date={fetch_date}"
        directory.mkdir(parents=True, exist_ok=True)
        name = f"{self.run_id}-{self._next_number}.warc.gz"
        self._next_number += 1
        handle = (directory / f".{name}.tmp").open("wb")
        writer = _Writer(handle, warc_version="1.1")
        info = {
            "software": f"govnews/{__version__}",
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/",
            "isPartOf": self.run_id,
            "govnews-run-id": self.run_id,
            "govnews-version": __version__,
            **self.info,
        }
        writer.write_record(writer.create_warcinfo_record(name, info))
        opened = _OpenFile(directory / f".{name}.tmp", directory / name, handle, writer,
                           {"site": site, "fetch_date": fetch_date})
        self._open[(site, fetch_date)] = opened
        return opened

    def _close(self, partition: tuple[str, str]) -> None:
        current = self._open.pop(partition)
        current.handle.flush()
        os.fsync(current.handle.fileno())
        current.handle.close()
        os.replace(current.temp_path, current.final_path)
        self.on_closed(WrittenFile(
            dataset=DATASET,
            path=current.final_path.relative_to(self.output_dir).as_posix(),
            rows=current.responses,
            bytes=current.final_path.stat().st_size,
            partition=current.partition,
        ))

    def close_all(self) -> int:
        """Close (rename into place) every open file; how many were closed."""
        partitions = list(self._open)
        for partition in partitions:
            self._close(partition)
        return len(partitions)

    def discard(self) -> None:
        """Drop every open file (a storage failure): nothing partial stays."""
        for current in self._open.values():
            current.handle.close()
            current.temp_path.unlink(missing_ok=True)
        self._open.clear()
