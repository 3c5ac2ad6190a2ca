"""Storage faults are loud: a failed write of data, state or the run report ends the run.

A full disk, a read-only output folder or a state file that is not a
database must reach the exit status of ``govnews crawl`` / ``scrapy crawl``
(a cron job reads nothing else). The first failure

- is recorded as the stat ``govnews/storage/failed`` (one line naming what
  could not be written and why), which the health verdict turns into a
  reason and the crawl command prints as ``govnews: <reason>`` before it
  exits 1;
- closes the spider with finish reason ``storage_failed``: fetching on
  would only download what cannot be kept.

What was committed before stays consistent: the Parquet writer drops its
open temporary files (never visible to readers), so their rows are neither
in the dataset nor claimed by the state, and the next run fetches them again.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from scrapy.utils.defer import deferred_from_coro

logger = logging.getLogger(__name__)

STORAGE_FAILED_STAT = "govnews/storage/failed"
STORAGE_FAILED_REASON = "storage_failed"


class StorageFailure(Exception):
    """A write that failed; its message is the one line an operator reads."""


# What a failed write raises: the OS (ENOSPC, EROFS, EACCES; pyarrow's IO
# errors are OSError too), SQLite (full, read-only, not a database), or a
# StorageFailure already described.
STORAGE_ERRORS = (OSError, sqlite3.Error, StorageFailure)


def reason_of(what: str, exc: BaseException) -> str:
    """The one-line reason of a failed write.

    >>> reason_of("data file out/articles", OSError(28, "No space left on device"))
    'cannot write data file out/articles: [Errno 28] No space left on device'
    >>> reason_of("state", StorageFailure("state file s is not a database"))
    'state file s is not a database'
    """
    if isinstance(exc, StorageFailure):
        return str(exc)
    message = " ".join(str(exc).split()) or type(exc).__name__
    return f"cannot write {what}: {message}"


def storage_failed(crawler: Any, what: str, exc: BaseException) -> str:
    """Record a failed write and end the run (once); the reason recorded."""
    reason = reason_of(what, exc)
    stats = crawler.stats
    if stats.get_value(STORAGE_FAILED_STAT) is not None:
        return reason
    stats.set_value(STORAGE_FAILED_STAT, reason)
    logger.error("storage failure, ending the run: %s", reason)
    try:
        engine = crawler.engine
    except (AttributeError, RuntimeError):  # not started yet: the caller raises
        return reason
    if engine is not None and engine.spider is not None and getattr(engine, "_slot", None) is not None:
        deferred_from_coro(engine.close_spider_async(reason=STORAGE_FAILED_REASON))
    return reason


def output_problem(output_dir: Path) -> str | None:
    """Why nothing can be written under ``output_dir`` (read-only, full, not a
    folder), or None: checked before a crawl starts, so such a run never begins."""
    probe = output_dir / "_runs" / f".write-probe-{os.getpid()}"
    try:
        probe.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(descriptor, b"govnews")
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
            probe.unlink(missing_ok=True)
    except OSError as exc:
        # The errno and its text, not the probe's name: the folder is what the operator fixes.
        return reason_of(f"to the output directory {output_dir}", OSError(exc.errno, exc.strerror))
    return None


class GuardedState:
    """An ``ArticleState`` whose failed writes (and reads) end the run loudly.

    Every method call goes through to the wrapped state; a storage error is
    recorded with ``on_failure`` and raised again as ``StorageFailure``, so
    the caller's item or callback stops there as it would have anyway.
    """

    def __init__(self, state: Any, on_failure: Callable[[BaseException], str]):
        self._state = state
        self._on_failure = on_failure

    @property
    def wrapped(self) -> Any:
        return self._state

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._state, name)
        if not callable(attribute):
            return attribute

        def guarded(*args: Any, **kwargs: Any) -> Any:
            try:
                return attribute(*args, **kwargs)
            except STORAGE_ERRORS as exc:
                raise StorageFailure(self._on_failure(exc)) from exc

        return guarded
