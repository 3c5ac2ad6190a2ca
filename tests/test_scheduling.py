"""Scheduled runs: incremental, idempotent, versioned, resumable after SIGKILL, loud.

Every test crawls a real loopback site (``faultsite``) with ``scrapy crawl``
in a subprocess and reads the dataset back with DuckDB/pyarrow.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
from crawling import REPO, manifests, scrapy_crawl
from faultsite import (
    Card,
    FaultSite,
    Story,
    listing_page,
    ok,
    plain_stories,
    shown_date,
    status,
)

QUIET = {
    "GOVNEWS_POPULAR_ENABLED": "False",
    "ROBOTSTXT_OBEY": "False",
    "LOG_LEVEL": "WARNING",
    "DOWNLOAD_TIMEOUT": "5",
}


def crawl(base_url: str, out: Path, *args: str, **settings: str) -> subprocess.CompletedProcess[str]:
    return scrapy_crawl(base_url, out, *args, settings={**QUIET, **settings}, timeout=180)


def latest_manifest(out: Path) -> dict[str, Any]:
    return max(manifests(out), key=lambda m: m["started_at"])


def article_rows(out: Path) -> list[tuple[Any, ...]]:
    glob = (out / "articles" / "**" / "*.parquet").as_posix()
    return duckdb.sql(
        f"SELECT canonical_url, content_hash, date_downloaded, article_body"
        f" FROM read_parquet('{glob}', hive_partitioning = true) ORDER BY canonical_url, date_downloaded"
    ).fetchall()


def home_site(stories: list[Story]) -> FaultSite:
    site = FaultSite()
    for story in stories:
        site.add_story(story)
    cards = [Card(s.path, s.headline or "", s.date_raw or "") for s in stories]
    site.routes["/"] = ok(listing_page("Berita Terkini", cards))
    return site


def test_second_run_downloads_no_article_again_and_adds_no_rows(tmp_path: Path) -> None:
    site = home_site(plain_stories(5))
    with site.serving() as base_url:
        first = crawl(base_url, tmp_path)
        assert first.returncode == 0, first.stderr[-3000:]
        assert len(site.article_hits()) == 5
        rows_before = article_rows(tmp_path)
        site.reset_hits()
        second = crawl(base_url, tmp_path)
    assert second.returncode == 0, second.stderr[-3000:]
    assert site.article_hits() == {}  # listings only
    assert site.hits["/"] == 1
    assert article_rows(tmp_path) == rows_before and len(rows_before) == 5
    report = latest_manifest(tmp_path)
    assert report["status"] == "complete" and report["health"] == {"healthy": True, "reasons": []}
    assert report["summary"]["articles_skipped_as_stored"] == 5
    assert report["summary"]["articles_stored"] == 0 and report["files"] == []
    state = tmp_path / "_state" / "articles.sqlite3"
    assert state.exists()


def test_changed_article_is_stored_again_as_a_new_version_and_readers_pick_the_latest(tmp_path: Path) -> None:
    stories = plain_stories(3)
    site = home_site(stories)
    with site.serving() as base_url:
        assert crawl(base_url, tmp_path).returncode == 0
        changed = stories[1]
        changed.date_raw = f"{changed.date_raw} | Diperbarui: Selasa, 7 Desember 2021 09:00 WIB"
        changed.paragraphs = [*changed.paragraphs, "Pembaruan: rapat dilanjutkan pekan depan."]
        plain = crawl(base_url, tmp_path)  # incremental: the stored article is not re-read
        full = crawl(base_url, tmp_path, "full=1")
    assert plain.returncode == 0 and full.returncode == 0, full.stderr[-3000:]
    summary = latest_manifest(tmp_path)["summary"]
    assert summary["articles_new_versions"] == 1 and summary["articles_unchanged"] == 2
    rows = article_rows(tmp_path)
    assert len(rows) == 4
    versions = [r for r in rows if r[0].endswith(changed.path)]
    assert len(versions) == 2 and versions[0][1] != versions[1][1]
    # The reader rule: per canonical_url, the latest date_downloaded wins.
    glob = (tmp_path / "articles" / "**" / "*.parquet").as_posix()
    current = duckdb.sql(
        f"SELECT article_body FROM read_parquet('{glob}', hive_partitioning = true)"
        f" WHERE canonical_url = '{versions[0][0]}' QUALIFY row_number() OVER"
        f" (PARTITION BY canonical_url ORDER BY date_downloaded DESC) = 1"
    ).fetchall()
    assert len(current) == 1 and current[0][0].endswith("Pembaruan: rapat dilanjutkan pekan depan.")


def _paged_category(site: FaultSite) -> None:
    """A category of four pages, two articles each, newest first."""
    dates = [(12, 6), (12, 5), (11, 20), (11, 19), (10, 1), (9, 30), (8, 2), (8, 1)]
    cards = []
    for n, (month, day) in enumerate(dates):
        story = Story(
            f"/berita/baca/2021/arsip-{n}", f"Arsip Berita Nomor {n}", shown_date(date(2021, month, day)),
            [f"JAKARTA - Isi berita arsip nomor {n} untuk uji paginasi."],
        )
        site.add_story(story)
        cards.append(Card(story.path, story.headline or "", story.date_raw or ""))
    for page in range(1, 5):
        next_href = f"/berita/kategori/arsip?page={page + 1}" if page < 4 else None
        site.routes[f"/berita/kategori/arsip?page={page}"] = ok(
            listing_page("Arsip", cards[2 * (page - 1): 2 * page], next_href)
        )
    site.routes["/berita/kategori/arsip"] = site.routes["/berita/kategori/arsip?page=1"]
    site.routes["/"] = ok(listing_page("Berita Terkini", [], nav=["/berita/kategori/arsip"]))


def test_pagination_stops_at_a_page_of_stored_articles_and_since_pages_back(tmp_path: Path) -> None:
    site = FaultSite()
    _paged_category(site)
    with site.serving() as base_url:
        first = crawl(base_url, tmp_path, "max_pages=10")
        assert first.returncode == 0, first.stderr[-3000:]
        assert len(article_rows(tmp_path)) == 8
        site.reset_hits()
        second = crawl(base_url, tmp_path, "max_pages=10")
        listing_hits_second = sorted(p for p in site.log if "kategori" in p)
        site.reset_hits()
        backfill = crawl(base_url, tmp_path, "max_pages=10", "since=2021-11-01")
        listing_hits_since = sorted(p for p in site.log if "kategori" in p)
    assert second.returncode == 0 and backfill.returncode == 0, backfill.stderr[-3000:]
    # Page 1 holds only stored articles: nothing further back is read.
    assert listing_hits_second == ["/berita/kategori/arsip"]
    assert latest_manifest(tmp_path)["summary"]["articles_stored"] == 0
    # since=2021-11-01 reads on until a page holds only older articles (page 3).
    assert listing_hits_since == [
        "/berita/kategori/arsip", "/berita/kategori/arsip?page=2", "/berita/kategori/arsip?page=3",
    ]
    assert site.article_hits() == {}
    assert len(article_rows(tmp_path)) == 8


def test_exit_status_is_1_when_the_articles_listings_link_answer_404_or_410(tmp_path: Path) -> None:
    site = FaultSite()
    cards = [Card("/berita/baca/2021/12/06/hilang-a", "Hilang A"), Card("/berita/baca/2021/12/06/hilang-b", "Hilang B")]
    site.routes["/"] = ok(listing_page("Berita Terkini", cards))
    site.routes["/berita/baca/2021/12/06/hilang-a"] = status(404)
    site.routes["/berita/baca/2021/12/06/hilang-b"] = status(410)
    with site.serving() as base_url:
        result = crawl(base_url, tmp_path)
    assert result.returncode == 1
    report = latest_manifest(tmp_path)
    assert report["status"] == "complete" and report["health"]["healthy"] is False
    # Dead links are failures of what the run tried, not new articles it failed to store.
    assert report["health"]["reasons"] == [
        "error ratio 0.67 above GOVNEWS_MAX_ERROR_RATIO 0.05 (2 errors / 3 requests)"
    ]
    assert report["summary"]["failed_by_reason"] == {"http_404": 1, "http_410": 1}
    assert report["summary"]["articles_answered_dead"] == 2


def _visible_parquet_is_whole(out: Path) -> int:
    """Every visible part file reads back entirely; the number of rows seen."""
    rows = 0
    for path in (out / "articles").glob("**/part-*.parquet"):
        rows += pq.read_table(path).num_rows  # raises on a partial or corrupt file
    return rows


def test_run_killed_with_sigkill_resumes_with_jobdir_and_stores_every_article_once(tmp_path: Path) -> None:
    stories = plain_stories(24)
    site = home_site(stories)
    site.gate_after = 4
    out, jobdir = tmp_path / "out", tmp_path / "job"
    settings = {
        **QUIET, "GOVNEWS_OUTPUT_DIR": str(out), "JOBDIR": str(jobdir),
        "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS": "1", "DOWNLOAD_DELAY": "0.1",
        "GOVNEWS_ROW_GROUP_SIZE": "3", "GOVNEWS_MAX_ROWS_PER_FILE": "3", "GOVNEWS_COMMIT_INTERVAL": "600",
    }
    command = [sys.executable, "-m", "scrapy", "crawl", "gonews"]
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with site.serving() as base_url:
        args = [*command, "-a", f"base_url={base_url}"]
        for key, value in settings.items():
            args += ["-s", f"{key}={value}"]
        log = (tmp_path / "killed.log").open("wb")
        process = subprocess.Popen(args, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            # Four articles are served, the fifth request is held: three rows are
            # committed (one file), the fourth is fetched but only buffered.
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and process.poll() is None:
                committed = _visible_parquet_is_whole(out) if (out / "articles").exists() else 0
                if committed == 3 and sum(site.article_hits().values()) == 5:
                    break
                time.sleep(0.02)
            assert process.poll() is None, (tmp_path / "killed.log").read_text()[-3000:]
            process.send_signal(signal.SIGKILL)
            process.wait(30)
        finally:
            if process.poll() is None:
                process.kill()
            log.close()
        fetched_before_kill = set(site.article_hits())
        killed = manifests(out)
        assert [m["status"] for m in killed] == ["running"]
        assert _visible_parquet_is_whole(out) == 3
        committed_paths = {r[0].removeprefix("https://www.gonews.co") for r in article_rows(out)}
        uncommitted = fetched_before_kill - committed_paths
        assert len(uncommitted) == 2
        site.gate.set()
        site.reset_hits()
        resumed = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=180)
    assert resumed.returncode == 0, resumed.stderr[-3000:]
    rows = article_rows(out)
    assert len(rows) == 24 and len({r[0] for r in rows}) == 24
    # Articles fetched but never committed before the kill were fetched again;
    # the committed ones were not.
    refetched = set(site.article_hits())
    assert uncommitted <= refetched and not committed_paths & refetched
    assert not list(out.glob("articles/**/.part-*"))
    reports = {m["run_id"]: m for m in manifests(out)}
    dead = reports[killed[0]["run_id"]]
    assert dead["status"] == "incomplete" and dead["finish_reason"] == "process died"
    assert sum(f["rows"] for f in dead["files"]) == 3
    assert sorted(f["path"] for f in dead["files"]) == sorted(
        p.relative_to(out).as_posix() for p in out.glob(f"articles/**/part-{dead['run_id']}-*.parquet")
    )
    alive = [m for m in reports.values() if m["run_id"] != dead["run_id"]]
    assert len(alive) == 1 and alive[0]["status"] == "complete"
    assert alive[0]["stats"]["govnews/recovery/dead_runs"] == 1
    assert alive[0]["summary"]["articles_skipped_as_stored"] == 3
    json.dumps(reports)  # the manifests are plain JSON documents


def test_a_run_started_while_another_is_alive_refuses_loudly_and_commits_on_time(tmp_path: Path) -> None:
    site = home_site(plain_stories(6))
    site.gate_after = 2  # the first run stays alive, held on its third article
    out = tmp_path / "out"
    settings = {
        **QUIET, "GOVNEWS_OUTPUT_DIR": str(out), "AUTOTHROTTLE_ENABLED": "False", "CONCURRENT_REQUESTS": "1",
        "DOWNLOAD_DELAY": "0", "DOWNLOAD_TIMEOUT": "60", "GOVNEWS_COMMIT_INTERVAL": "1",
    }
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    with site.serving() as base_url:
        args = [sys.executable, "-m", "scrapy", "crawl", "gonews", "-a", f"base_url={base_url}"]
        for name, value in settings.items():
            args += ["-s", f"{name}={value}"]
        log = (tmp_path / "first.log").open("wb")
        first = subprocess.Popen(args, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            # Two rows, far below GOVNEWS_MAX_ROWS_PER_FILE: only the commit
            # interval can make them visible while the run is held.
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and first.poll() is None:
                if (out / "articles").exists() and _visible_parquet_is_whole(out) == 2:
                    break
                time.sleep(0.05)
            assert first.poll() is None, (tmp_path / "first.log").read_text()[-3000:]
            assert _visible_parquet_is_whole(out) == 2
            second = subprocess.run(args, cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
            assert second.returncode == 1, second.stderr[-3000:]
            site.gate.set()
            assert first.wait(120) == 0, (tmp_path / "first.log").read_text()[-3000:]
        finally:
            site.gate.set()
            if first.poll() is None:
                first.kill()
            log.close()
    reports = sorted(manifests(out), key=lambda m: m["started_at"])
    assert [r["status"] for r in reports] == ["complete", "incomplete"]
    refused = reports[1]
    assert refused["finish_reason"] == "another_run_active" and refused["files"] == []
    assert refused["health"]["reasons"] == ["crawl did not finish: another_run_active"]
    assert len(article_rows(out)) == 6
    assert reports[0]["stats"]["govnews/export/periodic_commits"] >= 1


def test_bad_incremental_arguments_and_settings_are_usage_errors(tmp_path: Path) -> None:
    bad_since = crawl("http://127.0.0.1:9", tmp_path, "since=kemarin")
    assert bad_since.returncode == 2 and "-a since must be a date YYYY-MM-DD" in bad_since.stderr
    bad_full = crawl("http://127.0.0.1:9", tmp_path, "full=mungkin")
    assert bad_full.returncode == 2 and "-a full must be" in bad_full.stderr
    bad_interval = crawl("http://127.0.0.1:9", tmp_path, GOVNEWS_COMMIT_INTERVAL="0")
    assert bad_interval.returncode == 2 and "GOVNEWS_COMMIT_INTERVAL must be >= 1" in bad_interval.stderr
    assert not (tmp_path / "_runs").exists()


def test_sigterm_commits_what_was_fetched_and_exits_1(tmp_path: Path) -> None:
    site = home_site(plain_stories(6))
    site.gate_after = 3
    out = tmp_path / "out"
    settings = {**QUIET, "GOVNEWS_OUTPUT_DIR": str(out), "CONCURRENT_REQUESTS": "1", "AUTOTHROTTLE_ENABLED": "False",
                "DOWNLOAD_DELAY": "0", "DOWNLOAD_TIMEOUT": "3", "RETRY_ENABLED": "False"}
    with site.serving() as base_url:
        args = [sys.executable, "-m", "scrapy", "crawl", "gonews", "-a", f"base_url={base_url}"]
        for name, value in settings.items():
            args += ["-s", f"{name}={value}"]
        log = (tmp_path / "crawl.log").open("wb")
        process = subprocess.Popen(args, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                                   stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 60
            # Three articles served, the fourth held: a graceful stop must keep the three.
            while time.monotonic() < deadline and sum(site.article_hits().values()) < 4:
                time.sleep(0.05)
            process.send_signal(signal.SIGTERM)
            returncode = process.wait(60)
        finally:
            site.gate.set()
            if process.poll() is None:
                process.kill()
            log.close()
    assert returncode == 1, (tmp_path / "crawl.log").read_text()[-3000:]
    [report] = manifests(out)
    assert report["status"] == "incomplete" and report["finish_reason"] == "shutdown"
    assert "crawl did not finish: shutdown" in report["health"]["reasons"]
    assert report["rows"] == {"articles": 3} and _visible_parquet_is_whole(out) == 3
    assert not list(out.glob("articles/**/.part-*"))


def test_recent_articles_are_read_again_within_the_refresh_window(tmp_path: Path) -> None:
    wib = timezone(timedelta(hours=7))
    published = datetime.now(wib) - timedelta(hours=2)
    fresh = Story("/berita/baca/terkini/baru-terbit", "Baru Terbit", shown_date(published.date(), f"{published:%H:%M}"),
                  ["JAKARTA - Versi pertama."])
    old = plain_stories(1)[0]
    site = home_site([fresh, old])
    with site.serving() as base_url:
        assert crawl(base_url, tmp_path).returncode == 0
        fresh.paragraphs = ["JAKARTA - Versi kedua, diperbarui."]
        site.reset_hits()
        refreshed = crawl(base_url, tmp_path, GOVNEWS_REFRESH_HOURS="24")
        refetched = dict(site.article_hits())
    assert refreshed.returncode == 0, refreshed.stderr[-3000:]
    assert refetched == {fresh.path: 1}  # the 2021 article is outside the window
    summary = latest_manifest(tmp_path)["summary"]
    assert summary["articles_new_versions"] == 1 and summary["articles_skipped_as_stored"] == 1
    bodies = [r[3] for r in article_rows(tmp_path) if r[0].endswith(fresh.path)]
    assert bodies == ["Versi pertama.", "Versi kedua, diperbarui."]


def test_a_lost_state_is_rebuilt_from_the_dataset(tmp_path: Path) -> None:
    site = home_site(plain_stories(3))
    with site.serving() as base_url:
        assert crawl(base_url, tmp_path).returncode == 0
        rows_before = article_rows(tmp_path)
        for path in (tmp_path / "_state").iterdir():
            path.unlink()
        rebuilt = subprocess.run(
            [sys.executable, "-m", "govnews.cli", "state", "rebuild", str(tmp_path)],
            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=60,
        )
        assert rebuilt.returncode == 0 and "from 3 stored rows" in rebuilt.stdout, rebuilt.stderr
        site.reset_hits()
        assert crawl(base_url, tmp_path).returncode == 0
    assert site.article_hits() == {}
    assert article_rows(tmp_path) == rows_before
