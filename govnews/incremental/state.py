"""What earlier runs stored: the incremental state behind ``output/_state/``.

The state answers one question for the spider ("is this article stored, and
which version?") and learns from one source: the Parquet writer, when it
commits a file. It must never claim a row that is not in a committed file,
or a killed run would lose rows that the next run then skips. So recording a
file is a two-step handshake with the writer:

1. ``stage(file, versions)`` before the temporary file is renamed: the rows
   go to ``pending``, tagged with the file's final path;
2. ``commit(file)`` after the rename: its pending rows become ``versions``.

A kill between the two leaves pending rows; ``recover(run_id, exists)``
(called for runs found dead, see ``govnews.incremental.recovery``) commits them when
their file exists (the rename happened) and drops them when it does not.

``ArticleState`` is the interface the rest of govnews uses; ``SQLiteState``
is the one-machine implementation. A shared store (Redis) for several
crawler processes only has to implement the same methods.

Besides stored versions the state remembers aliases (other URLs that turned
out to be a stored article, so their links are skipped too) and when an
article was last quarantined, so that a permanently broken page is retried
after ``GOVNEWS_QUARANTINE_RETRY_HOURS`` instead of failing every run.

SQLite layout (``<GOVNEWS_OUTPUT_DIR>/_state/articles.sqlite3``, WAL mode):

- ``versions(key, content_hash, canonical_url, url, date_published,
  date_modified, date_downloaded, run_id, file)``, primary key
  ``(key, content_hash)``: one row per stored version of an article;
- ``aliases(alias, key)``: other keys (the URL fetched) naming an article;
- ``pending(file, run_id, key, content_hash, ...)``: rows of files being
  committed (step 1 above);
- ``quarantined(key, run_id, reasons, quarantined_at)``: the last time a
  never-stored article failed validation;
- ``dead(key, status, failures, first_failed_at, last_failed_at)``: article
  URLs that answered 404 or 410, so that the next runs wait a back-off before
  asking again (``govnews.incremental.dead``) and give up after a number of tries.

A state file that is not a database (overwritten, truncated, another
program's file) is refused at start-up with ``StateUnreadable``, naming the
file and the way out: ``govnews state rebuild <output_dir>``, which sets the
unreadable file aside and rebuilds the state from the committed dataset
(``govnews.incremental.repair``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol, runtime_checkable
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.exceptions import UsageError
from scrapy.utils.misc import load_object

from govnews.config import OutputConfig, _get_int, default_of, setting
from govnews.incremental.dead import DeadLink
from govnews.runs.storage import GuardedState, StorageFailure, storage_failed
from govnews.urls import article_key, on_public_host

STATE_DIR_NAME = "_state"
SQLITE_NAME = "articles.sqlite3"
_STATES: WeakKeyDictionary[Any, ArticleState] = WeakKeyDictionary()


@dataclass(frozen=True)
class IncrementalConfig:
    """How incremental a run is: settings plus the spider's ``since``/``full`` arguments."""

    refresh_hours: int
    commit_interval_seconds: int
    quarantine_retry_hours: int = 24
    since: datetime | None = None
    full: bool = False
    dead_retry_hours: int = field(default_factory=lambda: default_of("GOVNEWS_DEAD_RETRY_HOURS"))
    dead_retry_max_hours: int = field(default_factory=lambda: default_of("GOVNEWS_DEAD_RETRY_MAX_HOURS"))
    dead_max_tries: int = field(default_factory=lambda: default_of("GOVNEWS_DEAD_MAX_TRIES"))

    @classmethod
    def from_settings(cls, settings: Any) -> IncrementalConfig:
        retry = _get_int(settings, "GOVNEWS_DEAD_RETRY_HOURS", 0)
        cap = _get_int(settings, "GOVNEWS_DEAD_RETRY_MAX_HOURS", 1)
        if cap < retry:
            raise UsageError(
                f"GOVNEWS_DEAD_RETRY_MAX_HOURS ({cap}) must be >= GOVNEWS_DEAD_RETRY_HOURS ({retry})"
            )
        return cls(
            refresh_hours=_get_int(settings, "GOVNEWS_REFRESH_HOURS", 0),
            commit_interval_seconds=_get_int(settings, "GOVNEWS_COMMIT_INTERVAL", 1),
            quarantine_retry_hours=_get_int(settings, "GOVNEWS_QUARANTINE_RETRY_HOURS", 0),
            dead_retry_hours=retry,
            dead_retry_max_hours=cap,
            dead_max_tries=_get_int(settings, "GOVNEWS_DEAD_MAX_TRIES", 1),
        )


