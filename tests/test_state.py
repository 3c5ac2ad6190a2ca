"""The incremental state and its handshake with the Parquet writer, on real files.

The state may only call a row stored once the file holding it is renamed into
place; a crash between the two is settled by ``recover`` either way.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow.parquet as pq

from govnews.exporters import PartitionedParquetWriter
from govnews.incremental.state import (
    ArticleState,
    SQLiteState,
    StoredVersion,
    version_of,
)
from govnews.items import ArticleItem
from govnews.schema import load_schema

PUBLIC = "https://www.gonews.co"
NOW = datetime(2026, 11, 28, 6, 0, tzinfo=timezone.utc)


def article(slug: str, body: str = "Paragraf pertama.\n\nParagraf kedua.") -> ArticleItem:
    return ArticleItem(
        url=f"http://127.0.0.1:8000/berita/baca/2021/12/06/{slug}?utm_source=x",
        canonical_url=f"{PUBLIC}/berita/baca/2021/12/06/{slug}",
        site="gonews.co", headline=slug, description=None, section=None, breadcrumbs=[], tags=[],
        date_published=datetime(2021, 12, 6, 7, tzinfo=timezone.utc),
        date_published_raw="Senin, 6 Desember 2021 14:00 WIB", date_modified=None, dateline=None,
        article_body=body, paragraphs=body.split("\n\n"), editor=None, source=None,
        main_image_url=None, main_image_caption=None, main_image_credit=None, authors=[], trailer=None, language="id",
        word_count=len(body.split()), content_hash=hashlib.sha256(body.encode()).hexdigest(),
        date_downloaded=NOW, run_id="run1", quality={"fixes": [], "warnings": []},
    )


def writer(out: Path, state: SQLiteState, **kwargs: object) -> PartitionedParquetWriter:
    return PartitionedParquetWriter(
        out / "articles", load_schema("article"), "run1", ArticleItem.partition_of,
        on_stage=lambda f, tokens: state.stage(f.path, tokens),
        on_rows_committed=lambda f, tokens: state.commit(f.path),
        **kwargs,  # type: ignore[arg-type]
    )


def key(slug: str) -> str:
    return f"gonews.co/berita/baca/2021/12/06/{slug}"


def test_sqlite_state_implements_the_protocol(tmp_path: Path) -> None:
    assert isinstance(SQLiteState(tmp_path / "s.sqlite3"), ArticleState)


def test_rows_are_stored_only_once_their_file_is_committed(tmp_path: Path) -> None:
    state = SQLiteState(tmp_path / "_state" / "articles.sqlite3")
    w = writer(tmp_path, state, row_group_size=2, max_rows_per_file=2)
    items = [article(s) for s in ("a", "b", "c")]
    for item in items:
        w.write(item, version_of(item, PUBLIC))
    # a and b filled a file (committed); c is buffered in a temporary file.
    assert state.latest([key("a")]) is not None and state.latest([key("b")]) is not None
    assert state.latest([key("c")]) is None
    w.commit_open()
    stored = state.latest([key("c")])
    assert stored is not None and stored.run_id == "run1"
    assert (tmp_path / stored_file(state, "c")).exists()
    # The fetched URL (tracking parameters dropped) finds the article too.
    assert state.latest(["gonews.co/berita/baca/2021/12/06/c"]) == stored


def stored_file(state: SQLiteState, slug: str) -> str:
    return state._db.execute("SELECT file FROM versions WHERE key = ?", (key(slug),)).fetchone()[0]


def test_a_crash_between_stage_and_rename_forgets_the_rows(tmp_path: Path) -> None:
    state = SQLiteState(tmp_path / "s.sqlite3")
    item = article("a")
    state.stage("articles/site=gonews.co/published_month=2021-12/part-run1-0.parquet", [version_of(item, PUBLIC)])
    assert state.latest([key("a")]) is None
    assert state.recover("run1", lambda file: (tmp_path / file).exists()) == (0, 1)
    assert state.latest([key("a")]) is None


def test_a_crash_between_rename_and_commit_keeps_the_rows(tmp_path: Path) -> None:
    state = SQLiteState(tmp_path / "s.sqlite3")
    item = article("a")
    file = "articles/site=gonews.co/published_month=2021-12/part-run1-0.parquet"
    state.stage(file, [version_of(item, PUBLIC)])
    (tmp_path / file).parent.mkdir(parents=True)
    (tmp_path / file).write_bytes(b"renamed")
    assert state.recover("run1", lambda f: (tmp_path / f).exists()) == (1, 0)
    assert state.latest([key("a")]) is not None
    assert state.recover("other-run", lambda f: True) == (0, 0)


def test_latest_version_wins_and_aliases_resolve(tmp_path: Path) -> None:
    state = SQLiteState(tmp_path / "s.sqlite3")
    old = version_of(article("a", "Isi lama."), PUBLIC)
    new = StoredVersion(**{**old.__dict__, "content_hash": "f" * 64, "date_downloaded": (NOW + timedelta(hours=1)).isoformat()})
    state.stage("f1", [old])
    state.commit("f1")
    state.stage("f2", [new])
    state.commit("f2")
    assert state.latest([key("a")]) == StoredVersion(**{**new.__dict__, "aliases": ()})
    state.add_aliases(key("a"), ["gonews.co/amp/a"])
    assert state.latest(["gonews.co/amp/a"]).content_hash == "f" * 64  # type: ignore[union-attr]


def test_quarantine_is_remembered_until_the_article_is_stored(tmp_path: Path) -> None:
    state = SQLiteState(tmp_path / "s.sqlite3")
    state.record_quarantine(key("a"), "run1", ["missing:headline"], NOW)
    assert state.last_quarantined(key("a")) == NOW
    state.stage("f1", [version_of(article("a"), PUBLIC)])
    state.commit("f1")
    assert state.last_quarantined(key("a")) is None


def test_periodic_commit_makes_every_row_visible_and_readable(tmp_path: Path) -> None:
    state = SQLiteState(tmp_path / "s.sqlite3")
    w = writer(tmp_path, state, row_group_size=100, max_rows_per_file=1000)
    for slug in ("a", "b"):
        w.write(article(slug), version_of(article(slug), PUBLIC))
    assert not list((tmp_path / "articles").glob("**/part-*.parquet"))
    assert w.commit_open() == 1
    [path] = (tmp_path / "articles").glob("**/part-*.parquet")
    assert pq.read_table(path).num_rows == 2
    assert not list((tmp_path / "articles").glob("**/.part-*"))
