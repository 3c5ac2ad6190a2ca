"""Three ``scrapy crawl`` workers on one Redis over the 2,000-article loopback site.

Each worker writes its own output folder. What is checked: the union of
their rows is the single-process crawl's (keys and content hashes), no
article page was fetched twice across the workers (the server's hit log),
a worker killed with SIGKILL half-way loses nothing, and a second tick adds
no rows.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
from sitegen.generate import generate_site

from cluster import (
    SiteServer, log_tail, manifest_rows, run_workers, start_worker, stored_rows, worker_command,
)

ARTICLES = 2000


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    site = tmp_path_factory.mktemp("site")
    generate_site(site, article_count=ARTICLES, seed_value=11)
    served = SiteServer(site, tmp_path_factory.mktemp("server") / "hits.log")
    yield served
    served.stop()


@pytest.fixture(scope="module")
def single(server: SiteServer, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str]]:
    """The same site crawled by one process, no Redis: what the workers must add up to."""
    out = tmp_path_factory.mktemp("single")
    result = subprocess.run(worker_command(server.url, out, {}), cwd=Path(__file__).parents[2],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    rows = stored_rows([out])
    assert len(rows) >= ARTICLES
    return rows


@pytest.fixture(scope="module")
def three(server: SiteServer, redis_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("three")
    folders = [root / name for name in ("w1", "w2", "w3")]
    before = server.article_hits()
    codes = run_workers(server.url, folders, root / "logs", GOVNEWS_REDIS_URL=redis_url,
                        GOVNEWS_REDIS_PREFIX="three", GOVNEWS_RUN_ID="tick1")
    return {"root": root, "folders": folders, "codes": codes, "hits": server.article_hits() - before}


def test_three_workers_store_every_article_exactly_once(three: dict[str, Any], single: list) -> None:
    logs = three["root"] / "logs"
    assert three["codes"] == [0, 0, 0], [log_tail(logs / f"{f.name}.log") for f in three["folders"]]
    rows = stored_rows(three["folders"])
    assert len(rows) == len({url for url, _ in rows})  # no article twice
    assert sorted(rows) == sorted(single)
    per_worker = [len(stored_rows([folder])) for folder in three["folders"]]
    assert all(count > 0 for count in per_worker), per_worker  # the work was shared


def test_no_article_page_is_fetched_twice_across_workers(three: dict[str, Any], single: list) -> None:
    hits: Counter[str] = three["hits"]
    assert len(hits) >= len(single)
    assert [page for page, count in hits.items() if count > 1] == []


def test_each_worker_reports_under_the_shared_run_id(three: dict[str, Any]) -> None:
    for folder in three["folders"]:
        (manifest,) = manifest_rows(folder, "tick1_").values()
        assert manifest["run_id"] == f"tick1_{folder.name}"
        assert manifest["status"] == "complete"
        assert manifest["stats"]["govnews/distributed/run_id"] == "tick1"
        assert manifest["health"]["healthy"] is True


def test_govnews_report_shows_the_run_as_a_whole_and_per_worker(three: dict[str, Any], single: list) -> None:
    first, *others = three["folders"]
    command = [sys.executable, "-m", "govnews.cli", "report", str(first), "--run", "tick1"]
    for folder in others:
        command += ["--folder", str(folder)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[:2] == ["run tick1: 3 workers", f"  articles stored:      {len(single)}"]
    assert "  health: healthy" in lines
    for folder in three["folders"]:
        stored = len(stored_rows([folder]))
        assert f"    {folder.name}: complete, {stored} stored, " in result.stdout


def test_a_second_tick_adds_no_rows(three: dict[str, Any], server: SiteServer, redis_url: str) -> None:
    before = len(stored_rows(three["folders"]))
    codes = run_workers(server.url, three["folders"], three["root"] / "logs2", GOVNEWS_REDIS_URL=redis_url,
                        GOVNEWS_REDIS_PREFIX="three", GOVNEWS_RUN_ID="tick2")
    assert codes == [0, 0, 0]
    assert len(stored_rows(three["folders"])) == before
    for folder in three["folders"]:
        (manifest,) = manifest_rows(folder, "tick2_").values()
        assert manifest["rows"].get("articles", 0) == 0


def test_a_worker_killed_half_way_loses_nothing(
    server: SiteServer, redis_url: str, single: list, tmp_path: Path
) -> None:
    folders = [tmp_path / name for name in ("k1", "k2", "k3")]
    settings = {"GOVNEWS_REDIS_URL": redis_url, "GOVNEWS_REDIS_PREFIX": "killed", "GOVNEWS_RUN_ID": "tick1"}
    before = server.article_hits()
    processes = [
        start_worker(server.url, folder, tmp_path / f"{folder.name}.log", GOVNEWS_WORKER_NAME=folder.name, **settings)
        for folder in folders
    ]
    deadline = time.monotonic() + 200
    while sum((server.article_hits() - before).values()) < len(single) // 2:
        assert time.monotonic() < deadline and all(p.poll() is None for p in processes)
        time.sleep(0.2)
    victim = processes[1]
    victim.send_signal(signal.SIGKILL)
    assert victim.wait(timeout=10) == -signal.SIGKILL
    codes = [p.wait(timeout=max(1, deadline - time.monotonic())) for p in (processes[0], processes[2])]
    assert codes == [0, 0], [log_tail(tmp_path / f"{f.name}.log") for f in folders]
    rows = stored_rows(folders)
    assert len(rows) == len({url for url, _ in rows})
    assert sorted(rows) == sorted(single)
    requeued = "".join(log_tail(tmp_path / f"{f.name}.log", 10**7) for f in (folders[0], folders[2]))
    assert "worker k2 died" in requeued
    report = subprocess.run(
        [sys.executable, "-m", "govnews.cli", "report", str(folders[0]), "--run", "tick1",
         "--folder", str(folders[1]), "--folder", str(folders[2])],
        capture_output=True, text=True, timeout=60,
    )
    assert report.returncode == 1  # a worker died: the run as a whole is not healthy
    assert "worker k2: did not finish (status running)" in report.stdout
