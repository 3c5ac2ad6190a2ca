"""The publication stamp a page prints (``Kamis, 5 November 2015 14:56 WIB``), found
in its body: every short text with a clock time or a year, the block around it
and up to three of its ancestors, scored by where they sit (near the headline,
labelled as a date, away from related-article lists and links).

Found in one pass over the body's text nodes, each tested in Python for a digit,
not an XPath ``ancestor::`` test on each; the ancestors of the few that pass are
listed once, and each element's text and stamps are read at most once a page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from govnews.cleaning.dates import ParsedDate, parse_date_detailed
from govnews.extraction.tree import visible_text

__all__ = ["VisibleStamp", "find_visible_stamp"]

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
_HINT = re.compile(r"date|time|tanggal|tgl|waktu|publish|posted|updated|byline|meta", re.I)
_AWAY = re.compile(
    r"related|terkait|populer|popular|sidebar|footer|comment|komentar|widget|list|recommend|lainnya|baca|"
    r"terbaru|latest|trending|headline-list|box_news|rekomendasi|indeks",
    re.I,
)
_MODIFIED_LABEL = re.compile(r"diperbarui|update|modified|diubah|edited", re.I)
_MAX_TEXT = 220
_CAPTION_TAGS = frozenset({"figcaption", "figure", "caption"})
_LEADING_WORD = re.compile(r"^[A-Za-z'’`.]+,?\s+")
_PREPOSITION = re.compile(r"(?i:on|at|pada)?")


def _told_in_text(text: str, start: int, end: int) -> bool:
    """Whether a date sits in parentheses, as prose writes the day of an event.

    >>> _told_in_text("rapat, Senin (1/3/2021).", 14, 22), _told_in_text("Senin, 1/3/2021 10:00 WIB", 7, 25)
    (True, False)
    """
    before = text[:start].rstrip()
    return before.endswith("(") and text[end:].lstrip().startswith(")")


@dataclass(frozen=True)
class VisibleStamp:
    """A date printed on the page: as printed, parsed, and where it sits."""

    raw: str
    parsed: ParsedDate
    has_time: bool
    score: float


# The body's text nodes, but those of white space alone (three in four: the markup's
# indentation), which hold no digit. Testing each in Python for a date-like run is
# cheaper than an XPath ``ancestor::`` predicate or a string test on each (3x);
# only the few that pass have their ancestors looked at.
_BODY_TEXT = etree.XPath("//body//text()[normalize-space()]")
_UNSEEN_TAGS = frozenset({"script", "style", "noscript", "select", "textarea", "template"})
# Document order of one element; asked for a few stamps a page, cheaper than numbering all elements.
_ORDER = etree.XPath("count(preceding::*) + count(ancestor::*)")


def _attrs(element: etree._Element) -> str:
    return " ".join(str(element.get(a) or "") for a in ("class", "id", "itemprop"))


def _parse_span(span: str) -> ParsedDate | None:
    """The span's instant; a leading word the parser rejects is dropped."""
    for candidate in (span, _LEADING_WORD.sub("", span)):
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


def _score(element: etree._Element, ancestors: list[etree._Element], marks: _Marks, position: int | None,
           anchor: int | None, text: str, span_start: int) -> float:  # fmt: skip
    score = 0.0
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
    # Each element's ancestors: a host's, or the tail of its host's list.
    ancestors_of: dict[etree._Element, list[etree._Element]] = {}
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
            ancestors_of[element] = ancestors[level:]
    # A block and its only child show the same text and stamp: each is read once.
    parsed_spans: dict[str, ParsedDate | None] = {}
    marks = _Marks()
    anchor = int(_ORDER(headline_node)) if headline_node is not None else None
    positions: dict[etree._Element, int] = {}
    found: list[VisibleStamp] = []
    claimed: dict[str, list[etree._Element]] = {}
    # Deepest first: an ancestor repeating its child's stamp adds nothing.
    for element in sorted(seen, key=lambda e: -len(ancestors_of[e])):
        text, spans = seen[element]
        for span, start in spans:
            if span not in parsed_spans:
                parsed_spans[span] = _parse_span(span)
            parsed = parsed_spans[span]
            if parsed is None:
                continue
            owners = claimed.setdefault(parsed.raw, [])
            if any(element in ancestors_of[owner] for owner in owners):
                continue
            owners.append(element)
            if anchor is not None and element not in positions:
                positions[element] = int(_ORDER(element))
            has_time = not any(f.rule == "date_time_missing" for f in parsed.fixes)
            rest = (text[:start] + text[start + len(span) :]).strip(" ,|")
            # A lone preposition ("on 3 Jun 2021 at ...") is part of the stamp; a label or site name is not.
            raw = text if _PREPOSITION.fullmatch(rest) else span
            position = positions.get(element)
            score = _score(element, ancestors_of[element], marks, position, anchor, text, start) + (1.0 if has_time else 0.0)
            found.append(VisibleStamp(raw, parsed, has_time, score))
    return sorted(found, key=lambda s: -s.score)
