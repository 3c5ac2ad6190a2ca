"""Hive-partitioned Parquet datasets, written so that no reader sees a partial file.

Rows are buffered per partition and written as row groups into a hidden
temporary file (``.part-<run_id>-<n>.parquet.tmp``); a file is renamed to
``part-<run_id>-<n>.parquet`` only once it is complete. Readers (pyarrow,
pandas, DuckDB, Spark) skip names starting with ``.``, so a killed run leaves
nothing they would read half of.

Whoever must know which rows are durable (the incremental state) passes a
token with each row: ``on_stage`` gets a file's tokens before its rename,
``on_rows_committed`` after it, so a crash between the two can be told apart
from one before (see ``govnews.incremental.state``).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from govnews.runs.run import WrittenFile
from govnews.schema import DatasetSchema, to_arrow_row

class _RefusePandas:
    """A meta-path finder that refuses pandas, for the moment of pyarrow's pandas probe."""

    @staticmethod
    def find_spec(name: str, path: Any = None, target: Any = None) -> None:
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is not needed to write Parquet")
        return None


def skip_pyarrow_pandas_probe() -> None:
    """Let pyarrow's first conversion of Python rows find no pandas, unless pandas is loaded already.

    ``pa.array``/``Table.from_pylist`` first ask whether pandas is installed
    (to recognise pandas objects) and import all of it to find out: 42-53 MB
    of RSS and ~0.7 s in a crawl that never uses pandas. pyarrow remembers
    the answer only for that probe; ``Table.to_pandas`` and ``pd.read_parquet``
    import pandas as usual later, so nothing is lost.

    >>> skip_pyarrow_pandas_probe()
    """
    if "pandas" in sys.modules:
        return
    sys.meta_path.insert(0, _RefusePandas)  # type: ignore[arg-type]
    try:
        pa.array([], type=pa.null())
    finally:
        sys.meta_path.remove(_RefusePandas)  # type: ignore[arg-type]


_SAFE_VALUE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")


class UnsafePartition(ValueError):
    """A partition value that would name a path rather than one directory."""


def partition_dir(root: Path, partition: Mapping[str, str]) -> Path:
    """The directory of a partition, refusing any value that could leave ``root``.

    Partition values come from page content (a site, a month): they must name
    one plain directory level, never a path.

    >>> partition_dir(Path("/out/articles"), {"site": "gonews.co", "published_month": "2021-02"})
    PosixPath('/out/articles/site=gonews.co/published_month=2021-02')
    >>> partition_dir(Path("/out"), {"site": "../../etc"})
    Traceback (most recent call last):
    govnews.exporters.UnsafePartition: unsafe partition value for 'site': '../../etc'
    """
    path = root
    for key, value in partition.items():
        if not _SAFE_VALUE.match(value) or ".." in value:
            raise UnsafePartition(f"unsafe partition value for {key!r}: {value!r}")
        path = path / f"{key}={value}"
    resolved_root = root.resolve()
    if not path.resolve().is_relative_to(resolved_root):
        raise UnsafePartition(f"partition {dict(partition)!r} escapes {root}")
    return path


@dataclass
class _OpenFile:
    temp_path: Path
    final_path: Path
    writer: pq.ParquetWriter
    rows: int = 0
    tokens: list[Any] = field(default_factory=list)


@dataclass
class _Partition:
    values: dict[str, str]
    directory: Path
    buffer: list[dict[str, Any]] = field(default_factory=list)
    buffer_tokens: list[Any] = field(default_factory=list)
    current: _OpenFile | None = None


