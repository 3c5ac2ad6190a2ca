"""GOVNEWS_ARCHIVE: off writes nothing, all archives listings too, a bad value stops at start-up;
a dead run's temporary WARC file is removed by the next run."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitegen.generate import generate_site
from sitegen.server import serve_in_thread

from archive_helpers import article_rows, govnews, responses
from crawling import manifests, scrapy_crawl
from govnews.archive.writer import ArchiveWriter, Exchange


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("site")
    generate_site(site, article_count=6, seed_value=3)
    return site


# The generator always adds its two pages to quarantine: on a small site that is a high ratio.
LENIENT = {"GOVNEWS_MAX_QUARANTINE_RATIO": "1"}


def _dead_run_with_archive(out: Path) -> tuple[Path, Path]:
    """A run killed with one WARC file closed and one still open."""
    written = []
    writer = ArchiveWriter(out, "deadrun", 1 << 20, written.append)
    page = Exchange(url="http://127.0.0.1:1/berita/baca/x", fetched_at=datetime(2026, 1, 5, tzinfo=timezone.utc),
                    status=200, response_headers=[("Content-Type", "text/html")], body=b"<html></html>")
    writer.write("gonews.co", page)
    writer.close_all()
    writer.write("gonews.co", page)  # left open: the process "dies" here
    (out / "_runs").mkdir(parents=True, exist_ok=True)
    (out / "_runs" / "deadrun.json").write_text(json.dumps(
        {"run_id": "deadrun", "status": "running", "started_at": "2026-01-05T00:00:00+00:00", "files": []}))
    temp = next((out / "_raw").rglob(".deadrun-*.warc.gz.tmp"))
    return out / written[0].path, temp


def test_off_writes_nothing_and_recovery_removes_a_dead_runs_temporary_warc(
    small_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    closed, temp = _dead_run_with_archive(tmp_path)
    monkeypatch.setenv("GOVNEWS_ARCHIVE", "off")
    with serve_in_thread(small_site) as base_url:
        result = scrapy_crawl(base_url, tmp_path, "max_pages=10", settings=LENIENT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not temp.exists() and closed.exists()
    assert sorted(p.name for p in (tmp_path / "_raw").rglob("*.warc.gz*")) == [closed.name]  # nothing new
    dead = next(m for m in manifests(tmp_path) if m["run_id"] == "deadrun")
    assert dead["status"] == "incomplete" and dead["temp_files_removed"] == 1
    assert [f["path"] for f in dead["archive_files"]] == [closed.relative_to(tmp_path).as_posix()]
    assert dead["archive_files"][0]["rows"] == 1
    run = next(m for m in manifests(tmp_path) if m["spider"] == "gonews")
    assert run["archive_files"] == [] and run["summary"]["pages_archived"] == 0
    assert run["summary"]["articles_stored"] > 0


def test_all_archives_listings_robots_and_articles_and_reprocess_skips_the_rest(
    small_site: Path, tmp_path: Path
) -> None:
    out, other = tmp_path / "out", tmp_path / "other"
    with serve_in_thread(small_site) as base_url:
        result = scrapy_crawl(base_url, out, "max_pages=10", settings={**LENIENT, "GOVNEWS_ARCHIVE": "all"})
    assert result.returncode == 0, result.stderr[-3000:]
    by_role: dict[str, set[str]] = {}
    for warc, _, _ in responses(out):
        path = urlsplit(warc.get_header("WARC-Target-URI")).path
        by_role.setdefault(warc.get_header("X-Govnews-Role"), set()).add(path)
    assert {"/", "/robots.txt"} <= by_role["page"]
    rendered = {warc.get_header("X-Govnews-Rendered") for warc, _, _ in responses(out)}
    assert rendered == {None, "browser"}  # the popular list, as Chromium rendered it
    assert any(p.startswith("/berita/kategori/") for p in by_role["page"])
    assert by_role["article"] and all(p.startswith("/berita/baca/") for p in by_role["article"])
    reprocessed = govnews("reprocess", "--archive", str(out / "_raw"), "--output", str(other))
    assert reprocessed.returncode == 1  # the same two of eight quarantined: unhealthy, as the crawl at the default
    assert "quarantine ratio" in json.dumps(manifests(other)[0]["health"]), reprocessed.stderr[-3000:]
    assert article_rows(other) == article_rows(out)
    (report,) = manifests(other)
    skipped = report["summary"]["archived_records_skipped"]
    pages = sum(1 for warc, _, _ in responses(out) if warc.get_header("X-Govnews-Role") == "page")
    assert sum(v for k, v in skipped.items() if k in {"not_an_article_request", "status_404"}) == pages
    assert skipped["record_request"] == len(responses(out))
    assert "archived records skipped" in govnews("report", str(other)).stdout


def test_a_bad_value_is_a_usage_error_before_the_crawl(tmp_path: Path) -> None:
    result = scrapy_crawl("http://127.0.0.1:9", tmp_path, settings={"GOVNEWS_ARCHIVE": "sometimes"})
    assert result.returncode == 2
    assert "GOVNEWS_ARCHIVE must be one of articles, all, off, got 'sometimes'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "_raw").exists()