@dataclass(frozen=True)
class StoredVersion:
    """One version of one article, as the state keeps it."""

    key: str
    content_hash: str
    canonical_url: str
    url: str
    date_published: str | None
    date_modified: str | None
    date_downloaded: str
    run_id: str
    aliases: tuple[str, ...] = ()


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return value.isoformat() if isinstance(value, datetime) else str(value)


def version_of(item: Mapping[str, Any], public_base_url: str) -> StoredVersion:
    """The state's record of a validated article item.

    The key comes from the canonical URL; the URL fetched (moved onto the
    public host, so that any server's port keys alike) is an alias, which is
    what a listing link is looked up by before anything is downloaded.

    >>> v = version_of({"canonical_url": "https://www.gonews.co/berita/baca/x",
    ...     "url": "http://127.0.0.1:8123/berita/baca/x-lama?utm_source=a", "content_hash": "ab",
    ...     "date_published": "2021-02-25T11:20:00+00:00", "date_modified": None,
    ...     "date_downloaded": "2026-11-28T06:00:00+00:00", "run_id": "r1"}, "https://www.gonews.co")
    >>> v.key, v.aliases
    ('gonews.co/berita/baca/x', ('gonews.co/berita/baca/x-lama',))
    """
    key = article_key(item["canonical_url"])
    alias = article_key(on_public_host(item["url"], public_base_url))
    return StoredVersion(
        key=key,
        content_hash=item["content_hash"],
        canonical_url=item["canonical_url"],
        url=item["url"],
        date_published=_iso(item.get("date_published")),
        date_modified=_iso(item.get("date_modified")),
        date_downloaded=_iso(item["date_downloaded"]) or "",
        run_id=item["run_id"],
        aliases=() if alias == key else (alias,),
    )


@runtime_checkable
class ArticleState(Protocol):
    """What the crawl needs to know about articles earlier runs stored."""

    def latest(self, keys: Iterable[str]) -> StoredVersion | None:
        """The latest committed version of the article any of ``keys`` names."""

    def stage(self, file: str, versions: Sequence[StoredVersion]) -> None:
        """Rows about to be committed in ``file`` (a path under the output dir)."""

    def commit(self, file: str) -> None:
        """``file`` was renamed into place: its staged rows are stored."""

    def recover(self, run_id: str, file_exists: Callable[[str], bool]) -> tuple[int, int]:
        """Settle a dead run's staged rows; (rows committed, rows dropped)."""

    def add_aliases(self, key: str, aliases: Iterable[str]) -> None:
        """Other keys under which the article ``key`` was found."""

    def record_quarantine(self, key: str, run_id: str, reasons: Sequence[str], at: datetime) -> None:
        """The article ``key`` was fetched and failed validation."""

    def last_quarantined(self, key: str) -> datetime | None:
        """When ``key`` last failed validation, if it has not been stored since."""

    def record_dead(self, key: str, status: int, at: datetime) -> DeadLink:
        """The article ``key`` answered ``status`` (404/410) at ``at``; its record now."""

    def dead_link(self, key: str) -> DeadLink | None:
        """The dead-link record of ``key``, if it has not answered or been stored since."""

    def clear_dead(self, keys: Iterable[str]) -> None:
        """These keys answered again: forget that they were dead."""

    def pending_runs(self) -> list[str]:
        """Runs with staged rows not yet committed or dropped."""

    def close(self) -> None: ...


