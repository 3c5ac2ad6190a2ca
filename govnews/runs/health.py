"""The health verdict of a run, from its stats: a pure function, so it is testable."""

from __future__ import annotations

from typing import Any

from govnews.config import HealthConfig


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
    """
    reasons = []
    if finish_reason not in (None, "finished"):
        reasons.append(f"crawl did not finish: {finish_reason}")
    stored = stats.get("govnews/export/article/rows", 0)
    linked = stats.get("govnews/listing/entries", 0)
    # New = linked and not already stored; a run without incremental stats
    # counts every link as new. Unchanged re-reads (-a full=1) are no failure.
    if "govnews/incremental/requested" in stats or "govnews/incremental/skipped" in stats:
        new = stats.get("govnews/incremental/requested", 0)
    else:
        new = linked
    if new and not stored and not stats.get("govnews/incremental/unchanged", 0):
        reasons.append(f"no article stored although listings linked {new} new articles")
    requests = stats.get("downloader/request_count", 0)
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
