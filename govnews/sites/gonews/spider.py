"""The GoNews.co spider: home page, nav categories, pagination, articles, the popular list.

Listings are GoNews markup (``ListingPage``); articles go through the shared
``ArticleSpider.parse_article`` with GoNews's page object.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone

import scrapy
from scrapy.http import Response

from govnews.sites.gonews.pages import PUBLIC_BASE_URL, ListingPage
from govnews.sites.gonews.popular import PopularListMixin
from govnews.spiders.base import ArticleSpider


class GoNewsSpider(PopularListMixin, ArticleSpider):
    name = "gonews"
    default_base_url = PUBLIC_BASE_URL

    @property
    def public_base_url(self) -> str:
        return self.params.public_base_url or PUBLIC_BASE_URL

    async def start(self) -> AsyncIterator[scrapy.Request]:
        yield scrapy.Request(
            f"{self.base_url}/",
            callback=self.parse_listing,
            errback=self.fetch_failed,
            cb_kwargs={"page_number": 1, "home": True},
        )
        for request in self.popular_requests(f"{self.base_url}/"):
            yield request
        for url in self.params.article_urls:
            yield self.article_request(url)

    def parse_listing(
        self, response: Response, page_number: int, home: bool = False
    ) -> Iterator[scrapy.Request]:
        page = ListingPage.from_response(response, self.public_base_url)
        if home:
            for category_url in filter(self.triage.followable, page.category_urls):
                yield response.follow(
                    category_url,
                    callback=self.parse_listing,
                    errback=self.fetch_failed,
                    cb_kwargs={"page_number": 1},
                )
        entries = page.entries()
        self.crawler.stats.inc_value("govnews/listing/pages")
        self.crawler.stats.inc_value("govnews/listing/entries", len(entries))
        links, stale = self.triage.triage(entries, datetime.now(timezone.utc))
        for link in links:
            # Keyed by article, so one article under many URLs is fetched once.
            yield self.article_request(link.url, link.key)
        yield from self.next_listing_page(response, page.next_page, page_number, stale)