_SCHEMA = """
CREATE TABLE IF NOT EXISTS versions (
    key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    canonical_url TEXT NOT NULL,
    url TEXT NOT NULL,
    date_published TEXT,
    date_modified TEXT,
    date_downloaded TEXT NOT NULL,
    run_id TEXT NOT NULL,
    file TEXT NOT NULL,
    PRIMARY KEY (key, content_hash)
);
CREATE TABLE IF NOT EXISTS aliases (alias TEXT PRIMARY KEY, key TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS pending (
    file TEXT NOT NULL,
    run_id TEXT NOT NULL,
    key TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_file ON pending (file);
CREATE TABLE IF NOT EXISTS quarantined (
    key TEXT PRIMARY KEY,
    run_id TEXT NOT NULL,
    reasons TEXT NOT NULL,
    quarantined_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS pending_run ON pending (run_id);
CREATE TABLE IF NOT EXISTS dead (
    key TEXT PRIMARY KEY,
    status INTEGER NOT NULL,
    failures INTEGER NOT NULL,
    first_failed_at TEXT NOT NULL,
    last_failed_at TEXT NOT NULL
);
"""
_COLUMNS = (
    "key", "content_hash", "canonical_url", "url", "date_published", "date_modified",
    "date_downloaded", "run_id",
)
_COLUMN_LIST = ", ".join(_COLUMNS)


class SQLiteState:
    """``ArticleState`` in one SQLite file; safe for several processes on one machine."""

    def __init__(self, path: Path):
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        # Autocommit mode: every write below is one explicit transaction.
        self._db = sqlite3.connect(path, timeout=60, isolation_level=None)
        try:
            self._db.execute("PRAGMA journal_mode=WAL")
            # FULL: a committed state transaction survives a power cut, like the fsynced file.
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            self._db.close()
            if isinstance(exc, sqlite3.OperationalError):
                raise  # cannot open or write (read-only, full): not the file's fault
            raise StateUnreadable(unreadable_message(path, exc)) from None

    @classmethod
    def from_crawler(cls, crawler: Any) -> SQLiteState:
        output = OutputConfig.from_settings(crawler.settings)
        return cls(output.output_dir / STATE_DIR_NAME / SQLITE_NAME)

    def latest(self, keys: Iterable[str]) -> StoredVersion | None:
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return None
        marks = ",".join("?" * len(wanted))
        # One statement, not an alias look-up then a version look-up: this runs
        # for every listing link and every article item, and each statement is
        # a read transaction of its own in autocommit mode.
        row = self._db.execute(
            f"SELECT {_COLUMN_LIST} FROM versions"
            f" WHERE key IN ({marks}) OR key IN (SELECT key FROM aliases WHERE alias IN ({marks}))"
            " ORDER BY date_downloaded DESC LIMIT 1",
            wanted + wanted,
        ).fetchone()
        return StoredVersion(*row) if row else None

    def stage(self, file: str, versions: Sequence[StoredVersion]) -> None:
        rows = [
            (file, v.run_id, v.key, v.content_hash, json.dumps(v.__dict__, default=list))
            for v in versions
        ]
        with self._transaction():
            self._db.executemany(
                "INSERT INTO pending (file, run_id, key, content_hash, record) VALUES (?, ?, ?, ?, ?)",
                rows,
            )

    def commit(self, file: str) -> None:
        with self._transaction():
            self._commit_pending(file)

    def recover(self, run_id: str, file_exists: Callable[[str], bool]) -> tuple[int, int]:
        committed = dropped = 0
        files = [r[0] for r in self._db.execute(
            "SELECT DISTINCT file FROM pending WHERE run_id = ?", (run_id,)
        )]
        with self._transaction():
            for file in files:
                if file_exists(file):
                    committed += self._commit_pending(file)
                else:
                    dropped += self._db.execute("DELETE FROM pending WHERE file = ?", (file,)).rowcount
        return committed, dropped

    def add_aliases(self, key: str, aliases: Iterable[str]) -> None:
        rows = [(alias, key) for alias in aliases if alias != key]
        if rows:
            with self._transaction():
                self._db.executemany("INSERT OR REPLACE INTO aliases (alias, key) VALUES (?, ?)", rows)

    def record_quarantine(self, key: str, run_id: str, reasons: Sequence[str], at: datetime) -> None:
        with self._transaction():
            self._db.execute(
                "INSERT OR REPLACE INTO quarantined (key, run_id, reasons, quarantined_at) VALUES (?, ?, ?, ?)",
                (key, run_id, json.dumps(list(reasons)), at.isoformat()),
            )

    def last_quarantined(self, key: str) -> datetime | None:
        row = self._db.execute("SELECT quarantined_at FROM quarantined WHERE key = ?", (key,)).fetchone()
        return datetime.fromisoformat(row[0]) if row else None

    def record_dead(self, key: str, status: int, at: datetime) -> DeadLink:
        with self._transaction():
            self._db.execute(
                "INSERT INTO dead (key, status, failures, first_failed_at, last_failed_at)"
                " VALUES (?, ?, 1, ?, ?) ON CONFLICT (key) DO UPDATE SET"
                " status = excluded.status, failures = failures + 1, last_failed_at = excluded.last_failed_at",
                (key, status, at.isoformat(), at.isoformat()),
            )
        link = self.dead_link(key)
        assert link is not None
        return link

    def dead_link(self, key: str) -> DeadLink | None:
        row = self._db.execute(
            "SELECT key, status, failures, first_failed_at, last_failed_at FROM dead WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        return DeadLink(row[0], row[1], row[2], datetime.fromisoformat(row[3]), datetime.fromisoformat(row[4]))

    def clear_dead(self, keys: Iterable[str]) -> None:
        rows = [(k,) for k in keys]
        if rows:
            with self._transaction():
                self._db.executemany("DELETE FROM dead WHERE key = ?", rows)

    def pending_runs(self) -> list[str]:
        return [r[0] for r in self._db.execute("SELECT DISTINCT run_id FROM pending ORDER BY run_id")]

    def close(self) -> None:
        self._db.close()

    def _commit_pending(self, file: str) -> int:
        records = [json.loads(r[0]) for r in self._db.execute(
            "SELECT record FROM pending WHERE file = ?", (file,)
        )]
        for record in records:
            self._db.execute(
                f"INSERT OR REPLACE INTO versions ({', '.join(_COLUMNS)}, file)"
                f" VALUES ({', '.join('?' * (len(_COLUMNS) + 1))})",
                [record[c] for c in _COLUMNS] + [file],
            )
            self._db.executemany(
                "INSERT OR REPLACE INTO aliases (alias, key) VALUES (?, ?)",
                [(alias, record["key"]) for alias in record.get("aliases") or ()],
            )
            stored_keys = [record["key"], *(record.get("aliases") or ())]
            self._db.executemany("DELETE FROM quarantined WHERE key = ?", [(k,) for k in stored_keys])
            self._db.executemany("DELETE FROM dead WHERE key = ?", [(k,) for k in stored_keys])
        self._db.execute("DELETE FROM pending WHERE file = ?", (file,))
        return len(records)

    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self) -> None:
        # IMMEDIATE: take the write lock up front, so two processes never
        # both read-then-write the same rows.
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: Any, value: Any, traceback: Any) -> None:
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")


