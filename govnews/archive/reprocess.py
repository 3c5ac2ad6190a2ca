"""The ``reprocess`` spider: a crawl's article path over archived pages, with no network.

``govnews reprocess --archive PATH...`` runs it. ``start()`` reads the
archive in fetch order and yields the items the crawl's callback would have
yielded (Scrapy lets ``start()`` yield items), so validation, quarantine,
the versions rule, Parquet export and the run report are the crawl's own.
Each page goes through ``ArticleSpider.article_page`` (the site's page
object, else the generic extractor) and ``load_article``; a split article
is completed from the archived records of its further pages, as the crawl
followed them, and its ``date_downloaded`` is the ``WARC-Date`` of the page
the crawl finished it on, so rows equal the crawl's.

Typo correction counts word document frequencies over the pages of this
reprocessing only, in the crawl's order (a crawl into an empty output did
the same), and leaves the output's stored vocabulary alone: reprocessing the
same archive with the same code gives the same rows, so a second time adds
none, and changed code writes new versions only where the content changed.

Records that are no article are counted under
``govnews/reprocess/skipped/<reason>`` and listed in the report.
"""

from __future__ import annotations

import inspect
import logging
import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.exceptions import CloseSpider, UsageError
from scrapy.http import HtmlResponse, Response

from govnews.archive.extension import ROLE_PAGE, ROLE_PART
from govnews.archive.reader import ArchivedResponse, Skipped, archive_files, read_archive
from govnews.cleaning.typos import CorpusFrequency
from govnews.cleaning.vocabulary import Vocabulary
from govnews.extraction import GenericArticlePage
from govnews.loaders import load_article
from govnews.records import ArticleExtractor, RawArticle
from govnews.sites import site_for
from govnews.spiders.base import ArticleSpider
from govnews.spiders.params import CrawlParams, parse_since
from govnews.urls import same_host

logger = logging.getLogger(__name__)
STATS = "govnews/reprocess"
HTML_TYPES = ("text/html", "application/xhtml+xml")
# A crawl's threshold for a word of the domain, whatever its stored counts.
_VOCABULARY_MIN_DOCUMENTS: int = inspect.signature(Vocabulary).parameters["min_documents"].default


