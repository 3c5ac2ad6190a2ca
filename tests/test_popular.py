"""The popular list's records, built with a fixed clock; its settings and request."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from conftest import expected
from scrapy.exceptions import UsageError
from scrapy.settings import Settings

from govnews.config import PopularConfig
from govnews.records import PopularEntry
from govnews.schema import load_schema, to_json_value
from govnews.sites.gonews.pages import PopularListPage
from govnews.sites.gonews.popular import popular_item, rendering_meta

LOOPBACK = "http://127.0.0.1:8000"
SEED_LIST = expected("listing-home")["popular_entries"]


def seed_entries() -> list[PopularEntry]:
    return [
        PopularEntry(
            position=e["position"],
            url=LOOPBACK + e["url_path"],
            headline=e["headline"],
            section=e["section"],
            relative_time_raw=e["relative_time_raw"],
        )
        for e in SEED_LIST
    ]


def build(entry: PopularEntry, observed_at: datetime) -> dict:
    return popular_item(
        entry,
        canonical_url="https://www.gonews.co" + entry.url.removeprefix(LOOPBACK),
        observed_at=observed_at,
        list_name="Terpopuler 24 Jam Terakhir",
        run_id="20211206T070000Z-abc123",
    )


def test_seed_list_records_with_a_fixed_clock(observed_at: datetime) -> None:
    validator = load_schema("popular").validator
    items = [build(entry, observed_at) for entry in seed_entries()]
    assert [i["position"] for i in items] == [1, 2, 3, 4, 5, 6]
    for item, truth in zip(items, SEED_LIST, strict=True):
        assert item["site"] == "gonews.co"
        assert item["observed_at"] == observed_at
        assert item["headline"] == truth["headline"]
        assert item["section"] == truth["section"]
        assert item["relative_time_raw"] == truth["relative_time_raw"]
        assert item["canonical_url"] == "https://www.gonews.co" + truth["url_path"]
        assert item["approx_date_published"] == observed_at - timedelta(seconds=truth["age_seconds"])
        assert list(validator.iter_errors(to_json_value(dict(item)))) == []
    # "15 jam yang lalu" seen at 07:00 UTC on 6 December 2021.
    assert items[0]["approx_date_published"] == datetime(2021, 12, 5, 16, 0, tzinfo=timezone.utc)


def test_observed_at_is_stored_in_utc() -> None:
    wib = timezone(timedelta(hours=7))
    item = build(seed_entries()[0], datetime(2021, 12, 6, 14, 0, tzinfo=wib))
    assert item["observed_at"].utcoffset() == timedelta(0)
    assert item["observed_at"] == datetime(2021, 12, 6, 7, 0, tzinfo=timezone.utc)


def test_unreadable_time_keeps_the_entry_without_a_date(observed_at: datetime) -> None:
    entry = seed_entries()[0]
    odd = PopularEntry(entry.position, entry.url, entry.headline, entry.section, "tadi")
    item = build(odd, observed_at)
    assert item["relative_time_raw"] == "tadi"
    assert item["approx_date_published"] is None
    assert list(load_schema("popular").validator.iter_errors(to_json_value(dict(item)))) == []


def test_schema_rejects_a_position_below_one(observed_at: datetime) -> None:
    item = dict(build(seed_entries()[0], observed_at), position=0)
    errors = list(load_schema("popular").validator.iter_errors(to_json_value(item)))
    assert [e.validator for e in errors] == ["minimum"]


def test_list_name_is_read_from_the_widget_heading() -> None:
    html = (
        '<section class="widget populer"><h3 class="widget-title">Terpopuler 24 Jam Terakhir</h3>'
        '<ol id="populer-list"></ol></section><section><h3 class="widget-title">Lain</h3></section>'
    )
    assert PopularListPage(LOOPBACK + "/", html).list_name == "Terpopuler 24 Jam Terakhir"


@pytest.mark.parametrize(
    ("name", "value"),
    [("GOVNEWS_POPULAR_TIMEOUT", "soon"), ("GOVNEWS_POPULAR_TIMEOUT", "0"), ("GOVNEWS_POPULAR_ENABLED", "maybe")],
)
def test_bad_settings_stop_at_start_up(name: str, value: str) -> None:
    with pytest.raises(UsageError, match=name):
        PopularConfig.from_settings(Settings({name: value}))


def test_render_request_waits_for_the_list_within_the_timeout() -> None:
    config = PopularConfig.from_settings(
        Settings({"GOVNEWS_POPULAR_TIMEOUT": "2.5", "GOVNEWS_CHROMIUM": " /opt/chromium "})
    )
    assert config.enabled and config.chromium == "/opt/chromium"
    meta = rendering_meta(config)
    assert meta["playwright"] is True and meta["dont_retry"] is True
    assert meta["playwright_page_goto_kwargs"]["timeout"] == 2500
    (wait,) = meta["playwright_page_methods"]
    assert (wait.method, wait.args, wait.kwargs) == ("wait_for_selector", ("ol#populer-list li",), {"timeout": 2500})
