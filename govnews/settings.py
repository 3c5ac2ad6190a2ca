"""Scrapy settings for govnews: polite defaults for the live sites, all overridable.

govnews' own settings are prefixed ``GOVNEWS_`` and read once per component
into a typed config (``govnews/config.py``); a bad value stops the crawl at
start-up with a message naming the setting.
"""

from __future__ import annotations

from scrapy.settings import default_settings as _default

from govnews import __version__

BOT_NAME = "govnews"
SPIDER_MODULES = ["govnews.spiders", "govnews.sites", "govnews.archive.reprocess"]
NEWSPIDER_MODULE = "govnews.spiders"
COMMANDS_MODULE = "govnews.commands"

# Polite by default: the live sites are small newsrooms' servers.
USER_AGENT = f"govnews/{__version__} (+news research crawler; Scrapy)"
ROBOTSTXT_OBEY = True
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.5
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
RETRY_ENABLED = True
RETRY_TIMES = 2
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
LOG_FORMATTER = "govnews.logformatter.GovnewsLogFormatter"

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
# Plain requests go straight to Scrapy's HTTP/1.1 handler; only requests with
# meta["playwright"] start a browser (govnews.rendering), and it needs asyncio.
DOWNLOAD_HANDLERS = {
    "http": "govnews.rendering.RenderingDownloadHandler",
    "https": "govnews.rendering.RenderingDownloadHandler",
}

ITEM_PIPELINES = {
    "govnews.pipelines.ValidationPipeline": 300,
    "govnews.incremental.versions.VersionPipeline": 500,
    "govnews.pipelines.ParquetExportPipeline": 800,
}
EXTENSIONS = {
    "govnews.incremental.recovery.RunRecovery": 400,
    # Before the report: it closes its WARC files on spider_closed, then the report lists them.
    "govnews.archive.extension.ArchiveExtension": 450,
    "govnews.runs.extensions.RunReport": 500,
}
# After OffsiteMiddleware (50) on the way out; last on the way back, so it
# sees the response redirects, retries and decompression settled on.
DOWNLOADER_MIDDLEWARES = {
    "govnews.middlewares.FetchGuardMiddleware": 60,
}
# Scrapy 2.19 starts a remote-control HTTP server (code execution behind a
# token) in every crawl: a crawler needs none. Disabled, and left out of the
# base lists with the cookies middleware (COOKIES_ENABLED is off): Scrapy
# imports every listed component, even one set to None, before it can say
# NotConfigured, and these two pull in aiohttp, tldextract, requests and
# filelock (~12 MB of RSS and ~0.6 s before the first request).
REMOTE_CONTROL_ENABLED = False
_NOT_LOADED = {"scrapy.extensions.remote_control.RemoteControl",
               "scrapy.downloadermiddlewares.cookies.CookiesMiddleware"}
EXTENSIONS_BASE = {k: v for k, v in _default.EXTENSIONS_BASE.items() if k not in _NOT_LOADED}
DOWNLOADER_MIDDLEWARES_BASE = {k: v for k, v in _default.DOWNLOADER_MIDDLEWARES_BASE.items() if k not in _NOT_LOADED}
# Outermost on the way back, so it sees the callback's output used up (see its docstring).
SPIDER_MIDDLEWARES = {
    "govnews.middlewares.ReleaseParsedPages": 10,
}
# Per process on purpose: with JOBDIR a persisted "seen" would hide articles
# fetched but never committed before a kill (govnews.middlewares.RunDupeFilter).
DUPEFILTER_CLASS = "govnews.middlewares.RunDupeFilter"
# GOVNEWS_REDIS_URL turns a crawl into one worker of a shared run (README
# "Scaling out"); without it the add-on changes nothing.
ADDONS = {"govnews.distributed.addon.DistributedAddon": 0}
REDIRECT_MAX_TIMES = 5
# Scrapy starts CONCURRENT_ITEMS worker tasks (default 100) for every
# response's output, however few items it yields (an article page yields one).
# Every govnews pipeline is synchronous, so more than one worker never runs
# items in parallel: the extra tasks were pure event-loop overhead.
CONCURRENT_ITEMS = 1

# govnews settings (see README "Settings"): their defaults live in
# govnews.defaults, the one place each is written; components read them
# through their typed configs (govnews.config).
from govnews.defaults import *  # noqa: E402,F403
