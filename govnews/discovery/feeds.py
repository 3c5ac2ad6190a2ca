"""RSS 2.0, RSS 1.0 (RDF) and Atom feeds, read into discovery records.

Read with lxml by local name, like the sitemaps, through the same entity-free
parser. Titles are plain text: markup that some feeds put in them (``type="html"``,
an escaped ``<b>``) is reduced to its text.
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urljoin

from lxml import etree, html

from govnews.discovery.records import (
    DiscoveredEntry,
    Discovery,
    child_text,
    children_named,
    element_text,
    local_name,
    parse_instant,
    parse_xml,
)
from govnews.urls import is_http_url


def _plain(text: str | None) -> str:
    if not text:
        return ""
    if "<" in text:
        try:
            text = html.fragment_fromstring(text, create_parent="div").text_content()
        except etree.ParserError:
            pass
    return " ".join(text.split())


def _dated(element: etree._Element, names: tuple[str, ...], url: str,
           warnings: list[str]) -> tuple[str | None, datetime | None]:
    """The first of ``names`` present, raw and parsed (``None`` when unreadable, with a warning)."""
    for name in names:
        raw = child_text(element, name)
        if raw:
            moment, warning = parse_instant(raw)
            if warning:
                warnings.append(f"{url}: {name}: {warning}")
            return raw, moment
    return None, None


def _rss_item(item: etree._Element, base_url: str, warnings: list[str]) -> DiscoveredEntry | None:
    link = child_text(item, "link")
    if not link:
        # A guid is the permalink unless it says otherwise (isPermaLink defaults to true).
        guids = children_named(item, "guid")
        if guids and guids[0].get("isPermaLink", "true").lower() != "false":
            link = child_text(item, "guid")
    url = urljoin(base_url, link.strip()) if link else None
    if url is None or not is_http_url(url):
        warnings.append("feed item without a usable <link>")
        return None
    raw, published = _dated(item, ("pubdate", "date", "published"), url, warnings)
    categories = tuple(text for element in children_named(item, "category")
                       if (text := _plain(element_text(element))))
    return DiscoveredEntry(url=url, kind="feed", title=_plain(child_text(item, "title")),
                           published=published, published_raw=raw, categories=categories)


def _atom_link(entry: etree._Element) -> str | None:
    links = children_named(entry, "link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href")
    return None


def _atom_entry(entry: etree._Element, base_url: str, warnings: list[str]) -> DiscoveredEntry | None:
    href = _atom_link(entry)
    url = urljoin(base_url, href.strip()) if href else None
    if url is None or not is_http_url(url):
        warnings.append("feed entry without a usable alternate <link>")
        return None
    raw, published = _dated(entry, ("published", "issued"), url, warnings)
    _, updated = _dated(entry, ("updated", "modified"), url, warnings)
    categories = tuple(term for element in children_named(entry, "category")
                       if (term := (element.get("label") or element.get("term") or "").strip()))
    return DiscoveredEntry(url=url, kind="feed", title=_plain(child_text(entry, "title")), published=published,
                           lastmod=updated, published_raw=raw, categories=categories)


def parse_feed(body: bytes, base_url: str) -> Discovery:
    """The items of an RSS or Atom feed, in feed order.

    >>> d = parse_feed(b'''<rss version="2.0"><channel><title>Kabar</title><item><title>Judul</title>
    ...   <link>https://kabar.test/a</link><pubDate>Mon, 01 Mar 2021 09:15:00 +0700</pubDate>
    ...   <category>Daerah</category></item></channel></rss>''', "https://kabar.test/feed/")
    >>> d.kind, d.entries[0].url, d.entries[0].published.isoformat(), d.entries[0].categories
    ('rss', 'https://kabar.test/a', '2021-03-01T02:15:00+00:00', ('Daerah',))
    """
    root = parse_xml(body)
    if root is None:
        return Discovery(kind="unknown", warnings=("not a well-formed XML document",))
    name = local_name(root)
    warnings: list[str] = []
    if name == "feed":
        entries = [parsed for entry in children_named(root, "entry")
                   if (parsed := _atom_entry(entry, base_url, warnings)) is not None]
        return Discovery(kind="atom", entries=tuple(entries), warnings=tuple(warnings))
    if name in ("rss", "rdf"):
        # RSS 2.0 nests items in <channel>; RSS 1.0 puts them beside it.
        channels = children_named(root, "channel")
        items = [*children_named(root, "item"), *(item for channel in channels for item in children_named(channel, "item"))]
        entries = [parsed for item in items if (parsed := _rss_item(item, base_url, warnings)) is not None]
        return Discovery(kind="rss", entries=tuple(entries), warnings=tuple(warnings))
    return Discovery(kind="unknown", warnings=(f"root element <{name}> is not a feed",))
