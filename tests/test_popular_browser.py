"""The popular list through a real Chromium: ``scrapy crawl`` against the captures on 127.0.0.1.

Every test is a real crawl in a subprocess; the browser is Debian's
``/usr/bin/chromium`` (or Playwright's, where that is installed).
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from conftest import CAPTURES, expected
from crawling import manifests, scrapy_crawl
from sitegen.server import serve_in_thread

SEED_LIST = expected("listing-home")["popular_entries"]
SEED_ARTICLE = "article-rakortekrenbang"
# The script that draws the list from the site's payload; without it the list stays empty.
LIST_SCRIPT = re.compile(r"<script>(?:(?!</script>).)*?populer-list.*?</script>", re.S)


def captures_copy(folder: Path, *, list_script: bool = True) -> Path:
    """The captures, plus the seed article served at the first popular entry's path."""
    folder.mkdir()
    for source in CAPTURES.iterdir():
        body = source.read_bytes()
        if source.name == "listing-home.html" and not list_script:
            html, count = LIST_SCRIPT.subn("", body.decode("utf-8"))
            assert count == 1 and 'id="populer-list"' in html
            body = html.encode("utf-8")
        (folder / source.name).write_bytes(body)
    (folder / "popular-target.html").write_bytes((CAPTURES / f"{SEED_ARTICLE}.html").read_bytes())
    (folder / "popular-target.expected.json").write_text(
        '{"url_path": "%s"}' % SEED_LIST[0]["url_path"], encoding="utf-8"
    )
    return folder


def crawl(site: Path, out: Path, runs: int = 1, **settings: str) -> tuple[int, str, dict[str, Any]]:
    """``runs`` crawls into the same output; the last one's exit status, log and manifest."""
    with serve_in_thread(None, captures=site) as base_url:
        for _ in range(runs):
            result = scrapy_crawl(base_url, out, "max_pages=1", settings=settings)
    all_runs = manifests(out)
    assert len(all_runs) == runs
    return result.returncode, result.stderr, all_runs[-1] | {"base_url": base_url}


def test_list_rendered_stored_and_its_articles_queued(tmp_path: Path) -> None:
    code, log, manifest = crawl(captures_copy(tmp_path / "site"), tmp_path / "out", GOVNEWS_POPULAR_TIMEOUT="15")
    stats, base_url = manifest["stats"], manifest["base_url"]
    assert stats.get("govnews/popular/observed") == 1, (stats.get("govnews/popular/not_observed_reason"), log[-3000:])
    assert not [r for r in manifest["health"]["reasons"] if "popular" in r]
    assert stats["playwright/page_count"] == stats["govnews/popular/pages_closed"] == 1

    (popular_file,) = [f for f in manifest["files"] if f["dataset"] == "popular"]
    run_id = manifest["run_id"]
    assert re.fullmatch(
        rf"popular/site=gonews\.co/observed_date=\d{{4}}-\d\d-\d\d/part-{run_id}-\d+\.parquet", popular_file["path"]
    )
    rows = sorted(pq.read_table(tmp_path / "out" / popular_file["path"]).to_pylist(), key=lambda r: r["position"])
    observed_date = popular_file["partition"]["observed_date"]
    assert len(rows) == len(SEED_LIST) == 6
    for row, truth in zip(rows, SEED_LIST, strict=True):
        assert row["position"] == truth["position"]
        assert row["headline"] == truth["headline"]
        assert row["section"] == truth["section"]
        assert row["relative_time_raw"] == truth["relative_time_raw"]
        assert row["url"] == base_url + truth["url_path"]
        assert row["canonical_url"] == "https://www.gonews.co" + truth["url_path"]
        assert row["list_name"] == "Terpopuler 24 Jam Terakhir"
        assert row["run_id"] == run_id
        assert row["observed_at"].strftime("%Y-%m-%d") == observed_date
        assert row["observed_at"] - row["approx_date_published"] == timedelta(seconds=truth["age_seconds"])

    # Popular articles go to the ordinary article crawl: the one served is stored.
    assert stats["govnews/popular/article_requests"] == 6
    article_files = [tmp_path / "out" / f["path"] for f in manifest["files"] if f["dataset"] == "articles"]
    stored_urls = {row["url"] for path in article_files for row in pq.read_table(path).to_pylist()}
    assert base_url + SEED_LIST[0]["url_path"] in stored_urls


def test_popular_article_stored_earlier_is_not_fetched_again(tmp_path: Path) -> None:
    code, log, manifest = crawl(captures_copy(tmp_path / "site"), tmp_path / "out", runs=2)
    stats = manifest["stats"]
    assert stats.get("govnews/popular/observed") == 1, log[-3000:]
    # The first entry's article was stored by the first run; the other five
    # answered 404 then, and are remembered dead: none is requested again.
    assert stats["govnews/popular/articles_known"] == 6
    assert stats.get("govnews/popular/article_requests", 0) == 0
    # Listings link some of them too: every skip is counted, and no dead
    # article is asked again (the captures' category pages still answer 404).
    assert stats["govnews/incremental/skipped_dead"] >= 5
    assert not [line for line in log.splitlines() if "http_404" in line and "/berita/baca/" in line]


def test_list_that_never_appears_times_out_and_is_recorded(tmp_path: Path) -> None:
    site = captures_copy(tmp_path / "site", list_script=False)
    code, log, manifest = crawl(site, tmp_path / "out", GOVNEWS_POPULAR_TIMEOUT="2")
    stats = manifest["stats"]
    assert code == 1
    assert "govnews/popular/observed" not in stats
    assert stats["govnews/popular/not_observed_reason"].startswith(
        "list 'ol#populer-list li' did not appear within 2 s"
    )
    assert any("popular list not observed" in r for r in manifest["health"]["reasons"])
    assert "Traceback" not in log
    assert stats["playwright/page_count"] == stats["govnews/popular/pages_closed"] == 1
    assert not [f for f in manifest["files"] if f["dataset"] == "popular"]
    assert manifest["summary"]["articles_stored"] >= 1


def test_no_browser_still_stores_articles_and_marks_the_run_unhealthy(tmp_path: Path) -> None:
    code, log, manifest = crawl(
        captures_copy(tmp_path / "site"), tmp_path / "out", GOVNEWS_CHROMIUM=str(tmp_path / "no-such-chromium")
    )
    stats = manifest["stats"]
    assert code == 1
    assert "Traceback" not in log
    assert manifest["summary"]["articles_stored"] >= 1
    assert stats["govnews/popular/not_observed_reason"].startswith("browser could not be started")
    assert "no-such-chromium" in stats["govnews/popular/not_observed_reason"]
    assert any(
        r.startswith("popular list not observed: browser could not be started") for r in manifest["health"]["reasons"]
    )
    assert "playwright/page_count" not in stats and "govnews/popular/pages_closed" not in stats


def test_rendering_off_never_starts_playwright(tmp_path: Path) -> None:
    code, log, manifest = crawl(
        captures_copy(tmp_path / "site"),
        tmp_path / "out",
        GOVNEWS_POPULAR_ENABLED="False",
        GOVNEWS_CHROMIUM=str(tmp_path / "no-such-chromium"),
    )
    stats = manifest["stats"]
    assert manifest["summary"]["articles_stored"] >= 1
    assert not [k for k in stats if k.startswith(("govnews/popular/", "govnews/rendering/", "playwright/"))]
    assert not [r for r in manifest["health"]["reasons"] if "popular" in r]
    assert "scrapy-playwright" not in log
