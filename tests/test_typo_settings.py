"""GOVNEWS_TYPOS, suggestions on the item, and the words a text vouches for."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
from jsonschema import Draft202012Validator
from scrapy.exceptions import UsageError
from scrapy.settings import Settings

from govnews.cleaning import clean_text
from govnews.cleaning.typos import correct_typos
from govnews.config import TyposConfig
from govnews.loaders import load_article
from govnews.records import RawArticle
from govnews.schema import SCHEMA_DIR, load_schema


def test_typos_setting_is_read_once_with_a_clear_error() -> None:
    assert TyposConfig.from_settings(Settings()).mode == "fix"
    assert TyposConfig.from_settings(Settings({"GOVNEWS_TYPOS": " Suggest "})).mode == "suggest"
    with pytest.raises(UsageError, match="GOVNEWS_TYPOS must be one of fix, suggest, off"):
        TyposConfig.from_settings(Settings({"GOVNEWS_TYPOS": "always"}))


def test_suggest_mode_keeps_the_text_and_records_every_candidate() -> None:
    text = "pelaksanaan kordinasi dan penyalurann bantuan"
    fixed = clean_text(text)
    assert fixed.text == "pelaksanaan koordinasi dan penyaluran bantuan"
    kept = clean_text(text, typos="suggest")
    assert kept.text == text and kept.fixes == ()
    assert [(s.before, s.suggested) for s in kept.suggestions] == [("kordinasi", "koordinasi"), ("penyalurann", "penyaluran")]
    off = clean_text(text, typos="off")
    assert off.text == text and off.suggestions == ()


def test_an_unsure_candidate_is_a_suggestion_not_a_change() -> None:
    # One edit from a word only a dictionary lists (implantasi), two from the
    # common one meant (implementasi): never changed, only suggested.
    result = correct_typos("dalam konteks implentasi undang-undang")
    assert result.fixes == ()
    assert [(s.before, s.suggested) for s in result.suggestions] == [("implentasi", "implantasi")]
    assert result.suggestions[0].confidence < 0.9


@pytest.mark.parametrize(
    "text",
    [
        "menerapkan protokol kesehatan (prokes) dan prokes ketat",  # curated and defined abbreviation
        "warga tertib prokes di pasar",  # curated abbreviation
        "Desa Wisata Rantauan, desa rantauan itu",  # capitalised elsewhere: a name
        "aturannya harus diterapin semua",  # colloquial -in form
        "air menjadi menggenang di jalan",  # meng- + g-root: assimilation, not a key stutter
    ],
)
def test_words_the_text_vouches_for_are_left_alone(text: str) -> None:
    assert correct_typos(text).fixes == ()


@pytest.mark.parametrize(
    ("word", "standard"),
    [("lainya", "lainnya"), ("mengunakan", "menggunakan"), ("menunjukan", "menunjukkan"), ("himbauan", "imbauan")],
)
def test_frequent_nonstandard_spellings_are_corrected(word: str, standard: str) -> None:
    assert correct_typos(f"dan {word} juga").text == f"dan {standard} juga"


@pytest.mark.parametrize("word", ["temanya", "tahunya", "bukanya"])
def test_a_root_plus_suffix_is_not_a_spelling_variant(word: str) -> None:
    assert correct_typos(f"dan {word} juga").fixes == ()


def test_item_carries_suggestions_and_validates() -> None:
    raw = RawArticle(
        url="http://127.0.0.1/berita/baca/1",
        canonical_url="https://www.gonews.co/berita/baca/1",
        headline="Rapat kordinasi desa",
        description=None,
        breadcrumbs=[],
        section=None,
        tags=[],
        date_raw="Senin, 1 Maret 2021 10:00 WIB",
        dateline=None,
        paragraphs=["Dalam konteks implentasi aturan, warga tertib prokes."],
        editor=None,
        source=None,
        image_url=None,
        image_caption=None,
        image_credit=None,
    )
    now = datetime(2021, 3, 2, tzinfo=timezone.utc)
    item = load_article(raw, run_id="r", downloaded_at=now)
    assert item["quality"]["suggestions"] == [
        {"field": "paragraphs", "before": "implentasi", "suggested": "implantasi", "confidence": 0.6}
    ]
    assert item["headline"] == "Rapat koordinasi desa"
    kept = load_article(raw, run_id="r", downloaded_at=now, typos="suggest")
    assert kept["headline"] == "Rapat kordinasi desa"
    assert {"field": "headline", "before": "kordinasi", "suggested": "koordinasi", "confidence": 0.95} in kept["quality"]["suggestions"]
    quality = load_schema("article").arrow.field("quality").type
    assert [f.name for f in quality.field("suggestions").type.value_type] == ["field", "before", "suggested", "confidence"]
    schema = json.loads((SCHEMA_DIR / "article.schema.json").read_text())
    Draft202012Validator(schema["properties"]["quality"]).validate(kept["quality"])
