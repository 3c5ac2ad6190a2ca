"""The health verdict of a run, from its stats: a pure function, so it is testable."""

from __future__ import annotations

from typing import Any

from govnews.config import HealthConfig
from govnews.runs.storage import STORAGE_FAILED_STAT


def _sum(stats: dict[str, Any], prefix: str) -> int:
    return sum(v for k, v in stats.items() if k.startswith(prefix) and isinstance(v, int))


def judge(
    stats: dict[str, Any], config: HealthConfig, finish_reason: str | None
) -> tuple[bool, list[str]]:
    """Whether a run is healthy, and why not.

    >>> cfg = HealthConfig(max_error_ratio=0.1, max_quarantine_ratio=0.1, require_popular=False)
    >>> judge({"downloader/request_count": 10, "govnews/export/article/rows": 5}, cfg, "finished")
    (True, [])
    >>> judge({"downloader/request_count": 10, "govnews/listing/entries": 4}, cfg, "finished")
    (False, ['no article stored although listings linked 4 new articles'])
    >>> judge({"downloader/request_count": 10, "govnews/listing/entries": 20,
    ...        "govnews/incremental/skipped": 10}, cfg, "finished")
    (True, [])
    >>> judge({"downloader/request_count": 10, "govnews/listing/entries": 20,
    ...        "govnews/incremental/skipped": 9, "govnews/incremental/requested": 1}, cfg, "finished")[1]
    ['no article stored although listings linked 1 new articles']
    >>> judge({"downloader/request_count": 10, "downloader/exception_count": 3,
    ...        "govnews/export/article/rows": 5}, cfg, "finished")[1]
    ['error ratio 0.30 above GOVNEWS_MAX_ERROR_RATIO 0.10 (3 errors / 10 requests)']

    Dead links (404/410): a first run over a listing of 42 links, 24 of them
    newly dead, fails on what it tried; the next run, which skips the 24
    remembered ones and finds nothing new, fails on nothing and is healthy.

    >>> judge({"downloader/request_count": 43, "govnews/listing/entries": 42,
    ...        "govnews/incremental/requested": 42, "govnews/incremental/answered_dead": 24,
    ...        "govnews/errors/dead_link": 24, "govnews/export/article/rows": 18}, cfg, "finished")[1]
    ['error ratio 0.56 above GOVNEWS_MAX_ERROR_RATIO 0.10 (24 errors / 43 requests)']
    >>> judge({"downloader/request_count": 1, "govnews/listing/entries": 42,
    ...        "govnews/incremental/skipped": 18, "govnews/incremental/skipped_dead": 24}, cfg, "finished")
    (True, [])

    Nor a run whose links were all quarantined recently (skipped, not new):

    >>> judge({"downloader/request_count": 1, "govnews/listing/entries": 3,
    ...        "govnews/incremental/skipped_quarantined": 3}, cfg, "finished")
    (True, [])

    Nor is a run that asks a remembered dead link again (its back-off passed)
    and hears 404 again: confirmed, not news.

    >>> judge({"downloader/request_count": 2, "govnews/incremental/requested": 1,
    ...        "govnews/incremental/answered_dead": 1, "govnews/incremental/dead_confirmed": 1}, cfg, "finished")
    (True, [])
    >>> judge({"govnews/storage/failed": "cannot write x: full"}, cfg, "storage_failed")[1]
    ['crawl did not finish: storage_failed', 'storage failure: cannot write x: full']
    """
    reasons = []
    if finish_reason not in (None, "finished"):
        reasons.append(f"crawl did not finish: {finish_reason}")
    if stats.get(STORAGE_FAILED_STAT):
        reasons.append(f"storage failure: {stats[STORAGE_FAILED_STAT]}")
    stored = stats.get("govnews/export/article/rows", 0)
    linked = stats.get("govnews/listing/entries", 0)
    # New = linked, not already stored and not remembered as dead; a run
    # without incremental stats counts every link as new. Links that answered
    # 404/410 are failures (the error ratio), not new articles that went
    # unstored. Unchanged re-reads (-a full=1) are no failure.
    if any(k.startswith("govnews/incremental/") for k in stats):
        new = stats.get("govnews/incremental/requested", 0) - stats.get("govnews/incremental/answered_dead", 0)
    else:
        new = linked
    storage_failed = bool(stats.get(STORAGE_FAILED_STAT))  # the cause, when nothing was stored
    if new > 0 and not stored and not storage_failed and not stats.get("govnews/incremental/unchanged", 0):
        reasons.append(f"no article stored although listings linked {new} new articles")
    requests = stats.get("downloader/request_count", 0)
    # Every request that failed counts, a 404 as much as a timeout: a run
    # that fails on nothing it tried has an error ratio of 0, whatever it skipped.
    errors = (
        stats.get("downloader/exception_count", 0)
        + _sum(stats, "spider_exceptions/count")
        + _sum(stats, "govnews/errors/")
    )
    if requests and errors / requests > config.max_error_ratio:
        reasons.append(
            f"error ratio {errors / requests:.2f} above GOVNEWS_MAX_ERROR_RATIO"
            f" {config.max_error_ratio:.2f} ({errors} errors / {requests} requests)"
        )
    quarantined = stats.get("govnews/validation/article/quarantined", 0)
    checked = quarantined + stats.get("govnews/validation/article/valid", 0)
    if checked and quarantined / checked > config.max_quarantine_ratio:
        reasons.append(
            f"quarantine ratio {quarantined / checked:.2f} above GOVNEWS_MAX_QUARANTINE_RATIO"
            f" {config.max_quarantine_ratio:.2f} ({quarantined} of {checked} articles)"
        )
    if config.require_popular and stats.get("govnews/popular/expected") and not stats.get(
        "govnews/popular/observed"
    ):
        why = stats.get("govnews/popular/not_observed_reason", "unknown reason")
        reasons.append(f"popular list not observed: {why}")
    return (not reasons, reasons)
