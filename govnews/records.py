"""The records every site returns, and the page interface every site implements.

Site-agnostic: a site's page objects (``govnews.sites.<site>``) and the generic
extractor (``govnews.extraction``) return these, and everything downstream
(loaders, triage, the popular list) reads only these. Values are raw, as the
page shows them; cleaning is the loaders' job, so every fix is recorded once.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class RawArticle:
    """An article's fields exactly as its page shows them (uncleaned).

    ``date_raw`` is the stamp as printed for readers; ``structured_date`` an
    ISO 8601 instant from structured data (JSON-LD, metas), already corrected
    where the extractor knows the meta lies. ``trailer`` is a sign-off such as
    ``(bgs/rul)`` kept out of the paragraphs. ``language`` is the page's own
    (``id``, ``en``), ``None`` when it does not say.
    """

    url: str
    canonical_url: str
    headline: str | None
    description: str | None
    breadcrumbs: list[str]
    section: str | None
    tags: list[str]
    date_raw: str | None
    dateline: str | None
    paragraphs: list[str]
    editor: str | None
    source: str | None
    image_url: str | None
    image_caption: str | None
    image_credit: str | None
    structured_date: str | None = None
    structured_headline: str | None = None
    structured_image: str | None = None
    warnings: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    trailer: str | None = None
    language: str | None = None
    structured_modified: str | None = None

    def merged_with(self, later: RawArticle) -> RawArticle:
        """This article followed by a later page of it: its paragraphs appended,
        and the footer fields (editor, source, tags, trailer) that only the last page shows."""
        return replace(
            self,
            paragraphs=[*self.paragraphs, *later.paragraphs],
            editor=self.editor or later.editor,
            source=self.source or later.source,
            tags=self.tags or later.tags,
            trailer=later.trailer or self.trailer,
            warnings=[*self.warnings, *later.warnings],
        )


@dataclass(frozen=True)
class ListingEntry:
    """One link of a listing page (or a sitemap / feed entry)."""

    position: int
    url: str
    headline: str
    section: str | None
    time_raw: str | None


@dataclass(frozen=True)
class PopularEntry:
    """One entry of a rendered "most read" list."""

    position: int
    url: str
    headline: str
    section: str | None
    relative_time_raw: str | None


@runtime_checkable
class ArticleExtractor(Protocol):
    """What a site's article page object offers the spiders."""

    url: str

    @property
    def is_article(self) -> bool: ...

    def extract(self, continuation: bool = False) -> RawArticle: ...
