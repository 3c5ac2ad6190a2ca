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

    def filled_from(self, fallback: RawArticle, fields: tuple[str, ...] | None = None) -> RawArticle:
        """This article with each field it lacks taken from ``fallback`` (another
        extractor's reading of the same page), and a warning naming each one.
        ``fields`` limits which fields may be filled (default: all but the URLs).

        >>> a = RawArticle("u", "c", None, None, [], None, [], "Senin", None, ["p"], None, None, None, None, None)
        >>> b = RawArticle("u", "c", "Judul", "d", [], None, ["t"], "Selasa", None, ["q"], None, None, None, None, None)
        >>> filled = a.filled_from(b)
        >>> filled.headline, filled.date_raw, filled.tags, filled.paragraphs
        ('Judul', 'Senin', ['t'], ['p'])
        >>> filled.warnings
        ['headline from the generic extractor', 'description from the generic extractor', 'tags from the generic extractor']
        """
        taken: dict[str, object] = {}
        for name in fields or _FILLABLE:
            if not getattr(self, name) and getattr(fallback, name):
                taken[name] = getattr(fallback, name)
        if not taken:
            return self
        if "paragraphs" in taken and self.dateline is None:
            taken["dateline"] = fallback.dateline  # split off the paragraphs taken
        notes = [f"{name} from the generic extractor" for name in taken]
        return replace(self, **taken, warnings=[*self.warnings, *notes])  # type: ignore[arg-type]

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


# Fields a site's page object may leave empty for the generic extractor to
# fill; url and canonical_url are the page object's own, and the dateline goes
# with the paragraphs it was split from.
_FILLABLE = (
    "headline", "description", "breadcrumbs", "section", "tags", "date_raw", "paragraphs",
    "editor", "source", "image_url", "image_caption", "image_credit", "structured_date",
    "structured_headline", "structured_image", "authors", "trailer", "language", "structured_modified",
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

    @property
    def all_pages_url(self) -> str | None:
        """The one-page view of an article split over pages, if the page links one."""

    @property
    def next_part_url(self) -> str | None:
        """The next part of a split article, if any."""

    def extract(self, continuation: bool = False) -> RawArticle: ...
