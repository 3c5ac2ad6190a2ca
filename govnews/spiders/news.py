"""The ``news`` spider: any news site, discovered through robots.txt, sitemaps, feeds and listings.

``scrapy crawl news -a site=<domain or URL>`` reads the site's robots.txt for
its sitemaps (falling back to ``/sitemap.xml``), follows sitemap indexes,
urlsets, news sitemaps and the feeds its home page announces, and reads the
home page as a listing. Every article link goes through the same incremental
triage as ``gonews``: stored articles are not fetched again, and each article
is fetched once per run whichever documents name it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import datetime, timezone

import scrapy
from scrapy.http import Response, TextResponse
from twisted.python.failure import Failure

from govnews.discovery import ChildDocument, Discovery, article_links, discover, rebase
from govnews.records import ListingEntry
from govnews.spiders.base import ArticleSpider

STATS = "govnews/discovery"


class NewsSpider(ArticleSpider):
    name = "news"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        if self.base_url:
            yield self._discovery_request(f"{self.base_url}/robots.txt", fallback_sitemap=True)
            yield scrapy.Request(
                f"{self.base_url}/",
                callback=self.parse_listing,
                errback=self.fetch_failed,
                cb_kwargs={"page_number": 1},
            )
        for url in self.params.article_urls:
            yield self.article_request(url)

    def _discovery_request(self, url: str, fallback_sitemap: bool = False) -> scrapy.Request:
        return scrapy.Request(
            url,
            callback=self.parse_discovery,
            errback=self.discovery_failed,
            cb_kwargs={"fallback_sitemap": fallback_sitemap},
            priority=5,  # documents first: they name many articles each
        )

    def discovery_failed(self, failure: Failure) -> Iterator[scrapy.Request]:
        request = failure.request  # type: ignore[attr-defined]
        if request.cb_kwargs.get("fallback_sitemap"):
            # No robots.txt: the sitemap may still sit where most CMSs put it.
            self.crawler.stats.inc_value(f"{STATS}/robots_missing")
            yield self._discovery_request(f"{self.base_url}/sitemap.xml")
            return
        self.fetch_failed(failure)

    def parse_discovery(self, response: Response, fallback_sitemap: bool = False) -> Iterator[scrapy.Request]:
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        found = discover(response.body, content_type, response.url)
        stats = self.crawler.stats
        stats.inc_value(f"{STATS}/documents/{found.kind}")
        for warning in found.warnings:
            self.logger.warning("discovery: %s", warning)
        if found.kind == "robots" and not found.follow and fallback_sitemap:
            yield self._discovery_request(f"{self.base_url}/sitemap.xml")
        for child in found.follow:
            request = self._child_request(child)
            if request is not None:
                yield request
        yield from self._article_requests(self._entries(found), f"{STATS}/entries/{found.kind}")

    def _child_request(self, child: ChildDocument) -> scrapy.Request | None:
        url = self._on_crawl_host(child.url)
        if url is None or not self.triage.followable(url):
            return None
        since = self.params.since
        if since is not None and child.lastmod is not None and child.lastmod < since:
            # A sitemap last changed before the day asked for lists older articles only.
            self.crawler.stats.inc_value(f"{STATS}/sitemaps_older_than_since")
            return None
        return self._discovery_request(url)

    def _entries(self, found: Discovery) -> list[ListingEntry]:
        return self._on_crawl_hosts(found.listing_entries())

    def _on_crawl_hosts(self, entries: list[ListingEntry]) -> list[ListingEntry]:
        """The entries whose URLs are this site's, moved to the host this crawl fetches from."""
        moved = []
        for entry in entries:
            url = self._on_crawl_host(entry.url)
            if url is None:
                self.crawler.stats.inc_value(f"{STATS}/entries_offsite")
                continue
            moved.append(replace(entry, url=url))
        return moved

    def _on_crawl_host(self, url: str) -> str | None:
        """A URL a document names, on the host this crawl fetches from (None: another site)."""
        return rebase(url, self.public_base_url, self.base_url)

    def _article_requests(self, entries: list[ListingEntry], stat: str) -> Iterator[scrapy.Request]:
        if not entries:
            return
        self.crawler.stats.inc_value(stat, len(entries))
        links, _ = self.triage.triage(entries, datetime.now(timezone.utc))
        for link in links:
            yield self.article_request(link.url, link.key)

    def parse_listing(self, response: Response, page_number: int) -> Iterator[scrapy.Request]:
        if not isinstance(response, TextResponse):
            return
        # The home page announces its feeds, and links its newest articles.
        yield from self.parse_discovery(response)
        entries = self._on_crawl_hosts(article_links(response.body, response.url, self.public_base_url))
        self.crawler.stats.inc_value("govnews/listing/pages")
        self.crawler.stats.inc_value("govnews/listing/entries", len(entries))
        links, stale = self.triage.triage(entries, datetime.now(timezone.utc))
        for link in links:
            yield self.article_request(link.url, link.key)
        next_page = response.css('link[rel="next"]::attr(href), a[rel="next"]::attr(href)').get()
        yield from self.next_listing_page(response, response.urljoin(next_page) if next_page else None, page_number, stale)
