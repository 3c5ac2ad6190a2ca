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
from functools import lru_cache

import ftfy
from ftfy import TextFixerConfig
from ftfy.chardata import CHARMAP_ENCODINGS, LIGATURES
from rapidfuzz.distance import Indel

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


Block = tuple[int, int, int]

# Below this lower bound on the longest match, or above this many q-gram
# samples, the plain dynamic programme is as cheap as sampling.
_MIN_FLOOR = 16
_MAX_SAMPLES = 48


def _common_prefix(a: str, b: str, i: int, j: int, limit: int) -> int:
    """Length of the common prefix of a[i:i+limit] and b[j:j+limit].

    Slice comparisons run in C; a binary search needs log2(limit) of them
    instead of a Python loop over every character.
    """
    if a[i : i + limit] == b[j : j + limit]:
        return limit
    lo, hi = 0, limit  # a[i:i+lo] == b[j:j+lo], a[i:i+hi] != b[j:j+hi]
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[i + lo : i + mid] == b[j + lo : j + mid]:
            lo = mid
        else:
            hi = mid
    return lo


def _common_suffix(a: str, b: str, i: int, j: int, limit: int) -> int:
    """Length of the common suffix of a[i-limit:i] and b[j-limit:j]."""
    if a[i - limit : i] == b[j - limit : j]:
        return limit
    lo, hi = 0, limit
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if a[i - mid : i - lo] == b[j - mid : j - lo]:
            lo = mid
        else:
            hi = mid
    return lo


def _dp_longest(a: str, b: str, alo: int, ahi: int, blo: int, bhi: int) -> Block:
    """difflib's ``find_longest_match`` without junk, as difflib computes it:
    the longest common block, the earliest in ``a``, then in ``b``."""
    b2j: dict[str, list[int]] = {}
    for j in range(blo, bhi):
        b2j.setdefault(b[j], []).append(j)
    besti, bestj, bestsize = alo, blo, 0
    j2len: dict[int, int] = {}
    for i in range(alo, ahi):
        newj2len: dict[int, int] = {}
        for j in b2j.get(a[i], ()):
            k = newj2len[j] = j2len.get(j - 1, 0) + 1
            if k > bestsize:
                besti, bestj, bestsize = i - k + 1, j - k + 1, k
        j2len = newj2len
    return besti, bestj, bestsize


def _longest(a: str, b: str, alo: int, ahi: int, blo: int, bhi: int, hints: list[Block]) -> Block:
    """The same block as :func:`_dp_longest`, found by sampling when it is long.

    ``hints`` are blocks common to ``a`` and ``b`` (an LCS alignment); the
    longest of them inside the range is a lower bound ``floor`` on the answer.
    Any common block of ``floor`` characters or more contains one of the
    q-grams of ``a`` taken every ``floor - q + 1`` characters, so finding those
    q-grams in ``b`` (``str.find``, in C) and extending each hit along its
    diagonal yields every maximal block at least that long: among them the
    longest, earliest in ``a`` then in ``b``, is difflib's answer.
    """
    floor = 0
    for i, j, k in hints:
        lo = max(i, alo, blo - j + i)
        hi = min(i + k, ahi, bhi - j + i)
        if hi - lo > floor:
            floor = hi - lo
    q = (floor + 1) // 2
    step = floor - q + 1
    if floor < _MIN_FLOOR or (ahi - alo) // step > _MAX_SAMPLES:
        return _dp_longest(a, b, alo, ahi, blo, bhi)
    best: Block = (alo, blo, 0)
    seen: set[Block] = set()
    for x in range(alo, ahi - q + 1, step):
        gram = a[x : x + q]
        y = b.find(gram, blo, bhi)
        while y >= 0:
            left = _common_suffix(a, b, x, y, min(x - alo, y - blo))
            right = _common_prefix(a, b, x + q, y + q, min(ahi - x - q, bhi - y - q))
            run = (x - left, y - left, left + q + right)
            if run not in seen:
                seen.add(run)
                if run[2] > best[2] or (run[2] == best[2] and run[:2] < best[:2]):
                    best = run
            y = b.find(gram, y + 1, bhi)
    return best


