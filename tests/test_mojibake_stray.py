"""Stray mojibake a real page keeps after its own half repair: fixed or warned."""

from __future__ import annotations

import pytest

from govnews.cleaning import clean_text


def test_dagger_closing_an_open_quote_becomes_the_quote() -> None:
    result = clean_text("Ia berkata “kami siap†, lalu pergi.")
    assert result.text == "Ia berkata “kami siap”, lalu pergi."
    assert [(f.rule, f.before, f.after) for f in result.fixes] == [("mojibake", "†", "”")]


def test_lone_a_circumflex_before_a_space_is_a_no_break_space() -> None:
    result = clean_text("sudah dilaksanakan. Â Kegiatan berikutnya")
    assert result.text == "sudah dilaksanakan. Kegiatan berikutnya"
    assert ("mojibake", "Â ", "\xa0") in [(f.rule, f.before, f.after) for f in result.fixes]


@pytest.mark.parametrize("text", ["catatan† kaki", "harga Â.", "ujung kalimat Â"])
def test_unsure_stray_marks_are_warned_about_and_kept(text: str) -> None:
    result = clean_text(text)
    assert result.text == text
    assert result.fixes == ()
    assert any("probably mojibake" in w for w in result.warnings)
