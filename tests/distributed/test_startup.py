"""The switch: a bad or unreachable Redis stops a worker at start-up; one that goes
away mid-run ends it with exit 1 and one line naming Redis."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
import redis
from scrapy.exceptions import UsageError
from scrapy.settings import Settings
from sitegen.generate import generate_site

from cluster import REPO, SiteServer, start_worker, stored_rows, worker_command
from govnews.distributed.config import RedisConfig
from redisserver import free_port, redis_server


def crawl(base_url: str, out: Path, **settings: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(worker_command(base_url, out, settings), cwd=REPO, capture_output=True, text=True,
                          timeout=120, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"})


def test_without_the_url_nothing_is_configured() -> None:
    assert RedisConfig.from_settings(Settings({})) is None


@pytest.mark.parametrize("url", ["http://127.0.0.1:6379/0", "redis://127.0.0.1:notaport/0", "redis://h:1/x"])
def test_a_bad_url_is_a_usage_error(url: str) -> None:
    with pytest.raises(UsageError, match="GOVNEWS_REDIS_URL must look like redis://host:port/db"):
        RedisConfig.from_settings(Settings({"GOVNEWS_REDIS_URL": url}))


def test_a_bad_url_stops_the_crawl_before_it_starts(tmp_path: Path) -> None:
    result = crawl("http://127.0.0.1:9", tmp_path / "out", GOVNEWS_REDIS_URL="http://nowhere", GOVNEWS_RUN_ID="t")
    assert result.returncode == 2, result.stderr[-2000:]
    assert "GOVNEWS_REDIS_URL must look like redis://host:port/db, got 'http://nowhere'" in result.stderr


def test_an_unreachable_redis_stops_the_crawl_with_one_line(tmp_path: Path) -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    result = crawl("http://127.0.0.1:9", tmp_path / "out", GOVNEWS_REDIS_URL=url, GOVNEWS_RUN_ID="t")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1].startswith(f"govnews: Redis at {url} cannot be reached:")
    assert not (tmp_path / "out" / "articles").exists()


def test_a_worker_needs_a_run_id(tmp_path: Path, redis_url: str) -> None:
    result = crawl("http://127.0.0.1:9", tmp_path / "out", GOVNEWS_REDIS_URL=redis_url)
    assert result.returncode == 2
    assert "set GOVNEWS_RUN_ID (the same for every worker of a run) or seed one with: govnews tick" in result.stderr


def test_redis_going_away_mid_run_ends_it_loudly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    generate_site(site, article_count=300, seed_value=3)
    server = SiteServer(site, tmp_path / "hits.log")
    try:
        with redis_server(tmp_path / "redis") as url:
            client = redis.Redis.from_url(url)
            worker = start_worker(server.url, tmp_path / "out", tmp_path / "worker.log",
                                  GOVNEWS_REDIS_URL=url, GOVNEWS_RUN_ID="t1", GOVNEWS_WORKER_NAME="w1")
            deadline = time.monotonic() + 60
            while not list(client.scan_iter("govnews:run:t1:claim:*", count=1000)):
                assert time.monotonic() < deadline and worker.poll() is None
                time.sleep(0.05)
        # redis-server is stopped here, half-way through the crawl
        assert worker.wait(timeout=90) == 1
        last = (tmp_path / "worker.log").read_text("utf-8").strip().splitlines()[-1]
        assert last.startswith("govnews: ") and "Redis at " + url in last, last
        rows = stored_rows([tmp_path / "out"])
        assert len(rows) == len(set(rows)) < 300
    finally:
        server.stop()