@dataclass(frozen=True)
class _Waiting:
    """A split article whose next page the crawl requested: what it had so far."""

    earlier: RawArticle | None
    first_url: str


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL.

    >>> origin("https://www.gonews.co/berita/baca/x?page=2")
    'https://www.gonews.co'
    """
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def mirror_of(record: ArchivedResponse) -> str:
    """The public base URL a record's key is taken on when it was fetched from
    another host (a loopback copy, a mirror); "" when fetched from the site itself."""
    public = record.govnews.get("Public-Base-URL", "")
    return public if public and not same_host(record.url, public) else ""


class ReprocessSpider(ArticleSpider):
    name = "reprocess"

    def __init__(self, archive: str = "", since: str = "", site: str = "", **kwargs: Any):
        scrapy.Spider.__init__(self, **kwargs)
        self.archive_paths = [Path(p) for p in str(archive).split(os.pathsep) if p.strip()]
        if not self.archive_paths:
            raise UsageError("give -a archive=<WARC file or folder>[" + os.pathsep + "...]")
        try:
            archive_files(self.archive_paths)
        except FileNotFoundError as exc:
            raise UsageError(str(exc)) from None
        self.since = parse_since(since)
        self.only_site = site.strip().lower() or None
        self.params = CrawlParams(base_url="", max_pages=1, article_urls=(), since=self.since, full=False)
        self.base_url = ""
        self.allowed_domains = []
        self._mirror: str | None = None  # set by the first article record read
        self._waiting: dict[str, list[_Waiting]] = {}

    @property
    def public_base_url(self) -> str:
        """The public site of a mirrored archive (keys on its host), else ""
        (each article keyed on its own URL)."""
        return self._mirror or ""

    @cached_property
    def word_corpus(self) -> CorpusFrequency:  # type: ignore[override]
        return CorpusFrequency(min_documents=_VOCABULARY_MIN_DOCUMENTS)

    def closed(self, reason: str) -> None:
        pass  # nothing to write back: the stored vocabulary is left alone

    def article_page(self, response: Response) -> ArticleExtractor:
        if self.public_base_url:
            return super().article_page(response)
        site = site_for(response.url)
        if site is None:
            return GenericArticlePage.from_response(response)
        return site.article_page(response.url, response.selector, origin(response.url))

    def skip(self, reason: str, url: str | None = None) -> None:
        self.crawler.stats.inc_value(f"{STATS}/skipped/{reason}")
        if url:
            logger.debug("reprocess: skipped %s (%s)", url, reason)

    async def start(self) -> AsyncIterator[Any]:
        read = 0
        for record in read_archive(self.archive_paths):
            if isinstance(record, Skipped):
                self.skip(record.reason, record.url)
                continue
            read += 1
            self.crawler.stats.inc_value(f"{STATS}/responses")
            for item in self.items_of(record):
                yield item
        for waiting in self._waiting.values():
            for chain in waiting:
                self.skip("article_page_missing", chain.first_url)
        if not read:
            raise CloseSpider("no_archived_pages")

    def items_of(self, record: ArchivedResponse) -> Iterator[Any]:
        reason = self._reason_to_skip(record)
        if reason:
            self.skip(reason, record.url)
            return
        chain = self._take_waiting(record)
        if chain is None and record.role == ROLE_PART:
            self.skip("article_part_without_first_page", record.url)
            return
        mirror = mirror_of(record)
        if self._mirror is None:
            self._mirror = mirror
        elif mirror != self._mirror:
            # Keys of one run are taken on one public host: the pipelines ask the spider for it.
            self.skip("another_public_site", record.url)
            logger.warning("reprocess: %s is a copy of %s, not of %s: reprocess it with --site",
                           record.url, mirror or "its own site", self._mirror or "the sites themselves")
            return
        response = record.to_response()
        yield from self.article_step(response, record.fetched_at, chain)

    def _reason_to_skip(self, record: ArchivedResponse) -> str | None:
        if self.only_site and record.site != self.only_site:
            return "other_site"
        if self.since is not None and record.fetched_at < self.since:
            return "fetched_before_since"
        if record.status != 200:
            return f"status_{record.status}"
        if record.role == ROLE_PAGE:
            return "not_an_article_request"  # a listing, sitemap, robots.txt of GOVNEWS_ARCHIVE=all
        if record.content_type not in HTML_TYPES and not record.body.lstrip()[:1] == b"<":
            return "not_html"
        return None

    def _take_waiting(self, record: ArchivedResponse) -> _Waiting | None:
        for url in record.urls:
            chains = self._waiting.get(url)
            if chains:
                chain = chains.pop(0)
                if not chains:
                    del self._waiting[url]
                return chain
        return None

    def article_step(self, response: Response, fetched_at: datetime, chain: _Waiting | None) -> Iterator[Any]:
        """``ArticleSpider.parse_article`` with the archive in place of the network:
        the same decisions, a further page waited for instead of requested."""
        earlier = chain.earlier if chain else None
        page = self.article_page(response)
        if not isinstance(response, HtmlResponse) or not page.is_article:
            self.crawler.stats.inc_value("govnews/article/not_an_article")
            self.skip("not_an_article", response.url)
            return
        first_url = chain.first_url if chain else response.url
        all_pages_url = page.all_pages_url
        if earlier is None and all_pages_url and all_pages_url != response.url:
            self._wait_for(response.urljoin(all_pages_url), _Waiting(None, first_url))
            return
        raw = page.extract(continuation=earlier is not None)
        if earlier is not None:
            raw = earlier.merged_with(raw)
        next_part = None if all_pages_url == response.url else page.next_part_url
        if next_part and next_part != response.url:
            self._wait_for(response.urljoin(next_part), _Waiting(raw, first_url))
            return
        self.crawler.stats.inc_value("govnews/article/extracted")
        yield load_article(
            raw,
            run_id=self.run_id,
            downloaded_at=fetched_at,
            url=first_url,
            corpus=self.word_corpus,
            typos=self.typos.mode,
        )

    def _wait_for(self, url: str, chain: _Waiting) -> None:
        self._waiting.setdefault(url, []).append(chain)
