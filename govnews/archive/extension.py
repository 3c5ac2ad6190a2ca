"""``ArchiveExtension``: every archived fetch goes into the run's WARC files.

It hears ``response_received``, sent once every downloader middleware has
run, so it keeps the response the spider gets: redirects followed, body
decompressed, a truncated page already refused. The framing the server
sent (``Content-Encoding``, ``Transfer-Encoding``, ``Content-Length``) is
read on ``response_downloaded``, before any middleware changed it. Listed
before ``RunReport`` in ``EXTENSIONS``, it closes its files on
``spider_closed`` before the report lists them.

Which fetches: with ``GOVNEWS_ARCHIVE=articles`` those whose request is
for the spider's ``parse_article`` (role ``article``, or ``article-part``
for the further pages of a split article); with ``all`` every response
(role ``page`` for the rest). Each archived response's meta gets
``FETCHED_AT_META``, the moment it arrived: the article's
``date_downloaded`` and the record's ``WARC-Date``, one value.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit
from weakref import WeakKeyDictionary

from scrapy import Request, signals
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from twisted.internet import task

from govnews import __version__
from govnews.archive import FETCHED_AT_META
from govnews.archive.config import ArchiveConfig
from govnews.archive.http import WireFraming, decoded_headers, header_pairs
from govnews.archive.writer import ArchiveWriter, Exchange
from govnews.incremental.state import IncrementalConfig
from govnews.runs.run import Run, WrittenFile
from govnews.runs.storage import STORAGE_ERRORS, storage_failed
from govnews.urls import on_public_host, same_host, site_of

STATS = "govnews/archive"
ROLE_ARTICLE, ROLE_PART, ROLE_PAGE = "article", "article-part", "page"


def role_of(request: Request, spider: Any, mode: str) -> str | None:
    """What an archived response is to the crawl, or None when not archived."""
    article_callback = getattr(spider, "parse_article", None)
    if article_callback is not None and request.callback == article_callback:
        continuation = "earlier" in request.cb_kwargs or "first_url" in request.cb_kwargs
        return ROLE_PART if continuation else ROLE_ARTICLE
    return ROLE_PAGE if mode == "all" else None


class ArchiveExtension:
    def __init__(self, crawler: Any, config: ArchiveConfig):
        self.crawler = crawler
        self.stats = crawler.stats
        self.config = config
        self.run = Run.for_crawler(crawler)
        self.writer = ArchiveWriter(
            self.run.output_dir, self.run.run_id, config.max_file_bytes, self._file_closed,
            info={"govnews-archive-mode": config.mode,
                  "http-header-user-agent": crawler.settings.get("USER_AGENT") or f"govnews/{__version__}",
                  "robots": "obey" if crawler.settings.getbool("ROBOTSTXT_OBEY") else "ignore"},
        )
        self._wire: WeakKeyDictionary[Request, tuple[WireFraming, datetime]] = WeakKeyDictionary()
        self._failed = False
        # Closed as often as Parquet files are committed: an article stored
        # by a run that is killed later has its page archived too.
        self._closer = task.LoopingCall(self.close_files)
        self._interval = IncrementalConfig.from_settings(crawler.settings).commit_interval_seconds
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)
        crawler.signals.connect(self.response_received, signal=signals.response_received)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ArchiveExtension:
        config = ArchiveConfig.from_settings(crawler.settings)
        if not config.enabled:
            raise NotConfigured("GOVNEWS_ARCHIVE=off")
        return cls(crawler, config)

    def spider_opened(self, spider: Any) -> None:
        self._closer.start(self._interval, now=False)

    def response_downloaded(self, response: Response, request: Request, spider: Any = None) -> None:
        wire = WireFraming(
            content_encoding=_text(response.headers.get(b"Content-Encoding")),
            transfer_encoding=_text(response.headers.get(b"Transfer-Encoding")),
            content_length=_text(response.headers.get(b"Content-Length")),
        )
        self._wire[request] = (wire, datetime.now(timezone.utc))

    def response_received(self, response: Response, request: Request, spider: Any = None) -> None:
        spider = self.crawler.spider
        wire, fetched_at = self._wire.pop(request, (WireFraming(), datetime.now(timezone.utc)))
        role = role_of(request, spider, self.config.mode)
        if role is None or self._failed:
            return
        request.meta[FETCHED_AT_META] = fetched_at
        exchange = self._exchange(request, response, role, wire, fetched_at)
        try:
            self.writer.write(exchange.govnews["Site"], exchange)
        except STORAGE_ERRORS as exc:
            self._storage_failed(exc)
            return
        self.stats.inc_value(f"{STATS}/responses")
        self.stats.inc_value(f"{STATS}/responses/{role}")
        self.stats.inc_value(f"{STATS}/payload_bytes", len(response.body))

    def _exchange(self, request: Request, response: Response, role: str, wire: WireFraming,
                  fetched_at: datetime) -> Exchange:
        spider = self.crawler.spider
        redirects = request.meta.get("redirect_urls") or []
        public = getattr(spider, "public_base_url", "") or ""
        first_url = request.cb_kwargs.get("first_url") if role == ROLE_PART else None
        return Exchange(
            url=response.url,
            fetched_at=fetched_at,
            status=response.status,
            response_headers=decoded_headers(header_pairs(response.headers), wire, len(response.body)),
            body=response.body,
            method=request.method,
            request_headers=header_pairs(request.headers),
            request_body=request.body,
            protocol=response.protocol or "HTTP/1.1",
            ip_address=str(response.ip_address) if response.ip_address else None,
            govnews={
                "Role": role,
                "Site": self._site_of(response.url, spider),
                "Public-Base-URL": public,
                "Requested-URI": redirects[0] if redirects else "",
                "First-URL": first_url or "",
                # The DOM a browser rendered (the popular list), not the bytes the server sent.
                "Rendered": "browser" if request.meta.get("playwright") else "",
            },
        )

    @staticmethod
    def _site_of(url: str, spider: Any) -> str:
        """The site a page belongs to: the public site's, for pages of the crawled host."""
        public = getattr(spider, "public_base_url", "") or ""
        base = getattr(spider, "base_url", "") or ""
        if public and base and same_host(url, base):
            return site_of(on_public_host(url, public))
        return site_of(url) or (urlsplit(url).hostname or "")

    def _file_closed(self, written: WrittenFile) -> None:
        self.run.archive_files.append(written)
        self.stats.inc_value(f"{STATS}/files")
        self.stats.inc_value(f"{STATS}/bytes", written.bytes)

    def close_files(self) -> None:
        if self._failed:
            return
        try:
            self.writer.close_all()
        except STORAGE_ERRORS as exc:
            self._storage_failed(exc)

    def _storage_failed(self, exc: BaseException) -> None:
        self._failed = True
        self.writer.discard()
        storage_failed(self.crawler, f"WARC archive in {self.writer.root}", exc)

    def spider_closed(self, spider: Any, reason: str) -> None:
        if self._closer.running:
            self._closer.stop()
        self.close_files()


def _text(value: bytes | None) -> str | None:
    return value.decode("latin-1") if value is not None else None