class StateUnreadable(StorageFailure):
    """The state file exists but is not a database this code can read."""


def unreadable_message(path: Path, exc: BaseException) -> str:
    output_dir = path.parent.parent
    return (
        f"state file {path} is not a readable SQLite database ({exc}); set it aside and"
        f" rebuild it from the dataset with: govnews state rebuild {output_dir}"
    )


def state_for(crawler: Any) -> ArticleState:
    """The crawler's state store (``GOVNEWS_STATE_CLASS``), opened once and
    closed when the engine stops, so every component shares one.

    A state that cannot be opened, read or written ends the run as a storage
    failure (``govnews.runs.storage``)."""
    state = _STATES.get(crawler)
    if state is None:
        path = setting(crawler.settings, "GOVNEWS_STATE_CLASS")
        try:
            state_class = load_object(path)
        except (ImportError, NameError, ValueError) as exc:
            raise UsageError(f"GOVNEWS_STATE_CLASS {path!r} cannot be loaded: {exc}") from None
        output_dir = OutputConfig.from_settings(crawler.settings).output_dir
        what = f"state in {output_dir / STATE_DIR_NAME}"
        try:
            opened = state_class.from_crawler(crawler)
        except (OSError, sqlite3.Error, StorageFailure) as exc:
            raise StorageFailure(storage_failed(crawler, what, exc)) from exc
        if not isinstance(opened, ArticleState):
            raise UsageError(f"GOVNEWS_STATE_CLASS {path!r} does not implement ArticleState")
        crawler.signals.connect(opened.close, signal=signals.engine_stopped, weak=False)
        state = GuardedState(opened, lambda exc: storage_failed(crawler, what, exc))  # type: ignore[assignment]
        _STATES[crawler] = state
    return state
