"""A WARC in the shape others write (wget, warcprox, a news crawl): WARC/1.0,
raw gzip and chunked payloads, revisit, request, metadata and warcinfo
records, pages that are no articles, a site without a profile."""

from __future__ import annotations

import gzip
import json
from datetime import datetime, timezone
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from sitegen.generate import generate_site, load_truth
from warcio.warcwriter import WARCWriter

from archive_helpers import ARTICLES, HOME, chunked, article_rows, govnews
from crawling import manifests

LEMBAH = "https://kabarlembah.test"


def _http(status: str, headers: list[tuple[str, str]], body: bytes) -> bytes:
    head = "".join(f"{name}: {value}\r\n" for name, value in headers)
    return f"HTTP/1.1 {status}\r\n{head}\r\n".encode("latin-1") + body


def _date(day: int) -> str:
    return f"2026-03-{day:02d}T08:00:00Z"


def _response(writer: WARCWriter, url: str, message: bytes, day: int) -> Any:
    return writer.create_warc_record(url, "response", payload=BytesIO(message), length=len(message),
                                     warc_headers_dict={"WARC-Date": _date(day)})


def _request(writer: WARCWriter, url: str, day: int) -> Any:
    path = "/" + url.split("/", 3)[3]
    message = f"GET {path} HTTP/1.1\r\nUser-Agent: Wget/1.21.3\r\nAccept: */*\r\n\r\n".encode()
    return writer.create_warc_record(url, "request", payload=BytesIO(message), length=len(message),
                                     warc_headers_dict={"WARC-Date": _date(day)})


