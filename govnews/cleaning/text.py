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

from collections.abc import Callable

from govnews.cleaning.fixes import Cleaned, Fix
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


def _run(text: str, steps: tuple[Step, ...]) -> Cleaned:
    fixes: list[Fix] = []
    warnings: list[str] = []
    for step in steps:
        result = step(text)
        text = result.text
        fixes.extend(result.fixes)
        warnings.extend(result.warnings)
    return Cleaned(text, tuple(fixes), tuple(warnings))


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
) -> Cleaned:
    """Clean one free-text field and say what was changed and what is suspect.

    ``corpus`` (optional) holds document frequencies from the crawl: words
    common across it are never "corrected".  ``correct_typos=False`` stops
    after the noise rules.

    >>> r = clean_text("dan\u0100\u00a0 mensinkronkan,\\" imbunya.***")
    >>> r.text
    'dan mensinkronkan," imbuhnya.'
    >>> [(f.rule, f.before, f.after) for f in r.fixes]  # doctest: +NORMALIZE_WHITESPACE
    [('mojibake', 'Ā', ''), ('nbsp', '\\xa0', ' '), ('whitespace', '  ', ' '),
     ('end_mark', '***', ''), ('typo', 'imbunya', 'imbuhnya')]
    """
    result = _run(raw, _REPAIR + _NOISE)
    if not correct_typos:
        return result
    typos = _typos.correct_typos(result.text, corpus=corpus)
    return Cleaned(typos.text, result.fixes + typos.fixes, result.warnings + typos.warnings)
