"""One crawl's identity and bookkeeping, shared by the components of that crawl."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

from govnews.config import OutputConfig

_RUNS: WeakKeyDictionary[Any, Run] = WeakKeyDictionary()


def new_run_id(now: datetime) -> str:
    """A sortable, unique run id: UTC start time plus a random suffix.

    >>> new_run_id(datetime(2026, 11, 28, 6, 30, tzinfo=timezone.utc))[:17]
    '20261128T063000Z-'
    """
    return f"{now.strftime('%Y%m%dT%H%M%SZ')}-{secrets.token_hex(3)}"


@dataclass(frozen=True)
class WrittenFile:
    """A data file a run committed (renamed into place), for the manifest."""

    dataset: str
    path: str  # relative to the output directory, with forward slashes
    rows: int
    bytes: int
    partition: dict[str, str]

    def as_record(self) -> dict[str, Any]:
        return {
            "dataset": self.dataset,
            "path": self.path,
            "rows": self.rows,
            "bytes": self.bytes,
            "partition": self.partition,
        }


@dataclass
class Run:
    """The run a crawler is doing: its id, start, output and files written so far."""

    run_id: str
    started_at: datetime
    output: OutputConfig
    files: list[WrittenFile] = field(default_factory=list)
    archive_files: list[WrittenFile] = field(default_factory=list)  # WARC files (govnews.archive)

    @classmethod
    def for_crawler(cls, crawler: Any) -> Run:
        """The crawler's run, created on first use so every component sees the same."""
        run = _RUNS.get(crawler)
        if run is None:
            output = OutputConfig.from_settings(crawler.settings)
            started = datetime.now(timezone.utc)
            run = cls(output.run_id or new_run_id(started), started, output)
            _RUNS[crawler] = run
        return run

    @property
    def output_dir(self) -> Path:
        return self.output.output_dir

    @property
    def manifest_path(self) -> Path:
        return self.output_dir / "_runs" / f"{self.run_id}.json"

    @property
    def quarantine_path(self) -> Path:
        return self.output_dir / "quarantine" / f"{self.run_id}.jsonl"
