"""The generic article extractor: any news page to a ``RawArticle``.

Structured data first (``structured``: JSON-LD, OpenGraph, ``article:*``,
parsely, Dublin Core, canonical), then the date the page shows
(``dates``), then the body by content heuristics (``body``). Bytes are decoded
by ``charset``, which does not trust a page's declaration over strict UTF-8.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from lxml import etree
from parsel import Selector

from govnews.extraction.body import Body, extract_body
from govnews.extraction.charset import decode_html
from govnews.extraction.dates import DateFindings, read_dates
from govnews.extraction.structured import Structured, choose_headline, page_language, read_structured
from govnews.extraction.tree import parse_html
from govnews.records import RawArticle

__all__ = ["GenericArticlePage", "extract_article"]

_ID_WORDS = frozenset("yang dan di dengan untuk ini itu dari dalam tidak akan pada juga ke karena oleh".split())
_EN_WORDS = frozenset("the and of to in is that for with was on are as by from it this have".split())
_WORD = re.compile(r"[a-z]+")
_OG_TYPE = etree.XPath('//meta[@property="og:type"]/@content')
_CHARSET = re.compile(rb"charset=([\w.:-]+)", re.I)


def text_language(paragraphs: list[str]) -> str | None:
    """``id`` or ``en`` by function words, when the text says so clearly.

    >>> text_language(["Warga yang tinggal di tepi sungai mengungsi dengan perahu karena banjir."])
    'id'
    >>> text_language(["Residents of the river bank were moved to a school in the city."])
    'en'
    """
    words = _WORD.findall(" ".join(paragraphs).lower())
    indonesian = sum(w in _ID_WORDS for w in words)
    english = sum(w in _EN_WORDS for w in words)
    if max(indonesian, english) < 3:
        return None
    if indonesian >= 2 * english:
        return "id"
    return "en" if english >= 2 * indonesian else None


class GenericArticlePage:
    """Any article page, read without knowing its site (``ArticleExtractor``)."""

    def __init__(self, url: str, html: bytes | str | Selector, *, declared_encoding: str | None = None):
        self.url = url
        self._warnings: list[str] = []
        if isinstance(html, Selector):
            self.root: etree._Element = html.root
            self.__dict__["selector"] = html
        else:
            decoded = decode_html(html, declared_encoding)
            self._warnings.extend(decoded.warnings)
            utf8 = html if isinstance(html, bytes) and decoded.encoding == "utf-8" else None
            self.root = parse_html(decoded.text, utf8)

    @classmethod
    def from_response(cls, response: Any) -> GenericArticlePage:
        """From a Scrapy response: its bytes, with its header's charset as the declaration."""
        header = response.headers.get(b"Content-Type", b"") or b""
        m = _CHARSET.search(header)
        return cls(response.url, response.body, declared_encoding=m[1].decode("ascii") if m else None)

    @cached_property
    def selector(self) -> Selector:
        """The page as a parsel Selector over the same tree (made only when asked for)."""
        return Selector(root=self.root, type="html")

    @cached_property
    def structured(self) -> Structured:
        return read_structured(self.root, self.url)

    @cached_property
    def _headline(self) -> tuple[str | None, Any]:
        return choose_headline(self.structured, self.root, self.url)

    @cached_property
    def dates(self) -> DateFindings:
        return read_dates(self.root, self.structured.published, self.structured.modified, self._headline[1])

    @cached_property
    def body(self) -> Body:
        return extract_body(self.root, headline=self._headline[0])

    @property
    def is_article(self) -> bool:
        """The page says it is an article, or shows a headline over a body of prose."""
        if self.structured.article_types:
            return True
        og_types = _OG_TYPE(self.root)
        og_type = str(og_types[0]).strip().lower() if og_types else ""
        if og_type == "article":
            return True
        return self._headline[0] is not None and len(self.body.paragraphs) >= 3

    @property
    def all_pages_url(self) -> str | None:
        """Split articles are read page by page only by the sites that know their markup."""
        return None

    @property
    def next_part_url(self) -> str | None:
        return None

    def extract(self, continuation: bool = False) -> RawArticle:
        """The article as shown; ``continuation`` (page 2+ of a split article) is read
        the same way, since a later page's dateline is absent and nothing is split off."""
        structured, dates, body = self.structured, self.dates, self.body
        headline = self._headline[0]
        declared = page_language(structured.languages)
        from_text = text_language(body.paragraphs)
        warnings = [*self._warnings, *structured.warnings, *dates.warnings, *body.warnings]
        language = declared
        if from_text and declared != from_text:
            if declared:
                warnings.append(f"page declares language {declared!r}; its text reads as {from_text!r}")
            language = from_text
        crumbs = structured.breadcrumbs
        structured_headline = next((text for _, text in structured.headlines), None)
        return RawArticle(
            url=self.url,
            canonical_url=structured.canonical_url or self.url,
            headline=headline,
            description=structured.description,
            breadcrumbs=crumbs,
            section=structured.section or (crumbs[-1] if len(crumbs) >= 2 else None),
            tags=structured.tags,
            date_raw=None if continuation else dates.date_raw,
            dateline=body.dateline,
            paragraphs=body.paragraphs,
            editor=None,
            source=None,
            image_url=structured.image_url,
            image_caption=body.image_caption,
            image_credit=None,
            structured_date=dates.structured_date,
            structured_headline=structured_headline,
            structured_image=structured.structured_image,
            warnings=warnings,
            authors=structured.authors,
            trailer=body.trailer,
            language=language,
            structured_modified=dates.structured_modified,
        )


def extract_article(html: bytes | str, url: str, *, declared_encoding: str | None = None) -> RawArticle:
    """The raw article of one page (bytes as fetched, or text)."""
    return GenericArticlePage(url, html, declared_encoding=declared_encoding).extract()
