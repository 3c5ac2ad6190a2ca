"""Indonesian dates and times, as news pages print them, to exact UTC instants.

What is understood (any case, no-break spaces welcome):

* ``Kamis, 25 Februari 2021 18:20 WIB`` -- optional day name (checked against
  the date), full, short and old month spellings (``Pebruari``, ``Nopember``,
  ``Agt``, ``Sept.``), ``pukul``/``Pkl.``/``jam`` before the time, ``:`` or
  ``.`` in the time, optional seconds.
* ``Sabtu, 06/03/2021 10:15 WIB``, ``6-3-2021``, ``25/2/21`` -- numeric dates,
  always day first; a two-digit year is 2000-2068 for 00-68, else 19xx.
* English, as the English-language Indonesian sites print it:
  ``Wednesday, 04 November, 2015 | 07:28 WIB``, ``Fri, June 19 2015, 7:36 AM``
  (month first), ``18 Jun 2015 at 06:25 WIB``; ``AM``/``PM`` after an hour 1-12.
* Zones WIB (+07:00), WITA (+08:00), WIT (+09:00), ``+0700``, ``+07:00``,
  ``GMT+7``, ``UTC+8``, and ISO 8601 (``2021-02-25T18:20:00+07:00``, ``...Z``).
* Relative: ``Baru saja``, ``5 menit yang lalu``, ``5 menit lalu``, ``sejam``,
  ``sehari``, ``1 minggu yang lalu``, ``Kemarin 14:30``, ``Hari ini 08:15``.
* Several instants in one text (``... | Diperbarui: ...``), in order.

Rules where a page leaves something out (each one is recorded as a ``Fix``):

* a time with no zone is WIB (``date_zone_assumed``);
* a date with no time is midnight WIB (``date_time_missing``, one fix that
  covers the zone too), and so is a bare ``Kemarin``/``Hari ini``;
* a two-digit year is widened (``date_year_expanded``);
* a relative time is resolved against ``reference``, the moment the page was
  observed (``date_relative_resolved``): seconds to weeks are exact durations,
  months and years step the WIB calendar back and clamp the day to the month's
  end; ``Kemarin``/``Hari ini`` count calendar days in the zone shown (WIB when
  none is).

Anything that contradicts itself or cannot be placed raises ``ValueError``
quoting the input: impossible dates and times, a day name that disagrees with
the date, digits left over that no rule read, an unknown zone after a time, a
relative time without an aware ``reference``.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from govnews.cleaning.fixes import Fix

__all__ = [
    "WIB",
    "WIT",
    "WITA",
    "ParsedDate",
    "parse_all_detailed",
    "parse_date_detailed",
    "parse_datetime",
    "parse_datetimes",
]

# Indonesia has kept fixed offsets without daylight saving since 1988, so a
# fixed-offset timezone is exact and avoids zoneinfo lookups.
WIB = timezone(timedelta(hours=7), "WIB")
WITA = timezone(timedelta(hours=8), "WITA")
WIT = timezone(timedelta(hours=9), "WIT")
_NAMED_ZONES: dict[str, timezone] = {"WIB": WIB, "WITA": WITA, "WIT": WIT}

_MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "feb": 2, "peb": 2,
    "maret": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5,
    "juni": 6, "jun": 6,
    "juli": 7, "jul": 7,
    "agustus": 8, "agust": 8, "agu": 8, "agt": 8, "ags": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "okt": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "des": 12,
    # English spellings that the Indonesian abbreviations above do not cover
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "aug": 8, "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
                "Agustus", "September", "Oktober", "November", "Desember")  # fmt: skip
_DAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_ENGLISH_DAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tues": 1, "tue": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thurs": 3, "thu": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = (
    {name.lower(): i for i, name in enumerate(_DAY_NAMES)} | {"ahad": 6, "jumat": 4} | _ENGLISH_DAYS
)
_UNIT_SECONDS: dict[str, int] = {
    "detik": 1, "menit": 60, "jam": 3600, "hari": 86400, "minggu": 604800, "pekan": 604800,
}
_CALENDAR_UNITS: dict[str, int] = {"bulan": 1, "tahun": 12}


def _longest_first(words: list[str]) -> str:
    # Longest first so that "Mar" never wins over "Maret" in the alternation.
    return "|".join(sorted(words, key=len, reverse=True))


_SEP = r"(?:\s*-\s*|\s+)"
_HEAD = re.compile(
    rf"""
    (?P<iso>(?<!\d)(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})
        (?:[T\s](?P<ih>\d{{2}}):(?P<imi>\d{{2}})(?::(?P<is>\d{{2}})(?:[.,]\d+)?)?
           (?P<iz>Z|[+-]\d{{2}}(?::?\d{{2}})?)?)?)(?!\d)
    | (?:(?<![a-z])(?P<dayname>senin|selasa|rabu|kamis|jum['’`]?at|sabtu|minggu|ahad
                    |{_longest_first(list(_ENGLISH_DAYS))})(?![a-z])\.?\s*,?\s*)?
      (?:
        (?P<textual>(?<!\d)(?P<td>\d{{1,2}}){_SEP}(?P<tm>{_longest_first(list(_MONTHS))})(?![a-z])\.?,?
            {_SEP}(?P<ty>\d{{4}}|\d{{2}}(?![:.]\d)))(?!\d)
      | (?P<monthfirst>(?<![\w])(?P<fm>{_longest_first(list(_MONTHS))})\.?\s+(?P<fd>\d{{1,2}})(?!\d),?
            \s+(?P<fy>\d{{4}}))(?!\d)
      | (?P<numeric>(?<!\d)(?P<nd>\d{{1,2}})(?P<ns>[/.-])(?P<nm>\d{{1,2}})(?P=ns)(?P<ny>\d{{4}}|\d{{2}}))(?!\d)
      )
    | (?P<ago>(?<!\w)(?:(?P<an>\d+)\s*|se)(?P<au>detik|menit|jam|hari|minggu|pekan|bulan|tahun)
        \s+(?:(?:yang|yg)\s+)?lalu)(?!\w)
    | (?P<now>(?<!\w)baru\s+saja)(?!\w)
    | (?P<day>(?<!\w)(?:kemarin|hari\s+ini))(?!\w)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_TIME = re.compile(
    r"\s*[,|–—-]?\s*(?:(?:pukul|pkl\.?|jam|at)\s*)?(?P<h>\d{1,2})[:.](?P<m>\d{2})(?:[:.](?P<s>\d{2}))?(?!\d)"
    r"(?:\s*(?P<half>[AaPp])\.?[Mm]\.?(?!\w))?",
    re.IGNORECASE,
)
_ZONE = re.compile(
    r"""\s*(?:
      (?P<name>WITA|WIB|WIT)(?!\w)
    | (?:GMT|UTC)\s*(?P<gs>[+-])\s*(?P<gh>\d{1,2})(?::?(?P<gm>\d{2}))?(?!\d)
    | (?P<os>[+-])(?P<oh>\d{2}):?(?P<om>\d{2})(?!\d)
    | (?P<utc>UTC|GMT|Z)(?!\w)
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_ISO_OFFSET = re.compile(r"(?P<os>[+-])(?P<oh>\d{2}):?(?P<om>\d{2})?")
# An all-capitals word straight after a time reads as a zone we do not know
# (PST, CET, or AM/PM); guessing WIB there would silently shift the instant.
_UNKNOWN_ZONE = re.compile(r"\s*\(?(?P<word>[A-Z]{2,5})(?!\w)")
_STRAY_DIGITS = re.compile(r"\S*\d\S*")


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """One instant read from a text, with how it was read.

    ``local`` is the same instant in the zone the page used (WIB for relative
    times), ``zone_name`` is ``WIB``/``WITA``/``WIT`` or an offset like
    ``+07:00``; ``raw`` is the fragment read, starting at ``start``.
    """

    instant: datetime
    local: datetime
    zone_name: str
    relative: bool
    fixes: tuple[Fix, ...]
    raw: str
    start: int


class _Error(ValueError):
    """Internal: a reason without the input; the public functions add it."""


@lru_cache(maxsize=64)
def _offset_zone(minutes: int) -> tuple[timezone, str]:
    """The fixed zone for an offset and its ``+HH:MM`` name.

    >>> _offset_zone(-330)[1]
    '-05:30'
    """
    if abs(minutes) > 14 * 60:
        raise _Error(f"offset {minutes / 60:+g} h is beyond any time zone")
    sign = "-" if minutes < 0 else "+"
    name = f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    return timezone(timedelta(minutes=minutes), name), name


def _signed_minutes(sign: str, hours: str, minutes: str | None) -> int:
    if minutes is not None and int(minutes) > 59:
        raise _Error(f"offset minutes {minutes} are out of range")
    total = int(hours) * 60 + int(minutes or 0)
    return -total if sign == "-" else total


def _zone_from(match: re.Match[str]) -> tuple[timezone, str]:
    if match["name"]:
        name = match["name"].upper()
        return _NAMED_ZONES[name], name
    if match["gs"]:
        return _offset_zone(_signed_minutes(match["gs"], match["gh"], match["gm"]))
    if match["os"]:
        return _offset_zone(_signed_minutes(match["os"], match["oh"], match["om"]))
    return _offset_zone(0)


def _widen_year(digits: str) -> int:
    """Four digits stay; two follow the POSIX pivot (00-68 -> 20xx).

    >>> _widen_year("21"), _widen_year("99"), _widen_year("2021")
    (2021, 1999, 2021)
    """
    year = int(digits)
    if len(digits) == 4:
        return year
    return 2000 + year if year <= 68 else 1900 + year


def _calendar_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        month_name = _MONTH_NAMES[month - 1] if 1 <= month <= 12 else f"month {month}"
        raise _Error(f"{day} {month_name} {year} is not a calendar date") from None


def _check_time(hour: int, minute: int, second: int, raw: str) -> None:
    if hour > 23 or minute > 59 or second > 59:
        raise _Error(f"{raw.strip()!r} is not a time of day")


def _months_before(local: datetime, months: int) -> datetime:
    """Step the calendar back, clamping the day to the shorter month's end.

    >>> _months_before(datetime(2021, 3, 31, 10, 0, tzinfo=WIB), 1).isoformat()
    '2021-02-28T10:00:00+07:00'
    """
    index = local.year * 12 + (local.month - 1) - months
    year, month0 = divmod(index, 12)
    if year < 1:
        raise _Error("the resolved date is before year 1")
    day = min(local.day, monthrange(year, month0 + 1)[1])
    return local.replace(year=year, month=month0 + 1, day=day)


def _fix(rule: str, before: str, local: datetime, start: int) -> Fix:
    return Fix(rule=rule, before=before, after=local.isoformat(), start=start)


def _assumptions(raw: str, local: datetime, start: int, has_time: bool, has_zone: bool) -> list[Fix]:
    # Midnight WIB is one assumption, recorded once: its ``after`` already
    # shows the +07:00 that a separate zone fix would repeat.
    if not has_time:
        return [_fix("date_time_missing", raw, local, start)]
    if not has_zone:
        return [_fix("date_zone_assumed", raw, local, start)]
    return []


def _absolute(m: re.Match[str], text: str) -> tuple[ParsedDate, int]:
    """An ISO, textual or numeric date with its optional time and zone."""
    fixes: list[Fix] = []
    end = m.end()
    if m["iso"]:
        year, month, day = int(m["iy"]), int(m["im"]), int(m["id"])
        year_raw = m["iy"]
    elif m["textual"]:
        year_raw, month, day = m["ty"], _MONTHS[m["tm"].lower()], int(m["td"])
        year = _widen_year(year_raw)
    elif m["monthfirst"]:
        year_raw, month, day = m["fy"], _MONTHS[m["fm"].lower()], int(m["fd"])
        year = int(year_raw)
    else:
        year_raw, month, day = m["ny"], int(m["nm"]), int(m["nd"])
        year = _widen_year(year_raw)
    calendar_day = _calendar_date(year, month, day)
    if len(year_raw) == 2:
        fixes.append(Fix("date_year_expanded", year_raw, str(year), m.start("ty") if m["textual"] else m.start("ny")))
    if m["dayname"]:
        said = _WEEKDAYS[re.sub(r"['’`]", "", m["dayname"].lower())]
        if said != calendar_day.weekday():
            raise _Error(
                f"day name {m['dayname']!r} does not match {day} {_MONTH_NAMES[month - 1]} {year},"
                f" which is a {_DAY_NAMES[calendar_day.weekday()]}"
            )
    if m["iso"] and m["ih"]:
        hour, minute, second, has_time = int(m["ih"]), int(m["imi"]), int(m["is"] or 0), True
        _check_time(hour, minute, second, m["iso"][11:])
    else:
        hour, minute, second, end, has_time = _time_tail(text, end)
    zone, zone_name, end, has_zone = _zone_tail(m["iz"] if m["iso"] else None, text, end, has_time)
    local = datetime(year, month, day, hour, minute, second, tzinfo=zone)
    raw = text[m.start() : end]
    fixes.extend(_assumptions(raw, local, m.start(), has_time, has_zone))
    return ParsedDate(local.astimezone(timezone.utc), local, zone_name, False, tuple(fixes), raw, m.start()), end


def _time_tail(text: str, pos: int) -> tuple[int, int, int, int, bool]:
    """Hour, minute, second, new position, and whether a time was there."""
    t = _TIME.match(text, pos)
    if t is None:
        return 0, 0, 0, pos, False
    hour, minute, second = int(t["h"]), int(t["m"]), int(t["s"] or 0)
    if t["half"]:
        half = t.group()[t.start("half") - t.start() :].strip().upper()
        if not 1 <= hour <= 12:
            raise _Error(f"{half!r} after hour {hour} is not a 12-hour time")
        hour = hour % 12 + (12 if t["half"].upper() == "P" else 0)
    _check_time(hour, minute, second, t.group().lstrip(" ,|–—-"))
    return hour, minute, second, t.end(), True


def _zone_tail(iso_zone: str | None, text: str, pos: int, has_time: bool) -> tuple[timezone, str, int, bool]:
    """The zone after a time (or inside ISO); WIB when none is shown."""
    if iso_zone:
        z = _ISO_OFFSET.fullmatch(iso_zone)
        zone, name = _offset_zone(0) if z is None else _offset_zone(_signed_minutes(z["os"], z["oh"], z["om"]))
        return zone, name, pos, True
    if has_time:
        z = _ZONE.match(text, pos)
        if z is not None:
            zone, name = _zone_from(z)
            return zone, name, z.end(), True
        unknown = _UNKNOWN_ZONE.match(text, pos)
        if unknown is not None:
            raise _Error(f"{unknown['word']!r} after the time is not a time zone this parser knows")
    return WIB, "WIB", pos, False


def _relative(m: re.Match[str], text: str, reference: datetime | None) -> tuple[ParsedDate, int]:
    """``Baru saja``, ``N unit yang lalu``, ``Kemarin``/``Hari ini`` [time]."""
    if reference is None:
        raise _Error(f"{m.group()!r} is relative; a reference datetime (when the page was observed) is needed")
    fixes: list[Fix] = []
    end = m.end()
    zone_name = "WIB"
    if m["day"]:
        hour, minute, second, end, has_time = _time_tail(text, end)
        zone, zone_name, end, has_zone = _zone_tail(None, text, end, has_time)
        days_back = 1 if m["day"].lower().startswith("kemarin") else 0
        day = reference.astimezone(zone).date() - timedelta(days=days_back)
        local = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)
        raw = text[m.start() : end]
        fixes.extend(_assumptions(raw, local, m.start(), has_time, has_zone))
    elif m["now"]:
        local = reference.astimezone(WIB)
    else:
        count = int(m["an"]) if m["an"] is not None else 1
        unit = m["au"].lower()
        try:
            if unit in _CALENDAR_UNITS:
                local = _months_before(reference.astimezone(WIB), count * _CALENDAR_UNITS[unit])
            else:
                local = reference.astimezone(WIB) - timedelta(seconds=count * _UNIT_SECONDS[unit])
        except OverflowError:
            raise _Error(f"{m.group()!r} reaches before year 1") from None
    raw = text[m.start() : end]
    fixes.insert(0, _fix("date_relative_resolved", raw, local, m.start()))
    return ParsedDate(local.astimezone(timezone.utc), local, zone_name, True, tuple(fixes), raw, m.start()), end


def _check_reference(reference: datetime | None) -> None:
    if reference is not None and (reference.tzinfo is None or reference.utcoffset() is None):
        raise _Error(f"reference {reference.isoformat()!r} is naive; give it a time zone")


def _check_gap(gap: str) -> None:
    stray = _STRAY_DIGITS.search(gap)
    if stray is not None:
        raise _Error(f"did not understand {stray.group()!r}")


def parse_all_detailed(text: str, reference: datetime | None = None) -> tuple[ParsedDate, ...]:
    """Every instant in ``text``, in order (published, then modified).

    >>> [p.local.isoformat() for p in parse_all_detailed(
    ...     "Senin, 8 Maret 2021 09:00 WIB | Diperbarui: Senin, 8 Maret 2021 13:45 WIB")]
    ['2021-03-08T09:00:00+07:00', '2021-03-08T13:45:00+07:00']
    """
    try:
        _check_reference(reference)
        found: list[ParsedDate] = []
        pos = 0
        while (m := _HEAD.search(text, pos)) is not None:
            _check_gap(text[pos : m.start()])
            if m["iso"] or m["textual"] or m["monthfirst"] or m["numeric"]:
                parsed, pos = _absolute(m, text)
            else:
                parsed, pos = _relative(m, text, reference)
            found.append(parsed)
        _check_gap(text[pos:])
        if not found:
            raise _Error("no date or time found")
    except _Error as error:
        raise ValueError(f"cannot parse date {text!r}: {error}") from None
    return tuple(found)


def parse_date_detailed(text: str, reference: datetime | None = None) -> ParsedDate:
    """The first instant in ``text`` with its zone, relativity and fixes.

    >>> p = parse_date_detailed("2021-02-25 18:20:00")
    >>> p.instant.isoformat(), p.zone_name, [f.rule for f in p.fixes]
    ('2021-02-25T11:20:00+00:00', 'WIB', ['date_zone_assumed'])
    """
    return parse_all_detailed(text, reference)[0]


def parse_datetime(text: str, reference: datetime | None = None) -> datetime:
    """The first instant in ``text``, aware, in UTC.

    >>> parse_datetime("Kamis, 25 Februari 2021 18:20 WIB").isoformat()
    '2021-02-25T11:20:00+00:00'
    >>> parse_datetime("15 jam yang lalu", reference=datetime(2021, 2, 26, 2, 0, tzinfo=timezone.utc)).isoformat()
    '2021-02-25T11:00:00+00:00'
    """
    return parse_all_detailed(text, reference)[0].instant


def parse_datetimes(text: str, reference: datetime | None = None) -> list[datetime]:
    """Every instant in ``text`` in order, aware, in UTC."""
    return [parsed.instant for parsed in parse_all_detailed(text, reference)]
