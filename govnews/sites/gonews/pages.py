"""Page objects for GoNews.co: what an article or listing page says, as shown.

They are plain classes over a Scrapy response (or any URL + HTML), testable on
saved pages with no engine running. They return raw text as the page shows it;
cleaning (mojibake, typos, whitespace) is the loaders' job, so that every fix
is recorded in one place.

What readers see is the truth: structured data (JSON-LD, OpenGraph) only fills
in what the markup cannot say, and is handed on for cross-checks.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from functools import cached_property
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml import etree
from parsel import Selector, SelectorList

from govnews.extraction import GenericArticlePage
from govnews.extraction.structured import page_language
from govnews.extraction.tree import HeadTags, head_tags
from govnews.records import ListingEntry, PopularEntry, RawArticle
from govnews.sites.gonews.heuristics import (
    is_baca_juga,
    parse_photo_credit,
    split_dateline,
    strip_label,
)
from govnews.urls import site_of

logger = logging.getLogger(__name__)

PUBLIC_BASE_URL = "https://www.gonews.co"
# What the generic extractor may fill in when GoNews's selectors find nothing:
# the fields every news page carries. Optional parts (a photo, an editor line)
# that a GoNews page lacks stay absent rather than borrowed from elsewhere.
FALLBACK_FIELDS = (
    "headline", "date_raw", "paragraphs", "description", "authors", "language",
    "structured_date", "structured_modified", "structured_headline",
)
_ARTICLE_TYPES = {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle"}


_VISIBLE_TEXT = (
    ".//text()[not(ancestor::script) and not(ancestor::style)"
    " and not(ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' gn-icon ')])]"
)
_UNSEEN_TAGS = frozenset({"script", "style"})
# normalize-space() splits on XML white space only, so class tokens are split the same way.
_XML_SPACE = re.compile(r"[ \t\r\n]+")
# The (tag, class) pairs ArticlePage selects by; libxml2 picks their elements in one scan.
_INDEXED = frozenset({
    ("div", "detail-isi"), ("article", "detail-berita"), ("div", "halaman"), ("div", "breadcrumb"),
    ("figure", "foto-utama"), ("div", "detail-tanggal"), ("h1", "detail-judul"), ("div", "detail-tag"),
    ("div", "detail-editor"), ("div", "detail-sumber"),
})
_CLASSED = etree.XPath(" | ".join(
    f"//{tag}[{' or '.join(sorted(f'contains(@class, {name!r})' for t, name in _INDEXED if t == tag))}]"
    for tag in sorted({tag for tag, _ in _INDEXED})
))


def _text(nodes: SelectorList | Selector) -> str:
    """Text under the nodes as a reader sees it: no scripts, no icon-font glyphs.

    Inline markup is joined without inventing spaces (``<strong>A</strong> - B``);
    whitespace inside is left for the loaders, which record what they change.
    The same text as the XPath ``_VISIBLE_TEXT``, read in one walk of each
    element instead of an XPath testing every text node's ancestors.

    >>> _text(Selector(text='<p>A<i class="gn-icon">x</i><script>y</script> <b>B</b>C</p>').css("p"))
    'A BC'
    """
    if isinstance(nodes, Selector):
        nodes = SelectorList([nodes])
    parts: list[str] = []
    for node in nodes:
        root = node.root
        if not isinstance(root, etree._Element):
            parts.extend(node.xpath(_VISIBLE_TEXT).getall())
        elif not any(_unseen(element) for element in root.iterancestors()) and not _unseen(root):
            _visible_parts(root, parts)
    return "".join(parts).strip()


def _unseen(element: etree._Element) -> bool:
    """A script, a style or an icon-font glyph: text no reader sees."""
    if element.tag in _UNSEEN_TAGS:
        return True
    classes = element.get("class")
    return classes is not None and "gn-icon" in _XML_SPACE.split(classes)


def _visible_parts(element: etree._Element, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        # Comments and processing instructions hold no text node; their tails do.
        if isinstance(child.tag, str) and not _unseen(child):
            _visible_parts(child, parts)
        if child.tail:
            parts.append(child.tail)


def _optional(text: str) -> str | None:
    return text if text and text.strip() else None




class GoNewsPage:
    """What every GoNews page shares: URL handling, head metadata, the nav menu."""

    def __init__(self, url: str, html: str | Selector, public_base_url: str = PUBLIC_BASE_URL):
        self.url = url
        self.selector = html if isinstance(html, Selector) else Selector(text=html)
        self.public_base_url = public_base_url

    @classmethod
    def from_response(cls, response: Any, public_base_url: str = PUBLIC_BASE_URL) -> GoNewsPage:
        return cls(response.url, response.selector, public_base_url)

    def absolute(self, href: str | None) -> str | None:
        """A link as the crawler should request it (against the URL fetched)."""
        return urljoin(self.url, href.strip()) if href and href.strip() else None

    def public(self, href: str | None) -> str | None:
        """A link as the public site names it (against the public host)."""
        if not href or not href.strip():
            return None
        parts = urlsplit(urljoin(self.url, href.strip()))
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return urljoin(self.public_base_url, path)

    @cached_property
    def _head(self) -> HeadTags:
        return head_tags(self.selector)

    @cached_property
    def _classed(self) -> dict[tuple[str, str], list[etree._Element]]:
        """The elements of the ``_INDEXED`` pairs, by (tag, class token), in
        document order: one scan of the tree instead of one per ``tag.class``."""
        index: dict[tuple[str, str], list[etree._Element]] = {}
        for element in _CLASSED(self.selector.root):
            for token in dict.fromkeys(_XML_SPACE.split(element.get("class"))):
                if (element.tag, token) in _INDEXED:
                    index.setdefault((element.tag, token), []).append(element)
        return index

    def _indexed(self, tag: str, class_name: str) -> list[etree._Element]:
        if (tag, class_name) not in _INDEXED:
            raise ValueError(f"{tag}.{class_name} is not indexed; add it to _INDEXED")
        return self._classed.get((tag, class_name), [])

    def select(self, tag: str, class_name: str) -> SelectorList:
        """``css("tag.class_name")``, from the page's class index."""
        return SelectorList(Selector(root=e, type="html") for e in self._indexed(tag, class_name))

    def descendants(self, tag: str, class_name: str, *tags: str) -> SelectorList:
        """``css("tag.class_name t1, tag.class_name t2")``: the ``tags`` under those elements, in document order."""
        found: dict[etree._Element, None] = {}
        for element in self._indexed(tag, class_name):
            found.update(dict.fromkeys(element.iterdescendants(*tags)))
        return SelectorList(Selector(root=e, type="html") for e in found)

    def meta(self, key: str) -> str | None:
        """The first ``<meta property=key>`` or ``<meta name=key>`` with content."""
        value = next((m.get("content") for m in self._head.metas if key in (m.get("property"), m.get("name"))), None)
        return value.strip() if value and value.strip() else None

    @cached_property
    def warnings(self) -> list[str]:
        """What extraction found suspect (malformed JSON-LD, an off-site canonical)."""
        return []

    @cached_property
    def canonical_url(self) -> str:
        """``<link rel=canonical>`` or ``og:url`` when it names this site, else the
        page's own URL on the public host: a canonical pointing elsewhere would
        file the article under another site."""
        own = self.public(self.url) or self.url
        href = (self._head.link_href("canonical") or self.meta("og:url") or "").strip()
        if not href:
            return own
        ours = {site_of(self.public_base_url), site_of(self.url)}
        if urlsplit(href).scheme in {"http", "https"} and site_of(href) in ours:
            return href
        self.warnings.append(f"canonical URL {href!r} is not on this site; the page's own URL is used")
        return own

    @cached_property
    def category_urls(self) -> list[str]:
        """Every category the nav menu links to, as URLs to request."""
        hrefs = self.selector.css("nav.menu-utama a::attr(href)").getall()
        return _unique(self.absolute(h) for h in hrefs if "/berita/kategori/" in h)

    def pagination_link(self, rel: str) -> str | None:
        href = self.selector.css(
            f'ul.pagination a[rel="{rel}"]::attr(href), link[rel="{rel}"]::attr(href)'
        ).get()
        return self.absolute(href)


