"""What every govnews spider shares: arguments, incremental triage, article parsing.

A spider only decides what to request next. The page object for an article
comes from the site registry (``govnews.sites``): the site's own, else the
generic extractor; the loaders clean what it returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from govnews.archive import FETCHED_AT_META
from govnews.cleaning.vocabulary import Vocabulary
from govnews.config import OutputConfig, TyposConfig
from govnews.distributed.config import RedisConfig
from govnews.incremental.triage import ListingTriage
from govnews.loaders import load_article
from govnews.middlewares import ARTICLE_KEY_META, record_failure
from govnews.records import ArticleExtractor, RawArticle
from govnews.runs.run import Run
from govnews.extraction import GenericArticlePage

if TYPE_CHECKING:
    from govnews.distributed.vocabulary import RedisVocabulary
from govnews.sites import Site, site_for
from govnews.spiders.params import CrawlParams


class ArticleSpider(scrapy.Spider):
    """Base of the spiders: subclasses say where to start and how to discover.

    ``default_base_url`` is the root crawled without ``-a base_url``/``-a site``.
    """

    default_base_url: str | None = None
    typos: TyposConfig
    _param_names = ("base_url", "site", "public_base_url", "max_pages", "urls", "since", "full")

    def __init__(self, *args: Any, **kwargs: Any):
        params = {name: kwargs.pop(name) for name in self._param_names if name in kwargs}
        super().__init__(*args, **kwargs)
        self.params = CrawlParams.from_args(self.default_base_url, **params)
        self.base_url = self.params.base_url
        # Only the hosts we were pointed at are crawled, whatever pages link to.
        hosts = {urlsplit(u).hostname for u in self._roots()}
        self.allowed_domains = sorted(h for h in hosts if h)

    def _roots(self) -> list[str]:
        return [u for u in (self.base_url, *self.params.article_urls) if u]

    @classmethod
    def check_arguments(cls, **spider_args: Any) -> None:
        """Fail fast, before the engine starts, on arguments ``__init__`` would refuse."""
        cls(**spider_args)

    @cached_property
    def site(self) -> Site | None:
        """The registered site being crawled, or None for the generic path."""
        return site_for(self.public_base_url) if self.public_base_url else None

    @property
    def public_base_url(self) -> str:
        """The public root of the site: where canonical URLs and keys live."""
        return self.params.public_base_url or self.base_url

    @cached_property
    def triage(self) -> ListingTriage:
        return ListingTriage.for_spider(self, self.params.since, self.params.full)

    def fetch_failed(self, failure: Failure) -> None:
        key = failure.request.meta.get(ARTICLE_KEY_META)
        reason = record_failure(self.crawler.stats, failure.value, known_dead=self.triage.retrying_dead(key))
        self.logger.warning("fetch failed (%s): %s", reason, failure.request.url)
        if key and isinstance(failure.value, HttpError):
            # An article that is gone (404/410) is not asked for again until its back-off passes.
            self.triage.record_dead(key, failure.value.response.status, datetime.now(timezone.utc))

    def article_request(self, url: str, key: str | None = None, **kwargs: Any) -> scrapy.Request:
        meta = {ARTICLE_KEY_META: key} if key else {}
        return scrapy.Request(url, callback=self.parse_article, errback=self.fetch_failed, meta=meta, **kwargs)

    def follow_article(self, url: str, now: datetime) -> scrapy.Request | None:
        """A request for an article linked outside listings (a feed, the popular
        list), or None when it is stored already or requested in this run."""
        link = self.triage.admit(url, now)
        if link is None:
            return None
        return self.article_request(link.url, link.key)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)
        # Read at start-up: a bad GOVNEWS_TYPOS stops the crawl before any request.
        spider.typos = TyposConfig.from_settings(crawler.settings)
        return spider

    @cached_property
    def word_corpus(self) -> Vocabulary | RedisVocabulary:
        """Word document frequencies of every run on this output (kept in its
        state folder, or in Redis for the workers of a distributed run): words
        many articles use are words of the domain, never typos to correct."""
        if RedisConfig.from_settings(self.crawler.settings) is not None:
            from govnews.distributed.vocabulary import RedisVocabulary  # loads redis: distributed runs only

            return RedisVocabulary.for_crawler(self.crawler)
        return Vocabulary.in_state_dir(OutputConfig.from_settings(self.crawler.settings).output_dir)

    def closed(self, reason: str) -> None:
        if "word_corpus" in self.__dict__:
            self.word_corpus.close()

    @property
    def run_id(self) -> str:
        return Run.for_crawler(self.crawler).run_id

    def next_listing_page(
        self, response: Response, next_page: str | None, page_number: int, stale: bool
    ) -> Iterator[scrapy.Request]:
        """The listing's next page, while ``max_pages`` allows and the page was not stale."""
        if next_page and page_number < self.params.max_pages and not stale and self.triage.followable(next_page):
            yield response.follow(
                next_page,
                callback=self.parse_listing,  # type: ignore[attr-defined]
                errback=self.fetch_failed,
                cb_kwargs={"page_number": page_number + 1},
            )

    def article_page(self, response: Response) -> ArticleExtractor:
        site = self.site
        if site is None and response.url.startswith(("http://", "https://")):
            # -a urls= may name pages of any site: each gets its own page object.
            site = site_for(response.url)
        if site is None:
            # Its own bytes: the charset a page declares can be wrong.
            return GenericArticlePage.from_response(response)
        return site.article_page(response.url, response.selector, self.public_base_url)

    def parse_article(
        self,
        response: Response,
        earlier: RawArticle | None = None,
        first_url: str | None = None,
    ) -> Iterator[Any]:
        if earlier is None and first_url is None:
            self.triage.answered(response.meta.get(ARTICLE_KEY_META))
        page = self.article_page(response)
        if not page.is_article:
            self.crawler.stats.inc_value("govnews/article/not_an_article")
            self.logger.warning("not an article page: %s", response.url)
            return
        first_url = first_url or response.url
        all_pages_url = page.all_pages_url
        if earlier is None and all_pages_url and all_pages_url != response.url:
            # One request for the whole text beats walking the pages one by one.
            yield response.follow(all_pages_url, callback=self.parse_article, cb_kwargs={"first_url": first_url})
            return
        raw = page.extract(continuation=earlier is not None)
        if earlier is not None:
            raw = earlier.merged_with(raw)
        next_part = None if all_pages_url == response.url else page.next_part_url
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
            # When the archive stamped it: the row's date is its WARC record's.
            downloaded_at=response.meta.get(FETCHED_AT_META) or datetime.now(timezone.utc),
            url=first_url,
            corpus=self.word_corpus,
            typos=self.typos.mode,
        )
