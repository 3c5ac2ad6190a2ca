"""Loaders over the captures: every expected field, cleaned, with its audit trail."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from urllib.parse import urlsplit

import pytest
from conftest import ARTICLE_CAPTURES, LOOPBACK, capture, expected

from govnews.items import ArticleItem
from govnews.loaders import load_article
from govnews.schema import load_schema, to_json_value
from govnews.sites.gonews.pages import ArticlePage

DOWNLOADED = datetime(2026, 11, 28, 6, 0, tzinfo=timezone.utc)


def load_capture(name: str) -> ArticleItem:
    truth = expected(name)
    html = capture(f"{name}.all.html" if name == "article-realisasi-apbd" else f"{name}.html")
    raw = ArticlePage(LOOPBACK + truth["url_path"], html).extract()
    return load_article(raw, run_id="test-run", downloaded_at=DOWNLOADED)


def has_fix(item: ArticleItem, bad: str, good: str) -> bool:
    for fix in item["quality"]["fixes"]:
        if bad in fix["before"] and (good == fix["rule"] or good in fix["after"]):
            return True
    return False


@pytest.mark.parametrize("name", ARTICLE_CAPTURES)
def test_every_expected_field(name: str) -> None:
    truth = expected(name)
    item = load_capture(name)
    assert item["canonical_url"] == truth["canonical_url"]
    assert item["site"] == "gonews.co"
    assert item["headline"] == truth["headline"]
    assert item["section"] == truth["section"]
    assert item["breadcrumbs"] == truth["breadcrumbs"]
    assert item["tags"] == truth["tags"]
    assert item["dateline"] == truth["dateline"]
    assert item["editor"] == truth["editor"]
    assert item["source"] == truth["source"]
    assert urlsplit(item["main_image_url"]).path == truth["image_url_path"]
    assert item["main_image_caption"] == truth["image_caption"]
    assert item["main_image_credit"] == truth["image_credit"]
    assert item["date_published_raw"] == truth["date_published_raw"]
    assert item["date_published"] == datetime.fromisoformat(truth["date_published"])
    assert item["date_published"].tzinfo == timezone.utc
    assert item["date_modified"] is None
    assert item["paragraphs"] == truth["body_paragraphs"]
    assert item["article_body"] == "\n\n".join(truth["body_paragraphs"])
    assert item["content_hash"] == hashlib.sha256(item["article_body"].encode()).hexdigest()
    assert item["word_count"] == len(item["article_body"].split())
    assert item["language"] == "id" and item["run_id"] == "test-run"
    assert item["url"] == LOOPBACK + truth["url_path"]


@pytest.mark.parametrize("name", ARTICLE_CAPTURES)
def test_fixes_must_include_and_must_keep(name: str) -> None:
    truth = expected(name)
    item = load_capture(name)
    for bad, good in truth["fixes_must_include"]:
        assert has_fix(item, bad, good), (bad, good, item["quality"]["fixes"])
    for token in truth.get("must_keep", []):
        assert token in item["article_body"], token
    # The audit trail quotes the bad fragments on purpose; the data must not.
    data = json.dumps({k: v for k, v in to_json_value(item).items() if k != "quality"}, ensure_ascii=False)
    for fragment in truth["must_not_contain"]:
        assert fragment not in data, fragment


def test_every_fix_names_its_field_and_the_items_are_valid() -> None:
    validator = load_schema("article").validator
    for name in ARTICLE_CAPTURES:
        item = load_capture(name)
        assert list(validator.iter_errors(to_json_value(item))) == []
        for fix in item["quality"]["fixes"]:
            assert fix["field"] in item, fix


def test_seed_fixes_show_the_three_defects_with_their_rules() -> None:
    item = load_capture("article-rakortekrenbang")
    rules = {(f["before"].strip(), f["rule"]) for f in item["quality"]["fixes"]}
    assert ("Ā", "mojibake") in rules
    assert ("penyelenggraan", "typo") in rules
    assert ("imbunya", "typo") in rules
    paragraph = item["paragraphs"][5]
    assert "dan mensinkronkan" in paragraph and "Ā" not in paragraph


def test_structured_date_disagreement_is_a_warning() -> None:
    truth = expected("article-rakortekrenbang")
    html = capture("article-rakortekrenbang.html").replace("2021-02-25 18:20:00", "2021-02-26 18:20:00")
    item = load_article(
        ArticlePage(LOOPBACK + truth["url_path"], html).extract(), run_id="r", downloaded_at=DOWNLOADED
    )
    assert item["date_published"] == datetime(2021, 2, 25, 11, 20, tzinfo=timezone.utc)  # the page wins
    assert any("structured datePublished" in w for w in item["quality"]["warnings"])


def test_update_stamp_fills_date_modified() -> None:
    html = capture("article-siaga-la-nina-sulsel.html").replace(
        "Rabu, 10 Nopember 2021 15:40 WITA",
        "Rabu, 10 Nopember 2021 15:40 WITA | Diperbarui: Kamis, 11 Nopember 2021 08:05 WITA",
    )
    item = load_article(ArticlePage(LOOPBACK + "/berita/baca/x", html).extract(), run_id="r", downloaded_at=DOWNLOADED)
    assert item["date_published"] == datetime(2021, 11, 10, 7, 40, tzinfo=timezone.utc)
    assert item["date_modified"] == datetime(2021, 11, 11, 0, 5, tzinfo=timezone.utc)


def test_unparseable_date_is_left_out_with_a_warning() -> None:
    html = capture("article-siaga-la-nina-sulsel.html").replace(
        "Rabu, 10 Nopember 2021 15:40 WITA", "Rabu, 31 Pebruari 2021 15:40 WITA"
    )
    item = load_article(ArticlePage(LOOPBACK + "/berita/baca/x", html).extract(), run_id="r", downloaded_at=DOWNLOADED)
    assert "date_published" not in item
    assert item["date_published_raw"] == "Rabu, 31 Pebruari 2021 15:40 WITA"
    assert any(w.startswith("date_published: ") and "31 Pebruari" in w for w in item["quality"]["warnings"])
    errors = list(load_schema("article").validator.iter_errors(to_json_value(item)))
    assert [e.message for e in errors] == ["'date_published' is a required property"]
