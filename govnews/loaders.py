"""Item loaders: compose the pure cleaning functions and keep their audit trail.

Every processor here is a thin adapter: it calls a function from
``govnews.cleaning``, keeps the value, and files the fixes and warnings that
function reported under the field they belong to. The loaded item carries
them in ``quality`` so a data engineer can audit or revert any change.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from itemloaders import ItemLoader
from itemloaders.processors import Compose, Identity, MapCompose, TakeFirst

from govnews.cleaning import Cleaned, CorpusFrequency, Fix, clean_text
from govnews.cleaning.fixes import Suggestion
from govnews.cleaning.typo_context import vouched_words
from govnews.cleaning.dates import parse_all_detailed, parse_date_detailed
from govnews.extraction import text_language
from govnews.extraction.dates import published_instant
from govnews.items import ArticleItem
from govnews.records import RawArticle
from govnews.urls import site_of


@dataclass
class Audit:
    """Fixes and warnings gathered while one item is loaded."""

    fixes: list[Fix] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)

    def record(self, field_name: str, cleaned: Cleaned) -> str:
        self.fixes.extend(fix.for_field(field_name) for fix in cleaned.fixes)
        self.warnings.extend(f"{field_name}: {w}" for w in cleaned.warnings)
        self.suggestions.extend(s.for_field(field_name) for s in cleaned.suggestions)
        return cleaned.text

    def as_quality(self) -> dict[str, list[Any]]:
        return {
            "fixes": [fix.as_record() for fix in self.fixes],
            "warnings": list(dict.fromkeys(self.warnings)),
            "suggestions": [s.as_record() for s in self.suggestions],
        }


class Clean:
    """Input processor: run a cleaning function and file its fixes under ``field``."""

    def __init__(self, field_name: str, cleaner: Callable[..., Cleaned] = clean_text):
        self.field_name = field_name
        self.cleaner = cleaner

    def __call__(self, value: str, loader_context: dict[str, Any]) -> str | None:
        extra = {"typos": loader_context["typos"], "vouched": loader_context["vouched"]} if "typos" in loader_context else {}
        cleaned = self.cleaner(value, corpus=loader_context.get("corpus"), **extra)
        return loader_context["audit"].record(self.field_name, cleaned) or None


class ParseDate:
    """Input processor: the ``index``-th instant of a shown date (0 published, 1 modified).

    An unparseable date becomes a warning and no value, so validation
    quarantines the item instead of storing a guess.
    """

    def __init__(self, field_name: str, index: int = 0):
        self.field_name = field_name
        self.index = index

    def __call__(self, value: str, loader_context: dict[str, Any]) -> datetime | None:
        audit: Audit = loader_context["audit"]
        reference = loader_context.get("observed_at")
        # Whitespace only: the shown string is kept (and its fixes filed) in
        # date_published_raw; this copy is just what the parser reads.
        value = " ".join(value.split())
        try:
            parsed = parse_all_detailed(value, reference=reference)
        except ValueError as exc:
            if self.index == 0:  # one warning per stamp, not one per field read from it
                audit.warnings.append(f"{self.field_name}: {exc}")
            return None
        if len(parsed) <= self.index:
            return None
        audit.fixes.extend(fix.for_field(self.field_name) for fix in parsed[self.index].fixes)
        return parsed[self.index].instant


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v))


class ArticleLoader(ItemLoader):
    """Loads an article item (a dict shaped by ``govnews/schemas/article.schema.json``)."""

    default_item_class = ArticleItem
    default_output_processor = TakeFirst()

    headline_in = MapCompose(Clean("headline"))
    description_in = MapCompose(Clean("description"))
    section_in = MapCompose(Clean("section"))
    breadcrumbs_in = MapCompose(Clean("breadcrumbs"))
    breadcrumbs_out = Identity()
    tags_in = MapCompose(Clean("tags"))
    tags_out = Compose(_unique)
    date_published_raw_in = MapCompose(Clean("date_published_raw"))
    date_published_in = MapCompose(ParseDate("date_published", 0))
    date_modified_in = MapCompose(ParseDate("date_modified", 1))
    dateline_in = MapCompose(Clean("dateline"))
    paragraphs_in = MapCompose(Clean("paragraphs"))
    paragraphs_out = Identity()
    editor_in = MapCompose(Clean("editor"))
    source_in = MapCompose(Clean("source"))
    main_image_caption_in = MapCompose(Clean("main_image_caption"))
    main_image_credit_in = MapCompose(Clean("main_image_credit"))
    authors_in = MapCompose(Clean("authors"))
    authors_out = Compose(_unique)
    trailer_in = MapCompose(Clean("trailer"))


# A page that neither declares its language nor reads clearly as one.
DEFAULT_LANGUAGE = "id"

# Item field <- RawArticle attribute, for the fields taken over one to one.
RAW_FIELDS = {
    "headline": "headline",
    "description": "description",
    "section": "section",
    "breadcrumbs": "breadcrumbs",
    "tags": "tags",
    "date_published_raw": "date_raw",
    "dateline": "dateline",
    "paragraphs": "paragraphs",
    "editor": "editor",
    "source": "source",
    "main_image_url": "image_url",
    "main_image_caption": "image_caption",
    "main_image_credit": "image_credit",
    "authors": "authors",
    "trailer": "trailer",
}

NULLABLE_FIELDS = (
    "description",
    "section",
    "date_modified",
    "dateline",
    "editor",
    "source",
    "main_image_url",
    "main_image_caption",
    "main_image_credit",
    "trailer",
)


def load_article(
    raw: RawArticle,
    *,
    run_id: str,
    downloaded_at: datetime,
    url: str | None = None,
    corpus: CorpusFrequency | None = None,
    typos: str = "fix",
) -> ArticleItem:
    """The article item for a page's raw fields, cleaned, with its audit trail.

    ``corpus`` holds the crawl's word document frequencies: the article is
    counted in it first, and words common across the crawl are never treated
    as typos. ``typos`` is ``GOVNEWS_TYPOS`` (fix, suggest, off). Names and
    abbreviations the article defines anywhere count in every field. Required fields that could not be found are left out, not
    invented: the validation pipeline then quarantines the item with the reason.
    """
    if corpus is not None:
        corpus.observe(" ".join(raw.paragraphs))
    audit = Audit(warnings=list(raw.warnings))
    vouched = vouched_words("\n".join([raw.headline or "", *raw.paragraphs]))
    loader = ArticleLoader(audit=audit, observed_at=downloaded_at, corpus=corpus, typos=typos, vouched=vouched)
    loader.add_value("url", url or raw.url)
    loader.add_value("canonical_url", raw.canonical_url)
    loader.add_value("site", site_of(raw.canonical_url))
    for item_field, raw_field in RAW_FIELDS.items():
        loader.add_value(item_field, getattr(raw, raw_field))
    if raw.date_raw:
        # The published/modified instants come from the one stamp readers see.
        loader.add_value("date_published", raw.date_raw)
        loader.add_value("date_modified", raw.date_raw)
    item = loader.load_item()
    _date_from_structured_data(raw, item, audit)
    item.setdefault("breadcrumbs", [])
    item.setdefault("tags", [])
    item.setdefault("paragraphs", [])
    item.setdefault("authors", [])
    for name in NULLABLE_FIELDS:
        item.setdefault(name, None)
    body = "\n\n".join(item["paragraphs"])
    if body:
        item["article_body"] = body
        item["word_count"] = len(body.split())
        item["content_hash"] = hashlib.sha256(body.encode("utf-8")).hexdigest()
    item["language"] = (raw.language or text_language(item["paragraphs"]) or DEFAULT_LANGUAGE).lower()
    item["date_downloaded"] = downloaded_at
    item["run_id"] = run_id
    audit.warnings.extend(cross_check(raw, item, reference=downloaded_at))
    item["quality"] = audit.as_quality()
    return item


def _date_from_structured_data(raw: RawArticle, item: dict[str, Any], audit: Audit) -> None:
    """Where the page shows no date, or a day without its time, the instant its
    structured data states (already corrected by the extractor), as a fix on
    record: the shown stamp stays the truth wherever it says more."""
    if not raw.structured_date:
        return
    shown = item.get("date_published")
    day_only = any(f.rule == "date_time_missing" and f.field == "date_published" for f in audit.fixes)
    if shown is not None and not day_only:
        return
    instant = published_instant(raw.date_raw, raw.structured_date)
    if instant is None or instant == shown:
        return
    before = raw.date_raw or ""
    item["date_published"] = instant
    if not raw.date_raw:
        item["date_published_raw"] = raw.structured_date
    audit.fixes.append(
        Fix(rule="date_from_structured_data", before=before, after=instant.isoformat()).for_field("date_published")
    )


def cross_check(raw: RawArticle, item: dict[str, Any], reference: datetime) -> list[str]:
    """Warnings where structured data (JSON-LD, OpenGraph) disagrees with the page.

    The page as shown wins; a disagreement is recorded, never resolved silently.
    """
    warnings = []
    shown = item.get("date_published")
    if raw.structured_date and shown:
        try:
            structured = parse_date_detailed(raw.structured_date, reference=reference).instant
        except ValueError as exc:
            warnings.append(f"structured datePublished unreadable: {exc}")
        else:
            if structured != shown:
                warnings.append(
                    f"structured datePublished {raw.structured_date!r} is {structured.isoformat()},"
                    f" the page shows {shown.isoformat()}"
                )
    headline = item.get("headline")
    if raw.structured_headline and headline:
        structured_headline = clean_text(raw.structured_headline).text
        if structured_headline != headline:
            warnings.append(f"structured headline {structured_headline!r} differs from the page's")
    if raw.structured_image and raw.image_url and raw.structured_image != raw.image_url:
        warnings.append(f"structured image {raw.structured_image!r} differs from the page's")
    return warnings