class PartitionedParquetWriter:
    """Writes one dataset (``output/<name>/<key>=<value>/...``) for one run."""

    def __init__(
        self,
        root: Path,
        schema: DatasetSchema,
        run_id: str,
        partition_of: Callable[[Mapping[str, Any]], dict[str, str]],
        *,
        row_group_size: int = 5000,
        max_rows_per_file: int = 100_000,
        compression: str = "zstd",
        max_buffered_rows: int = 2000,
        on_stage: Callable[[WrittenFile, list[Any]], None] | None = None,
        on_rows_committed: Callable[[WrittenFile, list[Any]], None] | None = None,
    ):
        self.root = root
        self.schema = schema
        self.run_id = run_id
        self.partition_of = partition_of
        self.row_group_size = row_group_size
        self.max_rows_per_file = max_rows_per_file
        self.compression = None if compression == "none" else compression
        self.max_buffered_rows = max_buffered_rows
        self._buffered = 0
        self.on_stage = on_stage
        self.on_rows_committed = on_rows_committed
        self.committed: list[WrittenFile] = []
        self._partitions: dict[tuple[tuple[str, str], ...], _Partition] = {}
        self._file_number = 0
        self._output_root = root.parent
        skip_pyarrow_pandas_probe()

    def write(self, record: Mapping[str, Any], token: Any = None) -> dict[str, str]:
        """Buffer one validated record; returns the partition it went to.

        ``token`` comes back through ``on_stage``/``on_rows_committed`` with the
        file the row ends up in."""
        values = self.partition_of(record)
        key = tuple(values.items())
        partition = self._partitions.get(key)
        if partition is None:
            partition = _Partition(values, partition_dir(self.root, values))
            self._partitions[key] = partition
        partition.buffer.append(to_arrow_row(record, self.schema))
        partition.buffer_tokens.append(token)
        self._buffered += 1
        if len(partition.buffer) >= self.row_group_size:
            self._flush(partition)
        elif self._buffered >= self.max_buffered_rows:
            # Many partitions each short of a row group (monthly partitions
            # usually are) would otherwise hold every row of the run in
            # memory: write out the fullest buffer as a smaller row group.
            self._flush(max(self._partitions.values(), key=lambda p: len(p.buffer)))
        return values

    @property
    def buffered_rows(self) -> int:
        """Rows held in memory, not yet written to any file."""
        return self._buffered

    def close(self) -> list[WrittenFile]:
        """Write what is buffered and commit every open file."""
        for partition in self._partitions.values():
            self._flush(partition)
            self._commit(partition)
        return self.committed

    def commit_open(self) -> int:
        """Write what is buffered and commit every open file now; the number committed.

        Called periodically on long runs: rows only count as stored once their
        file is renamed, and a kill loses whatever is still in temporary files.
        """
        before = len(self.committed)
        self.close()
        return len(self.committed) - before

    def discard(self) -> int:
        """Abandon open files (their hidden temporary names are removed); the rows lost.

        Safe after a failed write (a full disk): closing what cannot be
        flushed any more is not an error here, the rows are dropped anyway.
        """
        lost = 0
        for partition in self._partitions.values():
            if partition.current is not None:
                lost += partition.current.rows
                try:
                    partition.current.writer.close()
                except OSError:
                    pass
                partition.current.temp_path.unlink(missing_ok=True)
                partition.current = None
            lost += len(partition.buffer)
            partition.buffer.clear()
            partition.buffer_tokens.clear()
        self._buffered = 0
        return lost

    def _flush(self, partition: _Partition) -> None:
        self._buffered -= len(partition.buffer)
        while partition.buffer:
            current = partition.current or self._open(partition)
            room = self.max_rows_per_file - current.rows
            rows, partition.buffer = partition.buffer[:room], partition.buffer[room:]
            current.tokens.extend(partition.buffer_tokens[:room])
            partition.buffer_tokens = partition.buffer_tokens[room:]
            table = pa.Table.from_pylist(rows, schema=self.schema.arrow)
            current.writer.write_table(table, row_group_size=self.row_group_size)
            current.rows += len(rows)
            if current.rows >= self.max_rows_per_file:
                self._commit(partition)

    def _open(self, partition: _Partition) -> _OpenFile:
        partition.directory.mkdir(parents=True, exist_ok=True)
        name = f"part-{self.run_id}-{self._file_number}.parquet"
        self._file_number += 1
        temp_path = partition.directory / f".{name}.tmp"
        metadata = {
            b"govnews_run_id": self.run_id.encode(),
            b"govnews_schema_version": str(self.schema.version).encode(),
        }
        try:
            writer = pq.ParquetWriter(
                temp_path,
                self.schema.arrow.with_metadata({**(self.schema.arrow.metadata or {}), **metadata}),
                compression=self.compression,
            )
        except OSError:
            temp_path.unlink(missing_ok=True)  # no empty hidden file per failed attempt
            raise
        partition.current = _OpenFile(temp_path, partition.directory / name, writer)
        return partition.current

    def _commit(self, partition: _Partition) -> None:
        current = partition.current
        if current is None:
            return
        current.writer.close()
        _fsync(current.temp_path)
        written = WrittenFile(
            dataset=self.root.name,
            path=current.final_path.relative_to(self._output_root).as_posix(),
            rows=current.rows,
            bytes=current.temp_path.stat().st_size,
            partition=dict(partition.values),
        )
        if self.on_stage is not None:
            self.on_stage(written, current.tokens)
        os.replace(current.temp_path, current.final_path)
        partition.current = None
        self.committed.append(written)
        if self.on_rows_committed is not None:
            self.on_rows_committed(written, current.tokens)


def _fsync(path: Path) -> None:
    # The rename is only atomic for readers if the data is on disk before it.
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())
