"""Mojibake repair on Indonesian text: the CMS's misreadings, and text that is already right.

The cases here are the project's own. ftfy's test cases are scored separately,
from a folder outside the repository, by ``scripts/eval_mojibake.py --cases DIR``.
"""

from __future__ import annotations

import random
from difflib import SequenceMatcher

import pytest

from govnews.cleaning.fixes import Fix
from govnews.cleaning.mojibake import _matching_blocks, diff_fixes, might_be_mojibake, repair_mojibake
from govnews.cleaning.text import repair_encoding

# Correct sentences of the kind GoNews prints, each with characters that UTF-8
# writes as two or three bytes: curly quotes, dashes, ellipsis, no-break space,
# degree and plus-minus signs, accented names.
CORRECT = [
    "“Kami siap membantu,” kata Bupati Gowa.",
    "Pemda’s program? Kepala Dinas bilang “cukup”…",
    "Gubernur menegaskan, ‘tidak ada toleransi’ bagi pelanggar.",
    "Anggaran naik 20–30 persen — tertinggi sejak 2015.",
    "Pagu Rp\u00a0182,3 triliun untuk 514 kabupaten/kota.",
    "Suhu mencapai 34°C di Makassar, kelembapan ±80%.",
    "Rapat dipimpin José Ramos dan Müller dari Jerman.",
]
# The CMS's misreadings of UTF-8 bytes: windows-1252, latin-1 and windows-1257.
MISREADINGS = ["cp1252", "latin-1", "cp1257"]


def misread(text: str, encoding: str) -> str:
    """``text``'s UTF-8 bytes read one by one as ``encoding``; a byte it leaves
    undefined (0x9D in windows-1252) comes through as the control character of
    that number, as the CMS's pages show it.

    >>> misread("“ya”", "cp1252")
    'â€œyaâ€\\x9d'
    >>> misread("Rp\u00a05", "cp1257")
    'RpĀ\\xa05'
    """
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode(encoding))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


@pytest.mark.parametrize("encoding", MISREADINGS)
@pytest.mark.parametrize("text", CORRECT, ids=lambda t: t[:30])
def test_misread_utf8_is_repaired(text: str, encoding: str) -> None:
    raw = misread(text, encoding)
    assert raw != text
    result = repair_encoding(raw)
    assert result.text == text
    assert result.fixes and {f.rule for f in result.fixes} == {"mojibake"}


@pytest.mark.parametrize("text", CORRECT, ids=lambda t: t[:30])
def test_correct_sentences_are_kept(text: str) -> None:
    assert repair_encoding(text).text == text
    assert repair_encoding(text).fixes == ()


@pytest.mark.parametrize(
    ("raw", "fixed", "before", "after"),
    [
        ("dan\u0100\u00a0 mensinkronkan", "dan\u00a0 mensinkronkan", "Ā", ""),
        ("â€œKami siap", "“Kami siap", "â€œ", "“"),
        ("masyarakat,â€\x9d kata", "masyarakat,” kata", "â€\x9d", "”"),
        ("Rp\u00c2\u00a0182,3", "Rp\u00a0182,3", "Â", ""),
        ("20â€“70 persen", "20–70 persen", "â€“", "–"),
        ("Kepala Dinas JosÃ© Ramos", "Kepala Dinas José Ramos", "Ã©", "é"),
    ],
)
def test_indonesian_mojibake(raw: str, fixed: str, before: str, after: str) -> None:
    result = repair_mojibake(raw)
    assert result.text == fixed
    assert [(f.rule, f.before, f.after) for f in result.fixes] == [("mojibake", before, after)]


@pytest.mark.parametrize(
    "text",
    [
        "“Kami memahami,” kata Agus – 20–70 persen — ‘tanda’ kutip.",
        "Kepala Dinas José Ramos di Zürich, café, naïve.",
        "Rapat Koordinasi Teknis Perencanaan Pembangunan Tahun 2021.",
        "Lietuvos Ārlietų ministerija, Āø kodas",
        "Skor akhir 3–1 untuk tim tamu; Nilai A+ dan B– pada rapor.",
        "Menlu bertemu Sergey Lavrov (Сергей Лавров) di Moskwa.",
        "Delegasi dari Rīga, Jūrmala un Āraiši hadir.",
        "Pameran di München dan Straße des 17. Juni.",
        "Mañana, «kutipan» dan ¿apa? Tiếng Việt dan 日本語 di papan nama.",
        "Rp 5.000 per kilogram; 1½ jam perjalanan.",
    ],
)
def test_correct_text_kept(text: str) -> None:
    assert repair_mojibake(text).text == text
    assert repair_mojibake(text).fixes == ()


def test_precheck_skips_clean_indonesian() -> None:
    assert not might_be_mojibake("“Kami siap,” kata Agus, 20–70 persen.")
    assert might_be_mojibake("masyarakat,â€\x9d kata")


def _difflib_fixes(rule: str, before: str, after: str) -> tuple[Fix, ...]:
    """diff_fixes as it was written on difflib, the reference it must equal."""
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


def _edited(rng: random.Random, text: str, alphabet: str) -> str:
    chars = list(text)
    for _ in range(rng.randrange(1, 8)):
        at = rng.randrange(len(chars) + 1)
        kind = rng.randrange(4)
        if kind == 0 and at < len(chars):
            del chars[at : at + rng.randrange(1, 4)]
        elif kind == 1:
            chars[at:at] = rng.choices(alphabet, k=rng.randrange(1, 4))
        elif kind == 2 and at < len(chars):
            chars[at] = rng.choice(alphabet)
        else:  # a repeated stretch: blocks that match in more than one place
            piece = chars[at : at + rng.randrange(10, 60)]
            chars[rng.randrange(len(chars) + 1) : 0] = piece
    return "".join(chars)


@pytest.mark.parametrize("alphabet", ["ab", "abc ", "aku dan ini tabel â€œ”Ā\xa0"])
def test_matching_blocks_equal_difflib(alphabet: str) -> None:
    # The sampled search must find exactly difflib's blocks, ties included:
    # small alphabets and copied stretches make many equally long blocks.
    rng = random.Random(alphabet)
    for _ in range(150):
        unit = "".join(rng.choices(alphabet, k=rng.randrange(5, 80)))
        text = "".join(unit if rng.random() < 0.3 else rng.choice(alphabet) * rng.randrange(1, 9) + unit[::-1]
                       for _ in range(rng.randrange(1, 12)))
        after = _edited(rng, text, alphabet)
        reference = SequenceMatcher(None, text, after, autojunk=False).get_matching_blocks()[:-1]
        assert _matching_blocks(text, after) == [tuple(block) for block in reference]
        assert diff_fixes("mojibake", text, after) == _difflib_fixes("mojibake", text, after)
