"""Extraction quality and speed: govnews' page objects + loaders against trafilatura.

Body text is scored as in the article-extraction benchmark: tokens are the
whitespace-split text, shingles the sets of 4 consecutive tokens, compared
with the ground-truth body; precision, recall and F1 are micro-averaged (true
positives, false positives and false negatives summed over pages).

Headline: equal to the truth after collapsing whitespace. Date: govnews must
give the truth's UTC instant; trafilatura only gives a calendar date, so it
must give the truth's local date (the day readers see).
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench_stages import LOOPBACK, ArticleHtml

from govnews.loaders import load_article
from govnews.sites.gonews.pages import ArticlePage

SHINGLE = 4
CAPTURES_DOWNLOADED_AT = datetime(2026, 11, 28, 6, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class Extracted:
    body: str
    headline: str | None
    date: Any


def capture_articles(captures_dir: Path) -> list[ArticleHtml]:
    """The article captures with their expected.json; a split article as its "show all" page."""
    pages = []
    for expected in sorted(captures_dir.glob("article-*.expected.json")):
        name = expected.name.removesuffix(".expected.json")
        truth = json.loads(expected.read_text("utf-8"))
        show_all = captures_dir / f"{name}.all.html"
        html_path, suffix = (show_all, "?page=all") if show_all.exists() else (captures_dir / f"{name}.html", "")
        pages.append(ArticleHtml(LOOPBACK + truth["url_path"] + suffix, html_path.read_text("utf-8"), truth))
    return pages


def shingles(text: str) -> set[tuple[str, ...]]:
    tokens = text.split()
    if 0 < len(tokens) < SHINGLE:
        return {tuple(tokens)}
    return {tuple(tokens[i:i + SHINGLE]) for i in range(len(tokens) - SHINGLE + 1)}


def _same_text(left: str | None, right: str | None) -> bool:
    return " ".join((left or "").split()) == " ".join((right or "").split())


def govnews_extract(page: ArticleHtml, downloaded_at: datetime) -> Extracted:
    raw = ArticlePage(page.url, page.html).extract()
    item = load_article(raw, run_id="bench", downloaded_at=downloaded_at)
    return Extracted(item.get("article_body") or "", item.get("headline"), item.get("date_published"))


def trafilatura_extract(page: ArticleHtml, downloaded_at: datetime) -> Extracted:
    import trafilatura

    result = trafilatura.extract(page.html, url=page.url, with_metadata=True, output_format="json")
    data = json.loads(result) if result else {}
    return Extracted(data.get("text") or "", data.get("title"), data.get("date"))


def govnews_date_ok(predicted: Any, truth: dict[str, Any]) -> bool:
    expected = truth.get("date_published")
    if expected is None or predicted is None:
        return expected is None and predicted is None
    return bool(predicted == datetime.fromisoformat(expected))


def trafilatura_date_ok(predicted: Any, truth: dict[str, Any]) -> bool:
    expected = truth.get("date_published_local")
    if expected is None or predicted is None:
        return expected is None and predicted is None
    return str(predicted)[:10] == expected[:10]


EXTRACTORS: dict[str, tuple[Callable[[ArticleHtml, datetime], Extracted], Callable[[Any, dict[str, Any]], bool]]] = {
    "govnews": (govnews_extract, govnews_date_ok),
    "trafilatura": (trafilatura_extract, trafilatura_date_ok),
}


@dataclass(frozen=True)
class ExtractionScore:
    extractor: str
    page_set: str
    pages: int
    true_positives: int
    false_positives: int
    false_negatives: int
    headline_correct: int
    date_correct: int
    # (median, min, max) CPU milliseconds per page
    ms_per_page: tuple[float, float, float]

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 0.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def headline_accuracy(self) -> float:
        return self.headline_correct / self.pages if self.pages else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_correct / self.pages if self.pages else 0.0


def score(
    extractor: str, page_set: str, pages: list[ArticleHtml], downloaded_at: datetime, repeat: int
) -> ExtractionScore:
    extract, date_ok = EXTRACTORS[extractor]
    extract(pages[0], downloaded_at)  # warm-up: imports, lexicons, compiled patterns
    timings: list[float] = []
    results: list[Extracted] = []
    for _ in range(repeat):
        started = time.process_time()
        results = [extract(page, downloaded_at) for page in pages]
        timings.append((time.process_time() - started) / len(pages) * 1000)
    tp = fp = fn = headlines = dates = 0
    for page, result in zip(pages, results):
        truth_shingles = shingles("\n\n".join(page.truth.get("body_paragraphs") or []))
        found = shingles(result.body)
        tp += len(found & truth_shingles)
        fp += len(found - truth_shingles)
        fn += len(truth_shingles - found)
        headlines += _same_text(result.headline, page.truth.get("headline"))
        dates += date_ok(result.date, page.truth)
    return ExtractionScore(
        extractor, page_set, len(pages), tp, fp, fn, headlines, dates,
        (statistics.median(timings), min(timings), max(timings)),
    )


def pooled(scores: list[ExtractionScore], extractor: str) -> ExtractionScore:
    """One extractor's scores over every page set, as if they were one set."""
    mine = [s for s in scores if s.extractor == extractor]
    pages = sum(s.pages for s in mine)

    def weighted(index: int) -> float:
        return sum(s.ms_per_page[index] * s.pages for s in mine) / pages

    return ExtractionScore(
        extractor, "all", pages,
        sum(s.true_positives for s in mine), sum(s.false_positives for s in mine),
        sum(s.false_negatives for s in mine), sum(s.headline_correct for s in mine),
        sum(s.date_correct for s in mine), (weighted(0), weighted(1), weighted(2)),
    )