def _unique(values: Iterator[str | None]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value:
            seen.setdefault(value, None)
    return list(seen)


class ArticlePage(GoNewsPage):
    """A GoNews article page (``/berita/baca/...``)."""

    @property
    def is_article(self) -> bool:
        return bool(self.select("div", "detail-isi") or self.select("article", "detail-berita"))

    @cached_property
    def json_ld(self) -> dict[str, Any] | None:
        """The page's NewsArticle object, or None; malformed JSON never raises."""
        for index, block in enumerate(self._head.json_ld):
            try:
                data = json.loads(block)
            except ValueError as exc:
                self.warnings.append(f"json-ld block {index} malformed: {exc.msg}")
                continue
            for candidate in _json_ld_objects(data):
                kind = candidate.get("@type")
                kinds = set(kind) if isinstance(kind, list) else {kind}
                if kinds & _ARTICLE_TYPES:
                    return candidate
        return None

    @property
    def all_pages_url(self) -> str | None:
        """The "Tampilkan Semua" link of an article split over pages."""
        for href in self.select("div", "halaman").css("a::attr(href)").getall():
            if "page=all" in href:
                return self.absolute(href)
        return None

    @property
    def next_part_url(self) -> str | None:
        """The next page of a split article, when no "show all" link exists."""
        current = self.select("div", "halaman").css(".aktif::text").get()
        if not current or not current.strip().isdigit():
            return None
        wanted = str(int(current.strip()) + 1)
        for link in self.select("div", "halaman").css("a"):
            if (link.css("::text").get() or "").strip() == wanted:
                return self.absolute(link.attrib.get("href"))
        return None

    def paragraphs(self) -> list[str]:
        """Body paragraphs, without read-also links, ads, scripts and empty ones."""
        body = self.select("div", "detail-isi")
        nodes = body.xpath(
            ".//p[not(ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' iklan ')])]"
        )
        texts = []
        for node in nodes:
            if "baca-juga" in (node.attrib.get("class") or ""):
                continue
            text = _text(node)
            if text and not is_baca_juga(text):
                texts.append(text)
        return texts

    def extract(self, continuation: bool = False) -> RawArticle:
        """The article as shown; ``continuation`` for page 2+ of a split article,
        whose first paragraph carries no dateline."""
        sel = self.selector
        crumbs = [c for c in (_text(a) for a in self.descendants("div", "breadcrumb", "a", "span")) if c]
        section = crumbs[-1] if len(crumbs) >= 3 else None
        paragraphs = self.paragraphs()
        dateline = None
        if paragraphs and not continuation:
            dateline, first = split_dateline(paragraphs[0])
            paragraphs[0] = first
        figure = self.select("figure", "foto-utama")
        caption_nodes = figure.xpath(
            "./figcaption//text()[not(ancestor::span[contains(@class, 'foto-kredit')])]"
        ).getall()
        ld = self.json_ld or {}
        date_raw = _text(self.select("div", "detail-tanggal"))
        raw = RawArticle(
            url=self.url,
            canonical_url=self.canonical_url,
            headline=_optional(_text(self.select("h1", "detail-judul"))),
            description=self.meta("description") or self.meta("og:description"),
            breadcrumbs=crumbs,
            section=section,
            tags=[t for t in (_text(a) for a in self.descendants("div", "detail-tag", "a")) if t],
            date_raw=_optional(date_raw),
            dateline=dateline,
            paragraphs=paragraphs,
            editor=self._labelled("detail-editor"),
            source=self._labelled("detail-sumber"),
            image_url=self.public(figure.css("img::attr(src)").get()),
            image_caption=_optional(" ".join("".join(caption_nodes).split())),
            image_credit=parse_photo_credit(_text(figure.css("span.foto-kredit"))),
            structured_date=_first_str(ld.get("datePublished"))
            or self.meta("article:published_time"),
            structured_headline=_first_str(ld.get("headline")) or self.meta("og:title"),
            structured_image=_first_str(ld.get("image")) or self.meta("og:image"),
            warnings=list(self.warnings),
            language=page_language(sel.xpath("/html/@lang").getall()),
        )
        if raw.headline and raw.date_raw and raw.paragraphs:
            return raw
        # The modelled markup is a reconstruction: where it finds nothing, the
        # generic extractor reads the same tree.
        return raw.filled_from(GenericArticlePage(self.url, self.selector).extract(continuation), FALLBACK_FIELDS)

    def _labelled(self, class_name: str) -> str | None:
        node = self.select("div", class_name)
        if not node:
            return None
        inner = _text(node.css("span"))
        return _optional(inner or strip_label(_text(node)))


def _first_str(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("url") or value.get("@id")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _json_ld_objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for entry in data:
            yield from _json_ld_objects(entry)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _json_ld_objects(data["@graph"])




class ListingPage(GoNewsPage):
    """A listing: the home page or a category page, with its cards and pages."""

    @property
    def title(self) -> str | None:
        return _optional(_text(self.selector.css("h1.judul-halaman")))

    def entries(self) -> list[ListingEntry]:
        entries = []
        for card in self.selector.css("div.card-berita"):
            link = card.css("h2.card-judul a") or card.css("a.card-thumb")
            url = self.absolute(link.attrib.get("href")) if link else None
            if not url:
                continue
            entries.append(
                ListingEntry(
                    position=len(entries) + 1,
                    url=url,
                    headline=_text(card.css("h2.card-judul")) or (link.attrib.get("title") or ""),
                    section=_optional(_text(card.css("span.card-kategori"))),
                    time_raw=_optional(_text(card.css("span.card-waktu"))),
                )
            )
        return entries

    @property
    def next_page(self) -> str | None:
        return self.pagination_link("next")

    @property
    def prev_page(self) -> str | None:
        return self.pagination_link("prev")




class PopularListPage(GoNewsPage):
    """The "Terpopuler 24 Jam Terakhir" list as a browser has drawn it.

    The plain HTML holds an empty ``ol#populer-list``; only the page's script
    fills it, so this reads the DOM of a rendered page.
    """

    LIST_CSS = "ol#populer-list li"

    @property
    def list_name(self) -> str | None:
        """The list's heading as shown ("Terpopuler 24 Jam Terakhir")."""
        heading = self.selector.xpath(
            "//ol[@id='populer-list']/ancestor::section[1]"
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' widget-title ')]"
        )
        return _optional(_text(heading))

    def entries(self) -> list[PopularEntry]:
        entries = []
        for index, item in enumerate(self.selector.css(self.LIST_CSS), start=1):
            link = item.css("a.populer-judul")
            url = self.absolute(link.attrib.get("href")) if link else None
            if not url:
                continue
            number = (item.css(".nomor::text").get() or "").strip()
            entries.append(
                PopularEntry(
                    position=int(number) if number.isdigit() else index,
                    url=url,
                    headline=_text(link),
                    section=_optional(_text(item.css(".populer-kategori"))),
                    relative_time_raw=_optional(_text(item.css(".populer-waktu"))),
                )
            )
        return entries
