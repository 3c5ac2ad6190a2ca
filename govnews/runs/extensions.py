"""The run report: ``output/_runs/<run_id>.json``, the manifest of one crawl.

It is written when the crawl opens (status ``running``) and again when it
closes (``complete``, or ``incomplete`` when the crawl did not finish), always
under a temporary name then renamed, so a reader never sees half a report and
a killed run's manifest stays visibly incomplete. A report that cannot be
written is a storage failure (``govnews.runs.storage``): the run ends
unhealthy and the crawl command exits 1 saying so.
"""

from __future__ import annotations

import json
import logging
import os
from collections import defaultdict
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from scrapy import signals

from govnews.config import HealthConfig
from govnews.runs.health import judge
from govnews.runs.run import Run
from govnews.runs.storage import STORAGE_ERRORS, storage_failed

logger = logging.getLogger(__name__)


def write_json_atomically(path: Path, document: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    try:
        temp.write_text(json.dumps(document, ensure_ascii=False, indent=2, default=str), "utf-8")
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)  # never leave half a report beside the whole one
        raise


def summarise(stats: dict[str, Any]) -> dict[str, Any]:
    """The figures a scheduler or a person looks at first, out of Scrapy's stats.

    >>> s = summarise({"govnews/export/article/rows": 3, "govnews/fixes/typo": 2,
    ...     "govnews/validation/article/quarantined/missing:headline": 1,
    ...     "downloader/response_status_count/200": 9})
    >>> s["articles_stored"], s["fixes_by_rule"], s["quarantined_by_reason"], s["pages_by_status"]
    (3, {'typo': 2}, {'article': {'missing:headline': 1}}, {'200': 9})
    >>> s = summarise({"govnews/incremental/skipped": 7, "govnews/fetch/failed/http_404": 1,
    ...     "offsite/filtered": 2})
    >>> s["articles_skipped_as_stored"], s["failed_by_reason"]
    (7, {'http_404': 1, 'offsite': 2})
    """
    quarantined: dict[str, dict[str, int]] = defaultdict(dict)
    fixes: dict[str, int] = {}
    pages: dict[str, int] = {}
    errors: dict[str, int] = {}
    failed: dict[str, int] = {}
    skipped: dict[str, int] = {}
    for key, value in stats.items():
        parts = key.split("/")
        if key.startswith("govnews/validation/") and len(parts) == 5 and parts[3] == "quarantined":
            quarantined[parts[2]][parts[4]] = value
        elif key.startswith("govnews/fixes/"):
            fixes[parts[2]] = value
        elif key.startswith("downloader/response_status_count/"):
            pages[parts[2]] = value
        elif key.startswith("downloader/exception_type_count/"):
            errors[key.rsplit("/", 1)[1].rsplit(".", 1)[-1]] = value
        elif key.startswith("spider_exceptions/") and len(parts) == 2:
            errors[parts[1]] = value
        elif key.startswith("govnews/errors/"):
            errors[parts[2]] = value
        elif key.startswith("govnews/fetch/failed/"):
            failed[parts[3]] = failed.get(parts[3], 0) + value
        elif key.startswith("govnews/reprocess/skipped/"):
            skipped[parts[3]] = value
        elif key == "offsite/filtered":
            # Offsite redirects are dropped when scheduled: no errback sees them.
            failed["offsite"] = failed.get("offsite", 0) + value
    return {
        "articles_stored": stats.get("govnews/export/article/rows", 0),
        "articles_quarantined": stats.get("govnews/validation/article/quarantined", 0),
        "popular_entries_stored": stats.get("govnews/export/popular/rows", 0),
        "articles_new": stats.get("govnews/incremental/new", 0),
        "articles_new_versions": stats.get("govnews/incremental/new_version", 0),
        "articles_skipped_as_stored": stats.get("govnews/incremental/skipped", 0),
        "articles_skipped_as_quarantined": stats.get("govnews/incremental/skipped_quarantined", 0),
        "articles_skipped_as_dead": stats.get("govnews/incremental/skipped_dead", 0),
        "articles_answered_dead": stats.get("govnews/incremental/answered_dead", 0),
        "dead_links_given_up": stats.get("govnews/incremental/dead_given_up", 0),
        "storage_failure": stats.get("govnews/storage/failed"),
        "articles_unchanged": stats.get("govnews/incremental/unchanged", 0),
        "articles_duplicate": stats.get("govnews/incremental/duplicate", 0),
        "listings_stopped_early": stats.get("govnews/incremental/pagination_stopped", 0),
        "failed_by_reason": dict(sorted(failed.items())),
        "quarantined_by_reason": dict(quarantined),
        "fixes_by_rule": dict(sorted(fixes.items())),
        "pages_by_status": dict(sorted(pages.items())),
        "pages_archived": stats.get("govnews/archive/responses", 0),
        "archived_pages_read": stats.get("govnews/reprocess/responses", 0),
        "archived_records_skipped": dict(sorted(skipped.items())),
        "errors_by_type": dict(sorted(errors.items())),
    }


