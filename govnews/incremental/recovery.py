"""Runs that died: found by the next run, marked incomplete, their leftovers settled.

A run killed with SIGKILL (OOM killer, a node drained, ``kill -9``) cannot
write its own end: its manifest ``_runs/<run_id>.json`` stays ``running``,
its open Parquet files stay hidden ``.part-*.parquet.tmp`` files, and the
state may hold rows it staged for a file it was renaming.

Every run holds an exclusive ``flock`` on ``_runs/.<run_id>.lock`` for its
whole life; the kernel drops it when the process dies, however it dies. At
start-up ``RunRecovery`` looks at every manifest still saying ``running``:
if its lock can be taken the run is dead, and this run

- rewrites its manifest as ``incomplete`` (``finish_reason``
  ``"process died"``), listing the files it did commit, with their rows;
- removes its temporary files, Parquet and WARC (never visible to readers,
  never resumable), and lists the WARC files it did close;
- settles its staged state rows (``ArticleState.recover``): committed where
  the file was renamed, dropped where it was not.

A live run's lock cannot be taken, so concurrent runs never mark each other.
Two live runs on one output directory would each fetch and store what the
other has not committed yet, so a run that finds another one alive closes at
once with finish reason ``another_run_active`` (unhealthy: exit status 1),
unless ``GOVNEWS_ALLOW_CONCURRENT_RUNS`` is set. ``flock`` is per machine:
runs sharing an output directory across machines need the shared state store
of a later issue.

Staged rows of any run that is not alive are settled too, whatever its
manifest says: a run that ended on a storage failure (the state could not
commit a file it had renamed) wrote its report as incomplete, not running.
An output directory whose lock cannot be created (read-only, full) ends the
run before it starts, as a storage failure.
"""

from __future__ import annotations

import fcntl
import json
import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any

import pyarrow.parquet as pq
from scrapy import signals
from scrapy.utils.defer import deferred_from_coro

from govnews.archive.reader import committed_archive_files
from govnews.archive.writer import RAW_DIR
from govnews.incremental.state import state_for
from govnews.items import DATASETS
from govnews.config import _get_bool
from govnews.runs.extensions import write_json_atomically
from govnews.runs.run import Run, WrittenFile
from govnews.runs.storage import STORAGE_ERRORS, StorageFailure, storage_failed

logger = logging.getLogger(__name__)
DATA_DIRS = tuple(item.directory for item in DATASETS)


def lock_path(runs_dir: Path, run_id: str) -> Path:
    return runs_dir / f".{run_id}.lock"


