"""Where typo candidates come from: one-edit strings and two-edit pools.

Pure functions over :func:`govnews.cleaning.lexicon.lexicon`, memoised per
process; :mod:`govnews.cleaning.typos` decides among what they find.
"""

from __future__ import annotations

from functools import lru_cache

from govnews.cleaning.lexicon import lexicon

_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def edits1(word: str) -> set[str]:
    """All strings one deletion, transposition, substitution or insertion away.

    >>> "imbuhnya" in edits1("imbunya"), "koordinasi" in edits1("kordinasi")
    (True, True)
    """
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    deletes = [a + b[1:] for a, b in splits if b]
    transposes = [a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1]
    replaces = [a + c + b[1:] for a, b in splits if b for c in _LETTERS]
    inserts = [a + c + b for a, b in splits for c in _LETTERS]
    found = set(deletes + transposes + replaces + inserts)
    found.discard(word)
    return found


def first_letter_edits(word: str) -> list[str]:
    """The edits of :func:`edits1` that touch the first letter only.

    >>> sorted(c for c in first_letter_edits("demora") if c.startswith("me"))
    ['memora']
    """
    rest = word[1:]
    return [c + rest for c in _LETTERS] + [c + word for c in _LETTERS] + [rest]


@lru_cache(maxsize=1)
def listed_by_shape() -> dict[tuple[int, str], tuple[str, ...]]:
    """Listed words by (length, first letter), each in sorted order (the same
    in every process)."""
    lex = lexicon()
    shapes: dict[tuple[int, str], list[str]] = {}
    for word in sorted(set(lex.zipf) | lex.roots):
        shapes.setdefault((len(word), word[0]), []).append(word)
    return {shape: tuple(words) for shape, words in shapes.items()}


@lru_cache(maxsize=4096)
def two_edit_pool(length: int, first: str) -> tuple[str, ...]:
    """Listed words a two-edit typo of a word this long could come from,
    with the same first letter: a typo rarely hits the first (and a long
    word's first letter is what the writer looked at), and the pool is 20x
    smaller for it."""
    shapes = listed_by_shape()
    return tuple(w for n in range(length - 2, length + 3) for w in shapes.get((n, first), ()))
