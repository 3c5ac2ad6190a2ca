"""Defects the GoNews CMS leaves in article text, injected into clean paragraphs.

Each injector returns the page text and the ``[bad fragment, correction]`` pair a
correct crawl must report; the clean text (the ground truth) is never touched.
"""
from __future__ import annotations

import random
import re

# (misspelling, KBBI spelling): the kind of slips the captures show next to
# names and acronyms that a careless spell-checker would break.
TYPOS: tuple[tuple[str, str], ...] = (
    ("penyelenggraan", "penyelenggaraan"), ("anggaraan", "anggaran"), ("kordinasi", "koordinasi"),
    ("antisipsi", "antisipasi"), ("mendorog", "mendorong"), ("kementrian", "kementerian"),
    ("imbunya", "imbuhnya"), ("masyrakat", "masyarakat"), ("pelaksanan", "pelaksanaan"),
    ("kegitan", "kegiatan"),
)

MOJIBAKE_KINDS: tuple[str, ...] = ("cp1252_quotes", "cp1252_dash", "cp1252_apostrophe", "latin1_nbsp", "cp1257_nbsp")


def misdecode(text: str, codec: str) -> str:
    """Text encoded as UTF-8 and read back as ``codec``, as the CMS did.

    Bytes the codec leaves undefined (0x9D in windows-1252) come through as the
    same-numbered C1 control, which is what browsers and the CMS produce.
    """
    out: list[str] = []
    for char in text:
        if ord(char) < 128:
            out.append(char)
            continue
        for byte in char.encode("utf-8"):
            try:
                out.append(bytes([byte]).decode(codec))
            except UnicodeDecodeError:
                out.append(chr(byte))
    return "".join(out)


def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")


def applicable_typos(paragraphs: list[str]) -> list[tuple[str, str]]:
    text = "\n".join(paragraphs)
    return [(bad, good) for bad, good in TYPOS if _word_pattern(good).search(text)]


def inject_typo(paragraphs: list[str], bad: str, good: str) -> bool:
    """Misspell the first occurrence of ``good``; False when it does not occur."""
    pattern = _word_pattern(good)
    for index, paragraph in enumerate(paragraphs):
        if pattern.search(paragraph):
            paragraphs[index] = pattern.sub(bad, paragraph, count=1)
            return True
    return False


def prepare_mojibake(clean: list[str], kind: str, rng: random.Random) -> tuple[int, str] | None:
    """Change the clean text so it holds the character the CMS will garble.

    Returns (paragraph index, the clean paragraph with that character) or None
    when no paragraph suits. The caller stores the new clean paragraph in the
    truth and passes it to ``garble`` for the page.
    """
    indices = list(range(len(clean)))
    rng.shuffle(indices)
    for index in indices:
        paragraph = clean[index]
        if kind == "cp1252_quotes" and paragraph.startswith('"') and '," ' in paragraph:
            opening, rest = paragraph[1:].split('," ', 1)
            return index, f"\u201c{opening},\u201d {rest}"
        if kind == "cp1252_dash" and "persen" in paragraph and index > 0:
            low = rng.randint(10, 40)
            return index, f"{paragraph} Kenaikan itu diperkirakan berada pada kisaran {low}\u2013{low + rng.randint(10, 40)} persen."
        if kind == "cp1252_apostrophe" and index > 0 and not paragraph.startswith('"'):
            return index, f"{paragraph} Kegiatan lanjutan dijadwalkan usai salat Jum\u2019at pekan depan."
        if kind == "latin1_nbsp" and "Rp " in paragraph:
            return index, paragraph
        if kind == "cp1257_nbsp" and " dan " in paragraph:
            return index, paragraph
    if kind == "latin1_nbsp" and len(clean) > 1:
        index = len(clean) - 1
        return index, f"{clean[index]} Total nilai program tahun ini sebesar Rp {rng.randint(2, 90)},{rng.randint(1, 9)} miliar."
    return None


def garble(paragraph: str, kind: str) -> tuple[str, list[tuple[str, str]]]:
    """The page form of a clean paragraph and the fixes a crawl must record."""
    if kind == "latin1_nbsp":
        # The CMS stored a no-break space after "Rp"; read as latin-1 it shows as "Â ".
        return paragraph.replace("Rp ", misdecode("Rp\u00a0", "latin-1"), 1), [("\u00c2", "mojibake")]
    if kind == "cp1257_nbsp":
        # As in the seed: a no-break space typed before the real one, read as windows-1257.
        return paragraph.replace(" dan ", " dan" + misdecode("\u00a0", "cp1257") + " ", 1), [("\u0100", "mojibake")]
    fixes = {
        "cp1252_quotes": [("\u00e2\u20ac\u0153", "\u201c"), ("\u00e2\u20ac\u009d", "\u201d")],
        "cp1252_dash": [("\u00e2\u20ac\u201c", "\u2013")],
        "cp1252_apostrophe": [("\u00e2\u20ac\u2122", "\u2019")],
    }[kind]
    return misdecode(paragraph, "cp1252"), fixes