def try_lock(path: Path) -> IO[bytes] | None:
    """An open, exclusively locked handle on ``path``, or None if another process holds it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = path.open("a+b")
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        return None
    return handle


def partition_of_path(relative: Path) -> dict[str, str]:
    """Hive partition values of a data file path.

    >>> partition_of_path(Path("articles/site=gonews.co/published_month=2021-02/part-r-0.parquet"))
    {'site': 'gonews.co', 'published_month': '2021-02'}
    """
    return dict(p.split("=", 1) for p in relative.parent.parts if "=" in p)


def committed_files(output_dir: Path, run_id: str) -> list[dict[str, Any]]:
    """The data files a run renamed into place, as manifest records."""
    records = []
    for dataset in DATA_DIRS:
        for path in sorted((output_dir / dataset).glob(f"**/part-{run_id}-*.parquet")):
            relative = path.relative_to(output_dir)
            records.append(WrittenFile(
                dataset=dataset,
                path=relative.as_posix(),
                rows=pq.ParquetFile(path).metadata.num_rows,
                bytes=path.stat().st_size,
                partition=partition_of_path(relative),
            ).as_record())
    return records


class RunRecovery:
    """Extension: hold this run's lock; settle the runs that died before it."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.stats = crawler.stats
        self.run = Run.for_crawler(crawler)
        self.runs_dir = self.run.output_dir / "_runs"
        # Taken before this run's manifest exists, so no other run can ever
        # see it "running" with a free lock.
        try:
            self._lock = try_lock(lock_path(self.runs_dir, self.run.run_id))
        except OSError as exc:
            raise StorageFailure(storage_failed(crawler, f"run lock in {self.runs_dir}", exc)) from None
        self.allow_concurrent = _get_bool(crawler.settings, "GOVNEWS_ALLOW_CONCURRENT_RUNS")
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> RunRecovery:
        return cls(crawler)

    def live_runs(self) -> list[str]:
        """Other runs on this output directory whose process holds its lock."""
        live = []
        for path in self.runs_dir.glob(".*.lock"):
            run_id = path.name[1:].removesuffix(".lock")
            if run_id == self.run.run_id:
                continue
            handle = try_lock(path)
            if handle is None:
                live.append(run_id)
                continue
            if not (self.runs_dir / f"{run_id}.json").exists():
                path.unlink(missing_ok=True)  # a run that died before writing its report
            handle.close()
        return sorted(live)

    def spider_opened(self, spider: Any) -> None:
        live = [] if self.allow_concurrent else self.live_runs()
        if live:
            logger.error(
                "run %s not started: run %s is still running on %s (set"
                " GOVNEWS_ALLOW_CONCURRENT_RUNS to allow it)", self.run.run_id, live[0], self.run.output_dir,
            )
            self.stats.set_value("govnews/recovery/concurrent_run", live[0])
            deferred_from_coro(self.crawler.engine.close_spider_async(reason="another_run_active"))
            return
        # Before the first listing is triaged: rows a dead run committed must be
        # known as stored, rows it only staged must not.
        for manifest in sorted(self.runs_dir.glob("*.json")):
            try:
                document = json.loads(manifest.read_text("utf-8"))
            except (OSError, ValueError):
                continue
            run_id = document.get("run_id")
            if document.get("status") != "running" or not run_id or run_id == self.run.run_id:
                continue
            lock = try_lock(lock_path(self.runs_dir, run_id))
            if lock is None:
                continue  # alive
            try:
                self.recover(manifest, document)
            finally:
                lock_path(self.runs_dir, run_id).unlink(missing_ok=True)
                lock.close()
        try:
            self.settle_pending()
        except STORAGE_ERRORS:
            return  # recorded as a storage failure by the state: the run is ending

    def settle_pending(self) -> None:
        """Settle the staged state rows of runs that are not alive."""
        state = state_for(self.crawler)
        output_dir = self.run.output_dir
        for run_id in state.pending_runs():
            if run_id == self.run.run_id:
                continue
            path = lock_path(self.runs_dir, run_id)
            existed = path.exists()
            lock = try_lock(path)
            if lock is None:
                continue  # alive: it commits its own rows
            try:
                committed, dropped = state.recover(run_id, lambda file: (output_dir / file).exists())
            finally:
                if not existed:
                    path.unlink(missing_ok=True)
                lock.close()
            self.stats.inc_value("govnews/recovery/state_rows_committed", committed)
            self.stats.inc_value("govnews/recovery/state_rows_dropped", dropped)

    def recover(self, manifest: Path, document: dict[str, Any]) -> None:
        run_id = document["run_id"]
        output_dir = self.run.output_dir
        removed = 0
        for dataset in DATA_DIRS:
            for temp in (output_dir / dataset).glob(f"**/.part-{run_id}-*.parquet.tmp"):
                temp.unlink(missing_ok=True)
                removed += 1
        for temp in (output_dir / RAW_DIR).glob(f"**/.{run_id}-*.warc.gz.tmp"):
            temp.unlink(missing_ok=True)
            removed += 1
        committed, dropped = state_for(self.crawler).recover(
            run_id, lambda file: (output_dir / file).exists()
        )
        files = committed_files(output_dir, run_id)
        rows: dict[str, int] = {}
        for record in files:
            rows[record["dataset"]] = rows.get(record["dataset"], 0) + record["rows"]
        document.update(
            status="incomplete",
            finish_reason="process died",
            recovered_by=self.run.run_id,
            recovered_at=datetime.now(timezone.utc).isoformat(),
            files=files,
            archive_files=committed_archive_files(output_dir, run_id),
            rows=rows,
            temp_files_removed=removed,
        )
        document.setdefault("health", {})["healthy"] = False
        document["health"]["reasons"] = ["crawl did not finish: process died"]
        write_json_atomically(manifest, document)
        self.stats.inc_value("govnews/recovery/dead_runs")
        self.stats.inc_value("govnews/recovery/temp_files_removed", removed)
        self.stats.inc_value("govnews/recovery/state_rows_committed", committed)
        self.stats.inc_value("govnews/recovery/state_rows_dropped", dropped)
        logger.warning(
            "run %s died before it finished: manifest marked incomplete (%d files committed,"
            " %d temporary files removed, %d staged state rows kept, %d dropped)",
            run_id, len(files), removed, committed, dropped,
        )

    def engine_stopped(self) -> None:
        if self._lock is not None:
            lock_path(self.runs_dir, self.run.run_id).unlink(missing_ok=True)
            self._lock.close()
            self._lock = None
