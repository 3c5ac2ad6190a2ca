"""Mojibake repair: UTF-8 text that was decoded with the wrong single-byte codec.

ftfy (Apache-2.0) does the heavy lifting: windows-1252, latin-1 and the other
charmaps it knows, double encodings, C1 controls, ligatures and fullwidth
forms.  Two things are added around it:

* a cheap precheck.  Mojibake of UTF-8 always shows a *lead* character (what a
  byte 0xC2-0xF4 becomes in one of ftfy's charmaps) followed by a
  *continuation* character (a byte 0x80-0xBF).  Clean Indonesian text almost
  never has such a pair, so ftfy (about 100x slower than a regex) only runs on
  the few texts that might be broken;
* windows-1257, which ftfy 6.3 leaves alone in the CMS's typical case: the
  UTF-8 no-break space ``C2 A0`` read as windows-1257 is ``Ā`` + no-break
  space (``danĀ\xa0 mensinkronkan``).  A pair is only re-decoded when the
  result is a character news text plausibly contains (Latin-1 supplement,
  general punctuation, the euro sign), so Baltic words are safe.

Curly quotes stay curly (``uncurl_quotes=False``): they are correct text.
HTML entities, control characters and line breaks are left to the noise rules
so that each change is recorded under its own rule.

Every change is reported as ``Fix("mojibake", before, after, start)`` with the
smallest differing fragments, e.g. ``â€œ`` -> ``“``.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from functools import lru_cache

import ftfy
from ftfy import TextFixerConfig
from ftfy.chardata import CHARMAP_ENCODINGS, LIGATURES

from govnews.cleaning.fixes import Cleaned, Fix

RULE = "mojibake"

# Only the encoding repair of ftfy: the other fixes belong to rules of ours.
_CONFIG = TextFixerConfig(
    uncurl_quotes=False,
    unescape_html=False,
    remove_control_chars=False,
    fix_line_breaks=False,
    explain=False,
)

# What a windows-1257 repair may produce: characters news text uses on their
# own (spaces, quotes, dashes, accented letters, a few signs), not the spacing
# diacritics (¸ ¨ ´ ¯) that a real Baltic letter pair would decode to.
_PLAUSIBLE = re.compile("[\u00a0\u00a9\u00ab\u00ae\u00b0\u00b1\u00b2\u00b3\u00b7\u00bb-\u00be\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff\u2010-\u203a\u20ac\u2122]")


def _decode_range(first: int, last: int, encodings: list[str]) -> set[str]:
    chars: set[str] = set()
    for encoding in encodings:
        for byte in range(first, last + 1):
            try:
                chars.add(bytes([byte]).decode(encoding))
            except UnicodeDecodeError:
                continue
    return chars


def _char_class(chars: set[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


@lru_cache(maxsize=1)
def _precheck() -> re.Pattern[str]:
    """A regex that matches wherever ftfy might have something to repair."""
    import ftfy.bad_codecs  # noqa: F401  (registers the sloppy-windows codecs)

    leads = _decode_range(0xC2, 0xF4, CHARMAP_ENCODINGS)
    conts = _decode_range(0x80, 0xBF, CHARMAP_ENCODINGS)
    # A lost no-break space (byte A0) often comes back as a plain space, but
    # only in the charmaps where A0 *is* the no-break space.
    a0_leads = _decode_range(0xC2, 0xF4, ["latin-1", "sloppy-windows-1252", "sloppy-windows-1250"])
    ligatures = "".join(re.escape(chr(c)) for c in LIGATURES)
    pattern = (
        f"{_char_class(leads)}{_char_class(conts)}"
        f"|{_char_class(a0_leads)} "
        f"|[{ligatures}\u0080-\u009f\u3000\uff01-\uff5e\ufffd]"
    )
    return re.compile(pattern)


def _cp1257_pattern() -> re.Pattern[str]:
    two = _char_class(_decode_range(0xC2, 0xDF, ["cp1257"]))
    three = _char_class(_decode_range(0xE0, 0xEF, ["cp1257"]))
    cont = _char_class(_decode_range(0x80, 0xBF, ["cp1257"]))
    return re.compile(f"{three}{cont}{cont}|{two}{cont}")


_CP1257 = _cp1257_pattern()


def might_be_mojibake(text: str) -> bool:
    """Cheap test: False means the text certainly needs no encoding repair.

    >>> might_be_mojibake("Rapat koordinasi “teknis” 20–70 persen, kata José.")
    False
    >>> might_be_mojibake("dan\u0100\u00a0 mensinkronkan")
    True
    """
    return _precheck().search(text) is not None


def _fix_cp1257(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        try:
            decoded = match.group().encode("cp1257").decode("utf-8")
        except UnicodeError:
            return match.group()
        return decoded if _PLAUSIBLE.fullmatch(decoded) else match.group()

    return _CP1257.sub(repl, text)


def diff_fixes(rule: str, before: str, after: str) -> tuple[Fix, ...]:
    """The small fragments that differ between two versions of a text.

    Neighbouring changes closer than three characters are merged, so that one
    mojibake sequence is one fix.

    >>> diff_fixes("mojibake", "a â€œb", "a “b")
    (Fix(rule='mojibake', before='â€œ', after='“', start=2, field=None),)
    """
    if before == after:
        return ()
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    spans: list[list[int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if spans and i1 - spans[-1][1] < 3 and j1 - spans[-1][3] < 3:
            spans[-1][1], spans[-1][3] = i2, j2
        else:
            spans.append([i1, i2, j1, j2])
    return tuple(Fix(rule, before[i1:i2], after[j1:j2], i1) for i1, i2, j1, j2 in spans)


def repair_mojibake(text: str) -> Cleaned:
    """Repair UTF-8 mojibake; correct text, curly quotes included, is kept.

    >>> repair_mojibake("â€œKami siap,â€\x9d kata Rp\u00c2\u00a0182,3 20â€“70").text
    '“Kami siap,” kata Rp\\xa0182,3 20–70'
    >>> [(f.before, f.after) for f in repair_mojibake("dan\u0100\u00a0 mensinkronkan").fixes]
    [('Ā', '')]
    >>> repair_mojibake("Kata “benar” – café").fixes
    ()
    """
    if not might_be_mojibake(text):
        return Cleaned(text)
    fixed = _fix_cp1257(ftfy.fix_text(text, _CONFIG))
    return Cleaned(fixed, diff_fixes(RULE, text, fixed))
