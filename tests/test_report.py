"""The printed run summary shows what a scheduled run did, skips included."""

from __future__ import annotations

from govnews.runs.report import render


def test_summary_names_skipped_and_new_articles() -> None:
    manifest = {
        "run_id": "r2", "spider": "gonews", "status": "complete", "duration_seconds": 1.5,
        "quarantine_file": None, "files": [], "rows": {},
        "health": {"healthy": True, "reasons": []},
        "summary": {
            "articles_stored": 1, "articles_quarantined": 0, "quarantined_by_reason": {},
            "articles_new": 1, "articles_skipped_as_stored": 46, "listings_stopped_early": 9,
            "fixes_by_rule": {"typo": 2}, "pages_by_status": {"200": 12}, "errors_by_type": {},
        },
    }
    text = render(manifest)
    assert "skipped, already stored: 46" in text
    assert "new articles: 1" in text
    assert "listings stopped early: 9" in text
    assert "typo: 2" in text and "health: healthy" in text


def test_summary_names_dead_links_and_a_storage_failure() -> None:
    from govnews.runs.extensions import summarise

    summary = summarise({
        "govnews/incremental/skipped_dead": 24, "govnews/incremental/answered_dead": 2,
        "govnews/incremental/dead_given_up": 1, "govnews/storage/failed": "cannot write x: full",
    })
    assert (summary["articles_skipped_as_dead"], summary["articles_answered_dead"]) == (24, 2)
    manifest = {
        "run_id": "r3", "spider": "gonews", "status": "incomplete", "duration_seconds": 2.0,
        "quarantine_file": None, "files": [], "rows": {}, "summary": summary,
        "health": {"healthy": False, "reasons": ["storage failure: cannot write x: full"]},
    }
    text = render(manifest)
    assert "skipped, answered 404/410 before (back-off): 24" in text
    assert "answered 404/410, remembered as dead: 2" in text
    assert "dead links given up: 1" in text
    assert "  storage failure: cannot write x: full" in text
    assert "health: UNHEALTHY: storage failure: cannot write x: full" in text
