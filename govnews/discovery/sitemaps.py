"""Sitemap indexes, urlsets and Google news sitemaps, read into discovery records.

Namespaces are matched by local name only: sites declare the sitemap and news
namespaces with old URIs, other prefixes, or none. A bad date or a ``<url>``
without ``<loc>`` is a warning, never an exception; unparseable XML is one
warning and no entries.
"""

from __future__ import annotations

from urllib.parse import urljoin

from lxml import etree

from govnews.discovery.records import (
    ChildDocument,
    DiscoveredEntry,
    Discovery,
    DocumentKind,
    child_text,
    children_named,
    element_text,
    first_children,
    local_name,
    parse_instant,
    parse_xml,
)
from govnews.urls import is_http_url


def _absolute(loc: str | None, base_url: str) -> str | None:
    if not loc:
        return None
    url = urljoin(base_url, loc.strip())
    return url if is_http_url(url) else None


def parse_sitemap_index(root: etree._Element, base_url: str) -> Discovery:
    """The child sitemaps of a ``<sitemapindex>``, with their ``lastmod`` where readable."""
    follow: list[ChildDocument] = []
    warnings: list[str] = []
    for sitemap in children_named(root, "sitemap"):
        url = _absolute(child_text(sitemap, "loc"), base_url)
        if url is None:
            warnings.append("sitemap index entry without a usable <loc>")
            continue
        lastmod, warning = parse_instant(child_text(sitemap, "lastmod"))
        if warning:
            warnings.append(f"{url}: lastmod: {warning}")
        follow.append(ChildDocument(url=url, kind="sitemap", lastmod=lastmod))
    return Discovery(kind="sitemap_index", follow=tuple(follow), warnings=tuple(warnings))


def _text(element: etree._Element | None) -> str | None:
    return (element_text(element) or None) if element is not None else None


def _url_entry(url_element: etree._Element, base_url: str, warnings: list[str]) -> DiscoveredEntry | None:
    children = first_children(url_element)
    url = _absolute(_text(children.get("loc")), base_url)
    if url is None:
        warnings.append("sitemap <url> without a usable <loc>")
        return None
    lastmod, warning = parse_instant(_text(children.get("lastmod")))
    if warning:
        warnings.append(f"{url}: lastmod: {warning}")
    block = children.get("news")
    if block is None:
        return DiscoveredEntry(url=url, kind="sitemap", lastmod=lastmod)
    published_raw = child_text(block, "publication_date")
    published, warning = parse_instant(published_raw)
    if warning:
        warnings.append(f"{url}: publication_date: {warning}")
    keywords = child_text(block, "keywords")
    return DiscoveredEntry(
        url=url, kind="news", title=child_text(block, "title") or "", published=published, lastmod=lastmod,
        published_raw=published_raw, language=child_text(block, "publication", "language"),
        publication=child_text(block, "publication", "name"),
        categories=tuple(word.strip() for word in (keywords or "").split(",") if word.strip()))


def parse_urlset(root: etree._Element, base_url: str) -> Discovery:
    """The pages of a ``<urlset>``; a ``<url>`` with a ``<news:news>`` block is a ``news`` entry.

    The document is a ``news_sitemap`` when any of its entries is news.
    """
    warnings: list[str] = []
    entries = [entry for element in children_named(root, "url")
               if (entry := _url_entry(element, base_url, warnings)) is not None]
    kind: DocumentKind = "news_sitemap" if any(entry.kind == "news" for entry in entries) else "urlset"
    return Discovery(kind=kind, entries=tuple(entries), warnings=tuple(warnings))


def parse_sitemap(body: bytes, base_url: str) -> Discovery:
    """Any sitemap document (index, urlset, news; plain or gzip bytes).

    >>> d = parse_sitemap(b'''<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
    ...   xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>/a</loc><news:news>
    ...   <news:publication><news:name>Kabar</news:name><news:language>id</news:language></news:publication>
    ...   <news:publication_date>2021-03-01T09:15:00+07:00</news:publication_date><news:title>Judul</news:title>
    ...   </news:news></url></urlset>''', "https://kabar.test/news.xml")
    >>> d.kind, d.entries[0].url, d.entries[0].title, d.entries[0].published.isoformat(), d.entries[0].language
    ('news_sitemap', 'https://kabar.test/a', 'Judul', '2021-03-01T02:15:00+00:00', 'id')
    """
    root = parse_xml(body)
    if root is None:
        return Discovery(kind="unknown", warnings=("not a well-formed XML document",))
    name = local_name(root)
    if name == "sitemapindex":
        return parse_sitemap_index(root, base_url)
    if name == "urlset":
        return parse_urlset(root, base_url)
    return Discovery(kind="unknown", warnings=(f"root element <{name}> is not a sitemap",))
