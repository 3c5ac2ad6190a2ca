"""The "Terpopuler 24 Jam Terakhir" list: rendered once per run, stored as its own dataset.

The list is drawn in the browser by the site's script from a payload whose
format is private and changes without notice, so we never decode it: the home
page is rendered in Chromium (scrapy-playwright, see ``govnews.rendering``)
and the list is read from the DOM the browser shows.

``PopularListMixin`` gives a spider the request, its callback and errback;
the item building and the failure wording are pure functions.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Response
from scrapy_playwright.page import PageMethod
from twisted.python.failure import Failure

from govnews.cleaning.dates import parse_date_detailed
from govnews.config import PopularConfig
from govnews.distributed.config import LOCAL_META, RedisConfig
from govnews.items import PopularItem
from govnews.records import PopularEntry
from govnews.sites.gonews.pages import PopularListPage
from govnews.urls import site_of

DEFAULT_LIST_NAME = "Terpopuler 24 Jam Terakhir"
STATS = "govnews/popular"


def approx_published(relative_time_raw: str | None, observed_at: datetime) -> datetime | None:
    """When an entry was published: the time shown, read against the moment it was seen.

    >>> seen = datetime(2021, 2, 26, 2, 0, tzinfo=timezone.utc)
    >>> approx_published("15 jam yang lalu", seen).isoformat()
    '2021-02-25T11:00:00+00:00'
    >>> approx_published("sebentar", seen) is None
    True
    """
    if not relative_time_raw:
        return None
    try:
        return parse_date_detailed(relative_time_raw, reference=observed_at).instant
    except ValueError:
        return None


def popular_item(
    entry: PopularEntry,
    *,
    canonical_url: str,
    observed_at: datetime,
    list_name: str,
    run_id: str,
) -> PopularItem:
    """One list entry as a record of the ``popular`` dataset."""
    observed_at = observed_at.astimezone(timezone.utc)
    return PopularItem(
        observed_at=observed_at,
        site=site_of(canonical_url),
        list_name=list_name,
        position=entry.position,
        url=entry.url,
        canonical_url=canonical_url,
        headline=" ".join(entry.headline.split()),
        section=entry.section,
        relative_time_raw=entry.relative_time_raw,
        approx_date_published=approx_published(entry.relative_time_raw, observed_at),
        run_id=run_id,
    )


def not_observed_reason(error: BaseException, config: PopularConfig) -> str:
    """Why the list was not seen, worded for the run report (one line).

    >>> cfg = PopularConfig(enabled=True, timeout_seconds=2, chromium=None)
    >>> class TimeoutError(Exception): ...
    >>> not_observed_reason(TimeoutError("Page.wait_for_selector: Timeout 2000ms exceeded.\\n..."), cfg)
    "list 'ol#populer-list li' did not appear within 2 s (Page.wait_for_selector: Timeout 2000ms exceeded.)"
    >>> not_observed_reason(Exception("BrowserType.launch: Executable doesn't exist at /x\\n..."), cfg)
    "browser could not be started (BrowserType.launch: Executable doesn't exist at /x)"
    """
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    detail = lines[0] if lines else type(error).__name__
    if "wait_for_selector" in detail:
        return (
            f"list {PopularListPage.LIST_CSS!r} did not appear within"
            f" {config.timeout_seconds:g} s ({detail})"
        )
    if "Timeout" in detail:
        return f"home page did not load within {config.timeout_seconds:g} s ({detail})"
    if "BrowserType.launch" in detail or "playwright install" in str(error):
        return f"browser could not be started ({detail})"
    return f"{type(error).__name__}: {detail}"


def rendering_meta(config: PopularConfig) -> dict[str, Any]:
    """Request meta that has the home page rendered and waits, bounded, for the list."""
    return {
        "playwright": True,
        "playwright_page_goto_kwargs": {"wait_until": "domcontentloaded", "timeout": config.timeout_ms},
        "playwright_page_methods": [
            PageMethod("wait_for_selector", PopularListPage.LIST_CSS, timeout=config.timeout_ms)
        ],
        # One attempt: a render is bounded by the timeout, not multiplied by retries.
        "dont_retry": True,
        # We close the page ourselves, in the callback and in the errback: a
        # timeout is then an expected outcome, not a logged traceback.
        "playwright_include_page": True,
    }


class PopularListMixin:
    """Spider part: one rendered request for the list, and what comes of it.

    The spider must define ``follow_article(url, now) -> Request | None`` (the
    request for a popular article it has not stored yet), ``run_id`` and
    ``public_base_url``; ``from_crawler`` reads ``PopularConfig`` once.
    """

    popular_config: PopularConfig
    crawler: Any
    public_base_url: str
    logger: Any

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> Any:
        spider = super().from_crawler(crawler, *args, **kwargs)  # type: ignore[misc]
        spider.popular_config = PopularConfig.from_settings(crawler.settings)
        return spider

    def popular_requests(self, home_url: str) -> Iterator[scrapy.Request]:
        """The render request for the list, when ``GOVNEWS_POPULAR_ENABLED``."""
        if not self.popular_config.enabled:
            return
        if RedisConfig.from_settings(self.crawler.settings) is not None:
            from govnews.distributed.workers import render_once  # loads redis: distributed runs only

            if not render_once(self.crawler, "popular"):
                # Another worker of this distributed run renders it (govnews.distributed).
                self.crawler.stats.set_value(f"{STATS}/rendered_by_another_worker", 1)
                return
        self.crawler.stats.set_value(f"{STATS}/expected", 1)
        meta = rendering_meta(self.popular_config)
        meta[LOCAL_META] = True  # holds a browser page: never serialized into a shared queue
        # Its own download slot: a slow render never holds up the plain crawl.
        meta["download_slot"] = f"{urlsplit(home_url).hostname}#browser"
        yield scrapy.Request(
            home_url,
            callback=self.parse_popular,
            errback=self.popular_failed,
            meta=meta,
            # The same URL is also fetched plainly as a listing.
            dont_filter=True,
            priority=10,
        )

    async def parse_popular(self, response: Response) -> AsyncIterator[Any]:
        observed_at = datetime.now(timezone.utc)
        # The response already holds the rendered DOM; the page is not needed.
        await self._close_page(response.meta)
        for output in self._popular_output(response, observed_at):
            yield output

    def _popular_output(self, response: Response, observed_at: datetime) -> Iterator[Any]:
        stats = self.crawler.stats
        page = PopularListPage.from_response(response, self.public_base_url)
        entries = page.entries()
        if not entries:
            rendered = "playwright" in (response.flags or [])
            why = (
                "the rendered page shows the list without entries"
                if rendered
                else "the home page was not rendered by a browser (check DOWNLOAD_HANDLERS)"
            )
            self._not_observed(why)
            return
        run_id = self.run_id  # type: ignore[attr-defined]
        list_name = page.list_name or DEFAULT_LIST_NAME
        stats.set_value(f"{STATS}/observed", 1)
        stats.set_value(f"{STATS}/entries", len(entries))
        for entry in entries:
            item = popular_item(
                entry,
                canonical_url=page.public(entry.url) or entry.url,
                observed_at=observed_at,
                list_name=list_name,
                run_id=run_id,
            )
            if entry.relative_time_raw and item["approx_date_published"] is None:
                stats.inc_value(f"{STATS}/time_unparsed")
            yield item
        for entry in entries:
            # The spider's incremental state decides: stored or already
            # requested articles are not fetched again.
            request = self.follow_article(entry.url, observed_at)  # type: ignore[attr-defined]
            if request is None:
                stats.inc_value(f"{STATS}/articles_known")
                continue
            stats.inc_value(f"{STATS}/article_requests")
            yield request

    async def popular_failed(self, failure: Failure) -> None:
        # scrapy-playwright puts the page in meta before navigating, so a page
        # opened for a request that then failed or timed out is closed here.
        await self._close_page(failure.request.meta)  # type: ignore[attr-defined]
        self._not_observed(not_observed_reason(failure.value, self.popular_config))

    async def _close_page(self, meta: dict[str, Any]) -> None:
        page = meta.pop("playwright_page", None)
        if page is None:
            return
        try:
            await page.close()
        except Exception as exc:  # a crashed or already closed page is closed enough
            self.logger.warning("closing the rendered page failed: %s", exc)
        self.crawler.stats.inc_value(f"{STATS}/pages_closed")

    def _not_observed(self, reason: str) -> None:
        self.crawler.stats.set_value(f"{STATS}/not_observed_reason", reason)
        self.logger.warning("popular list not observed: %s", reason)

