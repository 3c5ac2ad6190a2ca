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

from govnews.cleaning.typos import CorpusFrequency
from govnews.distributed.config import RedisConfig
from govnews.runs.storage import StorageFailure


class RedisVocabulary(CorpusFrequency):
    """Document frequencies of lowercase words over every run of every worker."""

    def __init__(self, config: RedisConfig, client: redis.Redis, min_documents: int = 5, flush_every: int = 100):
        super().__init__(min_documents=min_documents)
        self.config = config
        self.client = client
        self.words_key = config.key("vocabulary", "words")
        self.documents_key = config.key("vocabulary", "documents")
        self.flush_every = flush_every
        self._pending: Counter[str] = Counter()
        self._pending_documents = 0
        self._read()

    @classmethod
    def for_crawler(cls, crawler: Any) -> RedisVocabulary | None:
        """The shared vocabulary when ``GOVNEWS_REDIS_URL`` is set, else None."""
        config = RedisConfig.from_settings(crawler.settings)
        return cls(config, config.client()) if config is not None else None

    def observe(self, text: str) -> None:
        words = self._words(text)
        self.documents += 1
        self._pending.update(words)
        self._pending_documents += 1
        if self._pending_documents >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        """Add this worker's counts so far, and take up everyone's."""
        if not self._pending_documents:
            return
        try:
            pipe = self.client.pipeline(transaction=True)
            for word, count in self._pending.items():
                pipe.hincrby(self.words_key, word, count)
            pipe.incrby(self.documents_key, self._pending_documents)
            pipe.execute()
        except redis.RedisError as exc:
            raise StorageFailure(f"the vocabulary in Redis at {self.config.url} failed: {exc}") from exc
        self._pending.clear()
        self._pending_documents = 0
        self._read()

    def close(self) -> None:
        try:
            self.flush()
        finally:
            self.client.close()

    def document_count(self, word: str) -> int:
        try:
            stored = self.client.hget(self.words_key, word)
        except redis.RedisError as exc:
            raise StorageFailure(f"the vocabulary in Redis at {self.config.url} cannot be read: {exc}") from exc
        return int(stored or 0) + self._pending[word]

    def is_common(self, word: str) -> bool:
        return self.document_count(word) >= self.min_documents

    def _read(self) -> None:
        """Everyone's article count (the stored words are read per word asked)."""
        try:
            documents = self.client.get(self.documents_key)
        except redis.RedisError as exc:
            raise StorageFailure(f"the vocabulary in Redis at {self.config.url} cannot be read: {exc}") from exc
        self.documents = int(documents or 0) + self._pending_documents
