"""Browser rendering for the few requests that ask for it, at no cost to the rest.

``RenderingDownloadHandler`` is registered for ``http`` and ``https``. A plain
request goes straight to Scrapy's HTTP/1.1 handler; only a request with
``meta["playwright"]`` reaches scrapy-playwright's handler, which is created
(and its Playwright driver started) on the first such request. A crawl that
renders nothing therefore never starts Node or a browser, and installing
scrapy-playwright's handler for every request measurably slowed plain crawls.

Which browser: ``GOVNEWS_CHROMIUM`` if set, else
``PLAYWRIGHT_LAUNCH_OPTIONS["executable_path"]``, else Debian's
``/usr/bin/chromium`` (or a ``chromium`` on PATH) when present, else the browser ``playwright install``
put in place. Every other ``PLAYWRIGHT_*`` setting is scrapy-playwright's own.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.misc import build_from_crawler

from govnews.config import PopularConfig

if TYPE_CHECKING:
    from playwright.async_api import Request as BrowserRequest
    from scrapy.crawler import Crawler
    from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

logger = logging.getLogger(__name__)

DEBIAN_CHROMIUM = Path("/usr/bin/chromium")
# Chromium phones Google (updates, sync, field trials, QUIC probes) unless told
# not to; on a closed network those calls only add noise and delay. Running as
# root (containers) it refuses to start without --no-sandbox.
QUIET_CHROMIUM_ARGS = (
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
)
# The list is text drawn by a script: pictures, video and fonts are never needed.
SKIPPED_RESOURCE_TYPES = frozenset({"image", "media", "font"})


def system_chromium() -> Path | None:
    """The machine's own Chromium: Debian's path first, then one on PATH."""
    if DEBIAN_CHROMIUM.is_file():
        return DEBIAN_CHROMIUM
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    return Path(found) if found else None


def launch_options(
    user_options: Mapping[str, Any], chromium: str | None, system_chromium: Path | None
) -> dict[str, Any]:
    """Playwright launch options: the user's, plus which browser and quiet flags.

    >>> o = launch_options({}, None, Path("/usr/bin/chromium"))
    >>> o["executable_path"], o["headless"], "--no-sandbox" in o["args"]
    ('/usr/bin/chromium', True, True)
    >>> launch_options({"executable_path": "/opt/c"}, None, Path("/usr/bin/chromium"))["executable_path"]
    '/opt/c'
    >>> launch_options({"executable_path": "/opt/c"}, "/nowhere", None)["executable_path"]
    '/nowhere'
    >>> "executable_path" in launch_options({}, None, None)
    False
    >>> launch_options({"args": ["--no-first-run", "--lang=id"]}, None, None)["args"][:2]
    ['--no-first-run', '--lang=id']
    """
    options = dict(user_options)
    if chromium:
        options["executable_path"] = chromium
    elif not options.get("executable_path") and system_chromium is not None:
        options["executable_path"] = str(system_chromium)
    args = list(options.get("args") or ())
    wanted = list(QUIET_CHROMIUM_ARGS)
    if not options.get("chromium_sandbox"):
        wanted.insert(0, "--no-sandbox")
    options["args"] = args + [flag for flag in wanted if flag not in args]
    options.setdefault("headless", True)
    return options


def skip_heavy_resources(request: BrowserRequest) -> bool:
    """``PLAYWRIGHT_ABORT_REQUEST`` default: the browser fetches no images, media or fonts."""
    return request.resource_type in SKIPPED_RESOURCE_TYPES


class RenderingDownloadHandler:
    """Scrapy's HTTP/1.1 handler, plus a browser for ``meta["playwright"]`` requests."""

    lazy = False

    def __init__(self, crawler: Crawler):
        self.crawler = crawler
        self.config = PopularConfig.from_settings(crawler.settings)
        self._http = build_from_crawler(HTTP11DownloadHandler, crawler)
        # Bound once: a plain request costs one attribute check and one await.
        self._plain = self._http.download_request
        self._browser: ScrapyPlaywrightDownloadHandler | None = None
        self._browser_lock: asyncio.Lock | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RenderingDownloadHandler:
        return cls(crawler)

    async def download_request(self, request: Request) -> Response:
        if request.meta.get("playwright"):
            return await self._render(request)
        return await self._plain(request)

    async def _render(self, request: Request) -> Response:
        if not self.config.enabled:
            raise IgnoreRequest("browser rendering is off (GOVNEWS_POPULAR_ENABLED = False)")
        self.crawler.stats.inc_value("govnews/rendering/requests")
        browser = await self._browser_handler()
        return await browser.download_request(request)

    async def _browser_handler(self) -> ScrapyPlaywrightDownloadHandler:
        if self._browser_lock is None:
            self._browser_lock = asyncio.Lock()
        async with self._browser_lock:
            if self._browser is None:
                self._browser = await self._start_browser_handler()
            return self._browser

    async def _start_browser_handler(self) -> ScrapyPlaywrightDownloadHandler:
        # Imported here: a crawl that renders nothing never loads Playwright.
        from scrapy_playwright.handler import ScrapyPlaywrightDownloadHandler

        settings = self.crawler.settings
        handler = build_from_crawler(ScrapyPlaywrightDownloadHandler, self.crawler)
        system = system_chromium()
        options = launch_options(
            settings.getdict("PLAYWRIGHT_LAUNCH_OPTIONS"), self.config.chromium, system
        )
        navigation_ms = handler.config.navigation_timeout_ms
        if navigation_ms is None:
            # Bounds page.goto and the load-state waits scrapy-playwright adds
            # after each page method; Playwright's own default is 30 s.
            navigation_ms = float(self.config.timeout_ms)
        handler.config = replace(
            handler.config, launch_options=options, navigation_timeout_ms=navigation_ms
        )
        if not settings.get("PLAYWRIGHT_ABORT_REQUEST"):
            handler.abort_request = skip_heavy_resources
        logger.info(
            "starting the browser for rendering: %s",
            options.get("executable_path") or "Playwright's bundled browser",
        )
        # scrapy-playwright starts Playwright on engine_started; that signal has
        # long fired when the first rendering request arrives, so start it here.
        try:
            await handler._maybe_launch_in_thread()
        except BaseException:
            await handler.close()
            raise
        self.crawler.stats.inc_value("govnews/rendering/handler_started")
        return handler

    async def close(self) -> None:
        await self._http.close()
        if self._browser is not None:
            await self._browser.close()
