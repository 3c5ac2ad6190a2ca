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
from govnews.extraction.tree import visible_text

__all__ = ["DateFindings", "VisibleStamp", "find_visible_stamp", "read_dates", "repair_meta_date"]

# Possessive: giving letters back never helps, a month word is followed by a dot or a space.
_MONTH_WORD = r"[A-Za-z]{3,9}+\.?"
_DAY_WORDS = (
    r"(?i:senin|selasa|rabu|kamis|jum['’`]?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|mon|tues?|wed|thu(?:rs)?|fri|sat|sun)"
)
_STAMP = re.compile(
    # The lookaheads say only what a match starts with (a word character; a day's first
    # letter, with the two characters that ignoring case also reads as s and k), so the
    # engine gives up on most positions sooner: the matches are the same.
    rf"""(?=\w)(?:(?<![\w])(?=[SsRrKkJjMmAaTtWwFf\u017f\u212a])(?:{_DAY_WORDS})\.?,?\s+)?
    (?:\d{{1,2}}(?:\s+|\s*-\s*){_MONTH_WORD},?(?:\s+|\s*-\s*)\d{{4}}
     | \d{{1,2}}[/.-]\d{{1,2}}[/.-](?:\d{{4}}|\d{{2}})
     | {_MONTH_WORD}\s+\d{{1,2}},?\s+\d{{4}}
     | \d{{4}}-\d{{2}}-\d{{2}})(?!\d)
    (?:\s*[,|–—-]?\s*(?:(?:pukul|pkl\.?|jam|at)\s*)?\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}})?(?!\d)
       (?:\s*[AaPp]\.?[Mm]\.?(?!\w))?
       (?:\s*(?:(?i:WITA|WIB|WIT)|(?:GMT|UTC)\s*[+-]\s*\d{{1,2}}(?::?\d{{2}})?|[+-]\d{{2}}:?\d{{2}}|UTC|GMT)(?!\w))?)?""",
    re.VERBOSE,
)
# A clock time ("9:05") or a year of 19xx/20xx: ``\d{1,2}[:.]\d{2}|(?:19|20)\d{2}``
# written to start at a digit, which the regex engine scans for four times faster
# (it runs on every text node of the page).
_QUICK = re.compile(r"[0-9](?:[:.][0-9]{2}|(?<=1)9[0-9]{2}|(?<=2)0[0-9]{2})")
_SPACES = re.compile(r"\s+")
_SKIP_TAGS = {"script", "style", "noscript", "option", "select", "textarea", "head", "title", "template"}
_HINT = re.compile(r"date|time|tanggal|tgl|waktu|publish|posted|updated|byline|meta", re.I)
_AWAY = re.compile(
    r"related|terkait|populer|popular|sidebar|footer|comment|komentar|widget|list|recommend|lainnya|baca|"
    r"terbaru|latest|trending|headline-list|box_news|rekomendasi|indeks",
    re.I,
)
_MODIFIED_LABEL = re.compile(r"diperbarui|update|modified|diubah|edited", re.I)
_MAX_TEXT = 220
_CAPTION_TAGS = frozenset({"figcaption", "figure", "caption"})


