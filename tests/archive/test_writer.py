"""The WARC writer: temporary names until closed, rotation by size, partitions by site and fetch date."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from govnews.archive.reader import ArchivedResponse, read_archive
from govnews.archive.writer import ArchiveWriter, Exchange
from govnews.runs.run import WrittenFile


def _page(n: int, day: int = 2) -> Exchange:
    # Random bytes do not compress: the file sizes are known in advance.
    return Exchange(url=f"https://kabarlembah.test/daerah/{n}", status=200,
                    fetched_at=datetime(2026, 12, day, 10, 0, n, tzinfo=timezone.utc),
                    response_headers=[("Content-Type", "text/html")], body=b"<html>" + os.urandom(30_000) + b"</html>",
                    govnews={"Role": "article", "Site": "kabarlembah.test"})


def test_files_stay_temporary_until_closed_then_rotate_by_size(tmp_path: Path) -> None:
    closed: list[WrittenFile] = []
    writer = ArchiveWriter(tmp_path, "run1", 64 * 1024, closed.append)
    writer.write("kabarlembah.test", _page(0))
    folder = tmp_path / "_raw" / "site=kabarlembah.test" / "fetch_date=2026-12-02"
    assert [p.name for p in folder.iterdir()] == [".run1-0.warc.gz.tmp"] and closed == []
    for n in range(1, 5):
        writer.write("kabarlembah.test", _page(n))
    writer.write("kabarlembah.test", _page(5, day=3))
    writer.close_all()
    assert [f.path for f in closed] == [
        "_raw/site=kabarlembah.test/fetch_date=2026-12-02/run1-0.warc.gz",
        "_raw/site=kabarlembah.test/fetch_date=2026-12-02/run1-1.warc.gz",
        "_raw/site=kabarlembah.test/fetch_date=2026-12-03/run1-2.warc.gz",
    ]
    assert [f.rows for f in closed] == [3, 2, 1]  # the first passed 64 KiB at its third page
    assert list(tmp_path.rglob("*.tmp")) == []
    for record in closed:
        assert record.bytes == (tmp_path / record.path).stat().st_size
        with (tmp_path / record.path).open("rb") as handle:
            kinds = [r.rec_type for r in ArchiveIterator(handle)]
        assert kinds[0] == "warcinfo" and kinds[1:] == ["response", "request"] * record.rows


def test_records_read_back_in_fetch_order_with_their_fields(tmp_path: Path) -> None:
    writer = ArchiveWriter(tmp_path, "run1", 64 * 1024, lambda written: None)
    pages = [_page(n) for n in range(4)]
    for page in pages:
        writer.write("kabarlembah.test", page)
    writer.close_all()
    read = [r for r in read_archive([tmp_path / "_raw"]) if isinstance(r, ArchivedResponse)]
    assert [(r.url, r.fetched_at, r.body) for r in read] == [(p.url, p.fetched_at, p.body) for p in pages]
    assert {r.role for r in read} == {"article"} and {r.site for r in read} == {"kabarlembah.test"}


def test_a_discarded_writer_leaves_nothing(tmp_path: Path) -> None:
    writer = ArchiveWriter(tmp_path, "run1", 1 << 20, lambda written: None)
    writer.write("kabarlembah.test", _page(0))
    writer.discard()
    assert [p for p in (tmp_path / "_raw").rglob("*") if p.is_file()] == []


def test_every_record_is_its_own_gzip_member(tmp_path: Path) -> None:
    import zlib

    closed: list[WrittenFile] = []
    writer = ArchiveWriter(tmp_path, "run1", 1 << 20, closed.append)
    text = ("<p>Bupati meresmikan jembatan desa bersama warga.</p>" * 400).encode()
    writer.write("kabarlembah.test", Exchange(
        url="https://kabarlembah.test/daerah/1", status=200, fetched_at=datetime(2026, 12, 2, tzinfo=timezone.utc),
        response_headers=[("Content-Type", "text/html")], body=text, govnews={"Role": "article"}))
    writer.close_all()
    data = (tmp_path / closed[0].path).read_bytes()
    members, offsets = [], 0
    while data:
        inflate = zlib.decompressobj(zlib.MAX_WBITS + 16)
        members.append(inflate.decompress(data))
        offsets += len(data) - len(inflate.unused_data)
        data = inflate.unused_data
    assert [m.split(b"\r\n", 2)[1] for m in members] == [b"WARC-Type: warcinfo", b"WARC-Type: response",
                                                         b"WARC-Type: request"]
    assert text in members[1]
    assert offsets < len(text) / 10  # repetitive HTML compresses, at the faster level too
