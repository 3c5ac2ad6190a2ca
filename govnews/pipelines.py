"""Item pipelines: validation decides, the Parquet exporter stores.

``ValidationPipeline`` checks every item against its JSON Schema (compiled
once); an invalid item is written to ``quarantine/<run_id>.jsonl`` with its
raw values and every validation error, counted by reason, and only then
dropped from the flow. ``ParquetExportPipeline`` hands valid items to one
partitioned writer per dataset and records every committed file on the run
and, for articles, in the incremental state (staged before each rename,
committed after it; see ``govnews.incremental.state``). Open files are committed every
``GOVNEWS_COMMIT_INTERVAL`` seconds so a killed run loses little. A failed
write (a full disk, a read-only folder) ends the run as a storage failure
(``govnews.runs.storage``): open files are dropped, committed ones stay.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from datetime import datetime, timezone
from typing import IO, Any

from jsonschema.exceptions import ValidationError
from scrapy.exceptions import DropItem
from twisted.internet import task

from govnews.exporters import PartitionedParquetWriter, UnsafePartition
from govnews.incremental.state import (
    IncrementalConfig,
    StoredVersion,
    state_for,
    version_of,
)
from govnews.items import DATASETS, ArticleItem, DatasetItem
from govnews.runs.run import Run, WrittenFile
from govnews.runs.storage import STORAGE_ERRORS, storage_failed
from govnews.schema import DatasetSchema, load_schema, to_json_value

logger = logging.getLogger(__name__)


def error_reason(error: ValidationError) -> str:
    """A short, countable reason for a validation error, e.g. ``missing:headline``.

    >>> from jsonschema import Draft202012Validator
    >>> v = Draft202012Validator({"required": ["headline"], "properties": {"n": {"type": "integer"}}})
    >>> sorted(error_reason(e) for e in v.iter_errors({"n": "x"}))
    ['invalid:n', 'missing:headline']
    """
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "?"
        return f"missing:{missing}"
    path = ".".join(str(p) for p in error.absolute_path if not isinstance(p, int))
    return f"invalid:{path or error.validator}"


class Quarantined(DropItem):
    """An item dropped because it failed validation; ``reasons`` as counted."""

    def __init__(self, message: str, reasons: list[str]):
        super().__init__(message)
        self.reasons = reasons


def quarantine_record(
    run_id: str, dataset: str, record: dict[str, Any], errors: list[ValidationError]
) -> dict[str, Any]:
    """The quarantine line of an invalid record: its raw values and every error."""
    return {
        "run_id": run_id,
        "dataset": dataset,
        "quarantined_at": datetime.now(timezone.utc).isoformat(),
        "url": record.get("url"),
        "reasons": sorted({error_reason(e) for e in errors}),
        "errors": [
            {"path": "/".join(str(p) for p in e.absolute_path), "validator": e.validator, "message": e.message}
            for e in errors
        ],
        "item": record,
    }


def validate(item: DatasetItem, schema: DatasetSchema) -> tuple[dict[str, Any], list[ValidationError]]:
    """The item as JSON values, and its validation errors (none when valid).

    The compiled validator decides (~100x faster than jsonschema's); only an
    item it rejects is explained by jsonschema, for the quarantine's errors.
    """
    record = to_json_value(dict(item))
    if schema.fast.is_valid(record):
        return record, []
    return record, sorted(schema.validator.iter_errors(record), key=lambda e: list(e.path))


class QuarantineWriter:
    """Appends invalid items, with their errors, to the run's quarantine file."""

    def __init__(self, run: Run):
        self.path = run.quarantine_path
        self.run_id = run.run_id
        self._handle: IO[str] | None = None

    def write(self, dataset: str, record: dict[str, Any], errors: list[ValidationError]) -> None:
        if self._handle is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._handle = self.path.open("a", encoding="utf-8")
        entry = quarantine_record(self.run_id, dataset, record, errors)
        self._handle.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")
        # One line per bad item, flushed at once: a killed run keeps its reasons.
        self._handle.flush()

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None


class ValidationPipeline:
    """Checks items against ``govnews/schemas/<dataset>.schema.json``; quarantines the invalid."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.stats = crawler.stats
        self.run = Run.for_crawler(crawler)
        self.quarantine = QuarantineWriter(self.run)
        # Compiled at start-up: a broken schema stops the crawl before any request.
        self._schemas: dict[str, DatasetSchema] = {d.schema: load_schema(d.schema) for d in DATASETS}

    @classmethod
    def from_crawler(cls, crawler: Any) -> ValidationPipeline:
        return cls(crawler)

    def close_spider(self, spider: Any = None) -> None:
        self.quarantine.close()

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, DatasetItem):
            return item
        schema = self._schemas[item.schema]
        record, errors = validate(item, schema)
        if errors:
            try:
                self.quarantine.write(item.schema, record, errors)
            except STORAGE_ERRORS as exc:
                storage_failed(self.crawler, f"quarantine file {self.quarantine.path}", exc)
            reasons = Counter(error_reason(e) for e in errors)
            self.stats.inc_value(f"govnews/validation/{item.schema}/quarantined")
            for reason in reasons:
                self.stats.inc_value(f"govnews/validation/{item.schema}/quarantined/{reason}")
            raise Quarantined(
                f"quarantined {item.schema} {record.get('url')}: {', '.join(sorted(reasons))}",
                sorted(reasons),
            )
        self.stats.inc_value(f"govnews/validation/{item.schema}/valid")
        for fix in (record.get("quality") or {}).get("fixes", ()):
            self.stats.inc_value(f"govnews/fixes/{fix['rule']}")
        return item


class ParquetExportPipeline:
    """Writes valid items into hive-partitioned Parquet, one writer per dataset."""

    def __init__(self, crawler: Any):
        self.crawler = crawler
        self.stats = crawler.stats
        self.run = Run.for_crawler(crawler)
        self.state = state_for(crawler)
        self.commit_interval = IncrementalConfig.from_settings(crawler.settings).commit_interval_seconds
        self._committer: task.LoopingCall | None = None
        self._writers: dict[str, PartitionedParquetWriter] = {}
        self._failed = False

    @classmethod
    def from_crawler(cls, crawler: Any) -> ParquetExportPipeline:
        return cls(crawler)

    def open_spider(self, spider: Any = None) -> None:
        self._committer = task.LoopingCall(self.commit_open)
        self._committer.start(self.commit_interval, now=False)

    def commit_open(self) -> None:
        for name, writer in self._writers.items():
            try:
                if writer.commit_open():
                    self.stats.inc_value("govnews/export/periodic_commits")
            except STORAGE_ERRORS as exc:
                self._storage_failed(writer.root, exc)
                return

    def _storage_failed(self, where: Any, exc: BaseException) -> None:
        """End the run: drop every open file; only committed rows count as stored."""
        self._failed = True
        storage_failed(self.crawler, f"data files in {where}", exc)
        for name, writer in self._writers.items():
            writer.discard()
            self.stats.set_value(f"govnews/export/{name}/rows", sum(f.rows for f in writer.committed))
            self.stats.set_value(f"govnews/export/{name}/files", len(writer.committed))

    def _stage(self, written: WrittenFile, tokens: list[StoredVersion | None]) -> None:
        versions = [t for t in tokens if t is not None]
        if versions:
            self.state.stage(written.path, versions)

    def _rows_committed(self, written: WrittenFile, tokens: list[StoredVersion | None]) -> None:
        self.run.files.append(written)
        if any(t is not None for t in tokens):
            self.state.commit(written.path)

    def _writer_for(self, item: DatasetItem) -> PartitionedParquetWriter:
        writer = self._writers.get(item.schema)
        if writer is None:
            output = self.run.output
            writer = PartitionedParquetWriter(
                output.output_dir / item.directory,
                load_schema(item.schema),
                self.run.run_id,
                type(item).partition_of,
                row_group_size=output.row_group_size,
                max_rows_per_file=output.max_rows_per_file,
                max_buffered_rows=output.max_buffered_rows,
                compression=output.compression,
                on_stage=self._stage,
                on_rows_committed=self._rows_committed,
            )
            self._writers[item.schema] = writer
        return writer

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if isinstance(item, DatasetItem):
            if self._failed:
                raise DropItem(f"not stored {item.get('url')}: the run ended on a storage failure", "INFO")
            token = None
            if isinstance(item, ArticleItem):
                token = version_of(item, getattr(self.crawler.spider, "public_base_url", item["url"]))
            try:
                self._writer_for(item).write(item, token)
            except UnsafePartition as exc:
                # partition_dir refused a value taken from the page (a path, "..").
                self.stats.inc_value(f"govnews/export/{item.schema}/refused/unsafe_partition")
                raise DropItem(f"not stored {item.get('url')}: {exc}") from None
            except STORAGE_ERRORS as exc:
                self._storage_failed(self.run.output_dir / item.directory, exc)
                raise DropItem(f"not stored {item.get('url')}: storage failure") from None
            self.stats.inc_value(f"govnews/export/{item.schema}/rows")
        return item

    def close_spider(self, spider: Any = None) -> None:
        if self._committer is not None and self._committer.running:
            self._committer.stop()
        if self._failed:
            return
        for name, writer in self._writers.items():
            try:
                files = writer.close()
            except STORAGE_ERRORS as exc:
                self._storage_failed(writer.root, exc)
                return
            self.stats.set_value(f"govnews/export/{name}/files", len(files))
