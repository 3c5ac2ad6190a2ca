"""Declarative site profiles: a few selectors and boilerplate rules over the generic extractor.

Most sites need no code of their own. When the generic extractor misreads a
site, a profile says where that site keeps what it got wrong, and what to
cut before anything is read::

    register(SiteProfile(
        name="kabarnusa.test",
        public_base_url="https://www.kabarnusa.test",
        remove=("div.iklan", "aside.terkait"),
        headline="h1.judul",
        body="div.isi-berita",
    ).site())

Every field a profile leaves out is read by the generic extractor, and every
selector that finds nothing falls back to it too.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from parsel import Selector

from govnews.extraction import GenericArticlePage
from govnews.extraction.body import extract_body
from govnews.records import RawArticle
from govnews.sites import Site


@dataclass(frozen=True)
class SiteProfile:
    """Where one site keeps its article's fields (CSS selectors), and what to cut first.

    ``remove`` names boilerplate elements dropped before extraction; ``body``
    names the element holding the story (its paragraphs, dateline and
    sign-off are then read from that element only).
    """

    name: str
    public_base_url: str
    remove: tuple[str, ...] = ()
    headline: str | None = None
    date: str | None = None
    body: str | None = None
    authors: str | None = None
    section: str | None = None
    tags: str | None = None

    def site(self) -> Site:
        """The profile as a registry entry (``register(profile.site())``)."""
        return Site(name=self.name, public_base_url=self.public_base_url, article_page=self.page)

    def page(self, url: str, html: str | Selector, public_base_url: str) -> ProfiledArticlePage:
        return ProfiledArticlePage(self, url, html)


def _text(selector: Selector) -> str:
    return " ".join(" ".join(selector.css("::text").getall()).split())


class ProfiledArticlePage:
    """The generic article page, read through a site profile."""

    def __init__(self, profile: SiteProfile, url: str, html: str | Selector):
        self.profile = profile
        self.url = url
        self.selector = html if isinstance(html, Selector) else Selector(text=html)
        for css in profile.remove:
            for node in self.selector.css(css):
                node.drop()
        self.generic = GenericArticlePage(url, self.selector)

    @property
    def is_article(self) -> bool:
        return bool(self.profile.body and self.selector.css(self.profile.body)) or self.generic.is_article

    @property
    def all_pages_url(self) -> str | None:
        return self.generic.all_pages_url

    @property
    def next_part_url(self) -> str | None:
        return self.generic.next_part_url

    def _first_text(self, css: str | None) -> str | None:
        if not css:
            return None
        nodes = self.selector.css(css)
        return _text(nodes[0]) if nodes else None

    def _all_texts(self, css: str | None) -> list[str]:
        if not css:
            return []
        return [t for t in (_text(node) for node in self.selector.css(css)) if t]

    def extract(self, continuation: bool = False) -> RawArticle:
        raw = self.generic.extract(continuation)
        found: dict[str, Any] = {}
        headline = self._first_text(self.profile.headline)
        if headline:
            found["headline"] = headline
        date_raw = self._first_text(self.profile.date)
        if date_raw:
            found["date_raw"] = date_raw
        for field, css in (("authors", self.profile.authors), ("tags", self.profile.tags)):
            values = self._all_texts(css)
            if values:
                found[field] = values
        section = self._first_text(self.profile.section)
        if section:
            found["section"] = section
        container = self.selector.css(self.profile.body) if self.profile.body else []
        if container:
            body = extract_body(Selector(text=container[0].get()), headline=found.get("headline", raw.headline))
            if body.paragraphs:
                found.update(paragraphs=body.paragraphs, dateline=body.dateline, trailer=body.trailer)
        return replace(raw, **found) if found else raw
