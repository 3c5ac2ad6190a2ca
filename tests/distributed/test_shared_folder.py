"""Two workers writing into one output folder: each its own part files and report."""

from __future__ import annotations

import subprocess
from pathlib import Path

from sitegen.generate import generate_site

from cluster import REPO, SiteServer, manifest_rows, start_worker, stored_rows, worker_command


def test_two_workers_share_one_output_folder(tmp_path: Path, redis_url: str) -> None:
    generate_site(tmp_path / "site", article_count=150, seed_value=5)
    server = SiteServer(tmp_path / "site", tmp_path / "hits.log")
    try:
        single = subprocess.run(worker_command(server.url, tmp_path / "single", {}), cwd=REPO,
                                capture_output=True, text=True, timeout=300)
        assert single.returncode == 0, single.stderr[-2000:]
        shared = tmp_path / "shared"
        settings = {"GOVNEWS_REDIS_URL": redis_url, "GOVNEWS_REDIS_PREFIX": "shared", "GOVNEWS_RUN_ID": "t1"}
        workers = [start_worker(server.url, shared, tmp_path / f"{name}.log", GOVNEWS_WORKER_NAME=name, **settings)
                   for name in ("a", "b")]
        assert [w.wait(timeout=300) for w in workers] == [0, 0], (tmp_path / "a.log").read_text()[-2000:]
    finally:
        server.stop()
    assert sorted(stored_rows([shared])) == sorted(stored_rows([tmp_path / "single"]))
    reports = manifest_rows(shared, "t1_")
    assert sorted(reports) == ["t1_a", "t1_b"]
    assert all(r["status"] == "complete" and r["health"]["healthy"] for r in reports.values())
    parts = {p.name.rsplit("-", 1)[0] for p in (shared / "articles").glob("**/part-*.parquet")}
    assert parts <= {"part-t1_a", "part-t1_b"} and parts
