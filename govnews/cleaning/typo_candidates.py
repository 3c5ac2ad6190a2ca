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
    # Built straight into one set, without the split list and four
    # intermediate lists: a third faster, and every unknown word of real text
    # (new ones in every article) pays for it once.
    n = len(word)
    found = {word[:i] + word[i + 1:] for i in range(n)}
    found.update(word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(n - 1))
    for i in range(n + 1):
        head, tail = word[:i], word[i:]
        found.update([head + c + tail for c in _LETTERS])
        if i < n:
            rest = word[i + 1:]
            found.update([head + c + rest for c in _LETTERS])
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
