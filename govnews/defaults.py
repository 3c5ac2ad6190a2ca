"""Defaults of every ``GOVNEWS_*`` setting, each written once.

``govnews.settings`` exports them as the project's settings; the typed
configs (``govnews.config``) fall back to them when a crawler's settings lack
a name (a bare ``Settings()`` in a test, or another project's settings module).
"""

from __future__ import annotations

import os

GOVNEWS_OUTPUT_DIR = "output"
GOVNEWS_ROW_GROUP_SIZE = 5000
GOVNEWS_MAX_ROWS_PER_FILE = 100_000
GOVNEWS_MAX_BUFFERED_ROWS = 2000  # rows held in memory across all partitions
GOVNEWS_PARQUET_COMPRESSION = "zstd"
GOVNEWS_MAX_ERROR_RATIO = 0.05
GOVNEWS_MAX_QUARANTINE_RATIO = 0.10
# Incremental runs (govnews.incremental.triage, govnews.incremental.state; README "Scheduling").
GOVNEWS_STATE_CLASS = "govnews.incremental.state.SQLiteState"
GOVNEWS_COMMIT_INTERVAL = 60  # seconds between commits of open Parquet files
GOVNEWS_REFRESH_HOURS = 0  # re-read stored articles published this recently
GOVNEWS_QUARANTINE_RETRY_HOURS = 24  # fetch a quarantined article again after this long
# Article URLs that answered 404/410 are not requested again for this long,
# doubling per failure up to the cap, and given up after the number of tries.
GOVNEWS_DEAD_RETRY_HOURS = 24  # 0: do not remember dead links
GOVNEWS_DEAD_RETRY_MAX_HOURS = 168
GOVNEWS_DEAD_MAX_TRIES = 5
GOVNEWS_ALLOW_CONCURRENT_RUNS = False  # a second live run on one output dir closes at once
# The "Terpopuler 24 Jam Terakhir" list, rendered in Chromium (govnews.sites.gonews.popular).
GOVNEWS_POPULAR_ENABLED = True
GOVNEWS_POPULAR_TIMEOUT = 20  # seconds, for the page load and for the list to appear
GOVNEWS_CHROMIUM = os.environ.get("GOVNEWS_CHROMIUM") or None  # browser executable
GOVNEWS_REQUIRE_POPULAR = True  # a run whose list was expected but not observed is unhealthy
GOVNEWS_RUN_ID = None  # generated: UTC start time plus a random suffix
# Typo correction (govnews.cleaning.typos): fix (confident ones only), suggest, off.
GOVNEWS_TYPOS = os.environ.get("GOVNEWS_TYPOS") or "fix"
# WARC archive of fetched pages (govnews.archive; README "Archive and reprocess"):
# articles (pages handed to the article callback), all (every response), off.
GOVNEWS_ARCHIVE = os.environ.get("GOVNEWS_ARCHIVE") or "articles"
GOVNEWS_ARCHIVE_MAX_FILE_BYTES = 100 * 1024 * 1024  # a WARC file is closed and a new one begun past this
# Scaling out (govnews.distributed; README "Scaling out"): a redis://host:port/db URL
# puts the frontier, the duplicate filter and the state in Redis; unset, nothing changes.
GOVNEWS_REDIS_URL = os.environ.get("GOVNEWS_REDIS_URL") or None
GOVNEWS_REDIS_PREFIX = "govnews"  # every key this project writes starts with it
GOVNEWS_WORKER_NAME = None  # generated: host name and process id
GOVNEWS_WORKER_HEARTBEAT = 10  # seconds a worker stays alive in Redis without a heartbeat
GOVNEWS_POPULAR_LOCK_SECONDS = 300  # lease of the lock that renders the popular list once per run
GOVNEWS_SHARED_RUN_ID = None  # set by govnews.distributed.addon: the run id every worker shares
