"""clean_text: the cleaning pipeline every free-text field goes through.

Order matters and is fixed:

1. ``html_entity``  entities first, so ``&amp;nbsp;`` reaches the space rule;
2. ``mojibake``     encoding repair (ftfy + windows-1257), before the control
   rule, because C1 characters such as ``\\x9d`` are part of mojibake;
3. ``control_char``, ``zero_width``;
4. ``nbsp``, ``whitespace``;
5. ``end_mark``, ``share_glyphs`` (then spaces are normalised once more);
6. ``typo``, ``typo_curated`` on the clean text, so words are whole.

Each fix's ``start`` is its offset in the text its rule was given.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from govnews.cleaning.fixes import Cleaned, Fix
from govnews.cleaning.mojibake import _precheck as _mojibake_tables
from govnews.cleaning.mojibake import repair_mojibake
from govnews.cleaning.noise import (
    decode_entities,
    normalise_spaces,
    remove_controls,
    remove_end_mark,
    remove_share_glyphs,
    remove_zero_width,
)
from govnews.cleaning import typos as _typos
from govnews.cleaning.typos import CorpusFrequency

RULES = (
    "html_entity",
    "mojibake",
    "control_char",
    "zero_width",
    "nbsp",
    "whitespace",
    "end_mark",
    "share_glyphs",
    "typo",
    "typo_curated",
)

Step = Callable[[str], Cleaned]
_REPAIR: tuple[Step, ...] = (decode_entities, repair_mojibake, remove_controls, remove_zero_width)
_NOISE: tuple[Step, ...] = (normalise_spaces, remove_end_mark, remove_share_glyphs, normalise_spaces)

# Every character str.isspace() and the regex \\s accept except the space:
# the whitespace the space rules change (tests check it against Python's).
WHITESPACE_NOT_SPACE = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
# A character the control, zero-width or space rules could change.  One
# character class (no alternation) is 4x faster to search; with the double,
# leading and trailing space tests it says that those six passes have nothing
# to do, which is the case for most paragraphs.
_MAYBE_NOISE = re.compile(
    "["
    + WHITESPACE_NOT_SPACE
    + "\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u206a-\u206f\ufff9-\ufffc\u00ad\u180e\u200b-\u200d\u2060\ufeff]"
)


def _maybe_noise(text: str) -> bool:
    """False only if no rule from ``control_char`` to ``share_glyphs`` would
    change the text (``end_mark`` and ``share_glyphs`` use the same tests)."""
    return (
        _MAYBE_NOISE.search(text) is not None
        or "  " in text
        or text[:1] == " "
        or text[-1:] == " "
        or "**" in text[-16:]
        or "wwww" in text
        or "WWWW" in text
    )


def _run(text: str, steps: tuple[Step, ...]) -> Cleaned:
    fixes: list[Fix] = []
    warnings: list[str] = []
    text = _apply(text, steps, fixes, warnings)
    return Cleaned(text, tuple(fixes), tuple(warnings))


def _apply(text: str, steps: tuple[Step, ...], fixes: list[Fix], warnings: list[str]) -> str:
    for step in steps:
        result = step(text)
        text = result.text
        fixes.extend(result.fixes)
        warnings.extend(result.warnings)
    return text


def _clean_noise(raw: str) -> Cleaned:
    """``_run(raw, _REPAIR + _NOISE)``, skipping the passes that cannot change
    anything: the same text, fixes and warnings, for less work."""
    fixes: list[Fix] = []
    warnings: list[str] = []
    text = _apply(raw, (decode_entities, repair_mojibake), fixes, warnings)
    if not _maybe_noise(text):
        return Cleaned(text, tuple(fixes), tuple(warnings))
    spaced = _apply(text, (remove_controls, remove_zero_width, normalise_spaces), fixes, warnings)
    text = _apply(spaced, (remove_end_mark, remove_share_glyphs), fixes, warnings)
    # normalise_spaces returns text it would leave unchanged, so the second
    # pass only has work when an end mark or share glyphs were removed.
    if text != spaced:
        text = _apply(text, (normalise_spaces,), fixes, warnings)
    return Cleaned(text, tuple(fixes), tuple(warnings))


def warm() -> None:
    """Build every table clean_text uses (lexicon, typo indexes, mojibake
    patterns; about a second), once per process and before any timing."""
    _mojibake_tables()
    _typos.warm()


def repair_encoding(text: str) -> Cleaned:
    """Entities, mojibake, control and zero-width characters; spacing kept.

    >>> repair_encoding("Rp&nbsp;5 â€“ 7").text
    'Rp\\xa05 – 7'
    """
    return _run(text, _REPAIR)


def clean_text(
    raw: str,
    *,
    correct_typos: bool = True,
    corpus: CorpusFrequency | None = None,
    typos: str = "fix",
    vouched: frozenset[str] = frozenset(),
) -> Cleaned:
    """Clean one free-text field and say what was changed and what is suspect.

    ``corpus`` (optional) holds document frequencies from the crawl: words
    common across it are never "corrected".  ``correct_typos=False`` or
    ``typos="off"`` stops after the noise rules; ``typos="suggest"`` makes no
    typo change and returns every candidate in ``suggestions``.  ``vouched``
    are words the whole article vouches for (names, defined abbreviations).

    >>> r = clean_text("dan\u0100\u00a0 mensinkronkan,\\" imbunya.***")
    >>> r.text
    'dan mensinkronkan," imbuhnya.'
    >>> [(f.rule, f.before, f.after) for f in r.fixes]  # doctest: +NORMALIZE_WHITESPACE
    [('mojibake', 'Ā', ''), ('nbsp', '\\xa0', ' '), ('whitespace', '  ', ' '),
     ('end_mark', '***', ''), ('typo', 'imbunya', 'imbuhnya')]
    """
    result = _clean_noise(raw)
    if not correct_typos or typos == "off":
        return result
    found = _typos.correct_typos(result.text, corpus=corpus, mode=typos, vouched=vouched)
    return Cleaned(found.text, result.fixes + found.fixes, result.warnings + found.warnings, found.suggestions)
