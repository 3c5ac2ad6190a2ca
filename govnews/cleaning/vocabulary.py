"""The dataset's own vocabulary: word document frequencies kept across runs.

:class:`CorpusFrequency` counts, within one crawl, how many articles use each
lowercase word; a word many articles use is a word of the domain (a regional
name, a new coinage), never a typo.  :class:`Vocabulary` is the same count
carried from run to run in a SQLite file next to what is stored
(``<GOVNEWS_OUTPUT_DIR>/_state/vocabulary.sqlite3``), so the hundredth
article about ``mappalili`` in a month is not the first of a new crawl.

Counts are written back in one transaction on :meth:`Vocabulary.close` (and
every ``flush_every`` articles), so a crawl pays no database write per word;
the stored counts are read from the file only for the words the typo rule
asks about (a few per article, one indexed lookup each). Memory holds only
the counts not yet written: with real text bringing new words in every
article, a vocabulary loaded whole grows without bound (~900,000 words after
50,000 articles of the realistic benchmark site, over 100 MB).

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "vocabulary.sqlite3"
>>> first = Vocabulary(path, min_documents=2)
>>> first.observe("tradisi mappalili digelar")
>>> first.close()
>>> second = Vocabulary(path, min_documents=2)
>>> second.is_common("mappalili"), second.documents
(False, 1)
>>> second.observe("mappalili tahun ini")
>>> second.is_common("mappalili")
True
>>> second.close()
>>> Vocabulary(path).document_count("mappalili")
2
"""

from __future__ import annotations

import sqlite3
from abc import ABC, abstractmethod
from collections import Counter
from pathlib import Path

from govnews.cleaning.typos import CorpusFrequency

FILE_NAME = "vocabulary.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS words (word TEXT PRIMARY KEY, documents INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
"""


class StoredVocabulary(CorpusFrequency, ABC):
    """Counts kept in a store and batched: memory holds only the counts not yet
    written (``flush_every`` articles at most), and a word's stored count is read
    when the typo rule asks about it. Subclasses say how a store reads one word
    and adds a batch (``Vocabulary``: SQLite; ``RedisVocabulary``: Redis)."""

    def __init__(self, min_documents: int, flush_every: int) -> None:
        super().__init__(min_documents=min_documents)
        self.flush_every = flush_every
        self._pending: Counter[str] = Counter()
        self._pending_documents = 0

    @abstractmethod
    def stored_count(self, word: str) -> int:
        """The word's count in the store, without the pending batch."""

    @abstractmethod
    def add_batch(self, counts: Counter[str], documents: int) -> None:
        """Add one batch of counts (and its number of articles) to the store."""

    def document_count(self, word: str) -> int:
        return self.stored_count(word) + self._pending[word]

    def is_common(self, word: str) -> bool:
        return self.document_count(word) >= self.min_documents

    def observe(self, text: str) -> None:
        self.documents += 1
        self._pending.update(self._words(text))
        self._pending_documents += 1
        if self._pending_documents >= self.flush_every:
            self.flush()

    def flush(self) -> None:
        """Write the counts so far; a killed crawl loses at most the last batch."""
        if not self._pending_documents:
            return
        self.add_batch(self._pending, self._pending_documents)
        self._pending.clear()
        self._pending_documents = 0


class Vocabulary(StoredVocabulary):
    """Document frequencies of lowercase words over every run on one output."""

    def __init__(self, path: Path, min_documents: int = 5, flush_every: int = 500) -> None:
        super().__init__(min_documents=min_documents, flush_every=flush_every)
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path)
        self._db.executescript(_SCHEMA)
        row = self._db.execute("SELECT value FROM meta WHERE key = 'documents'").fetchone()
        self.documents = row[0] if row else 0

    @classmethod
    def in_state_dir(cls, output_dir: Path, state_dir_name: str = "_state", **options: int) -> Vocabulary:
        return cls(output_dir / state_dir_name / FILE_NAME, **options)

    def stored_count(self, word: str) -> int:
        row = self._db.execute("SELECT documents FROM words WHERE word = ?", (word,)).fetchone()
        return row[0] if row else 0

    def add_batch(self, counts: Counter[str], documents: int) -> None:
        with self._db:
            self._db.executemany(
                "INSERT INTO words (word, documents) VALUES (?, ?) "
                "ON CONFLICT(word) DO UPDATE SET documents = documents + excluded.documents",
                counts.items(),
            )
            self._db.execute(
                "INSERT INTO meta (key, value) VALUES ('documents', ?) "
                "ON CONFLICT(key) DO UPDATE SET value = value + excluded.value",
                (documents,),
            )

    def close(self) -> None:
        self.flush()
        self._db.close()
