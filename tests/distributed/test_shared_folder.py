"""Two workers writing into one output folder, the second joining late: each its own
part files and report, every article once."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

from sitegen.generate import generate_site

from cluster import REPO, SiteServer, manifest_rows, start_worker, stored_rows, worker_command


def test_two_workers_share_one_output_folder_and_a_late_one_joins(tmp_path: Path, redis_url: str) -> None:
    generate_site(tmp_path / "site", article_count=150, seed_value=5)
    server = SiteServer(tmp_path / "site", tmp_path / "hits.log")
    try:
        single = subprocess.run(worker_command(server.url, tmp_path / "single", {}), cwd=REPO,
                                capture_output=True, text=True, timeout=300)
        assert single.returncode == 0, single.stderr[-2000:]
        shared = tmp_path / "shared"
        settings = {"GOVNEWS_REDIS_URL": redis_url, "GOVNEWS_REDIS_PREFIX": "shared", "GOVNEWS_RUN_ID": "t1"}
        before = sum(server.article_hits().values())
        workers = [start_worker(server.url, shared, tmp_path / "a.log", GOVNEWS_WORKER_NAME="a", **settings)]
        deadline = time.monotonic() + 120
        while sum(server.article_hits().values()) - before < 20:  # a is crawling: b joins late
            assert time.monotonic() < deadline and workers[0].poll() is None
            time.sleep(0.05)
        workers.append(start_worker(server.url, shared, tmp_path / "b.log", GOVNEWS_WORKER_NAME="b", **settings))
        assert [w.wait(timeout=300) for w in workers] == [0, 0], (tmp_path / "a.log").read_text()[-2000:]
    finally:
        server.stop()
    assert sorted(stored_rows([shared])) == sorted(stored_rows([tmp_path / "single"]))
    reports = manifest_rows(shared, "t1_")
    assert sorted(reports) == ["t1_a", "t1_b"]
    assert all(r["status"] == "complete" and r["health"]["healthy"] for r in reports.values())
    parts = {p.name.rsplit("-", 1)[0] for p in (shared / "articles").glob("**/part-*.parquet")}
    assert parts <= {"part-t1_a", "part-t1_b"} and parts
