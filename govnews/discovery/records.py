"""What discovery returns: entries to triage, child documents to follow, and the XML reader they share.

Every date is read once here into an aware UTC ``datetime``; ``ListingEntry.time_raw``
then carries that instant in ISO 8601, which ``govnews.cleaning.dates`` always
reads, so the incremental triage needs no second parser.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from html.entities import html5
from typing import Literal

from lxml import etree

from govnews.cleaning.dates import parse_date_detailed
from govnews.records import ListingEntry

EntryKind = Literal["sitemap", "news", "feed"]
DocumentKind = Literal["robots", "sitemap_index", "urlset", "news_sitemap", "rss", "atom", "html", "unknown"]

# The sitemap protocol caps a file at 50 MB uncompressed; more is a bomb or a mistake.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
_LAST_SECOND_OF_DAY = timedelta(days=1, seconds=-1)
_GZIP_MAGIC = b"\x1f\x8b"
_BOMS = (b"\xef\xbb\xbf",)
_NAMED_REFERENCE = re.compile(rb"&([A-Za-z][A-Za-z0-9]{1,31});")
_XML_PREDEFINED = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})


@dataclass(frozen=True)
class DiscoveredEntry:
    """One article URL named by a sitemap, a news sitemap or a feed.

    ``published`` is the publication instant the document states (news sitemap
    ``publication_date``, feed ``pubDate``/``published``), ``lastmod`` the last
    change (sitemap ``lastmod``, Atom ``updated``); both aware UTC or ``None``.
    """

    url: str
    kind: EntryKind
    title: str = ""
    published: datetime | None = None
    lastmod: datetime | None = None
    published_raw: str | None = None
    language: str | None = None
    publication: str | None = None
    categories: tuple[str, ...] = ()

    @property
    def when(self) -> datetime | None:
        """The instant to triage by: publication, else last change (never older than publication)."""
        return self.published or self.lastmod

    def listing_entry(self, position: int) -> ListingEntry:
        """This entry as the listing record the incremental triage reads.

        >>> e = DiscoveredEntry("https://a.test/x", "feed", "Judul", published=datetime(2021, 3, 1, 2, tzinfo=timezone.utc))
        >>> e.listing_entry(1)
        ListingEntry(position=1, url='https://a.test/x', headline='Judul', section=None, time_raw='2021-03-01T02:00:00+00:00')
        """
        when = self.when
        section = self.categories[0] if self.categories else None
        return ListingEntry(position=position, url=self.url, headline=self.title, section=section,
                            time_raw=when.isoformat() if when else None)


@dataclass(frozen=True)
class ChildDocument:
    """A document to fetch next: a child sitemap of an index, a sitemap named in robots.txt, a feed an HTML page links."""

    url: str
    kind: Literal["sitemap", "feed"]
    lastmod: datetime | None = None


@dataclass(frozen=True)
class Discovery:
    """What one fetched document yields."""

    kind: DocumentKind
    entries: tuple[DiscoveredEntry, ...] = ()
    follow: tuple[ChildDocument, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def listing_entries(self) -> list[ListingEntry]:
        """The entries as ``ListingEntry`` records, positions from 1 in document order."""
        return [entry.listing_entry(position) for position, entry in enumerate(self.entries, start=1)]


def parse_instant(text: str | None) -> tuple[datetime | None, str | None]:
    """An ISO 8601 (W3C datetime) or RFC 822 date as aware UTC, or a warning why not.

    A stamp without a zone is read by the Indonesian parser's rule (WIB), as on
    the pages. A bare day (``2021-03-01``, common in ``lastmod``) reads as its
    last second in WIB: an upper bound, so that a triage by date never takes a
    page of that day for older than it is.

    >>> parse_instant("2021-03-01T09:15:00+07:00")
    (datetime.datetime(2021, 3, 1, 2, 15, tzinfo=datetime.timezone.utc), None)
    >>> parse_instant("Mon, 01 Mar 2021 09:15:00 +0700")[0].isoformat()
    '2021-03-01T02:15:00+00:00'
    >>> parse_instant("2021-03-01")[0].isoformat()
    '2021-03-01T16:59:59+00:00'
    >>> parse_instant("kemarin sore")
    (None, "unreadable date 'kemarin sore'")
    """
    if text is None or not text.strip():
        return None, None
    raw = " ".join(text.split())
    if "T" in raw:
        # The W3C form sitemaps and Atom use: read directly, about 20x faster than the general parser.
        try:
            moment = datetime.fromisoformat(raw)
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                # Whole seconds, as the general parser gives them.
                return moment.astimezone(timezone.utc).replace(microsecond=0), None
    try:
        parsed = parse_date_detailed(raw)
    except ValueError:
        pass
    else:
        if any(fix.rule == "date_time_missing" for fix in parsed.fixes):
            return (parsed.local + _LAST_SECOND_OF_DAY).astimezone(timezone.utc), None
        return parsed.instant.astimezone(timezone.utc), None
    try:
        # RFC 822 zone names (EST, UT, military letters) that the Indonesian parser refuses.
        moment = parsedate_to_datetime(raw)
    except (TypeError, ValueError, IndexError):
        return None, f"unreadable date {raw!r}"
    if moment.tzinfo is None:
        return None, f"date without a zone {raw!r}"
    return moment.astimezone(timezone.utc), None


def gunzip_if_needed(body: bytes, limit: int = MAX_DOCUMENT_BYTES) -> bytes:
    """The body, decompressed when it is gzip data (a ``.xml.gz`` sitemap served as is).

    Decompression stops at ``limit`` bytes, so a gzip bomb costs at most that.

    >>> import gzip; gunzip_if_needed(gzip.compress(b"<urlset/>"))
    b'<urlset/>'
    """
    if not body.startswith(_GZIP_MAGIC):
        return body
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, limit + 1)
    except zlib.error as error:
        raise ValueError(f"corrupt gzip data: {error}") from None
    if len(data) > limit:
        raise ValueError(f"document larger than {limit} bytes once decompressed")
    return data


def strip_prolog_noise(body: bytes) -> bytes:
    """Without a byte-order mark or whitespace before ``<?xml``, which make lxml refuse the declaration."""
    for bom in _BOMS:
        if body.startswith(bom):
            body = body[len(bom):]
    return body.lstrip()


def _html_reference_as_number(match: re.Match[bytes]) -> bytes:
    name = match[1]
    character = None if name in _XML_PREDEFINED else html5.get(name.decode("ascii") + ";")
    if character is None:
        return match[0]
    return b"".join(b"&#%d;" % ord(char) for char in character)


def numeric_html_references(data: bytes) -> bytes:
    """HTML named references (``&nbsp;``, ``&eacute;``) as numeric ones, which XML knows without a DTD.

    Feeds copy them from their HTML; left named, libxml2's recovery drops the text around them.

    >>> numeric_html_references(b"Satu&nbsp;dua &amp; tiga &undeclared;")
    b'Satu&#160;dua &amp; tiga &undeclared;'
    """
    if b"&" not in data:
        return data
    return _NAMED_REFERENCE.sub(_html_reference_as_number, data)


def safe_xml_parser() -> etree.XMLParser:
    """An lxml parser that resolves no entity, reads no DTD, touches no network, caps tree depth and size."""
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, recover=True, remove_comments=True, remove_pis=True)


def parse_xml(body: bytes) -> etree._Element | None:
    """The root element of an XML document (gzip, BOM and leading blanks tolerated), or ``None``."""
    try:
        data = numeric_html_references(strip_prolog_noise(gunzip_if_needed(body)))
    except ValueError:
        return None
    if not data:
        return None
    try:
        root = etree.fromstring(data, parser=safe_xml_parser())
    except etree.XMLSyntaxError:
        return None
    return root


def local_name(element: etree._Element) -> str:
    """The tag without its namespace, lower-cased: sites spell news namespaces many ways."""
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].lower()


def children_named(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if local_name(child) == name]


def first_children(element: etree._Element) -> dict[str, etree._Element]:
    """Each child local name's first element: one pass over the children instead of one per name."""
    found: dict[str, etree._Element] = {}
    for child in element:
        found.setdefault(local_name(child), child)
    return found


def child_text(element: etree._Element, *path: str) -> str | None:
    """The stripped text of the first descendant along ``path`` of local names, or ``None``."""
    current: etree._Element | None = element
    for name in path:
        current = first_children(current).get(name) if current is not None else None
    if current is None:
        return None
    return element_text(current) or None


def element_text(element: etree._Element) -> str:
    """The stripped text of an element and its descendants, without entity references left unresolved.

    An entity the document declares stays unexpanded (the parser resolves none,
    so no external file or entity bomb is ever read); its name is not text.
    """
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts).strip()
