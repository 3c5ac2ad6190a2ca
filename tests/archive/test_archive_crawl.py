"""A crawl of the loopback sample site archives its article pages; reprocessing
the archive with the server stopped gives the crawl's rows, and a second time none."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from fastwarc.warc import ArchiveIterator as FastArchiveIterator
from fastwarc.warc import WarcRecordType
from sitegen.generate import generate_site, load_truth
from sitegen.server import serve_in_thread

from archive_helpers import article_rows, govnews, responses, warc_paths
from crawling import manifests, scrapy_crawl


def crawl_report(output_dir: Path) -> dict[str, Any]:
    (report,) = [m for m in manifests(output_dir) if m["spider"] == "gonews"]
    return report


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    site = tmp_path_factory.mktemp("site")
    out = tmp_path_factory.mktemp("output")
    other = tmp_path_factory.mktemp("other")
    generate_site(site, article_count=40, seed_value=7)
    with serve_in_thread(site) as base_url:
        crawl = scrapy_crawl(base_url, out, "max_pages=100")
    # The server is stopped: reprocessing has no network to fall back on.
    first = govnews("reprocess", "--archive", str(out / "_raw"), "--output", str(other))
    first_rows = article_rows(other)
    second = govnews("reprocess", "--archive", str(out / "_raw"), "--output", str(other))
    crawled = article_rows(out)
    # Into the crawl's own output: the same code adds nothing; then changed cleaning
    # (typo correction off) makes new versions of the articles whose body it changes, only.
    same = govnews("reprocess", "--archive", str(out / "_raw"), "--output", str(out))
    changed = govnews("reprocess", "--archive", str(out / "_raw"), "--output", str(out), env={"GOVNEWS_TYPOS": "off"})
    return {"crawled": crawled, "same": same, "changed": changed,"site": site, "out": out, "other": other, "base_url": base_url, "crawl": crawl,
            "first": first, "first_rows": first_rows, "second": second, "truth": load_truth(site)}


def test_every_article_page_is_archived(archived: dict[str, Any]) -> None:
    assert archived["crawl"].returncode == 0, archived["crawl"].stderr[-3000:]
    paths = {urlsplit(h.get_header("WARC-Target-URI")).path for h, _, _ in responses(archived["out"])}
    wanted = {a["url_path"] for a in archived["truth"]["articles"]}
    assert wanted <= paths
    roles = [h.get_header("X-Govnews-Role") for h, _, _ in responses(archived["out"])]
    # Articles mode: only what the article callback got (first pages and further pages).
    assert set(roles) == {"article", "article-part"} and roles.count("article") == len(wanted)
    for warc, http, payload in responses(archived["out"]):
        assert http.get_statuscode() == "200"
        assert http.get_header("Content-Length") == str(len(payload))
        assert http.get_header("Content-Encoding") is None and http.get_header("Transfer-Encoding") is None
        assert warc.get_header("X-Govnews-Site") == "gonews.co"
        assert payload.rstrip().endswith(b"</html>")


def test_files_are_laid_out_by_site_and_fetch_date_and_listed_in_the_report(archived: dict[str, Any]) -> None:
    out: Path = archived["out"]
    manifest = crawl_report(out)
    on_disk = [p.relative_to(out).as_posix() for p in warc_paths(out)]
    assert on_disk and sorted(f["path"] for f in manifest["archive_files"]) == sorted(on_disk)
    fetch_date = manifest["started_at"][:10]
    for record in manifest["archive_files"]:
        assert record["path"].startswith(f"_raw/site=gonews.co/fetch_date={fetch_date}/{manifest['run_id']}-")
        assert record["path"].endswith(".warc.gz") and record["bytes"] == (out / record["path"]).stat().st_size
        assert record["partition"] == {"site": "gonews.co", "fetch_date": fetch_date}
    assert sum(f["rows"] for f in manifest["archive_files"]) == len(responses(out))
    assert manifest["summary"]["pages_archived"] == len(responses(out))
    assert list(out.rglob("*.tmp")) == []
    report = govnews("report", str(out), manifest["run_id"])
    assert f"WARC files written: {len(on_disk)}" in report.stdout
    assert all(path in report.stdout for path in on_disk)


def test_each_file_opens_with_a_warcinfo_naming_the_run(archived: dict[str, Any]) -> None:
    from warcio.archiveiterator import ArchiveIterator

    manifest = crawl_report(archived["out"])
    for path in warc_paths(archived["out"]):
        with path.open("rb") as handle:
            first = next(iter(ArchiveIterator(handle)))
            fields = first.content_stream().read().decode()
        assert first.rec_type == "warcinfo" and first.rec_headers.protocol == "WARC/1.1"
        assert f"govnews-run-id: {manifest['run_id']}" in fields and "software: govnews/" in fields


def test_a_second_reader_reads_the_same_records_with_valid_digests(archived: dict[str, Any]) -> None:
    with_warcio = [(h.get_header("WARC-Target-URI"), payload) for h, _, payload in responses(archived["out"])]
    with_fastwarc = []
    for path in warc_paths(archived["out"]):
        with path.open("rb") as handle:
            for record in FastArchiveIterator(handle, record_types=WarcRecordType.response, parse_http=False):
                assert record.verify_block_digest(consume=False)
                record.parse_http()
                assert record.verify_payload_digest(consume=False) and record.http_headers.status_code == 200
                with_fastwarc.append((record.headers["WARC-Target-URI"], record.reader.read()))
    assert with_fastwarc == with_warcio


def test_reprocessing_without_the_server_gives_the_crawls_rows(archived: dict[str, Any]) -> None:
    first = archived["first"]
    assert first.returncode == 0, first.stderr[-3000:]
    crawled = archived["crawled"]
    assert len(crawled) == sum(a["expect"] == "store" for a in archived["truth"]["articles"])
    assert archived["first_rows"].keys() == crawled.keys()
    assert archived["first_rows"] == crawled  # every field, date_downloaded (the WARC-Date) too
    reprocess = next(m for m in manifests(archived["other"]) if m["spider"] == "reprocess")
    crawl = crawl_report(archived["out"])
    assert reprocess["health"] == {"healthy": True, "reasons": []}
    assert reprocess["summary"]["articles_quarantined"] == crawl["summary"]["articles_quarantined"]
    assert reprocess["summary"]["fixes_by_rule"] == crawl["summary"]["fixes_by_rule"]
    assert reprocess["summary"]["archived_pages_read"] == len(responses(archived["out"]))
    assert reprocess["summary"]["pages_by_status"] == {}  # nothing was fetched
    assert reprocess["archive_files"] == []


def test_a_second_reprocess_adds_no_row(archived: dict[str, Any]) -> None:
    second = archived["second"]
    assert second.returncode == 0, second.stderr[-3000:]
    assert article_rows(archived["other"]) == archived["first_rows"]
    latest = max(manifests(archived["other"]), key=lambda m: m["started_at"])
    assert latest["rows"] == {} and latest["files"] == []
    assert latest["summary"]["articles_unchanged"] == len(archived["first_rows"])


def test_changed_code_writes_new_versions_only_of_articles_whose_content_changed(archived: dict[str, Any]) -> None:
    same, changed = archived["same"], archived["changed"]
    assert same.returncode == 0 and changed.returncode == 0, (same.stderr[-2000:], changed.stderr[-2000:])
    runs = sorted((m for m in manifests(archived["out"]) if m["spider"] == "reprocess"), key=lambda m: m["started_at"])
    assert [r["summary"]["articles_stored"] for r in runs[:1]] == [0]
    assert runs[0]["summary"]["articles_unchanged"] == len(archived["crawled"])
    corrected = {
        key for key, row in archived["crawled"].items()
        if any(f["rule"] in {"typo", "typo_curated"} and f["field"] == "paragraphs" for f in row["quality"]["fixes"])
    }
    assert corrected
    summary = runs[1]["summary"]
    assert summary["articles_new_versions"] == len(corrected) and summary["articles_new"] == 0
    assert summary["articles_unchanged"] == len(archived["crawled"]) - len(corrected)
    urls = {url for url, _ in corrected}
    new_rows = [row for key, row in article_rows(archived["out"]).items() if key not in archived["crawled"]]
    assert sorted(row["url"] for row in new_rows) == sorted(urls)
    assert all(not any(f["rule"].startswith("typo") for f in row["quality"]["fixes"]) for row in new_rows)
