"""End to end: ``scrapy crawl news`` over the loopback multi-site sample.

Two fictional sites in two CMS shapes, each served on its own port, each
discovered through robots.txt, sitemaps (one gzipped), a news sitemap, a feed
and its home page. Some articles are only in the sitemaps, some only in the
feed: storing every one proves both are read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
import pytest
from sitegen.multisite import ServedSite, generate_multisite, serve_multisite

from crawling import manifests, news_crawl


def _normal(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[ServedSite]]:
    out = tmp_path_factory.mktemp("multisite")
    generate_multisite(out)
    with serve_multisite(out) as served:
        yield served


@pytest.fixture(scope="module")
def runs(sites: list[ServedSite], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("output")
    first, second = [], []
    for round_ in (first, second):
        for site in sites:
            round_.append(news_crawl(site.base_url, out, f"public_base_url={site.public_base_url}"))
    rows = ds.dataset(out / "articles", partitioning="hive").to_table().to_pylist()
    return {"out": out, "first": first, "second": second, "rows": rows, "reports": manifests(out)}


def test_every_article_of_every_site_is_stored_once(runs: dict[str, Any], sites: list[ServedSite]) -> None:
    for result in runs["first"]:
        assert result.returncode == 0, result.stderr[-3000:]
    stored = sorted(row["canonical_url"] for row in runs["rows"])
    expected = sorted(a["url"] for site in sites for a in site.truth["articles"])
    assert stored == expected
    assert {row["site"] for row in runs["rows"]} == {site.domain for site in sites}


def test_articles_match_the_ground_truth(runs: dict[str, Any], sites: list[ServedSite]) -> None:
    truth = {a["url"]: a for site in sites for a in site.truth["articles"]}
    for row in runs["rows"]:
        article = truth[row["canonical_url"]]
        assert row["headline"] == article["headline"]
        assert row["date_published"].isoformat().replace("+00:00", "Z") == article["date_published"].replace(
            "+00:00", "Z"
        )
        assert [_normal(p) for p in row["paragraphs"]] == [_normal(p) for p in article["paragraphs"]]
        assert row["language"] == "id"


def test_discovery_reads_sitemaps_and_feeds(runs: dict[str, Any], sites: list[ServedSite]) -> None:
    first = [r for r in runs["reports"] if r["stats"].get("govnews/discovery/documents/robots")][: len(sites)]
    assert len(first) == len(sites)
    for report in first:
        stats = report["stats"]
        assert stats.get("govnews/discovery/documents/urlset", 0) >= 1
        assert stats.get("govnews/discovery/documents/news_sitemap", 0) >= 1
        assert stats.get("govnews/discovery/documents/rss", 0) + stats.get("govnews/discovery/documents/atom", 0) == 1
    only_feed = [a for site in sites for a in site.truth["articles"] if a["listed_in"] == ["feed"]]
    only_sitemap = [a for site in sites for a in site.truth["articles"] if "feed" not in a["listed_in"]]
    assert only_feed and only_sitemap
    stored = {row["canonical_url"] for row in runs["rows"]}
    assert {a["url"] for a in only_feed + only_sitemap} <= stored


def test_a_second_run_downloads_no_stored_article(runs: dict[str, Any]) -> None:
    second = sorted(runs["reports"], key=lambda r: r["started_at"])[-2:]
    for result in runs["second"]:
        assert result.returncode == 0, result.stderr[-3000:]
    for report in second:
        assert report["files"] == [] and report["health"]["healthy"] is True
        assert not report["stats"].get("govnews/article/extracted")
        assert report["summary"]["articles_skipped_as_stored"] > 0


def test_urls_argument_takes_article_pages_of_any_host(sites: list[ServedSite], tmp_path: Path) -> None:
    site = sites[0]
    article = site.truth["articles"][0]
    # No -a site: only the given page is fetched, on whatever host it is.
    result = news_crawl("", tmp_path, f"urls={site.base_url}{article['path']}")
    assert result.returncode == 0, result.stderr[-3000:]
    (row,) = ds.dataset(tmp_path / "articles", partitioning="hive").to_table().to_pylist()
    assert row["headline"] == article["headline"]
    assert json.loads(json.dumps(row["paragraphs"])) == article["paragraphs"]
