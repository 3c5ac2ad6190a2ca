"""govnews.cleaning.dates: every form GoNews and its peers print, to exact UTC."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from conftest import CAPTURES
from govnews.cleaning.dates import (
    ParsedDate,
    parse_all_detailed,
    parse_date_detailed,
    parse_datetime,
    parse_datetimes,
)

UTC = timezone.utc
# 12:00 WIB on Monday 6 December 2021: an ordinary observation time.
NOON_WIB = datetime(2021, 12, 6, 5, 0, tzinfo=UTC)
# 00:30 WIB on 6 December is still 5 December in UTC: calendar words must
# count WIB days, not UTC days.
AFTER_MIDNIGHT_WIB = datetime(2021, 12, 5, 17, 30, tzinfo=UTC)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


ABSOLUTE: list[tuple[str, str]] = [
    # the captures' article and listing forms
    ("Kamis, 25 Februari 2021 18:20 WIB", "2021-02-25T11:20:00+00:00"),
    ("Rabu, 14 April 2021 19:45 WIB", "2021-04-14T12:45:00+00:00"),
    ("Rabu, 10 Nopember 2021 15:40 WITA", "2021-11-10T07:40:00+00:00"),
    ("Sabtu, 4 Desember 2021 21:45 WIT", "2021-12-04T12:45:00+00:00"),
    # just after local midnight: the UTC instant is the previous day and month
    ("Rabu, 1 Desember 2021 06:15 WIB", "2021-11-30T23:15:00+00:00"),
    ("Senin, 1 Maret 2021 00:30 WITA", "2021-02-28T16:30:00+00:00"),
    ("Jumat, 1 Januari 2021 05:59 WIB", "2020-12-31T22:59:00+00:00"),
    ("Senin, 1 Maret 2021 08:59 WIT", "2021-02-28T23:59:00+00:00"),
    ("Minggu, 1 Maret 2020 06:00 WIB", "2020-02-29T23:00:00+00:00"),
    # every day name, Jum'at spellings and Ahad
    ("Senin, 22 Februari 2021 10:00 WIB", "2021-02-22T03:00:00+00:00"),
    ("Selasa, 23 Februari 2021 10:00 WIB", "2021-02-23T03:00:00+00:00"),
    ("Rabu, 24 Februari 2021 10:00 WIB", "2021-02-24T03:00:00+00:00"),
    ("Jumat, 26 Februari 2021 10:00 WIB", "2021-02-26T03:00:00+00:00"),
    ("Jum'at, 26 Februari 2021 10:00 WIB", "2021-02-26T03:00:00+00:00"),
    ("Jum’at, 26 Februari 2021 10:00 WIB", "2021-02-26T03:00:00+00:00"),
    ("Sabtu, 27 Februari 2021 10:00 WIB", "2021-02-27T03:00:00+00:00"),
    ("Minggu, 28 Februari 2021 10:00 WIB", "2021-02-28T03:00:00+00:00"),
    ("Ahad, 28 Februari 2021 10:00 WIB", "2021-02-28T03:00:00+00:00"),
    ("Kamis 25 Februari 2021 18:20 WIB", "2021-02-25T11:20:00+00:00"),
    ("25 Februari 2021 18:20 WIB", "2021-02-25T11:20:00+00:00"),
    # every month, full, short, old spellings, any case, trailing dot
    ("5 Januari 2021 10:00 WIB", "2021-01-05T03:00:00+00:00"),
    ("5 Jan 2021 10:00 WIB", "2021-01-05T03:00:00+00:00"),
    ("5 Pebruari 2021 10:00 WIB", "2021-02-05T03:00:00+00:00"),
    ("5 Feb. 2021 10:00 WIB", "2021-02-05T03:00:00+00:00"),
    ("5 Peb 2021 10:00 WIB", "2021-02-05T03:00:00+00:00"),
    ("5 Maret 2021 10:00 WIB", "2021-03-05T03:00:00+00:00"),
    ("5 Mar 2021 10:00 WIB", "2021-03-05T03:00:00+00:00"),
    ("5 April 2021 10:00 WIB", "2021-04-05T03:00:00+00:00"),
    ("5 Apr. 2021 10:00 WIB", "2021-04-05T03:00:00+00:00"),
    ("5 Mei 2021 10:00 WIB", "2021-05-05T03:00:00+00:00"),
    ("5 Juni 2021 10:00 WIB", "2021-06-05T03:00:00+00:00"),
    ("5 Jun 2021 10:00 WIB", "2021-06-05T03:00:00+00:00"),
    ("5 Juli 2021 10:00 WIB", "2021-07-05T03:00:00+00:00"),
    ("5 Jul 2021 10:00 WIB", "2021-07-05T03:00:00+00:00"),
    ("5 Agustus 2021 10:00 WIB", "2021-08-05T03:00:00+00:00"),
    ("5 Agu 2021 10:00 WIB", "2021-08-05T03:00:00+00:00"),
    ("5 Agt 2021 10:00 WIB", "2021-08-05T03:00:00+00:00"),
    ("5 Ags. 2021 10:00 WIB", "2021-08-05T03:00:00+00:00"),
    ("5 September 2021 10:00 WIB", "2021-09-05T03:00:00+00:00"),
    ("5 Sep 2021 10:00 WIB", "2021-09-05T03:00:00+00:00"),
    ("5 Sept. 2021 10:00 WIB", "2021-09-05T03:00:00+00:00"),
    ("5 Oktober 2021 10:00 WIB", "2021-10-05T03:00:00+00:00"),
    ("5 Okt 2021 10:00 WIB", "2021-10-05T03:00:00+00:00"),
    ("5 November 2021 10:00 WIB", "2021-11-05T03:00:00+00:00"),
    ("5 Nopember 2021 10:00 WIB", "2021-11-05T03:00:00+00:00"),
    ("5 Nov 2021 10:00 WIB", "2021-11-05T03:00:00+00:00"),
    ("5 Nop. 2021 10:00 WIB", "2021-11-05T03:00:00+00:00"),
    ("5 Desember 2021 10:00 WIB", "2021-12-05T03:00:00+00:00"),
    ("5 Des 2021 10:00 WIB", "2021-12-05T03:00:00+00:00"),
    ("KAMIS, 25 FEBRUARI 2021 18:20 wib", "2021-02-25T11:20:00+00:00"),
    ("kamis, 25 pebruari 2021 18:20 Wita", "2021-02-25T10:20:00+00:00"),
    ("25 Feb 21 18:20 WIB", "2021-02-25T11:20:00+00:00"),
    ("25-Feb-2021 18:20 WIB", "2021-02-25T11:20:00+00:00"),
    ("Kamis,\xa025\xa0Februari\xa02021\xa018:20\xa0WIB", "2021-02-25T11:20:00+00:00"),
    # numeric day-first dates, two-digit years
    ("Sabtu, 06/03/2021 10:15 WIB", "2021-03-06T03:15:00+00:00"),
    ("6-3-2021 10:15 WIB", "2021-03-06T03:15:00+00:00"),
    ("06.03.2021 10.15 WIB", "2021-03-06T03:15:00+00:00"),
    ("25/2/21 18:20", "2021-02-25T11:20:00+00:00"),
    ("12/01/2021 10:00 WIB", "2021-01-12T03:00:00+00:00"),
    # pukul / Pkl. / jam, ':' or '.', seconds
    ("Kamis, 25 Februari 2021 pukul 18.20 WIB", "2021-02-25T11:20:00+00:00"),
    ("Kamis, 25 Februari 2021, Pkl. 18:20 WIB", "2021-02-25T11:20:00+00:00"),
    ("25 Februari 2021 pkl 18.20 WITA", "2021-02-25T10:20:00+00:00"),
    ("25 Februari 2021 jam 18:20 WIT", "2021-02-25T09:20:00+00:00"),
    ("25 Februari 2021 | 18:20:45 WIB", "2021-02-25T11:20:45+00:00"),
    ("25 Februari 2021 - 18.20.45 WIB", "2021-02-25T11:20:45+00:00"),
    # explicit offsets
    ("25 Februari 2021 18:20 +0700", "2021-02-25T11:20:00+00:00"),
    ("25 Februari 2021 18:20 +07:00", "2021-02-25T11:20:00+00:00"),
    ("25 Februari 2021 18:20 GMT+7", "2021-02-25T11:20:00+00:00"),
    ("25 Februari 2021 18:20 UTC+8", "2021-02-25T10:20:00+00:00"),
    ("25 Februari 2021 18:20 GMT+07:00", "2021-02-25T11:20:00+00:00"),
    ("25 Februari 2021 18:20 UTC", "2021-02-25T18:20:00+00:00"),
    ("25 Februari 2021 18:20 -0530", "2021-02-25T23:50:00+00:00"),
    # ISO 8601 from JSON-LD and meta tags
    ("2021-02-25T18:20:00+07:00", "2021-02-25T11:20:00+00:00"),
    ("2021-02-25T11:20:00Z", "2021-02-25T11:20:00+00:00"),
    ("2021-02-25T11:20:00.000Z", "2021-02-25T11:20:00+00:00"),
    ("2021-02-25T18:20:00+0700", "2021-02-25T11:20:00+00:00"),
    ("2021-02-25T19:20+08:00", "2021-02-25T11:20:00+00:00"),
    ("2021-02-25 18:20:00", "2021-02-25T11:20:00+00:00"),
    ("2021-02-25 18:20:00 WITA", "2021-02-25T10:20:00+00:00"),
    ("2021-12-01T06:15:00+07:00", "2021-11-30T23:15:00+00:00"),
    # no time: midnight WIB
    ("Kamis, 25 Februari 2021", "2021-02-24T17:00:00+00:00"),
    ("2021-02-25", "2021-02-24T17:00:00+00:00"),
    ("29 Februari 2024", "2024-02-28T17:00:00+00:00"),
    # labels and punctuation around the date are not dates
    ("Diperbarui: Senin, 8 Maret 2021 13:45 WIB", "2021-03-08T06:45:00+00:00"),
    ("c Kamis, 25 Februari 2021 18:20 WIB", "2021-02-25T11:20:00+00:00"),
]


@pytest.mark.parametrize(("text", "expected"), ABSOLUTE)
def test_absolute(text: str, expected: str) -> None:
    got = parse_datetime(text)
    assert got == utc(expected)
    assert got.utcoffset() == timedelta(0)


RELATIVE: list[tuple[str, datetime, str]] = [
    ("Baru saja", NOON_WIB, "2021-12-06T05:00:00+00:00"),
    ("baru saja", NOON_WIB, "2021-12-06T05:00:00+00:00"),
    ("30 detik yang lalu", NOON_WIB, "2021-12-06T04:59:30+00:00"),
    ("5 menit yang lalu", NOON_WIB, "2021-12-06T04:55:00+00:00"),
    ("5 menit lalu", NOON_WIB, "2021-12-06T04:55:00+00:00"),
    ("5 menit yg lalu", NOON_WIB, "2021-12-06T04:55:00+00:00"),
    ("semenit yang lalu", NOON_WIB, "2021-12-06T04:59:00+00:00"),
    ("sejam yang lalu", NOON_WIB, "2021-12-06T04:00:00+00:00"),
    ("15 jam yang lalu", NOON_WIB, "2021-12-05T14:00:00+00:00"),
    ("sehari yang lalu", NOON_WIB, "2021-12-05T05:00:00+00:00"),
    ("3 hari lalu", NOON_WIB, "2021-12-03T05:00:00+00:00"),
    ("1 minggu yang lalu", NOON_WIB, "2021-11-29T05:00:00+00:00"),
    ("2 pekan yang lalu", NOON_WIB, "2021-11-22T05:00:00+00:00"),
    ("1 bulan yang lalu", NOON_WIB, "2021-11-06T05:00:00+00:00"),
    ("sebulan lalu", datetime(2021, 3, 31, 3, 0, tzinfo=UTC), "2021-02-28T03:00:00+00:00"),
    ("1 tahun yang lalu", datetime(2024, 2, 29, 3, 0, tzinfo=UTC), "2023-02-28T03:00:00+00:00"),
    # calendar words count WIB days, whatever zone the reference is in
    ("Kemarin 14:30", NOON_WIB, "2021-12-05T07:30:00+00:00"),
    ("Kemarin 14:30", AFTER_MIDNIGHT_WIB, "2021-12-05T07:30:00+00:00"),
    ("Kemarin, pukul 14.30 WIB", NOON_WIB.astimezone(timezone(timedelta(hours=-5))), "2021-12-05T07:30:00+00:00"),
    ("Kemarin 14:30 WITA", NOON_WIB, "2021-12-05T06:30:00+00:00"),
    ("Hari ini 08:15", NOON_WIB, "2021-12-06T01:15:00+00:00"),
    ("Hari ini 08:15", AFTER_MIDNIGHT_WIB, "2021-12-06T01:15:00+00:00"),
    ("Kemarin", NOON_WIB, "2021-12-04T17:00:00+00:00"),
    ("Hari ini", AFTER_MIDNIGHT_WIB, "2021-12-05T17:00:00+00:00"),
]


@pytest.mark.parametrize(("text", "reference", "expected"), RELATIVE)
def test_relative(text: str, reference: datetime, expected: str) -> None:
    parsed = parse_date_detailed(text, reference=reference)
    assert parsed.instant == utc(expected)
    assert parsed.relative
    assert parsed.fixes[0].rule == "date_relative_resolved"
    assert parsed.fixes[0].before == text


MULTI: list[tuple[str, list[str]]] = [
    (
        "Senin, 8 Maret 2021 09:00 WIB | Diperbarui: Senin, 8 Maret 2021 13:45 WIB",
        ["2021-03-08T02:00:00+00:00", "2021-03-08T06:45:00+00:00"],
    ),
    (
        "Rabu, 10 Nopember 2021 15:40 WITA | Diperbarui: Kamis, 11 Nopember 2021 00:05 WITA",
        ["2021-11-10T07:40:00+00:00", "2021-11-10T16:05:00+00:00"],
    ),
    ("2021-02-25T18:20:00+07:00 2021-02-26T08:00:00+07:00", ["2021-02-25T11:20:00+00:00", "2021-02-26T01:00:00+00:00"]),
]


@pytest.mark.parametrize(("text", "expected"), MULTI)
def test_several_instants_in_order(text: str, expected: list[str]) -> None:
    assert parse_datetimes(text) == [utc(e) for e in expected]
    assert parse_datetime(text) == utc(expected[0])


DETAILED: list[tuple[str, str, str, list[tuple[str, str, str]]]] = [
    # text, local isoformat, zone_name, fixes as (rule, before, after)
    ("Rabu, 10 Nopember 2021 15:40 WITA", "2021-11-10T15:40:00+08:00", "WITA", []),
    ("Sabtu, 4 Desember 2021 21:45 WIT", "2021-12-04T21:45:00+09:00", "WIT", []),
    ("25 Februari 2021 18:20 GMT+7", "2021-02-25T18:20:00+07:00", "+07:00", []),
    ("2021-02-25T11:20:00Z", "2021-02-25T11:20:00+00:00", "+00:00", []),
    (
        "2021-02-25 18:20:00",
        "2021-02-25T18:20:00+07:00",
        "WIB",
        [("date_zone_assumed", "2021-02-25 18:20:00", "2021-02-25T18:20:00+07:00")],
    ),
    (
        "Kamis, 25 Februari 2021",
        "2021-02-25T00:00:00+07:00",
        "WIB",
        [("date_time_missing", "Kamis, 25 Februari 2021", "2021-02-25T00:00:00+07:00")],
    ),
    (
        "25/2/21 18:20 WIB",
        "2021-02-25T18:20:00+07:00",
        "WIB",
        [("date_year_expanded", "21", "2021")],
    ),
]


@pytest.mark.parametrize(("text", "local", "zone_name", "fixes"), DETAILED)
def test_detailed(text: str, local: str, zone_name: str, fixes: list[tuple[str, str, str]]) -> None:
    parsed = parse_date_detailed(text)
    assert parsed.local.isoformat() == local
    assert parsed.instant == datetime.fromisoformat(local)
    assert parsed.zone_name == zone_name
    assert not parsed.relative
    assert [(f.rule, f.before, f.after) for f in parsed.fixes] == fixes


def test_relative_detail_is_in_wib_and_records_the_resolution() -> None:
    parsed = parse_date_detailed("Kemarin 14:30", reference=AFTER_MIDNIGHT_WIB)
    assert parsed.local.isoformat() == "2021-12-05T14:30:00+07:00"
    assert parsed.zone_name == "WIB"
    assert [(f.rule, f.after) for f in parsed.fixes] == [
        ("date_relative_resolved", "2021-12-05T14:30:00+07:00"),
        ("date_zone_assumed", "2021-12-05T14:30:00+07:00"),
    ]


def test_multi_detail_offsets_point_into_the_text() -> None:
    text = "Senin, 8 Maret 2021 09:00 WIB | Diperbarui: Senin, 8 Maret 2021 13:45 WIB"
    parsed: tuple[ParsedDate, ...] = parse_all_detailed(text)
    assert [text[p.start : p.start + len(p.raw)] for p in parsed] == [p.raw for p in parsed]
    assert [p.raw for p in parsed] == ["Senin, 8 Maret 2021 09:00 WIB", "Senin, 8 Maret 2021 13:45 WIB"]


ERRORS: list[tuple[str, datetime | None, str]] = [
    # text, reference, what the message must say besides quoting the input
    ("31 Februari 2021 10:00 WIB", None, "not a calendar date"),
    ("29 Februari 2021", None, "not a calendar date"),
    ("31/04/2021 10:00 WIB", None, "not a calendar date"),
    ("06/13/2021 10:00 WIB", None, "not a calendar date"),
    ("2021-02-30T10:00:00+07:00", None, "not a calendar date"),
    ("Kamis, 25 Februari 2021 25:61 WIB", None, "'25:61' is not a time of day"),
    ("25 Februari 2021 24:00 WIB", None, "not a time of day"),
    ("25 Februari 2021 18:60", None, "not a time of day"),
    ("2021-02-25T18:20:00+15:00", None, "beyond any time zone"),
    ("Jumat, 25 Februari 2021 18:20 WIB", None, "does not match"),
    ("25 Februari 2021 18:20 PST", None, "'PST'"),
    ("25 Februari 2021 18:20 PM", None, "'PM'"),
    ("25 Februari 18:20 WIB", None, "did not understand '25'"),
    ("Senin, 8 Maret 2021 09:00 WIB | Diperbarui: 8 Maret", None, "did not understand '8'"),
    ("Berita Terkini", None, "no date or time found"),
    ("", None, "no date or time found"),
    ("beberapa saat yang lalu", NOON_WIB, "no date or time found"),
    ("15 jam yang lalu", None, "reference datetime"),
    ("Kemarin 14:30", None, "reference datetime"),
    ("Baru saja", datetime(2021, 12, 6, 12, 0), "naive"),
    ("Kamis, 25 Februari 2021 18:20 WIB", datetime(2021, 12, 6, 12, 0), "naive"),
    ("99999 tahun yang lalu", NOON_WIB, "before year 1"),
    ("99999999 hari yang lalu", NOON_WIB, "before year 1"),
]


@pytest.mark.parametrize(("text", "reference", "message"), ERRORS)
def test_errors_quote_the_input(text: str, reference: datetime | None, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_datetime(text, reference=reference)
    assert repr(text) in str(caught.value)
    assert message in str(caught.value)


def _listing_entries() -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted(CAPTURES.glob("listing-*.expected.json")):
        listing = json.loads(path.read_text(encoding="utf-8"))
        for entry in listing["entries"] + listing["popular_entries"]:
            entries.append({"file": path.name, **entry})
    return entries


LISTING = _listing_entries()
DATED = [e for e in LISTING if "date_published_raw" in e]
AGED = [e for e in LISTING if "relative_time_raw" in e and e["age_seconds"] is not None]
CALENDAR_WORDS = [e for e in LISTING if "relative_time_raw" in e and e["age_seconds"] is None]
# The WIB calendar answer for each calendar-word entry of the captures, for
# both references: a new calendar word on a capture must be added here.
CALENDAR_EXPECTED: dict[tuple[str, datetime], str] = {
    ("Kemarin 14:30", NOON_WIB): "2021-12-05T14:30:00+07:00",
    ("Kemarin 14:30", AFTER_MIDNIGHT_WIB): "2021-12-05T14:30:00+07:00",
}


def test_captures_hold_every_kind_of_listing_time() -> None:
    assert len(DATED) >= 10 and len(AGED) >= 15 and len(CALENDAR_WORDS) >= 1


@pytest.mark.parametrize("entry", DATED, ids=lambda e: f"{e['file']}#{e['position']}")
def test_capture_listing_dates(entry: dict[str, Any]) -> None:
    assert parse_datetime(entry["date_published_raw"]).isoformat() == entry["date_published"]


@pytest.mark.parametrize("entry", AGED, ids=lambda e: f"{e['file']}#{e['position']}:{e['relative_time_raw']}")
@pytest.mark.parametrize("reference", [NOON_WIB, AFTER_MIDNIGHT_WIB], ids=["noon-wib", "after-midnight-wib"])
def test_capture_relative_ages(entry: dict[str, Any], reference: datetime) -> None:
    instant = parse_datetime(entry["relative_time_raw"], reference=reference)
    assert (reference - instant).total_seconds() == entry["age_seconds"]


@pytest.mark.parametrize("entry", CALENDAR_WORDS, ids=lambda e: f"{e['file']}#{e['position']}")
@pytest.mark.parametrize("reference", [NOON_WIB, AFTER_MIDNIGHT_WIB], ids=["noon-wib", "after-midnight-wib"])
def test_capture_calendar_words(entry: dict[str, Any], reference: datetime) -> None:
    parsed = parse_date_detailed(entry["relative_time_raw"], reference=reference)
    assert parsed.local.isoformat() == CALENDAR_EXPECTED[(entry["relative_time_raw"], reference)]


def test_capture_articles_agree_with_their_local_time() -> None:
    articles = sorted(CAPTURES.glob("article-*.expected.json"))
    assert articles
    for path in articles:
        expected = json.loads(path.read_text(encoding="utf-8"))
        parsed = parse_date_detailed(expected["date_published_raw"])
        assert parsed.instant.isoformat() == expected["date_published"], path.name
        assert parsed.local.isoformat() == expected["date_published_local"], path.name
