"""What a text says about its own words, before any is called a typo.

A lowercase word that the text itself vouches for is left alone:

* an abbreviation, from the curated list (``data/abbreviations.txt``,
  written for govnews: ``prokes``, ``nakes``, ``bansos``) or defined in the
  text, a lowercase word in parentheses (``protokol kesehatan (prokes)``);
* a name, when the same word appears capitalised elsewhere in the text
  (``Desa Penglipuran ... penglipuran``);
* a colloquial Jakarta ``-in`` form of a known verb (``diterapin`` for
  ``diterapkan``, ``bikinin``), written so on purpose.

:func:`spelling_variants` derives, from the frequency list itself, the
non-standard spellings that sit in it because writers often make them: a
letter dropped where a suffix or prefix meets the root (``lainya`` for
``lainnya``, ``menunjukan`` for ``menunjukkan``, ``mengunakan`` for
``menggunakan``), kept only when the standard form is far more frequent and
the short form does not parse as a real root plus suffix (``temanya`` is
``tema`` + ``-nya``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files

from govnews.cleaning.lexicon import Lexicon

_DEFINED = re.compile(r"\(([a-z]{3,})\)")
_CAPITALISED = re.compile(r"(?<!\w)[A-Z][a-z]{3,}(?!\w)")
_SUFFIXES = ("kannya", "kanlah", "nya", "kan")
# The standard form must be this much more frequent (Zipf) and this common.
VARIANT_MARGIN = 0.8
VARIANT_MIN = 4.0


def _load_abbreviations() -> frozenset[str]:
    text = files("govnews.cleaning").joinpath("data", "abbreviations.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


ABBREVIATIONS = _load_abbreviations()


def vouched_words(text: str) -> frozenset[str]:
    """Lowercase words the text defines as abbreviations or uses as names.

    >>> sorted(vouched_words("protokol kesehatan (prokes) di Desa Penglipuran"))
    ['desa', 'penglipuran', 'prokes']
    """
    found = set(_DEFINED.findall(text))
    found.update(word.lower() for word in _CAPITALISED.findall(text))
    return frozenset(found)


def is_colloquial(lex: Lexicon, word: str) -> bool:
    """A Jakarta ``-in`` form whose standard ``-kan``/``-i`` form is a word.

    >>> from govnews.cleaning.lexicon import lexicon
    >>> is_colloquial(lexicon(), "diterapin"), is_colloquial(lexicon(), "diterapan")
    (True, False)
    """
    if not word.endswith("in") or len(word) < 6:
        return False
    stem = word[:-2]
    return any(lex.is_listed(form) or lex.is_word(form) for form in (stem + "kan", stem + "i")) and not lex.is_listed(word)


def _boundary_forms(word: str) -> list[str]:
    forms = [word[: -len(s)] + s[0] + word[-len(s) :] for s in _SUFFIXES if word.endswith(s) and len(word) > len(s) + 2]
    if word[:4] in ("meng", "peng") and word[4:5] in "aiueo" and len(word) > 6:
        forms.append(word[:4] + "g" + word[4:])
    return forms


@lru_cache(maxsize=1)
def spelling_variants(lex: Lexicon) -> dict[str, str]:
    """Listed non-standard spellings -> their standard form, derived once."""
    variants: dict[str, str] = {}
    for word, zipf in lex.zipf.items():
        for form in _boundary_forms(word):
            if form == word or lex.zipf.get(form, 0.0) < VARIANT_MIN or lex.zipf[form] - zipf < VARIANT_MARGIN:
                continue
            base = next((word[: -len(s)] for s in _SUFFIXES if word.endswith(s)), word[4:])
            if len(base) >= 4 and (base in lex.roots or base in lex.zipf):
                continue  # tema + -nya, anti: a real word, not a slip
            variants[word] = form
    return variants
