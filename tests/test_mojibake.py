"""Mojibake repair against the ftfy project's own cases, and on Indonesian text.

ftfy's expectations assume its defaults, which straighten curly quotes; ours
keeps them curly, so repaired texts are compared after folding quotes with
ftfy's own ``uncurl_quotes``.  Negatives must come back exactly unchanged.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from ftfy.fixes import uncurl_quotes

from govnews.cleaning.mojibake import might_be_mojibake, repair_mojibake
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
