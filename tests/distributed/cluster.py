"""Helpers of the worker tests: the sample site served in its own process with a
hit log, and ``scrapy crawl`` workers started as separate processes."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests"))
from crawling import FAST  # noqa: E402

# Rows are only stored once their file is renamed: commit often, so a kill
# finds some rows committed and some still buffered.
WORKER_SETTINGS = {
    **FAST,
    "GOVNEWS_POPULAR_ENABLED": "False",
    "GOVNEWS_WORKER_HEARTBEAT": "3",
    "GOVNEWS_COMMIT_INTERVAL": "2",
    # Typo fixes depend on the word counts a process has seen so far, which
    # depend on the order pages arrive in: two single-process crawls differ
    # there. Suggestions leave the text alone, so content hashes compare.
    "GOVNEWS_TYPOS": "suggest",
    "LOG_LEVEL": "INFO",
}
ARTICLE_PATH = "/berita/baca/"


class SiteServer:
    """``scripts/sample_site.py serve --verbose``: one log line per request."""

    def __init__(self, site: Path, log: Path):
        self.log = log
        with log.open("wb") as hits:
            self.process = subprocess.Popen(
                [sys.executable, str(REPO / "scripts" / "sample_site.py"), "serve", str(site), "--port", "0",
                 "--verbose"],
                stdout=subprocess.PIPE, stderr=hits, text=True,
                env={**os.environ, "PYTHONPATH": str(REPO / "scripts")},
            )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        self.url = line.split()[1]

    def article_hits(self) -> Counter[str]:
        """How many times each article page was requested (GET)."""
        hits: Counter[str] = Counter()
        for line in self.log.read_text("utf-8", errors="replace").splitlines():
            parts = line.split(" ")
            if len(parts) >= 2 and parts[0] == "GET" and parts[1].startswith(ARTICLE_PATH):
                hits[parts[1]] += 1
        return hits

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


def worker_command(base_url: str, output_dir: Path, settings: dict[str, str]) -> list[str]:
    command = [sys.executable, "-m", "scrapy", "crawl", "gonews", "-a", f"base_url={base_url}", "-a", "max_pages=1000"]
    for key, value in {**WORKER_SETTINGS, "GOVNEWS_OUTPUT_DIR": str(output_dir), **settings}.items():
        command += ["-s", f"{key}={value}"]
    return command


def start_worker(base_url: str, output_dir: Path, log: Path, **settings: str) -> subprocess.Popen[bytes]:
    with log.open("wb") as stderr:
        return subprocess.Popen(
            worker_command(base_url, output_dir, settings), cwd=REPO,
            env={**os.environ, "PYTHONPATH": str(REPO)}, stdout=subprocess.DEVNULL, stderr=stderr,
        )


def run_workers(base_url: str, folders: list[Path], logs: Path, timeout: float = 300, **settings: str) -> list[int]:
    """Start one worker per folder at once (named by the folder), wait for all; exit codes."""
    logs.mkdir(parents=True, exist_ok=True)
    processes = [
        start_worker(base_url, folder, logs / f"{folder.name}.log", GOVNEWS_WORKER_NAME=folder.name, **settings)
        for folder in folders
    ]
    deadline = time.monotonic() + timeout
    return [p.wait(timeout=max(1, deadline - time.monotonic())) for p in processes]


def stored_rows(folders: list[Path]) -> list[tuple[str, str]]:
    """(canonical_url, content_hash) of every committed article row in these folders."""
    rows: list[tuple[str, str]] = []
    for folder in folders:
        if not list((folder / "articles").glob("**/*.parquet")):
            continue
        table = ds.dataset(folder / "articles", partitioning="hive", format="parquet").to_table(
            columns=["canonical_url", "content_hash"]
        )
        rows += zip(table.column("canonical_url").to_pylist(), table.column("content_hash").to_pylist())
    return rows


def log_tail(path: Path, chars: int = 3000) -> str:
    return path.read_text("utf-8", errors="replace")[-chars:]


def manifest_rows(folder: Path, run_prefix: str) -> dict[str, Any]:
    import json

    return {
        p.stem: json.loads(p.read_text("utf-8")) for p in (folder / "_runs").glob(f"{run_prefix}*.json")
    }