def _told_in_text(text: str, start: int, end: int) -> bool:
    """Whether a date sits in parentheses, as prose writes the day of an event.

    >>> _told_in_text("rapat, Senin (1/3/2021).", 14, 22), _told_in_text("Senin, 1/3/2021 10:00 WIB", 7, 25)
    (True, False)
    """
    before = text[:start].rstrip()
    return before.endswith("(") and text[end:].lstrip().startswith(")")


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
    if re.fullmatch(r"\d{10}(?:\d{3})?", text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return datetime.fromtimestamp(seconds, timezone.utc).isoformat(), ["epoch timestamp"]
    if m := re.match(r"(\d{4}-\d{2}-\d{2})\s+T", text):
        text = m[1] + "T" + text[m.end() :]
        problems.append("space before T")
    if m := re.match(r"(\d{4}-\d{2}-\d{2}T)(\d{2})-(\d{2})(?:-(\d{2}))?", text):
        text = f"{m[1]}{m[2]}:{m[3]}" + (f":{m[4]}" if m[4] else "") + text[m.end() :]
        problems.append("time written with hyphens")
    if m := re.search(r"([+-]\d{2}:?\d{2})Z$", text):
        text = text[: m.end(1)]
        problems.append("offset followed by Z")
    if m := re.match(r"(\d{4})/(\d{2})/(\d{2})", text):
        text = f"{m[1]}-{m[2]}-{m[3]}" + text[m.end() :]
    return text, problems


@dataclass(frozen=True)
class VisibleStamp:
    """A date printed on the page: as printed, parsed, and where it sits."""

    raw: str
    parsed: ParsedDate
    has_time: bool
    score: float


# Every text node of the body: testing each in Python for a digit is cheaper than
# an XPath ``ancestor::`` predicate (or string tests) on each; only the few with
# a date-like run have their ancestors looked at.
_BODY_TEXT = etree.XPath("//body//text()")
_UNSEEN_TAGS = frozenset({"script", "style", "noscript", "select", "textarea", "template"})
# Document order of one element; asked for a few stamps a page, cheaper than numbering all elements.
_ORDER = etree.XPath("count(preceding::*) + count(ancestor::*)")


def _attrs(element: etree._Element) -> str:
    return " ".join(str(element.get(a) or "") for a in ("class", "id", "itemprop"))


def _parse_span(span: str) -> ParsedDate | None:
    """The span's instant; a leading word the parser rejects is dropped."""
    for candidate in (span, re.sub(r"^[A-Za-z'’`.]+,?\s+", "", span)):
        try:
            return parse_date_detailed(candidate)
        except ValueError:
            continue
    return None


class _Marks:
    """What an element's class/id/itemprop says (a date, or a box away from the
    story), each read once per page: stamps share their ancestors."""

    def __init__(self) -> None:
        self._hint: dict[etree._Element, bool] = {}
        self._away: dict[etree._Element, bool] = {}

    def hint(self, element: etree._Element) -> bool:
        if (found := self._hint.get(element)) is None:
            found = self._hint[element] = bool(_HINT.search(_attrs(element)))
        return found

    def away(self, element: etree._Element) -> bool:
        if (found := self._away.get(element)) is None:
            found = self._away[element] = bool(_AWAY.search(_attrs(element)))
        return found


def _score(element: etree._Element, marks: _Marks, position: int | None, anchor: int | None, text: str,
           span_start: int) -> float:  # fmt: skip
    score = 0.0
    ancestors = list(element.iterancestors())
    chain = [element, *ancestors[:3]]
    if any(marks.hint(e) for e in chain):
        score += 3
    if any(e.tag == "time" or e.get("datetime") or e.get("itemprop") == "datePublished" for e in chain):
        score += 2
    if any(e.tag == "a" for e in ancestors) or element.tag == "a":
        score -= 3
    if any(marks.away(e) for e in ancestors if e.tag not in {"html", "body"}):
        score -= 3
    if _MODIFIED_LABEL.search(text[:span_start]):
        score -= 2
    if anchor is not None:
        score -= min(abs((position or 0) - anchor) / 150, 4.0)
    return score




def find_visible_stamp(root: etree._Element, headline_node: etree._Element | None = None) -> list[VisibleStamp]:
    """Dates printed in the page body, best first (near the headline, labelled as a date)."""
    # Each host with its ancestors, listed once: the steps below all climb them.
    hosts: dict[etree._Element, list[etree._Element]] = {}
    for node in _BODY_TEXT(root):
        if len(node) <= _MAX_TEXT and _QUICK.search(node):
            parent = node.getparent()
            host = parent.getparent() if node.is_tail else parent
            if host in hosts:
                continue
            ancestors = list(host.iterancestors())
            # The text's ancestors are the host and the host's ancestors.
            if host.tag not in _UNSEEN_TAGS and not any(e.tag in _UNSEEN_TAGS for e in ancestors):
                hosts[host] = ancestors
    seen: dict[etree._Element, tuple[str, list[tuple[str, int]]]] = {}
    # An element's text holds its children's, so an element too long to be a stamp
    # has ancestors too long as well: each is measured at most once for the page.
    too_long: set[etree._Element] = set()
    spans_of: dict[str, list[tuple[str, int]]] = {}
    depth: dict[etree._Element, int] = {}
    for host, ancestors in hosts.items():
        if host.tag in _CAPTION_TAGS or any(e.tag in _CAPTION_TAGS for e in ancestors):
            continue  # a photo's caption dates the photo
        for level, element in enumerate([host, *ancestors[:3]]):
            if element in seen or element.tag in {"body", "html"}:
                continue
            if element in too_long:
                break
            text = visible_text(element, _MAX_TEXT)
            if text is None:
                too_long.add(element)
                too_long.update(element.iterancestors())
                break
            if (spans := spans_of.get(text)) is None:
                # "Senin (1/3/2021)" is a date the story tells, not the one it was published.
                spans = spans_of[text] = [(m.group().strip(" ,|"), m.start()) for m in _STAMP.finditer(text)
                                          if m.group().strip() and not _told_in_text(text, m.start(), m.end())]
            seen[element] = (text, spans)
            depth[element] = len(ancestors) - level
    # A block and its only child show the same text and stamp: each is read once.
    parsed_spans: dict[str, ParsedDate | None] = {}
    marks = _Marks()
    anchor = int(_ORDER(headline_node)) if headline_node is not None else None
    positions: dict[etree._Element, int] = {}
    found: list[VisibleStamp] = []
    claimed: dict[str, list[etree._Element]] = {}
    # Deepest first: an ancestor repeating its child's stamp adds nothing.
    for element in sorted(seen, key=lambda e: -depth[e]):
        text, spans = seen[element]
        for span, start in spans:
            if span not in parsed_spans:
                parsed_spans[span] = _parse_span(span)
            parsed = parsed_spans[span]
            if parsed is None:
                continue
            owners = claimed.setdefault(parsed.raw, [])
            if any(element in owner.iterancestors() for owner in owners):
                continue
            owners.append(element)
            if anchor is not None and element not in positions:
                positions[element] = int(_ORDER(element))
            has_time = not any(f.rule == "date_time_missing" for f in parsed.fixes)
            rest = (text[:start] + text[start + len(span) :]).strip(" ,|")
            # A lone preposition ("on 3 Jun 2021 at ...") is part of the stamp; a label or site name is not.
            raw = text if re.fullmatch(r"(?i:on|at|pada)?", rest) else span
            position = positions.get(element)
            score = _score(element, marks, position, anchor, text, start) + (1.0 if has_time else 0.0)
            found.append(VisibleStamp(raw, parsed, has_time, score))
    return sorted(found, key=lambda s: -s.score)


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


def _meta_instants(values: list[tuple[str, str]], warnings: list[str]) -> list[tuple[str, ParsedDate]]:
    out: list[tuple[str, ParsedDate]] = []
    for source, value in values:
        repaired, problems = repair_meta_date(value)
        try:
            parsed = parse_date_detailed(repaired)
        except ValueError:
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
    metas = _meta_instants(published, warnings)
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
    mod = _corrected(_meta_instants(modified, []), best.parsed if best else None, [])
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
