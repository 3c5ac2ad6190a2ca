"""A page sent gzip-encoded in chunks is archived as Scrapy kept it, decoded,
and its record says so: the wire's encoding in an X-Govnews-Original-* header
only; a page reached through a redirect names the URL first asked for."""

from __future__ import annotations

from pathlib import Path

from archive_helpers import ARTICLES, MOVED, article_rows, govnews, gzip_chunked_server, responses
from crawling import news_crawl


def test_gzip_chunked_pages_are_archived_decoded_and_reprocessed_alike(tmp_path: Path) -> None:
    out, other = tmp_path / "out", tmp_path / "other"
    with gzip_chunked_server() as base_url:
        result = news_crawl(base_url, out, "max_pages=2", settings={"ROBOTSTXT_OBEY": "False"})
    assert result.returncode == 0, result.stderr[-3000:]
    records = {warc.get_header("WARC-Target-URI"): (warc, http, body) for warc, http, body in responses(out)}
    assert set(records) == {f"{base_url}{path}" for path in ARTICLES}
    for path, html in ARTICLES.items():
        warc, http, body = records[f"{base_url}{path}"]
        assert body == html.encode("utf-8")
        assert http.get_header("Content-Encoding") is None and http.get_header("Transfer-Encoding") is None
        assert http.get_header("Content-Length") == str(len(body))
        assert http.get_header("X-Govnews-Original-Content-Encoding") == "gzip"
        # Twisted takes the chunked framing off before Scrapy sees headers: nothing claims it.
        assert http.get_header("X-Govnews-Original-Transfer-Encoding") is None
        assert warc.get_header("X-Govnews-Role") == "article"
        moved_from = [old for old, new in MOVED.items() if new == path]
        # The URL asked for, when a redirect led elsewhere; the record is of the final one.
        assert warc.get_header("X-Govnews-Requested-URI") == (f"{base_url}{moved_from[0]}" if moved_from else None)
    stored = article_rows(out)
    assert len(stored) == len(ARTICLES)
    reprocessed = govnews("reprocess", "--archive", str(out / "_raw"), "--output", str(other))
    assert reprocessed.returncode == 0, reprocessed.stderr[-3000:]
    assert article_rows(other) == stored
