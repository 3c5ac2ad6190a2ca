"""Article discovery from robots.txt, sitemaps, news sitemaps, feeds and the feed links of HTML pages.

Pure functions over fetched bytes: a spider fetches, calls ``discover`` and
gets back the article entries (``Discovery.entries``, or ``listing_entries()``
for the incremental triage) and the documents to fetch next (``follow``).

>>> d = discover(b"User-agent: *\\nSitemap: https://kabar.test/sitemap.xml\\n", "text/plain", "https://kabar.test/robots.txt")
>>> d.kind, [child.url for child in d.follow]
('robots', ['https://kabar.test/sitemap.xml'])
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from govnews.discovery.feeds import parse_feed
from govnews.discovery.listing import article_links
from govnews.discovery.records import (
    ChildDocument,
    DiscoveredEntry,
    Discovery,
    DocumentKind,
    EntryKind,
    gunzip_if_needed,
    parse_instant,
    strip_prolog_noise,
)
from govnews.discovery.robots import sitemap_urls
from govnews.discovery.sitemaps import parse_sitemap
from govnews.urls import is_http_url

__all__ = [
    "ChildDocument", "DiscoveredEntry", "Discovery", "DocumentKind", "EntryKind",
    "article_links", "detect", "discover", "feed_links", "parse_feed", "parse_instant", "parse_sitemap", "rebase", "sitemap_urls",
]

_SNIFF_BYTES = 4096
# Past the XML declaration, comments, processing instructions and a doctype: the first element's name.
_FIRST_ELEMENT = re.compile(
    rb"^(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*<(?:[\w.-]+:)?(?P<name>[\w.-]+)",
    re.DOTALL | re.IGNORECASE)
_NEWS_BLOCK = re.compile(rb"<(?:[\w.-]+:)?news[\s>]|sitemap-news", re.IGNORECASE)
_ROOT_KINDS: dict[bytes, DocumentKind] = {
    b"sitemapindex": "sitemap_index", b"urlset": "urlset", b"rss": "rss", b"rdf": "rss", b"feed": "atom",
    b"html": "html",
}
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_LINK_TAG = re.compile(rb"<link\b[^>]*>", re.IGNORECASE)
_ATTRIBUTE = re.compile(rb"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


def detect(body: bytes, content_type: str | None, url: str) -> DocumentKind:
    """Which kind of discovery document ``body`` is, by its content first, then its URL and type.

    >>> detect(b'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>', None, "https://a.test/s")
    'sitemap_index'
    >>> detect(b"\\xef\\xbb\\xbf <feed xmlns='http://www.w3.org/2005/Atom'/>", "text/xml", "https://a.test/atom")
    'atom'
    >>> detect(b"<!doctype html><html><body></body></html>", "text/html", "https://a.test/")
    'html'
    >>> detect(b"User-agent: *", "text/plain", "https://a.test/robots.txt")
    'robots'
    """
    try:
        data = strip_prolog_noise(gunzip_if_needed(body))
    except ValueError:
        return "unknown"
    head = data[:_SNIFF_BYTES]
    match = _FIRST_ELEMENT.match(head)
    if match is not None:
        name = match["name"].lower()
        kind = _ROOT_KINDS.get(name)
        if kind == "urlset" and _NEWS_BLOCK.search(data) is not None:
            return "news_sitemap"
        if kind is not None:
            return kind
        if name in (b"head", b"body", b"meta", b"title", b"div"):
            return "html"
    if urlsplit(url).path.lower().endswith("/robots.txt"):
        return "robots"
    media = (content_type or "").split(";")[0].strip().lower()
    if media == "text/html" or head.lstrip()[:15].lower().startswith(b"<!doctype html"):
        return "html"
    return "unknown"


def feed_links(html_body: bytes, base_url: str) -> list[str]:
    """The feeds an HTML page announces with ``<link rel="alternate" type="application/rss+xml">``.

    >>> feed_links(b'<head><link rel="alternate" type="application/rss+xml" href="/feed/"></head>', "https://a.test/x")
    ['https://a.test/feed/']
    """
    found: list[str] = []
    for tag in _LINK_TAG.findall(html_body):
        attributes = {name.lower(): (a or b or c) for name, a, b, c in _ATTRIBUTE.findall(tag)}
        rel = attributes.get(b"rel", b"").decode("latin-1").lower().split()
        media = attributes.get(b"type", b"").decode("latin-1").lower().strip()
        href = attributes.get(b"href", b"").decode("utf-8", "replace").strip()
        if "alternate" in rel and media in _FEED_TYPES and href:
            url = urljoin(base_url, href)
            if is_http_url(url) and url not in found:
                found.append(url)
    return found


def discover(body: bytes, content_type: str | None, url: str) -> Discovery:
    """The entries and the documents to follow that one fetched document yields.

    ``url`` is the document's own URL (relative ``loc`` and ``link`` values are
    joined to it). An HTML page yields its announced feeds to follow and no
    entries: a listing page's article links are ``article_links``' job (or a site's page object).
    """
    kind = detect(body, content_type, url)
    if kind == "robots":
        text = gunzip_if_needed(body).decode("utf-8", "replace")
        follow = tuple(ChildDocument(url=sitemap, kind="sitemap") for sitemap in sitemap_urls(text, url))
        return Discovery(kind="robots", follow=follow)
    if kind in ("sitemap_index", "urlset", "news_sitemap"):
        return parse_sitemap(body, url)
    if kind in ("rss", "atom"):
        return parse_feed(body, url)
    if kind == "html":
        return Discovery(kind="html", follow=tuple(ChildDocument(url=feed, kind="feed")
                                                   for feed in feed_links(body, url)))
    return Discovery(kind="unknown", warnings=(f"{url}: not a robots.txt, sitemap, feed or HTML page",))


def rebase(url: str, public_base_url: str, fetch_base_url: str) -> str | None:
    """A URL a sitemap or feed names on the public host, moved to the host the crawl fetches from.

    ``None`` when it names another host (``www.`` and http/https do not count as
    different): a sitemap may list other sites, a crawl of one site does not follow them.

    >>> rebase("https://www.kabar.test/berita/a?x=1", "https://www.kabar.test", "http://127.0.0.1:8123")
    'http://127.0.0.1:8123/berita/a?x=1'
    >>> rebase("https://kabar.test/b", "https://www.kabar.test", "https://www.kabar.test")
    'https://www.kabar.test/b'
    >>> rebase("https://other.test/b", "https://www.kabar.test", "http://127.0.0.1:8123") is None
    True
    """
    parts, public, fetch = urlsplit(url), urlsplit(public_base_url), urlsplit(fetch_base_url)

    def host(hostname: str | None) -> str:
        name = (hostname or "").lower()
        return name[4:] if name.startswith("www.") else name

    same_public = host(parts.hostname) == host(public.hostname)
    same_fetch = (parts.hostname or "").lower() == (fetch.hostname or "").lower() and parts.port == fetch.port
    if not (same_public or same_fetch):
        return None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return urljoin(fetch_base_url, path)