def write_foreign_warc(path: Path, gonews_url: str, gonews_html: bytes) -> dict[str, int]:
    """The test's foreign WARC; how many records of each kind it holds."""
    (first_path, first_html), (second_path, second_html) = ARTICLES.items()
    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True, warc_version="1.0")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "Wget/1.21.3", "format": "WARC File Format 1.0"}))
        pairs = [
            # As wget keeps it: the body as it came off the wire, gzip-encoded in chunks.
            (f"{LEMBAH}{first_path}", _http("200 OK", [("Server", "nginx"), ("Content-Type", "text/html; charset=UTF-8"),
             ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked"), ("Set-Cookie", "sid=1; Path=/")],
             chunked(gzip.compress(first_html.encode()))), 2),
            # A header naming Latin-1 over a UTF-8 body, gzip with a length.
            (f"{LEMBAH}{second_path}", _http("200 OK", [("Content-Type", "text/html; charset=ISO-8859-1"),
             ("Content-Encoding", "gzip"), ("Content-Length", str(len(gzip.compress(second_html.encode()))))],
             gzip.compress(second_html.encode())), 6),
            (gonews_url, _http("200 OK", [("Content-Type", "text/html; charset=utf-8"),
             ("Content-Length", str(len(gonews_html)))], gonews_html), 4),
            (f"{LEMBAH}/", _http("200 OK", [("Content-Type", "text/html")], HOME.encode()), 2),
            (f"{LEMBAH}/foto/pasar.jpg", _http("200 OK", [("Content-Type", "image/jpeg")], b"\xff\xd8\xff\xe0 not really"), 2),
            (f"{LEMBAH}/daerah/hilang", _http("404 Not Found", [("Content-Type", "text/html")], b"<html>hilang</html>"), 2),
        ]
        for url, message, day in pairs:
            writer.write_request_response_pair(_request(writer, url, day), _response(writer, url, message, day))
        revisit = writer.create_revisit_record(f"{LEMBAH}{first_path}", digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                               refers_to_uri=f"{LEMBAH}{first_path}", refers_to_date=_date(2))
        writer.write_record(revisit)
        fields = b"via: https://kabarlembah.test/\r\nhopsFromSeed: L\r\n"
        writer.write_record(writer.create_warc_record(f"{LEMBAH}{first_path}", "metadata", payload=BytesIO(fields),
                                                      length=len(fields)))
    return {"responses": len(pairs), "requests": len(pairs)}


@pytest.fixture(scope="module")
def foreign(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    site = tmp_path_factory.mktemp("site")
    generate_site(site, article_count=3, seed_value=5)
    truth = load_truth(site)
    routes = json.loads((site / "routes.json").read_text())["routes"]
    # A whole article (not split over pages) of a site with a profile, as fetched from the live host.
    article = next(a for a in truth["articles"] if a["expect"] == "store"
                   and f"{a['url_path']}?page=2" not in routes)
    html = (site / routes[article["url_path"]]["file"]).read_bytes()
    warc = tmp_path_factory.mktemp("warc") / "foreign.warc.gz"
    counts = write_foreign_warc(warc, article["canonical_url"], html)
    out = tmp_path_factory.mktemp("out")
    first = govnews("reprocess", "--archive", str(warc), "--output", str(out))
    rows = article_rows(out)
    second = govnews("reprocess", "--archive", str(warc), "--output", str(out))
    return {"warc": warc, "out": out, "first": first, "rows": rows, "second": second, "article": article,
            "counts": counts}


def test_articles_of_a_foreign_warc_are_stored(foreign: dict[str, Any]) -> None:
    assert foreign["first"].returncode == 0, foreign["first"].stderr[-3000:]
    rows = {row["url"]: row for row in foreign["rows"].values()}
    wanted = {f"{LEMBAH}{p}" for p in ARTICLES} | {foreign["article"]["canonical_url"]}
    assert set(rows) == wanted
    market = rows[f"{LEMBAH}/daerah/pasar-tradisional-dibuka-kembali"]
    assert market["headline"] == "Pasar Tradisional Dibuka Kembali Setelah Renovasi"
    assert market["site"] == "kabarlembah.test" and len(market["paragraphs"]) == 3
    assert "direnovasi selama enam bulan" in market["article_body"]
    assert market["date_published"] == datetime(2021, 3, 3, 2, 30, tzinfo=timezone.utc)
    assert market["date_downloaded"] == datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)  # its WARC-Date
    books = rows[f"{LEMBAH}/daerah/sekolah-terpencil-terima-bantuan-buku"]
    assert books["headline"] == "Sekolah Terpencil Terima Bantuan Buku Bacaan"
    assert "Rp 40 juta – dari dana desa –" in books["article_body"]  # a Latin-1 header does not garble a UTF-8 body
    # The site with a profile is read by its own page object, as a crawl of it would be.
    gonews = rows[foreign["article"]["canonical_url"]]
    assert gonews["headline"] == foreign["article"]["headline"]
    assert gonews["paragraphs"] == foreign["article"]["body_paragraphs"]
    assert gonews["editor"] == foreign["article"]["editor"]


def test_records_that_are_no_article_are_counted_in_the_report(foreign: dict[str, Any]) -> None:
    (report,) = [m for m in manifests(foreign["out"]) if m["summary"]["articles_stored"]]
    assert report["summary"]["archived_records_skipped"] == {
        "not_an_article": 1,
        "not_html": 1,
        "record_metadata": 1,
        "record_request": foreign["counts"]["requests"],
        "record_revisit": 1,
        "record_warcinfo": 1,
        "status_404": 1,
    }
    assert report["summary"]["archived_pages_read"] == foreign["counts"]["responses"]
    assert report["health"]["healthy"] is True


def test_reprocessing_it_again_adds_nothing(foreign: dict[str, Any]) -> None:
    assert foreign["second"].returncode == 0, foreign["second"].stderr[-3000:]
    assert article_rows(foreign["out"]) == foreign["rows"]
    latest = max(manifests(foreign["out"]), key=lambda m: m["started_at"])
    assert latest["rows"] == {} and latest["summary"]["articles_unchanged"] == 3


def test_site_and_since_choose_the_pages(foreign: dict[str, Any], tmp_path: Path) -> None:
    by_site = govnews("reprocess", "--archive", str(foreign["warc"]), "--site", "kabarlembah.test",
                      "--output", str(tmp_path / "site"))
    assert by_site.returncode == 0, by_site.stderr[-3000:]
    assert {row["site"] for row in article_rows(tmp_path / "site").values()} == {"kabarlembah.test"}
    assert len(article_rows(tmp_path / "site")) == 2
    since = govnews("reprocess", "--archive", str(foreign["warc"]), "--since", "2026-03-05",
                    "--output", str(tmp_path / "since"))
    assert since.returncode == 0, since.stderr[-3000:]
    assert [row["url"] for row in article_rows(tmp_path / "since").values()] == [
        f"{LEMBAH}/daerah/sekolah-terpencil-terima-bantuan-buku"]


def test_a_missing_archive_is_a_usage_error(tmp_path: Path) -> None:
    result = govnews("reprocess", "--archive", str(tmp_path / "nowhere.warc.gz"), "--output", str(tmp_path))
    assert result.returncode == 2 and "no such WARC file or folder" in result.stderr
