"""The publication date a page shows, cross-checked with the dates its metas claim.

Readers see a stamp (``Kamis, 5 November 2015 14:56 WIB``); the head claims
instants (JSON-LD ``datePublished``, ``article:published_time``, ``pubdate``).
The metas lie in the wild, in known ways, which are corrected and recorded:

* a malformed time, ``2015-06-16T14-05-11Z`` or ``2015-11-05 T10:08:58Z``;
* a zone doubled, ``2021-02-25T18:20:00+07:00Z``;
* a ``Z`` (or ``+00:00``) on what is the local clock: the page shows the same
  date and minute in WIB, so the meta's clock is WIB too;
* epoch milliseconds, ``1670653196000``.

The page's stamp wins; a meta that agrees with it to the minute supplies the
seconds the page does not print. A page that prints no date is dated by its
metas alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from functools import cached_property

from lxml import etree

from govnews.cleaning.dates import WIB, ParsedDate, parse_date_detailed
from govnews.extraction.stamps import VisibleStamp, find_visible_stamp

__all__ = ["DateFindings", "VisibleStamp", "find_visible_stamp", "read_dates", "repair_meta_date"]

_EPOCH = re.compile(r"\d{10}(?:\d{3})?")
_SPACE_BEFORE_T = re.compile(r"(\d{4}-\d{2}-\d{2})\s+T")
_HYPHEN_TIME = re.compile(r"(\d{4}-\d{2}-\d{2}T)(\d{2})-(\d{2})(?:-(\d{2}))?")
_OFFSET_THEN_Z = re.compile(r"([+-]\d{2}:?\d{2})Z$")
_SLASHED_DATE = re.compile(r"(\d{4})/(\d{2})/(\d{2})")


def repair_meta_date(value: str) -> tuple[str, list[str]]:
    """A meta's date with its known malformations repaired, and what was repaired.

    >>> repair_meta_date("2015-06-16T14-05-11Z")
    ('2015-06-16T14:05:11Z', ['time written with hyphens'])
    >>> repair_meta_date("2015-11-05 T10:08:58Z")[0], repair_meta_date("2021-02-25T18:20:00+07:00Z")[0]
    ('2015-11-05T10:08:58Z', '2021-02-25T18:20:00+07:00')
    >>> repair_meta_date("1670653196000")[0], repair_meta_date("2022/12/10 13:19:56")[0]
    ('2022-12-10T06:19:56+00:00', '2022-12-10 13:19:56')
    """
    text = value.strip()
    problems: list[str] = []
    if _EPOCH.fullmatch(text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return datetime.fromtimestamp(seconds, timezone.utc).isoformat(), ["epoch timestamp"]
    if m := _SPACE_BEFORE_T.match(text):
        text = m[1] + "T" + text[m.end() :]
        problems.append("space before T")
    if m := _HYPHEN_TIME.match(text):
        text = f"{m[1]}{m[2]}:{m[3]}" + (f":{m[4]}" if m[4] else "") + text[m.end() :]
        problems.append("time written with hyphens")
    if m := _OFFSET_THEN_Z.search(text):
        text = text[: m.end(1)]
        problems.append("offset followed by Z")
    if m := _SLASHED_DATE.match(text):
        text = f"{m[1]}-{m[2]}-{m[3]}" + text[m.end() :]
    return text, problems




@dataclass(frozen=True)
class DateFindings:
    """The stamp shown (``date_raw``), the structured instant (``structured_date``,
    corrected), the modified instant, and what was corrected (``warnings``)."""

    date_raw: str | None
    structured_date: str | None
    structured_modified: str | None
    warnings: list[str]

    @cached_property
    def published(self) -> datetime | None:
        """The publication instant, aware, in the page's own zone."""
        return published_instant(self.date_raw, self.structured_date)


def _meta_instants(values: list[tuple[str, str]], warnings: list[str],
                   parsed_values: dict[str, ParsedDate | None]) -> list[tuple[str, ParsedDate]]:  # fmt: skip
    """Each meta's instant; ``parsed_values`` keeps the parses of the page (its metas
    repeat one value: JSON-LD, article:published_time, pubdate...)."""
    out: list[tuple[str, ParsedDate]] = []
    for source, value in values:
        repaired, problems = repair_meta_date(value)
        if repaired not in parsed_values:
            try:
                parsed_values[repaired] = parse_date_detailed(repaired)
            except ValueError:
                parsed_values[repaired] = None
        parsed = parsed_values[repaired]
        if parsed is None:
            warnings.append(f"{source} date {value!r} is unreadable")
            continue
        if problems:
            warnings.append(f"{source} date {value!r} repaired: {', '.join(problems)}")
        out.append((source, parsed))
    return out


def _same_clock(a: datetime, b: datetime) -> bool:
    return a.replace(tzinfo=None, second=0, microsecond=0) == b.replace(tzinfo=None, second=0, microsecond=0)


