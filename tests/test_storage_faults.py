"""Storage faults are loud: a full disk, a read-only output folder, a state that is not a database.

Each case runs on a real filesystem: a 600 KB tmpfs filled by the crawl, a
read-only bind mount (root ignores file modes, not a read-only mount), a
state file overwritten with text. Each ends with exit status 1 and one line
``govnews: <reason>`` on stderr; what was committed stays readable and
claimed by the state, and the next run leaves every article exactly once.
The mounts need root, which the test machines run as.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pyarrow.parquet as pq
from crawling import REPO
from faultsite import FaultSite, plain_stories
from test_scheduling import article_rows, crawl, home_site, latest_manifest

SMALL = {"GOVNEWS_ROW_GROUP_SIZE": "5", "GOVNEWS_MAX_ROWS_PER_FILE": "5"}


@contextmanager
def mounted(*mount_args: str, target: Path) -> Iterator[Path]:
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", *mount_args, str(target)], check=True, capture_output=True)
    try:
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=True, capture_output=True)


def govnews_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("govnews:")]


def visible_rows(out: Path) -> int:
    """Rows of every visible part file, each read back whole (raises on a partial file)."""
    return sum(pq.read_table(p).num_rows for p in (out / "articles").glob("**/part-*.parquet"))


def claimed_by_state(out: Path) -> int:
    """Rows the state stores, plus rows it staged for a file that was renamed into
    place (the failed run could not commit them; the next run settles them)."""
    with closing(sqlite3.connect(out / "_state" / "articles.sqlite3")) as db:
        stored = db.execute("SELECT count(*) FROM versions").fetchone()[0]
        staged = db.execute("SELECT file, count(*) FROM pending GROUP BY file").fetchall()
    return stored + sum(rows for file, rows in staged if (out / file).exists())


def _site(count: int) -> FaultSite:
    return home_site(plain_stories(count))


def test_disk_full_mid_run_exits_1_keeps_what_was_committed_and_the_next_run_completes(tmp_path: Path) -> None:
    site = _site(40)
    with mounted("-t", "tmpfs", "-o", "size=600k", "tmpfs", target=tmp_path / "disk") as disk:
        ballast = disk / "ballast"
        ballast.write_bytes(b"\0" * 420_000)  # about 170 KB left: room for some part files, not all
        out = disk / "out"
        with site.serving() as base_url:
            full = crawl(base_url, out, **SMALL)
            committed = visible_rows(out)
            leftovers = sorted(p.name for p in out.rglob(".part-*"))
            claimed = claimed_by_state(out) if committed else 0
            report = latest_manifest(out)
            ballast.unlink()  # space freed
            site.reset_hits()
            after = crawl(base_url, out, **SMALL)
            rows = article_rows(out)
            refetched = site.article_hits()
    assert full.returncode == 1
    [line] = govnews_lines(full.stderr)
    assert full.stderr.rstrip().endswith(line)
    assert line.startswith("govnews: cannot write ")
    assert "No space left on device" in line or "database or disk is full" in line
    # Mid-run: some files made it, then the disk filled; nothing partial is visible.
    assert 0 < committed < 40 and leftovers == []
    assert claimed == committed  # every visible row is known to the state, none more
    assert report["status"] in {"incomplete", "running"}
    if report["status"] == "incomplete":  # the report itself could still be written
        assert report["finish_reason"] == "storage_failed"
        assert any(r.startswith("storage failure: cannot write") for r in report["health"]["reasons"])
    assert after.returncode == 0, after.stderr[-3000:]
    assert len(rows) == 40 and len({r[0] for r in rows}) == 40
    assert len(refetched) == 40 - committed  # what was committed is not fetched again


def test_a_read_only_output_folder_exits_1_with_one_line_and_changes_nothing(tmp_path: Path) -> None:
    site = _site(3)
    dataset = tmp_path / "dataset"
    with site.serving() as base_url:
        assert crawl(base_url, dataset).returncode == 0
        before = {p: p.stat().st_mtime_ns for p in dataset.rglob("*")}
        site.reset_hits()
        with mounted("--bind", "-o", "ro", str(dataset), target=tmp_path / "readonly") as readonly:
            refused = crawl(base_url, readonly)
            assert subprocess.run(["touch", str(readonly / "x")], capture_output=True).returncode != 0
    assert refused.returncode == 1
    assert govnews_lines(refused.stderr) == [
        f"govnews: cannot write to the output directory {tmp_path / 'readonly'}: [Errno 30] Read-only file system"
    ]
    assert "Traceback" not in refused.stderr
    assert site.hits == {}  # the run never began
    assert {p: p.stat().st_mtime_ns for p in dataset.rglob("*")} == before


def test_a_state_file_that_is_not_a_database_is_named_with_the_way_out(tmp_path: Path) -> None:
    site = _site(3)
    state = tmp_path / "_state" / "articles.sqlite3"
    with site.serving() as base_url:
        assert crawl(base_url, tmp_path).returncode == 0
        rows_before = article_rows(tmp_path)
        runs_before = sorted((tmp_path / "_runs").iterdir())
        for leftover in state.parent.iterdir():
            leftover.unlink()
        state.write_text("bukan basis data\n" * 200)
        site.reset_hits()
        refused = crawl(base_url, tmp_path)
        assert refused.returncode == 1
        assert govnews_lines(refused.stderr) == [
            f"govnews: state file {state} is not a readable SQLite database (file is not a database);"
            f" set it aside and rebuild it from the dataset with: govnews state rebuild {tmp_path}"
        ]
        assert "Traceback" not in refused.stderr and site.hits == {}
        assert sorted((tmp_path / "_runs").iterdir()) == runs_before
        rebuilt = subprocess.run(
            [sys.executable, "-m", "govnews.cli", "state", "rebuild", str(tmp_path)],
            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, capture_output=True, text=True, timeout=60,
        )
        assert rebuilt.returncode == 0, rebuilt.stderr
        assert f"unreadable state file moved to {state}.unreadable-" in rebuilt.stdout
        assert "from 3 stored rows" in rebuilt.stdout
        again = crawl(base_url, tmp_path)
    assert again.returncode == 0, again.stderr[-3000:]
    assert site.article_hits() == {} and article_rows(tmp_path) == rows_before
    [moved] = state.parent.glob("articles.sqlite3.unreadable-*")
    assert moved.read_text().startswith("bukan basis data")