def _matching_blocks(a: str, b: str) -> list[Block]:
    """``SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks()``
    without its sentinel, computed the same way (longest block first, then
    recursively on each side) but with :func:`_longest` for each search.

    difflib's search costs about len(a) x (occurrences of a letter in b) dict
    operations: on a whole mojibake paragraph it was 39% of a page's time.
    """
    # An LCS alignment (rapidfuzz, bit-parallel C++) gives long common blocks
    # to start from; difflib's own choice among blocks is kept by _longest.
    hints = [
        (op.src_start, op.dest_start, op.src_end - op.src_start) for op in Indel.opcodes(a, b) if op.tag == "equal"
    ]
    queue = [(0, len(a), 0, len(b))]
    blocks: list[Block] = []
    while queue:
        alo, ahi, blo, bhi = queue.pop()
        i, j, k = found = _longest(a, b, alo, ahi, blo, bhi, hints)
        if k:
            blocks.append(found)
            if alo < i and blo < j:
                queue.append((alo, i, blo, j))
            if i + k < ahi and j + k < bhi:
                queue.append((i + k, ahi, j + k, bhi))
    blocks.sort()
    return blocks


def diff_fixes(rule: str, before: str, after: str) -> tuple[Fix, ...]:
    """The small fragments that differ between two versions of a text.

    The fragments are those of difflib's ``SequenceMatcher(autojunk=False)``
    opcodes (see :func:`_matching_blocks`).  Neighbouring changes closer than
    three characters are merged, so that one mojibake sequence is one fix.

    >>> diff_fixes("mojibake", "a â€œb", "a “b")
    (Fix(rule='mojibake', before='â€œ', after='“', start=2, field=None),)
    """
    if before == after:
        return ()
    spans: list[list[int]] = []
    i = j = 0
    # Each gap between matching blocks is one non-equal opcode; the final
    # (len, len) block closes the last gap, as difflib's sentinel does.
    for ai, bj, size in [*_matching_blocks(before, after), (len(before), len(after), 0)]:
        if i < ai or j < bj:
            if spans and i - spans[-1][1] < 3 and j - spans[-1][3] < 3:
                spans[-1][1], spans[-1][3] = ai, bj
            else:
                spans.append([i, ai, j, bj])
        i, j = ai + size, bj + size
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
        return _stray_marks(text) if "\u2020" in text or "\u00c2" in text else Cleaned(text)
    fixed = _fix_cp1257(ftfy.fix_text(text, _CONFIG))
    stray = _stray_marks(fixed)
    return Cleaned(stray.text, diff_fixes(RULE, text, stray.text), stray.warnings)


# "†" (cp1252 0x86) is what is left of a closing quote ” (E2 80 9D) when a
# page's mojibake was half repaired: right after a word, with a “ open.
_DAGGER_AFTER_WORD = re.compile(r"(?<=[\w.,!?])\u2020")
_LONE_A_CIRCUMFLEX = re.compile(r"(?<![^\s.,;:!?])\u00c2 ")


def _stray_marks(text: str) -> Cleaned:
    """Stray mojibake ftfy leaves: a dagger closing an open quote becomes ”,
    a lone ``Â`` before a space a no-break space; any other dagger or ``Â``
    is warned about, never left silent.

    >>> _stray_marks("dan “benar†, katanya").text
    'dan “benar”, katanya'
    >>> _stray_marks("selesai. Â Lalu").text
    'selesai. \\xa0Lalu'
    >>> _stray_marks("harga Â.").warnings
    ("stray 'Â' at 6: probably mojibake, left as is",)
    """
    out: list[str] = []
    last = 0
    for match in _DAGGER_AFTER_WORD.finditer(text):
        opened = text.rfind("\u201c", 0, match.start())
        if opened >= 0 and text.rfind("\u201d", opened, match.start()) < 0:
            out.append(text[last : match.start()] + "\u201d")
            last = match.end()
    # "Â " is a no-break space (C2 A0) read as cp1252 with the A0 turned into
    # a space: ftfy's own reading, applied where its detector saw too little.
    fixed = _LONE_A_CIRCUMFLEX.sub("\u00a0", "".join(out) + text[last:])
    warnings = tuple(
        f"stray {char!r} at {i}: probably mojibake, left as is" for i, char in enumerate(fixed) if char in "\u2020\u00c2"
    )
    return Cleaned(fixed, diff_fixes(RULE, text, fixed), warnings)
