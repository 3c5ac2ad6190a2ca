"""The dataset's word document frequencies in Redis, shared by every worker.

``govnews.cleaning.vocabulary.Vocabulary`` keeps them in a SQLite file of
one output folder; workers with folders of their own would each judge a
word "common" on a third of the articles and fix more words as typos than
one process would. ``RedisVocabulary`` is the same count in one Redis hash:
each worker adds its counts every ``flush_every`` articles. Like the SQLite
vocabulary, it holds only the counts not yet added: the stored count of a
word is read when the typo rule asks about it (a few words per article, one
``HGET`` each), because a hash read whole would grow with every new word of
real text and be read again at every flush.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import redis

from govnews.cleaning.vocabulary import StoredVocabulary
from govnews.distributed.config import RedisConfig
from govnews.runs.storage import StorageFailure


class RedisVocabulary(StoredVocabulary):
    """Document frequencies of lowercase words over every run of every worker."""

    def __init__(self, config: RedisConfig, client: redis.Redis, min_documents: int = 5, flush_every: int = 100):
        super().__init__(min_documents=min_documents, flush_every=flush_every)
        self.config = config
        self.client = client
        self.words_key = config.key("vocabulary", "words")
        self.documents_key = config.key("vocabulary", "documents")
        self._read()

    @classmethod
    def for_crawler(cls, crawler: Any) -> RedisVocabulary | None:
        """The shared vocabulary when ``GOVNEWS_REDIS_URL`` is set, else None."""
        config = RedisConfig.from_settings(crawler.settings)
        return cls(config, config.client()) if config is not None else None

    def add_batch(self, counts: Counter[str], documents: int) -> None:
        """Add this worker's counts so far, and take up everyone's article count."""
        try:
            pipe = self.client.pipeline(transaction=True)
            for word, count in counts.items():
                pipe.hincrby(self.words_key, word, count)
            pipe.incrby(self.documents_key, documents)
            pipe.execute()
        except redis.RedisError as exc:
            raise StorageFailure(f"the vocabulary in Redis at {self.config.url} failed: {exc}") from exc
        self._read()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.client.close()

    def stored_count(self, word: str) -> int:
        try:
            stored = self.client.hget(self.words_key, word)
        except redis.RedisError as exc:
            raise StorageFailure(f"the vocabulary in Redis at {self.config.url} cannot be read: {exc}") from exc
        return int(stored or 0)

    def _read(self) -> None:
        """Everyone's article count, read when nothing is pending (at start, after a
        batch); the stored words are read per word asked."""
        try:
            documents = self.client.get(self.documents_key)
        except redis.RedisError as exc:
            raise StorageFailure(f"the vocabulary in Redis at {self.config.url} cannot be read: {exc}") from exc
        self.documents = int(documents or 0)
