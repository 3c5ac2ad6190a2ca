"""The popular list once per run (a lock with a lease) and ``govnews tick``, on a real redis-server."""

from __future__ import annotations

import subprocess
import sys
import time

import redis
from scrapy.utils.test import get_crawler

from govnews.distributed.workers import render_once


def worker_crawler(redis_url: str, worker: str, run_id: str = "r1") -> object:
    return get_crawler(settings_dict={
        "GOVNEWS_REDIS_URL": redis_url, "GOVNEWS_WORKER_NAME": worker, "GOVNEWS_SHARED_RUN_ID": run_id,
        "GOVNEWS_POPULAR_LOCK_SECONDS": 1,
    })


def test_one_process_always_renders() -> None:
    assert render_once(get_crawler(), "popular") is True


def test_the_popular_list_is_rendered_by_one_worker_of_a_run(redis_client: redis.Redis, redis_url: str) -> None:
    assert render_once(worker_crawler(redis_url, "w1"), "popular") is True
    assert render_once(worker_crawler(redis_url, "w2"), "popular") is False
    assert render_once(worker_crawler(redis_url, "w1"), "popular") is False  # once, not once per call
    assert render_once(worker_crawler(redis_url, "w2", run_id="r2"), "popular") is True  # the next tick


def test_the_lock_of_a_dead_holder_ends_with_its_lease(redis_client: redis.Redis, redis_url: str) -> None:
    assert render_once(worker_crawler(redis_url, "w1"), "popular") is True
    time.sleep(1.1)
    assert render_once(worker_crawler(redis_url, "w2"), "popular") is True


def test_govnews_tick_seeds_the_run_workers_join(redis_client: redis.Redis, redis_url: str) -> None:
    result = subprocess.run([sys.executable, "-m", "govnews.cli", "tick", "--redis", redis_url, "--run-id", "t7"],
                            capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, "t7\n")
    assert redis_client.get("govnews:tick") == b"t7"
    generated = subprocess.run([sys.executable, "-m", "govnews.cli", "tick", "--redis", redis_url],
                               capture_output=True, text=True, timeout=60)
    assert generated.returncode == 0 and redis_client.get("govnews:tick") == generated.stdout.strip().encode()
    assert generated.stdout.strip() != "t7"
