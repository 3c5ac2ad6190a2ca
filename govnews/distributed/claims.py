"""One worker stores an article: a claim in Redis before the row is written.

``ClaimPipeline`` runs after the versions rule and before export. For an
article it is about to store it sets ``<run>:claim:<key>`` to this worker,
atomically (one Lua script), when the claim is free, already its own, or
held by a worker whose heartbeat expired; it drops the item when another
live worker holds it (the same article reached through another URL, or a
request taken over while its first worker was only slow), or when the state
already holds this version. Staging a file checks the claims again
(``RedisState.stage``), so a worker declared dead never commits.
"""

from __future__ import annotations

from typing import Any

import redis
from scrapy.exceptions import DropItem

from govnews.distributed.config import RedisConfig
from govnews.distributed.workers import shared_run
from govnews.incremental.state import version_of
from govnews.items import ArticleItem
from govnews.runs.storage import StorageFailure, storage_failed

CLAIM_DAYS = 7  # a claim outlives any run; only its run's workers read it

# KEYS: claim, the version's hash in the state. ARGV: worker, content hash, heartbeat key prefix, ttl s.
_CLAIM = """
if redis.call('HEXISTS', KEYS[2], ARGV[2]) == 1 then return 'stored' end
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] and redis.call('EXISTS', ARGV[3] .. owner) == 1 then return owner end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[4])
return 'mine'
"""


def claim_key(config: RedisConfig, run_id: str, key: str) -> str:
    return config.run_key(run_id, "claim", key)


class ClaimPipeline:
    """Drops an article another live worker of the run is storing (module doc)."""

    def __init__(self, crawler: Any):
        from govnews.distributed.frontier import Leases

        self.crawler = crawler
        self.stats = crawler.stats
        self.config, self.run_id = shared_run(crawler.settings)
        self.client = Leases.for_crawler(crawler).client
        self._claim = self.client.register_script(_CLAIM)

    @classmethod
    def from_crawler(cls, crawler: Any) -> ClaimPipeline:
        return cls(crawler)

    def process_item(self, item: Any, spider: Any = None) -> Any:
        if not isinstance(item, ArticleItem):
            return item
        version = version_of(item, getattr(self.crawler.spider, "public_base_url", "") or item["url"])
        try:
            answer = self._claim(
                keys=[claim_key(self.config, self.run_id, version.key), self.config.key("state", "v", version.key)],
                args=[self.config.worker, version.content_hash,
                      self.config.run_key(self.run_id, "hb") + ":", CLAIM_DAYS * 86400],
            ).decode()
        except redis.RedisError as exc:
            raise StorageFailure(storage_failed(self.crawler, f"claims in Redis at {self.config.url}", exc)) from exc
        if answer == "mine":
            return item
        if answer == "stored":
            self.stats.inc_value("govnews/distributed/already_stored")
            raise DropItem(f"stored by another worker: {version.key}", "INFO")
        self.stats.inc_value("govnews/distributed/claimed_elsewhere")
        raise DropItem(f"worker {answer} is storing {version.key}", "INFO")
