"""``RedisState`` and the claims against a real redis-server: the handshake, the fence."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest
import redis
from scrapy.settings import Settings

from govnews.distributed.claims import _CLAIM, claim_key
from govnews.distributed.config import RedisConfig
from govnews.distributed.state import ClaimLost, RedisState
from govnews.incremental.state import ArticleState, StoredVersion

AT = datetime(2026, 11, 28, 6, 0, tzinfo=timezone.utc)


def version(key: str, content_hash: str = "h1", run_id: str = "r1_w1", aliases: tuple[str, ...] = ()) -> StoredVersion:
    return StoredVersion(key, content_hash, f"https://www.gonews.co/{key}", f"https://www.gonews.co/{key}",
                         "2021-02-25T11:20:00+00:00", None, f"2026-11-28T06:00:0{content_hash[-1]}+00:00",
                         run_id, aliases)


def config_for(url: str, worker: str) -> RedisConfig:
    config = RedisConfig.from_settings(Settings({"GOVNEWS_REDIS_URL": url, "GOVNEWS_WORKER_NAME": worker}))
    assert config is not None
    return config


def state_of(client: redis.Redis, url: str, worker: str = "w1", location: str = "host:/out") -> RedisState:
    config = config_for(url, worker)
    heartbeat = config.run_key("r1", "hb", worker)
    client.set(heartbeat, "busy")
    return RedisState(config, client, location=location, heartbeat_key=heartbeat,
                      claims_of=lambda v: claim_key(config, "r1", v.key))


def claim(client: redis.Redis, url: str, worker: str, key: str, content_hash: str = "h1") -> str:
    config = config_for(url, worker)
    return client.register_script(_CLAIM)(
        keys=[claim_key(config, "r1", key), config.key("state", "v", key)],
        args=[worker, content_hash, config.run_key("r1", "hb") + ":", 60],
    ).decode()


def test_it_implements_the_article_state_protocol(redis_client: redis.Redis, redis_url: str) -> None:
    assert isinstance(state_of(redis_client, redis_url), ArticleState)


def test_staged_rows_are_stored_only_once_committed(redis_client: redis.Redis, redis_url: str) -> None:
    state = state_of(redis_client, redis_url)
    assert claim(redis_client, redis_url, "w1", "a") == "mine"
    state.stage("articles/part-r1_w1-0.parquet", [version("a", aliases=("a-old",))])
    assert state.latest(["a"]) is None
    assert state.is_staged("a") and state.is_staged("a-old")
    assert state.pending_runs() == ["r1_w1"]
    state.commit("articles/part-r1_w1-0.parquet")
    assert state.latest(["a-old"]) == version("a", aliases=("a-old",))
    assert state.pending_runs() == [] and not state.is_staged("a")


def test_latest_is_the_newest_version_under_any_key(redis_client: redis.Redis, redis_url: str) -> None:
    state = state_of(redis_client, redis_url)
    for n, content_hash in enumerate(("h1", "h2")):
        claim(redis_client, redis_url, "w1", "a", content_hash)
        state.stage(f"f{n}", [version("a", content_hash)])
        state.commit(f"f{n}")
    state.add_aliases("a", ["b"])
    latest = state.latest(["zzz", "b"])
    assert latest is not None and latest.content_hash == "h2"


def test_recover_commits_renamed_files_and_drops_the_others(redis_client: redis.Redis, redis_url: str) -> None:
    state = state_of(redis_client, redis_url)
    for key in ("a", "b"):
        claim(redis_client, redis_url, "w1", key)
        state.stage(f"file-{key}", [version(key)])
    assert state.recover("r1_w1", lambda file: file == "file-a") == (1, 1)
    assert state.latest(["a"]) is not None and state.latest(["b"]) is None
    assert state.pending_runs() == []


def test_pending_runs_are_those_of_this_output_folder(redis_client: redis.Redis, redis_url: str) -> None:
    here, there = state_of(redis_client, redis_url), state_of(redis_client, redis_url, "w2", "other:/out")
    claim(redis_client, redis_url, "w2", "a")
    there.stage("f", [version("a", run_id="r1_w2")])
    assert here.pending_runs() == [] and there.pending_runs() == ["r1_w2"]


def test_a_live_workers_claim_holds_and_a_dead_workers_is_taken(redis_client: redis.Redis, redis_url: str) -> None:
    state_of(redis_client, redis_url, "w2")  # w2's heartbeat is alive
    assert claim(redis_client, redis_url, "w2", "a") == "mine"
    assert claim(redis_client, redis_url, "w1", "a") == "w2"
    redis_client.delete(config_for(redis_url, "w2").run_key("r1", "hb", "w2"))  # w2 died
    assert claim(redis_client, redis_url, "w1", "a") == "mine"


def test_a_stored_version_is_not_claimed_again(redis_client: redis.Redis, redis_url: str) -> None:
    state = state_of(redis_client, redis_url)
    claim(redis_client, redis_url, "w1", "a")
    state.stage("f", [version("a")])
    state.commit("f")
    assert claim(redis_client, redis_url, "w2", "a") == "stored"
    assert claim(redis_client, redis_url, "w2", "a", "h2") == "w1"  # w1 is alive: the article is its own
    redis_client.delete(state.heartbeat_key)  # w1 signed off
    assert claim(redis_client, redis_url, "w2", "a", "h2") == "mine"  # a new version may be stored


def test_staging_without_the_claim_is_refused(redis_client: redis.Redis, redis_url: str) -> None:
    state = state_of(redis_client, redis_url)
    state_of(redis_client, redis_url, "w2")
    claim(redis_client, redis_url, "w2", "a")
    with pytest.raises(ClaimLost, match="lost the claim"):
        state.stage("f", [version("a")])
    assert state.pending_runs() == [] and not state.is_staged("a")


def test_a_worker_given_up_on_cannot_stage(redis_client: redis.Redis, redis_url: str) -> None:
    state = state_of(redis_client, redis_url)
    claim(redis_client, redis_url, "w1", "a")
    redis_client.delete(state.heartbeat_key)
    with pytest.raises(ClaimLost, match="lost its heartbeat"):
        state.stage("f", [version("a")])


def test_quarantine_and_dead_links_are_remembered(redis_client: redis.Redis, redis_url: str) -> None:
    state = state_of(redis_client, redis_url)
    state.record_quarantine("q", "r1", ["missing:headline"], AT)
    assert state.last_quarantined("q") == AT and state.last_quarantined("other") is None
    state.record_dead("d", 404, AT)
    link = state.record_dead("d", 410, AT.replace(hour=7))
    assert (link.status, link.failures, link.first_failed_at, link.last_failed_at) == (410, 2, AT, AT.replace(hour=7))
    state.clear_dead(["d"])
    assert state.dead_link("d") is None


def test_a_redis_that_went_away_is_a_storage_failure_naming_it(redis_url: str) -> None:
    from govnews.runs.storage import StorageFailure

    config = config_for("redis://127.0.0.1:1/0", "w1")
    state = RedisState(config, config.client(), location="x")
    with pytest.raises(StorageFailure, match=r"the state in Redis at redis://127.0.0.1:1/0 failed"):
        state.latest(["a"])
