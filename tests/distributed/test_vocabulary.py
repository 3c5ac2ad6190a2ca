"""``RedisVocabulary``: the typo rule's word counts shared by the workers, on a real redis-server."""

from __future__ import annotations

import redis
from scrapy.settings import Settings

from govnews.distributed.config import RedisConfig
from govnews.distributed.vocabulary import RedisVocabulary


def vocabulary(url: str, worker: str, flush_every: int = 2) -> RedisVocabulary:
    config = RedisConfig.from_settings(Settings({"GOVNEWS_REDIS_URL": url, "GOVNEWS_WORKER_NAME": worker}))
    assert config is not None
    return RedisVocabulary(config, config.client(), min_documents=2, flush_every=flush_every)


def test_workers_count_each_others_articles(redis_url: str, redis_client: redis.Redis) -> None:
    first, second = vocabulary(redis_url, "w1"), vocabulary(redis_url, "w2")
    first.observe("renstra disusun bupati")
    assert first.document_count("renstra") == 1  # its own, not yet added
    assert second.document_count("renstra") == 0
    first.observe("renstra dibahas")  # the second article: added to Redis
    assert second.document_count("renstra") == 2 and second.is_common("renstra")
    assert not second.is_common("disusun")
    second.observe("disusun lagi")
    assert second.document_count("disusun") == 2  # one stored, one its own
    second.close()
    first.close()
    assert vocabulary(redis_url, "w3").documents == 3


def test_only_the_counts_not_yet_added_are_held_in_memory(redis_url: str, redis_client: redis.Redis) -> None:
    words = vocabulary(redis_url, "w1", flush_every=10)
    letters = "abcdefghijklmnopqrstuvwxy"
    for n in letters:  # 25 articles, two words of their own each
        words.observe(f"kata{n}a kata{n}b umum")
    assert len(words._pending) == 11  # 5 articles since the last flush, two words each, and "umum"
    assert words.document_count("umum") == 25 and words.documents == 25
    assert redis_client.hlen("govnews:vocabulary:words") == 41  # 20 articles added: 40 words and "umum"
    words.close()
