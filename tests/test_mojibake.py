"""Mojibake repair against the ftfy project's own cases, and on Indonesian text.

ftfy's expectations assume its defaults, which straighten curly quotes; ours
keeps them curly, so repaired texts are compared after folding quotes with
ftfy's own ``uncurl_quotes``.  Negatives must come back exactly unchanged.
"""

from __future__ import annotations

import json
import random
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pytest
from ftfy.fixes import uncurl_quotes

from govnews.cleaning.fixes import Fix
from govnews.cleaning.mojibake import _matching_blocks, diff_fixes, might_be_mojibake, repair_mojibake
from govnews.cleaning.text import repair_encoding

CASES = Path(__file__).resolve().parent.parent.parent / "shared" / "ftfy-cases"


def load(stem: str) -> list[dict[str, Any]]:
    return [c for c in json.loads((CASES / f"{stem}.json").read_text("utf-8")) if c["expect"] == "pass"]


REPAIRS = [c for stem in ("synthetic", "in-the-wild", "language-names", "negative") for c in load(stem)]


@pytest.mark.parametrize("case", REPAIRS, ids=lambda c: c["label"][:60])
def test_ftfy_case(case: dict[str, Any]) -> None:
    got = repair_encoding(case["original"]).text
    if case["fixed"] == case["original"]:
        assert got == case["original"]
    else:
        assert uncurl_quotes(got) == uncurl_quotes(case["fixed"])


def test_negatives_are_counted() -> None:
    assert sum(c["fixed"] == c["original"] for c in load("negative")) >= 25


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
