"""The date a page shows, cross-checked with metas that lie; English stamps."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from parsel import Selector

from govnews.cleaning.dates import parse_date_detailed, parse_datetime
from govnews.extraction.dates import find_visible_stamp, published_instant, read_dates, repair_meta_date
from govnews.extraction.structured import choose_headline, read_structured

URL = "https://kabarkita.example/berita/123/jembatan"


def page(head: str, stamp: str, sidebar: str = "") -> str:
    return f"""<html><head>{head}<title>Jembatan Baru Diresmikan - Kabarkita</title></head><body>
    <div class="topbar">Kamis, 3 Juni 2021</div>
    <aside class="sidebar-populer"><ul>{sidebar}</ul></aside>
    <article><h1>Jembatan Baru Diresmikan</h1><div class="byline">Oleh Sari</div>
    <div class="tanggal">{stamp}</div>
    <p>Semarang - Jembatan baru di atas Kali Garang diresmikan pagi ini oleh wali kota.</p></article>
    </body></html>"""


def findings(html: str):
    sel = Selector(text=html)
    structured = read_structured(sel, URL)
    _, node = choose_headline(structured, sel, URL)
    return read_dates(sel.root, structured.published, structured.modified, node)


def meta(value: str, name: str = "pubdate") -> str:
    return f'<meta name="{name}" content="{value}">'


def test_the_stamp_near_the_headline_wins_over_sidebar_and_topbar() -> None:
    sidebar = "".join(f'<li><a href="/b/{i}">Berita {i}</a> <span class="date">Kamis, 3 Juni 2021 0{i}:00 WIB</span></li>'
                      for i in range(1, 4))  # fmt: skip
    found = findings(page("", "Kamis, 3 Juni 2021 10:15 WIB", sidebar))
    assert found.date_raw == "Kamis, 3 Juni 2021 10:15 WIB"
    assert found.structured_date is None
    assert found.published.isoformat() == "2021-06-03T10:15:00+07:00"


def test_hyphenated_time_with_a_false_z_is_read_as_the_local_clock() -> None:
    found = findings(page(meta("2021-06-03T10-15-42Z"), "Kamis, 3 Juni 2021 10:15 WIB"))
    assert found.structured_date == "2021-06-03T10:15:42+07:00"
    assert found.published.isoformat() == "2021-06-03T10:15:42+07:00"
    assert found.warnings == [
        "pubdate date '2021-06-03T10-15-42Z' repaired: time written with hyphens",
        "pubdate date says UTC for the local clock time; read as 2021-06-03T10:15:42+07:00",
    ]


def test_offset_followed_by_z_is_repaired() -> None:
    found = findings(page(meta("2021-06-03T10:15:42+07:00Z", "article:published_time"), "3 Juni 2021 10:15 WIB"))
    assert found.structured_date == "2021-06-03T10:15:42+07:00"


def test_a_true_utc_meta_is_kept_and_agrees_with_the_page() -> None:
    found = findings(page(meta("2021-06-03T03:15:42Z", "article:published_time"), "3 Juni 2021 10:15 WIB"))
    assert found.structured_date == "2021-06-03T03:15:42+00:00"
    assert found.published.isoformat() == "2021-06-03T10:15:42+07:00"
    assert found.warnings == []


def test_meta_that_disagrees_is_reported_and_the_page_wins() -> None:
    found = findings(page(meta("2021-06-01T08:00:00+07:00", "article:published_time"), "3 Juni 2021 10:15 WIB"))
    assert found.published.isoformat() == "2021-06-03T10:15:00+07:00"
    assert found.warnings == [
        "structured date 2021-06-01T08:00:00+07:00 disagrees with the page's '3 Juni 2021 10:15 WIB'"
    ]


def test_no_visible_stamp_uses_the_meta_with_an_offset_over_its_utc_twin() -> None:
    head = meta("2021-06-03T10-15-42Z") + '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x",' \
        ' "datePublished": "2021-06-03T10:15:42+07:00"}</script>'
    html = f"<html><head>{head}</head><body><h1>Jembatan</h1><p>Tanpa tanggal.</p></body></html>"
    found = findings(html)
    assert found.date_raw is None
    assert found.structured_date == "2021-06-03T10:15:42+07:00"
    assert published_instant(None, "2021-06-03T03:15:42Z").isoformat() == "2021-06-03T10:15:42+07:00"


def test_stamp_split_over_elements_and_labelled_updates() -> None:
    stamp = '<span class="updated">3 Jun 2021 at <span>10:15 WIB</span></span>'
    found = findings(page("", stamp + ' <span class="edit">Diperbarui 3 Jun 2021 at 12:00 WIB</span>'))
    assert found.date_raw == "3 Jun 2021 at 10:15 WIB"


def test_stamp_inside_a_longer_byline_is_cut_to_the_date() -> None:
    found = findings(page("", "Reuters, SURABAYA | Nasional | Thu, June 3 2021, 10:15 AM | 1.204 kali dibaca"))
    assert found.date_raw == "Thu, June 3 2021, 10:15 AM"
    assert found.published.isoformat() == "2021-06-03T10:15:00+07:00"


def test_unix_milliseconds_and_slashed_metas() -> None:
    assert repair_meta_date("1622690142000") == ("2021-06-03T03:15:42+00:00", ["epoch timestamp"])
    assert repair_meta_date("2021/06/03 10:15:42") == ("2021-06-03 10:15:42", [])


def test_only_a_date_on_the_page_takes_the_meta_time_of_that_day() -> None:
    same_day = published_instant("Kamis, 3 Juni 2021", "2021-06-03T10:15:42+07:00")
    other_day = published_instant("Kamis, 3 Juni 2021", "2021-06-04T10:15:42+07:00")
    assert (same_day.isoformat(), other_day.isoformat()) == ("2021-06-03T10:15:42+07:00", "2021-06-03T00:00:00+07:00")


def test_find_visible_stamp_ranks_a_dated_element_first() -> None:
    sel = Selector(text=page("", "Kamis, 3 Juni 2021 10:15 WIB"))
    stamps = find_visible_stamp(sel.root, sel.xpath("//h1").pop().root)
    assert [s.raw for s in stamps] == ["Kamis, 3 Juni 2021 10:15 WIB", "Kamis, 3 Juni 2021"]


ENGLISH = [
    ("Wednesday, 02 June, 2021 | 19:28 WIB", "2021-06-02T19:28:00+07:00"),
    ("Thu, June 3 2021, 7:36 PM", "2021-06-03T19:36:00+07:00"),
    ("June 3, 2021 12:05 AM WITA", "2021-06-03T00:05:00+08:00"),
    ("3 Jun 2021 at 10:15 WIB", "2021-06-03T10:15:00+07:00"),
    ("on 3 March 2021 at 08:00 WIT", "2021-03-03T08:00:00+09:00"),
    ("Sat, 29 May 2021 | 12:00", "2021-05-29T12:00:00+07:00"),
]


@pytest.mark.parametrize(("text", "local"), ENGLISH)
def test_english_stamps(text: str, local: str) -> None:
    assert parse_date_detailed(text).local.isoformat() == local


@pytest.mark.parametrize(("text", "message"), [
    ("Friday, June 3 2021, 7:36 PM", "does not match"),
    ("June 3 2021, 13:36 PM", "'PM' after hour 13"),
    ("June 3 2021, 0:36 AM", "'AM' after hour 0"),
])  # fmt: skip
def test_english_stamps_that_contradict_themselves(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_datetime(text)


def test_the_indonesian_forms_still_read_as_before() -> None:
    assert parse_datetime("Jumat, 4 Juni 2021 pukul 07.30 WIB") == datetime(2021, 6, 4, 0, 30, tzinfo=timezone.utc)
    assert parse_date_detailed("Sabtu, 05/06/2021 10:15 WITA").local.utcoffset() == timedelta(hours=8)


def test_a_date_only_stamp_agrees_with_a_meta_of_the_same_day() -> None:
    html = page(meta("2021-06-03T03:15:00+00:00", "article:published_time"),
                'Diposting pada <time class="entry-date">3 Juni 2021</time>')  # fmt: skip
    found = findings(html)
    assert (found.date_raw, found.warnings) == ("3 Juni 2021", [])
    assert found.published.isoformat() == "2021-06-03T10:15:00+07:00"


def test_a_site_name_before_the_stamp_is_not_part_of_it() -> None:
    assert findings(page("", "Kabarkita.com - 03/06/2021, 10:15 WIB")).date_raw == "03/06/2021, 10:15 WIB"


def test_a_zone_in_lower_case_is_still_the_zone() -> None:
    found = findings(page("", "Kamis, 3 Juni 2021 | 10:15 wita"))
    assert found.date_raw == "Kamis, 3 Juni 2021 | 10:15 wita"
    assert found.published.isoformat() == "2021-06-03T10:15:00+08:00"
