"""The multi-site sample over HTTP: every article is found through robots.txt, the sitemaps and the feed."""

from __future__ import annotations

import hashlib
import re
import urllib.request
from collections import deque
from datetime import datetime
from pathlib import Path

import pytest

from govnews.cleaning.dates import parse_date_detailed
from govnews.discovery import DiscoveredEntry, discover, rebase
from govnews.discovery.listing import article_links
from sitegen.multisite import ServedSite, generate_multisite


def fetch(url: str) -> tuple[bytes, str | None]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read(), response.headers.get("Content-Type")


def crawl_discovery(site: ServedSite) -> tuple[list[DiscoveredEntry], list[str], list[str]]:
    """What a discovery crawl from robots.txt and the home page finds: entries, documents fetched, warnings."""
    queue = deque([f"{site.base_url}/robots.txt", f"{site.base_url}/"])
    fetched: list[str] = []
    entries: list[DiscoveredEntry] = []
    warnings: list[str] = []
    while queue:
        url = queue.popleft()
        if url in fetched:
            continue
        fetched.append(url)
        body, content_type = fetch(url)
        found = discover(body, content_type, url)
        entries += found.entries
        warnings += found.warnings
        for child in found.follow:
            local = rebase(child.url, site.public_base_url, site.base_url)
            assert local is not None, child.url
            queue.append(local)
    return entries, fetched, warnings


def by_site(sites: list[ServedSite]) -> list[tuple[str, ServedSite]]:
    return [(site.domain, site) for site in sites]


def test_two_sites_in_different_shapes_on_their_own_ports(multisite: list[ServedSite]) -> None:
    assert [(s.domain, s.public_base_url, s.truth["shape"]) for s in multisite] == [
        ("kabarnusa.test", "https://www.kabarnusa.test", "wordpress"),
        ("wartatimur.test", "https://wartatimur.test", "divs")]
    assert len({s.base_url for s in multisite}) == 2
    assert all(s.base_url.startswith("http://127.0.0.1:") for s in multisite)


def test_discovery_finds_every_article_through_sitemaps_and_feed(multisite: list[ServedSite]) -> None:
    for site in multisite:
        entries, fetched, warnings = crawl_discovery(site)
        articles = site.truth["articles"]
        truth_urls = {a["url"] for a in articles}
        in_sitemaps = {e.url for e in entries if e.kind in ("sitemap", "news")}
        in_feed = {e.url for e in entries if e.kind == "feed"}
        assert in_sitemaps | in_feed == truth_urls
        assert in_sitemaps == {a["url"] for a in articles if {"sitemap", "news"} & set(a["listed_in"])}
        assert in_feed == {a["url"] for a in articles if "feed" in a["listed_in"]}
        # Each source alone misses articles: a crawl must read both.
        assert in_sitemaps < truth_urls and in_feed < truth_urls
        assert warnings == []
        fetched_paths = {url.removeprefix(site.base_url) for url in fetched}
        documents = [site.truth["sitemap_index"], site.truth["news_sitemap"], site.truth["feed"],
                     *site.truth["child_sitemaps"]]
        assert {url.removeprefix(site.public_base_url) for url in documents} <= fetched_paths


def test_news_and_feed_entries_carry_the_true_headline_and_instant(multisite: list[ServedSite]) -> None:
    for site in multisite:
        entries, _, _ = crawl_discovery(site)
        truth = {a["url"]: a for a in site.truth["articles"]}
        news = [e for e in entries if e.kind == "news"]
        assert {e.url for e in news} == {u for u, a in truth.items() if "news" in a["listed_in"]} != set()
        for entry in entries:
            expected = truth[entry.url]
            assert entry.when == datetime.fromisoformat(expected["date_published"])
            if entry.kind in ("news", "feed"):
                assert entry.title == expected["headline"]
            if entry.kind == "news":
                assert (entry.language, entry.publication) == ("id", site.truth["name"])


def test_gzipped_child_sitemap_is_served_as_gzip(multisite: list[ServedSite]) -> None:
    site = multisite[0]
    gz = [u for u in site.truth["child_sitemaps"] if u.endswith(".gz")]
    assert len(gz) == 1
    body, content_type = fetch(rebase(gz[0], site.public_base_url, site.base_url) or "")
    assert body[:2] == b"\x1f\x8b" and content_type == "application/x-gzip"
    assert discover(body, content_type, gz[0]).kind == "urlset"


@pytest.mark.parametrize("index", [0, 1])
def test_article_pages_name_their_canonical_url_and_hold_the_truth_text(multisite: list[ServedSite],
                                                                       index: int) -> None:
    site = multisite[index]
    for article in site.truth["articles"]:
        body, content_type = fetch(site.base_url + article["path"])
        html = body.decode("utf-8")
        assert f'<link rel="canonical" href="{article["url"]}">' in html
        assert "ADVERTISEMENT" in html and "Baca" in html and article["trailer"] in html
        assert re.search(f'charset="?{article["declared_charset"]}"', html, re.IGNORECASE)
        if article["declared_charset"] != "utf-8":
            assert content_type == "text/html"
            assert any(ord(char) > 127 for char in "".join(article["paragraphs"]))
        for paragraph in article["paragraphs"][1:]:
            assert paragraph.replace('"', "&quot;").replace("'", "&#x27;") in html


def test_the_sample_declares_one_wrong_charset_and_both_trailer_forms(multisite: list[ServedSite]) -> None:
    articles = [a for site in multisite for a in site.truth["articles"]]
    assert [a["site"] for a in articles if a["declared_charset"] == "iso-8859-1"] == ["wartatimur.test"]
    assert {a["trailer"] for a in articles if a["site"] == "wartatimur.test"} == {"(ant)"}
    assert all(a["trailer"].startswith("(") and "/" in a["trailer"] for a in articles if a["site"] == "kabarnusa.test")
    assert all(a["dateline"].isupper() for a in articles if a["site"] == "kabarnusa.test")
    assert all(a["dateline"].istitle() for a in articles if a["site"] == "wartatimur.test")


def _digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_generation_is_deterministic(multisite_dir: Path, tmp_path: Path) -> None:
    generate_multisite(tmp_path)
    assert _digest(tmp_path) == _digest(multisite_dir)


def test_listing_page_links_are_the_listed_articles_with_their_times(multisite: list[ServedSite]) -> None:
    for site in multisite:
        listing_url = rebase(site.truth["listing"], site.public_base_url, site.base_url) or ""
        body, _ = fetch(listing_url)
        entries = article_links(body, listing_url, site.public_base_url)
        assert article_links(body, listing_url) == []
        truth = {a["url"]: a for a in site.truth["articles"] if "listing" in a["listed_in"]}
        assert [e.url for e in entries] == list(truth)
        for entry in entries:
            assert entry.headline == truth[entry.url]["headline"]
            assert entry.time_raw is not None
            assert parse_date_detailed(entry.time_raw).instant == datetime.fromisoformat(
                truth[entry.url]["date_published"])
