"""Noise rules: what the CMS and the page dump add around the words.

Each function takes a text and returns a :class:`Cleaned` whose fixes record
every change, with ``start`` the offset in the text the rule was given.

Rules (names used in ``Fix.rule``):

``html_entity``
    Entities left in the text (``&quot;``, ``&amp;nbsp;``, ``&#8220;``);
    double-escaped ones are decoded until nothing is left to decode.
``control_char``
    C0 control characters, DEL and deprecated format characters (tab and
    line breaks are whitespace).
``zero_width``
    Zero-width spaces and joiners, soft hyphens, byte-order marks.  They are
    *removed*, not turned into a space: they are invisible, so a reader saw
    the letters on both sides joined.
``nbsp``
    No-break and other special spaces become an ordinary space.
``whitespace``
    Runs of whitespace become one space; leading and trailing space goes.
``end_mark``
    ``***``, ``(***)``, ``**`` closing a text: an editor's mark, not text.
``share_glyphs``
    A standalone token of four or more ``w``: share-bar icon-font glyphs
    dumped as letters.  ``www.gonews.co`` is not standalone, so it stays.
"""

from __future__ import annotations

import html
import re

from govnews.cleaning.fixes import Cleaned, Fix

# An escaped entity (``&amp;nbsp;``) is matched whole, as one fix.
_ENTITY = re.compile(r"&(?:amp;)*(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# C0 controls, DEL and deprecated format characters, as ftfy removes them.
# C1 controls are left: the mojibake step decodes those that were windows-1252
# punctuation, and what remains is taken as intended, as ftfy does.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u206a-\u206f\ufff9-\ufffc]+")
_ZERO_WIDTH = re.compile("[\u00ad\u180e\u200b-\u200d\u2060\ufeff]+")
_SPECIAL_SPACE = re.compile("[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Whitespace other than a single space between words: what the rule changes.
_ODD_WHITESPACE = re.compile(r"[^\S ]\s*| \s+|^ | $")
_END_MARK = re.compile(r"\s*(?:\(\s*\*{2,}\s*\)|\*{2,})\s*\Z")
_SHARE_GLYPHS = re.compile(r"(?<!\S)[wW]{4,}(?!\S)")


def _decode_entity(entity: str) -> str:
    decoded = html.unescape(entity)
    while decoded != entity and decoded.startswith("&"):
        entity, decoded = decoded, html.unescape(decoded)
    return decoded


def decode_entities(text: str) -> Cleaned:
    """Decode HTML entities left in text, however often they were escaped.

    >>> decode_entities("&quot;Kami&quot; &amp;nbsp;siap").text
    '"Kami" \\xa0siap'
    >>> decode_entities("PT A&B; harga 5&6").fixes
    ()
    """
    if "&" not in text:
        return Cleaned(text)
    fixes: list[Fix] = []
    for match in _ENTITY.finditer(text):
        decoded = _decode_entity(match.group())
        # html.unescape leaves unknown names alone: those are not entities.
        if decoded != match.group():
            fixes.append(Fix("html_entity", match.group(), decoded, match.start()))
    return apply_fixes(text, fixes)


def apply_fixes(text: str, fixes: list[Fix]) -> Cleaned:
    """Replace each fix's ``before`` at its ``start`` (fixes in text order)."""
    if not fixes:
        return Cleaned(text)
    pieces: list[str] = []
    last = 0
    for fix in fixes:
        assert fix.start is not None
        pieces.append(text[last : fix.start])
        pieces.append(fix.after)
        last = fix.start + len(fix.before)
    pieces.append(text[last:])
    return Cleaned("".join(pieces), tuple(fixes))


def _substitute(rule: str, pattern: re.Pattern[str], replacement: str, text: str) -> Cleaned:
    fixes = tuple(Fix(rule, m.group(), replacement, m.start()) for m in pattern.finditer(text))
    if not fixes:
        return Cleaned(text)
    return Cleaned(pattern.sub(replacement, text), fixes)


def remove_controls(text: str) -> Cleaned:
    """Drop control characters; keep tab and line breaks for the whitespace rule.

    >>> remove_controls("akhir\x1a tahun").text
    'akhir tahun'
    """
    return _substitute("control_char", _CONTROL, "", text)


def remove_zero_width(text: str) -> Cleaned:
    """Drop zero-width characters, joining what a reader saw as joined.

    >>> remove_zero_width("pemerin\u200btah").text
    'pemerintah'
    """
    return _substitute("zero_width", _ZERO_WIDTH, "", text)


def normalise_spaces(text: str) -> Cleaned:
    """Special spaces become a space, runs of whitespace one space, ends trimmed.

    >>> r = normalise_spaces(" Rp\xa0 182,3\\n triliun ")
    >>> r.text, [f.rule for f in r.fixes]
    ('Rp 182,3 triliun', ['nbsp', 'whitespace', 'whitespace', 'whitespace', 'whitespace'])
    >>> normalise_spaces("sudah bersih").fixes
    ()
    """
    special = _substitute("nbsp", _SPECIAL_SPACE, " ", text)
    current = special.text
    fixes = list(special.fixes)
    for match in _ODD_WHITESPACE.finditer(current):
        at_edge = match.start() == 0 or match.end() == len(current)
        fixes.append(Fix("whitespace", match.group(), "" if at_edge else " ", match.start()))
    if len(fixes) == len(special.fixes):
        return special
    return Cleaned(" ".join(current.split()), tuple(fixes))


def remove_end_mark(text: str) -> Cleaned:
    """Drop an editor's end mark closing the text.

    >>> remove_end_mark("kata Sri.***").text
    'kata Sri.'
    >>> remove_end_mark("apabila terjadi bencana. (***)").text
    'apabila terjadi bencana.'
    >>> remove_end_mark("nilai *** di tengah tetap").fixes
    ()
    """
    # The regex is anchored at the end but scans from the start: look first.
    match = _END_MARK.search(text) if "**" in text[-16:] else None
    if match is None:
        return Cleaned(text)
    return Cleaned(text[: match.start()], (Fix("end_mark", match.group(), "", match.start()),))


def remove_share_glyphs(text: str) -> Cleaned:
    """Drop standalone runs of share-icon glyphs (``wwwwww``).

    >>> remove_share_glyphs("Pemerintahan wwwwww").text
    'Pemerintahan '
    >>> remove_share_glyphs("lihat www.gonews.co atau awwww").fixes
    ()
    """
    if "wwww" not in text and "WWWW" not in text:
        return Cleaned(text)
    return _substitute("share_glyphs", _SHARE_GLYPHS, "", text)
