"""The GoNews.co spider: home page, nav categories, pagination, articles.

The spider only decides what to request next; page objects
(``govnews.pages.gonews``) say what a page holds and the loaders clean it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.exceptions import UsageError
from scrapy.http import Response
from twisted.python.failure import Failure

from govnews.cleaning.vocabulary import Vocabulary
from govnews.config import OutputConfig, TyposConfig, spider_arg_int
from govnews.incremental import ListingTriage, parse_flag, parse_since
from govnews.loaders import load_article
from govnews.middlewares import ARTICLE_KEY_META, record_failure
from govnews.pages.gonews import PUBLIC_BASE_URL, ArticlePage, ListingPage
from govnews.records import RawArticle
from govnews.popular import PopularListMixin
from govnews.run import Run


def normalise_base_url(base_url: str) -> str:
    """The site root to crawl; only http(s) URLs are accepted.

    >>> normalise_base_url("http://127.0.0.1:8000/")
    'http://127.0.0.1:8000'
    >>> normalise_base_url("file:///etc")
    Traceback (most recent call last):
    scrapy.exceptions.UsageError: -a base_url must be an http(s) URL with a host, got 'file:///etc'
    """
    parts = urlsplit(base_url.strip())
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise UsageError(f"-a base_url must be an http(s) URL with a host, got {base_url!r}")
    return f"{parts.scheme}://{parts.netloc}".rstrip("/")


class GoNewsSpider(PopularListMixin, scrapy.Spider):
    name = "gonews"
    public_base_url = PUBLIC_BASE_URL

    def __init__(
        self,
        base_url: str | None = None,
        max_pages: int | str = 3,
        urls: str = "",
        since: str = "",
        full: str | bool = False,
        *args: Any,
        **kwargs: Any,
    ):
        super().__init__(*args, **kwargs)
        self.base_url = normalise_base_url(base_url or self.public_base_url)
        self.max_pages = spider_arg_int(max_pages, "max_pages", minimum=1)
        # -a since=YYYY-MM-DD: page back to that day, whatever is stored;
        # -a full=1: ignore what is stored (only changed articles are written).
        self.since = parse_since(since)
        self.full = parse_flag(full, "full")
        # Articles to fetch besides those the listings link to (a backfill, a
        # re-fetch): absolute URLs or paths on base_url, comma-separated.
        self.article_urls = [urljoin(f"{self.base_url}/", u.strip()) for u in urls.split(",") if u.strip()]
        # Only the site we were pointed at is crawled, whatever its pages link to.
        self.allowed_domains = [urlsplit(self.base_url).hostname or ""]

    @classmethod
    def check_arguments(cls, **spider_args: Any) -> None:
        """Fail fast, before the engine starts, on arguments ``__init__`` would refuse."""
        cls(**spider_args)

    @cached_property
    def triage(self) -> ListingTriage:
        return ListingTriage.for_spider(self, self.since, self.full)

    def fetch_failed(self, failure: Failure) -> None:
        reason = record_failure(self.crawler.stats, failure.value)
        self.logger.warning("fetch failed (%s): %s", reason, failure.request.url)

    def follow_article(self, url: str, now: datetime) -> scrapy.Request | None:
        """A request for an article linked outside listings (the popular list),
        or None when it is stored already or requested in this run."""
        link = self.triage.admit(url, now)
        if link is None:
            return None
        return scrapy.Request(
            link.url, callback=self.parse_article, errback=self.fetch_failed, meta={ARTICLE_KEY_META: link.key}
        )

    @cached_property
    def word_corpus(self) -> Vocabulary:
        """Word document frequencies of every run on this output (kept in its
        state folder): words many articles use are words of the domain, never
        typos to correct."""
        return Vocabulary.in_state_dir(OutputConfig.from_settings(self.crawler.settings).output_dir)

    def closed(self, reason: str) -> None:
        if "word_corpus" in self.__dict__:
            self.word_corpus.close()

    @cached_property
    def typos(self) -> TyposConfig:
        return TyposConfig.from_settings(self.crawler.settings)

    @property
    def run_id(self) -> str:
        return Run.for_crawler(self.crawler).run_id

    async def start(self) -> AsyncIterator[scrapy.Request]:
        self.typos  # read at start-up: a bad GOVNEWS_TYPOS stops the crawl before any request
        yield scrapy.Request(
            f"{self.base_url}/",
            callback=self.parse_listing,
            errback=self.fetch_failed,
            cb_kwargs={"page_number": 1, "home": True},
        )
        for request in self.popular_requests(f"{self.base_url}/"):
            yield request
        for url in self.article_urls:
            yield scrapy.Request(url, callback=self.parse_article, errback=self.fetch_failed)

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
            yield scrapy.Request(
                link.url,
                callback=self.parse_article,
                errback=self.fetch_failed,
                meta={ARTICLE_KEY_META: link.key},
            )
        next_page = page.next_page
        if next_page and page_number < self.max_pages and not stale and self.triage.followable(next_page):
            yield response.follow(
                next_page,
                callback=self.parse_listing,
                errback=self.fetch_failed,
                cb_kwargs={"page_number": page_number + 1},
            )

    def parse_article(
        self,
        response: Response,
        earlier: RawArticle | None = None,
        first_url: str | None = None,
    ) -> Iterator[Any]:
        page = ArticlePage.from_response(response, self.public_base_url)
        if not page.is_article:
            self.crawler.stats.inc_value("govnews/article/not_an_article")
            self.logger.warning("not an article page: %s", response.url)
            return
        first_url = first_url or response.url
        if earlier is None and page.all_pages_url and page.all_pages_url != response.url:
            # One request for the whole text beats walking the pages one by one.
            yield response.follow(
                page.all_pages_url, callback=self.parse_article, cb_kwargs={"first_url": first_url}
            )
            return
        raw = page.extract(continuation=earlier is not None)
        if earlier is not None:
            raw = earlier.merged_with(raw)
        next_part = None if page.all_pages_url == response.url else page.next_part_url
        if next_part and next_part != response.url:
            yield response.follow(
                next_part,
                callback=self.parse_article,
                cb_kwargs={"earlier": raw, "first_url": first_url},
            )
            return
        self.crawler.stats.inc_value("govnews/article/extracted")
        yield load_article(
            raw,
            run_id=self.run_id,
            downloaded_at=datetime.now(timezone.utc),
            url=first_url,
            corpus=self.word_corpus,
            typos=self.typos.mode,
        )
