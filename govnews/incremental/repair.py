"""A state that is lost or unreadable, and the way back: ``govnews state rebuild``.

``state_problem`` is checked by the crawl command before a run starts (a
state file that is not a database is refused naming the file and this way
out); ``set_aside_unreadable`` moves such a file away, and ``rebuild``
records every committed row of the dataset in a fresh state.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from govnews.config import OutputConfig, default_of, setting
from govnews.incremental.state import (
    SQLITE_NAME,
    STATE_DIR_NAME,
    ArticleState,
    SQLiteState,
    StateUnreadable,
    version_of,
)
from govnews.runs.storage import reason_of


def state_problem(settings: Any) -> str | None:
    """Why the SQLite state of a crawl cannot be used (not a database, not
    writable), or None; other ``GOVNEWS_STATE_CLASS`` stores are checked when opened."""
    if setting(settings, "GOVNEWS_STATE_CLASS") != default_of("GOVNEWS_STATE_CLASS"):
        return None
    path = OutputConfig.from_settings(settings).output_dir / STATE_DIR_NAME / SQLITE_NAME
    if not path.exists():
        return None  # created by the run
    try:
        SQLiteState(path).close()
    except StateUnreadable as exc:
        return str(exc)
    except (OSError, sqlite3.Error) as exc:
        return reason_of(f"state file {path}", exc)
    return None


def set_aside_unreadable(path: Path, now: datetime) -> Path | None:
    """Move an unreadable state file (and its WAL files) aside; the new name, or None
    when the file is missing or a readable database."""
    if not path.exists():
        return None
    try:
        SQLiteState(path).close()
        return None
    except StateUnreadable:
        pass
    target = path.with_name(f"{path.name}.unreadable-{now:%Y%m%dT%H%M%SZ}")
    for suffix in ("", "-wal", "-shm"):
        source = path.with_name(path.name + suffix)
        if source.exists():
            source.rename(target.with_name(target.name + suffix))
    return target


_REBUILD_COLUMNS = [
    "url", "canonical_url", "content_hash", "date_published", "date_modified", "date_downloaded", "run_id",
]


def _root_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def rebuild(output_dir: Path, public_base_url: str | None = None, state: ArticleState | None = None) -> int:
    """Record every row of the committed article files in the state; the rows seen.

    For a state that was lost or never existed (a dataset copied from
    elsewhere): without it the next run would download and store everything
    again. Idempotent; run it while no crawl writes to ``output_dir``.
    Each row's URL is keyed on ``public_base_url``, by default the host of its
    own canonical URL.
    """
    import pyarrow.parquet as pq  # only this tool reads the dataset back

    state = state or SQLiteState(output_dir / STATE_DIR_NAME / SQLITE_NAME)
    rows = 0
    for path in sorted((output_dir / "articles").glob("**/part-*.parquet")):
        table = pq.read_table(path, columns=_REBUILD_COLUMNS)
        file = path.relative_to(output_dir).as_posix()
        records = table.to_pylist()
        state.stage(
            file, [version_of(r, public_base_url or _root_of(r["canonical_url"])) for r in records]
        )
        state.commit(file)
        rows += table.num_rows
    return rows