def _relabel(source: str, parsed: ParsedDate, zone: timezone, warnings: list[str]) -> datetime:
    local = parsed.local.replace(tzinfo=zone)
    warnings.append(f"{source} date says UTC for the local clock time; read as {local.isoformat()}")
    return local


def _corrected(metas: list[tuple[str, ParsedDate]], shown: ParsedDate | None,
               warnings: list[str]) -> list[tuple[str, datetime]]:  # fmt: skip
    """Each meta instant, a UTC label on a local clock relabelled."""
    offsets = [p.local for _, p in metas if p.local.utcoffset() != timedelta(0)]
    out: list[tuple[str, datetime]] = []
    for source, parsed in metas:
        local = parsed.local
        if local.utcoffset() == timedelta(0):
            if shown is not None and shown.local.utcoffset() != timedelta(0) and _same_clock(local, shown.local):
                local = _relabel(source, parsed, shown.local.tzinfo, warnings)  # type: ignore[arg-type]
            elif shown is None and (twin := next((o for o in offsets if _same_clock(o, local)), None)):
                local = _relabel(source, parsed, twin.tzinfo, warnings)  # type: ignore[arg-type]
        out.append((source, local))
    return out


def _agrees(local: datetime, stamp: VisibleStamp) -> bool:
    """Same minute as the stamp in its zone (same day when it prints no time)."""
    in_zone = local.astimezone(stamp.parsed.local.tzinfo)
    if stamp.has_time:
        return _same_clock(in_zone, stamp.parsed.local)
    return in_zone.date() == stamp.parsed.local.date()


def _pick_stamp(stamps: list[VisibleStamp], metas: list[tuple[str, datetime]]) -> VisibleStamp | None:
    # A stamp on the day a meta names beats a better-placed one ("dateCreated" vouches for nothing).
    meta_days = {local.date() for source, local in metas if "created" not in source}
    best = max(stamps, key=lambda s: s.score + (4 if s.parsed.local.date() in meta_days else 0), default=None)
    if best is not None and not best.has_time:
        # A bare date is often the site's "today" bar; the same day with a time is the article's.
        day = best.parsed.local.date()
        best = next((s for s in stamps if s.has_time and s.parsed.local.date() == day), best)
    return best


def read_dates(
    root: etree._Element,
    published: list[tuple[str, str]],
    modified: list[tuple[str, str]],
    headline_node: etree._Element | None = None,
) -> DateFindings:
    """The page's stamp and its metas' instants, cross-checked."""
    warnings: list[str] = []
    parsed_values: dict[str, ParsedDate | None] = {}
    metas = _meta_instants(published, warnings, parsed_values)
    best = _pick_stamp(find_visible_stamp(root, headline_node), _corrected(metas, None, []))
    corrected = _corrected(metas, best.parsed if best else None, warnings)
    structured: datetime | None = None
    if corrected and best is not None:
        agreeing = [local for _, local in corrected if _agrees(local, best)]
        structured = agreeing[0] if agreeing else corrected[0][1]
        if not agreeing:
            warnings.append(f"structured date {structured.isoformat()} disagrees with the page's {best.raw!r}")
    elif corrected:
        structured = next((local for _, local in corrected if local.utcoffset() != timedelta(0)), corrected[0][1])
    mod = _corrected(_meta_instants(modified, [], parsed_values), best.parsed if best else None, [])
    return DateFindings(
        date_raw=best.raw if best else None,
        structured_date=structured.isoformat() if structured else None,
        structured_modified=mod[0][1].isoformat() if mod else None,
        warnings=warnings,
    )


def published_instant(date_raw: str | None, structured_date: str | None) -> datetime | None:
    """The publication instant: the stamp shown, with the structured seconds when
    they agree to the minute; the structured instant (in WIB if it is UTC) when
    the page shows none.

    >>> published_instant("Sabtu, 10 Des 2022 13:19 WIB", "2022-12-10T13:19:56+07:00").isoformat()
    '2022-12-10T13:19:56+07:00'
    >>> published_instant("Sabtu, 10 Des 2022 13:19 WIB", "2022-12-09T08:00:00+07:00").isoformat()
    '2022-12-10T13:19:00+07:00'
    >>> published_instant(None, "2021-09-30T05:00:35Z").isoformat()
    '2021-09-30T12:00:35+07:00'
    """
    shown: ParsedDate | None = None
    if date_raw:
        try:
            shown = parse_date_detailed(date_raw)
        except ValueError:
            shown = None
    structured: datetime | None = None
    if structured_date:
        try:
            structured = parse_date_detailed(structured_date).local
        except ValueError:
            structured = None
    if shown is None:
        if structured is None:
            return None
        return structured.astimezone(WIB) if structured.utcoffset() == timedelta(0) else structured
    if structured is not None:
        in_zone = structured.astimezone(shown.local.tzinfo)
        has_time = not any(f.rule == "date_time_missing" for f in shown.fixes)
        if (has_time and _same_clock(in_zone, shown.local)) or (not has_time and in_zone.date() == shown.local.date()):
            return in_zone
    return shown.local