class RunReport:
    """Writes the run's manifest and health verdict; logs a one-screen summary."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.run = Run.for_crawler(crawler)
        self.health = HealthConfig.from_settings(crawler.settings)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunReport:
        return cls(crawler)

    def spider_opened(self, spider: Any) -> None:
        self.crawler.stats.set_value("govnews/run_id", self.run.run_id)
        try:
            write_json_atomically(self.run.manifest_path, self._document(spider, "running", None))
        except STORAGE_ERRORS as exc:
            storage_failed(self.crawler, f"run report {self.run.manifest_path}", exc)
            return
        logger.info("govnews run %s writing to %s", self.run.run_id, self.run.output_dir)

    def spider_closed(self, spider: Any, reason: str) -> None:
        status = "complete" if reason == "finished" else "incomplete"
        document = self._document(spider, status, reason)
        self.crawler.stats.set_value("govnews/health", "healthy" if document["health"]["healthy"] else "unhealthy")
        try:
            write_json_atomically(self.run.manifest_path, document)
        except STORAGE_ERRORS as exc:
            # The manifest written at start still says "running": the next
            # run's recovery marks this run incomplete with the files it committed.
            storage_failed(self.crawler, f"run report {self.run.manifest_path}", exc)
            self.crawler.stats.set_value("govnews/health", "unhealthy")
        summary = document["summary"]
        logger.info(
            "govnews run %s %s: %d articles stored, %d quarantined %s, fixes by rule %s; health: %s %s",
            self.run.run_id,
            status,
            summary["articles_stored"],
            summary["articles_quarantined"],
            summary["quarantined_by_reason"].get("article", {}),
            summary["fixes_by_rule"],
            "healthy" if document["health"]["healthy"] else "UNHEALTHY",
            "; ".join(document["health"]["reasons"]),
        )

    def _document(self, spider: Any, status: str, reason: str | None) -> dict[str, Any]:
        stats = dict(self.crawler.stats.get_stats())
        finished = datetime.now(timezone.utc) if reason is not None else None
        healthy, reasons = judge(stats, self.health, finish_reason=reason) if reason else (None, [])
        return {
            "run_id": self.run.run_id,
            "spider": spider.name,
            "status": status,
            "finish_reason": reason,
            "started_at": self.run.started_at.isoformat(),
            "finished_at": finished.isoformat() if finished else None,
            "duration_seconds": (finished - self.run.started_at).total_seconds() if finished else None,
            "output_dir": str(self.run.output_dir),
            "files": [f.as_record() for f in self.run.files],
            "rows": {
                dataset: sum(f.rows for f in self.run.files if f.dataset == dataset)
                for dataset in sorted({f.dataset for f in self.run.files})
            },
            "archive_files": [f.as_record() for f in self.run.archive_files],
            "quarantine_file": str(self.run.quarantine_path.relative_to(self.run.output_dir))
            if self.run.quarantine_path.exists()
            else None,
            "summary": summarise(stats),
            "health": {"healthy": healthy, "reasons": reasons},
            "stats": {k: v for k, v in sorted(stats.items())},
        }
