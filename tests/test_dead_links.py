"""Dead links: remembered in the state, skipped until a back-off passes, judged by one rule.

The state and back-off are tested on a real SQLite file; the runs crawl the
loopback fault site with ``scrapy crawl`` and count the server's hits.
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from faultsite import Card, FaultSite, listing_page, ok, plain_stories, status
from scrapy.exceptions import UsageError
from scrapy.settings import Settings
from test_scheduling import article_rows, crawl, latest_manifest

from govnews.incremental.dead import DeadLink, dead_retry_at
from govnews.incremental.state import ArticleState, IncrementalConfig, SQLiteState

NOW = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)
DEAD = "/berita/baca/2021/12/06/sudah-dihapus"
GONE = "/berita/baca/2021/12/06/ditarik-redaksi"


def test_a_dead_link_is_recorded_with_when_and_how_often_and_cleared_when_stored(tmp_path: Path) -> None:
    state = SQLiteState(tmp_path / "state.sqlite3")
    assert isinstance(state, ArticleState)
    assert state.dead_link("gonews.co/x") is None
    first = state.record_dead("gonews.co/x", 404, NOW)
    again = state.record_dead("gonews.co/x", 410, NOW + timedelta(hours=30))
    assert first == DeadLink("gonews.co/x", 404, 1, NOW, NOW)
    assert again == DeadLink("gonews.co/x", 410, 2, NOW, NOW + timedelta(hours=30))
    state.clear_dead(["gonews.co/x"])
    assert state.dead_link("gonews.co/x") is None
    state.close()
    # Remembered across processes: a new connection reads what the last one wrote.
    SQLiteState(tmp_path / "state.sqlite3").record_dead("gonews.co/y", 404, NOW)
    assert SQLiteState(tmp_path / "state.sqlite3").dead_link("gonews.co/y").failures == 1  # type: ignore[union-attr]


def test_the_back_off_doubles_up_to_its_cap_and_gives_up_after_the_tries() -> None:
    config = IncrementalConfig.from_settings(Settings({
        "GOVNEWS_DEAD_RETRY_HOURS": 24, "GOVNEWS_DEAD_RETRY_MAX_HOURS": 72, "GOVNEWS_DEAD_MAX_TRIES": 5,
    }))
    waits = [dead_retry_at(DeadLink("k", 404, n, NOW, NOW), config) for n in range(1, 6)]
    assert [w - NOW if w else None for w in waits] == [
        timedelta(hours=24), timedelta(hours=48), timedelta(hours=72), timedelta(hours=72), None,
    ]
    defaults = IncrementalConfig.from_settings(Settings())
    assert (defaults.dead_retry_hours, defaults.dead_retry_max_hours, defaults.dead_max_tries) == (24, 168, 5)


def test_bad_dead_link_settings_are_refused_naming_the_setting() -> None:
    with pytest.raises(UsageError, match="GOVNEWS_DEAD_RETRY_MAX_HOURS \\(12\\) must be >= GOVNEWS_DEAD_RETRY_HOURS"):
        IncrementalConfig.from_settings(Settings({"GOVNEWS_DEAD_RETRY_MAX_HOURS": 12}))
    with pytest.raises(UsageError, match="GOVNEWS_DEAD_MAX_TRIES must be >= 1"):
        IncrementalConfig.from_settings(Settings({"GOVNEWS_DEAD_MAX_TRIES": 0}))


def _site_with_dead_links(good: int) -> FaultSite:
    site = FaultSite()
    stories = plain_stories(good)
    for story in stories:
        site.add_story(story)
    cards = [Card(s.path, s.headline or "", s.date_raw or "") for s in stories]
    cards += [Card(DEAD, "Sudah Dihapus"), Card(GONE, "Ditarik Redaksi")]
    site.routes["/"] = ok(listing_page("Berita Terkini", cards))
    site.routes[DEAD] = status(404)
    site.routes[GONE] = status(410)
    return site


def _age_dead_links(out: Path, hours: int) -> None:
    """Move every dead-link record ``hours`` into the past, as if that much time had gone by."""
    with closing(sqlite3.connect(out / "_state" / "articles.sqlite3")) as db, db:
        for key, last in db.execute("SELECT key, last_failed_at FROM dead").fetchall():
            earlier = datetime.fromisoformat(last) - timedelta(hours=hours)
            db.execute("UPDATE dead SET last_failed_at = ? WHERE key = ?", (earlier.isoformat(), key))


def test_two_runs_over_listings_with_dead_links_the_second_requests_none_and_both_agree(tmp_path: Path) -> None:
    site = _site_with_dead_links(good=40)  # 2 dead of 42 links: under GOVNEWS_MAX_ERROR_RATIO 0.05
    with site.serving() as base_url:
        first = crawl(base_url, tmp_path)
        first_report = latest_manifest(tmp_path)
        assert site.hits[DEAD] == 1 and site.hits[GONE] == 1
        site.reset_hits()
        second = crawl(base_url, tmp_path)
        second_report = latest_manifest(tmp_path)
        second_hits = site.article_hits()
        # The back-off (24 h) has passed: each is asked once more, answers 404/410 again.
        _age_dead_links(tmp_path, 25)
        site.reset_hits()
        third = crawl(base_url, tmp_path)
        third_report = latest_manifest(tmp_path)
        third_hits = site.article_hits()
    assert first_report["summary"]["articles_stored"] == 40
    assert first_report["summary"]["articles_answered_dead"] == 2
    assert first_report["summary"]["failed_by_reason"] == {"http_404": 1, "http_410": 1}
    # The second run requests none of them and says so.
    assert second_hits == {}
    assert second_report["summary"]["articles_skipped_as_dead"] == 2
    assert second_report["summary"]["articles_skipped_as_stored"] == 40
    assert second_report["stats"]["govnews/incremental/skipped_dead"] == 2
    # Same situation, same verdict: before, the second run was judged "no article
    # stored although listings linked 2 new articles" (exit 1) for the same dead links.
    assert [r.returncode for r in (first, second, third)] == [0, 0, 0], second.stderr[-2000:]
    for report in (first_report, second_report, third_report):
        assert report["health"] == {"healthy": True, "reasons": []}
    assert third_hits == {DEAD: 1, GONE: 1}
    assert third_report["stats"]["govnews/incremental/dead_retried"] == 2
    assert third_report["stats"]["govnews/incremental/dead_confirmed"] == 2
    with closing(sqlite3.connect(tmp_path / "_state" / "articles.sqlite3")) as db:
        assert db.execute("SELECT key, status, failures FROM dead ORDER BY key").fetchall() == [
            ("gonews.co" + GONE, 410, 2), ("gonews.co" + DEAD, 404, 2),
        ]
    assert len(article_rows(tmp_path)) == 40


def test_half_dead_listings_are_news_the_first_time_and_a_dead_link_that_answers_again_is_stored(
    tmp_path: Path,
) -> None:
    site = _site_with_dead_links(good=2)  # 2 dead of 4 links
    with site.serving() as base_url:
        first = crawl(base_url, tmp_path)
        first_report = latest_manifest(tmp_path)
        site.reset_hits()
        second = crawl(base_url, tmp_path)
        second_report = latest_manifest(tmp_path)
        second_hits = site.article_hits()
        # The editor restores one article; once its back-off has passed it is fetched and stored.
        revived = plain_stories(1, prefix="dipulihkan")[0]
        revived.path = DEAD
        site.add_story(revived)
        _age_dead_links(tmp_path, 25)
        site.reset_hits()
        third = crawl(base_url, tmp_path)
        third_report = latest_manifest(tmp_path)
        third_hits = site.article_hits()
    # Half the links dead is news: the first run fails on what it tried.
    assert first.returncode == 1
    assert first_report["health"]["reasons"] == [
        "error ratio 0.40 above GOVNEWS_MAX_ERROR_RATIO 0.05 (2 errors / 5 requests)"
    ]
    # Known since: nothing new, nothing failed, nothing requested.
    assert second.returncode == 0 and second_hits == {}
    assert second_report["health"] == {"healthy": True, "reasons": []}
    assert second_report["summary"]["articles_skipped_as_dead"] == 2
    assert third.returncode == 0, third.stderr[-2000:]
    assert third_hits == {DEAD: 1, GONE: 1}
    assert third_report["summary"]["articles_stored"] == 1
    assert third_report["stats"]["govnews/incremental/dead_revived"] == 1
    with closing(sqlite3.connect(tmp_path / "_state" / "articles.sqlite3")) as db:
        assert [r[0] for r in db.execute("SELECT key FROM dead")] == ["gonews.co" + GONE]
    assert len(article_rows(tmp_path)) == 3


def test_a_dead_link_is_given_up_after_the_last_try(tmp_path: Path) -> None:
    site = _site_with_dead_links(good=1)
    with site.serving() as base_url:
        crawl(base_url, tmp_path, GOVNEWS_DEAD_MAX_TRIES="1")
        given_up = latest_manifest(tmp_path)
        _age_dead_links(tmp_path, 10_000)
        site.reset_hits()
        later = crawl(base_url, tmp_path, GOVNEWS_DEAD_MAX_TRIES="1")
    assert given_up["summary"]["dead_links_given_up"] == 2
    assert later.returncode == 0 and site.article_hits() == {}
    assert latest_manifest(tmp_path)["summary"]["articles_skipped_as_dead"] == 2
