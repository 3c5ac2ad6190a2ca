"""Score govnews' generic extractor and trafilatura side by side on a corpus.

    python scripts/eval_extraction.py --corpus ../shared/real-pages [--verbose] [--json out.json]
        [--floors headline=20,day=20,body_start=19,...] [--repeat 3] [--no-trafilatura]
        [--profile N]

``--profile N`` runs govnews' extractor over every page N times under cProfile
and prints where the time goes (ms per page by function), instead of scoring.

The corpus is a folder in the format of ``../shared/real-pages``: ``index.json``
(one object per page: ``html_file``, ``url``, ``headline``, ``date_published``,
``date_day``, ``date_published_raw``, ``dateline``, ``body_first``, ``body_last``,
``body_trailer``, ``body_paragraphs``, ``must_not_contain``) and the pages.
The pages belong to their publishers: they are read from the path given, never
copied into the project.

Scoring, as the corpus README states it. Text is compared after NFC, removing
format characters (Unicode Cf), turning every Unicode space into a space and
collapsing whitespace.

* headline: exact;
* day: the local publication day;
* instant: only where ``date_published`` is set (the page prints its zone), to
  the precision the page prints: to the minute when its stamp shows no seconds,
  exactly when the page prints no stamp (the instant then comes from its metas);
* body start: the body starts with ``body_first``; an extractor that splits the
  dateline off must give the ground truth's dateline (compared without the
  trailing dash) and a first paragraph that starts with the rest;
* body end: the body ends with ``body_last``; the trailer (``(bgs/rul)``) may
  follow it or be split off;
* boilerplate-free: no ``must_not_contain`` string anywhere in the body;
* paragraphs: equal to ``body_paragraphs``, the dateline and trailer handled as above.

Exit status 1 when a ``--floors`` minimum is not met (the message names the metric).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

METRICS = ("headline", "day", "instant", "body_start", "body_end", "boilerplate", "paragraphs")
_DASHES = " -–—"


def normalise(text: str | None) -> str:
    """The text as the scorer compares it.

    >>> normalise("  Jakarta\\u00a0-\\u200e Warga\\n  mengungsi ")
    'Jakarta - Warga mengungsi'
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = "".join(
        " " if ch.isspace() or unicodedata.category(ch) == "Zs" else ch
        for ch in text
        if unicodedata.category(ch) != "Cf"
    )
    return " ".join(text.split())


@dataclass
class Prediction:
    """What one extractor says about one page."""

    headline: str | None
    day: date | None
    instant: datetime | None
    dateline: str | None
    paragraphs: list[str]
    trailer: str | None = None
    error: str | None = None


@dataclass
class PageResult:
    page: str
    scores: dict[str, bool | None]
    ms: float
    details: dict[str, str] = field(default_factory=dict)


def predict_govnews(html: bytes, url: str) -> Prediction:
    from govnews.extraction import extract_article
    from govnews.extraction.dates import published_instant

    raw = extract_article(html, url)
    instant = published_instant(raw.date_raw, raw.structured_date)
    return Prediction(
        headline=raw.headline,
        day=instant.date() if instant else None,
        instant=instant,
        dateline=raw.dateline,
        paragraphs=list(raw.paragraphs),
        trailer=raw.trailer,
    )


def predict_trafilatura(html: bytes, url: str) -> Prediction:
    import trafilatura

    out = trafilatura.extract(html, url=url, output_format="json", with_metadata=True)
    if not out:
        return Prediction(None, None, None, None, [], error="nothing extracted")
    data = json.loads(out)
    day: date | None = None
    instant: datetime | None = None
    stamp = data.get("date") or ""
    try:
        parsed = datetime.fromisoformat(stamp)
    except ValueError:
        parsed = None
    if parsed is not None:
        day = parsed.date()
        # A bare date carries no instant; only a stamp with a time and zone does.
        instant = parsed if "T" in stamp and parsed.tzinfo is not None else None
    lines = [line for line in (data.get("text") or "").split("\n") if line.strip()]
    return Prediction(data.get("title"), day, instant, None, lines)


def _strip_dateline(text: str, dateline: str) -> str | None:
    """``text`` without its leading dateline as printed, or None if it does not start with it."""
    return text[len(dateline) :].strip() if dateline and text.startswith(dateline) else None


def _dateline_matches(ours: str | None, truth: str | None) -> bool:
    return bool(ours) and bool(truth) and normalise(ours).rstrip(_DASHES) == normalise(truth).rstrip(_DASHES)


def _without_trailer(paragraphs: list[str], trailer: str) -> list[str]:
    if not trailer or not paragraphs:
        return paragraphs
    last = paragraphs[-1]
    if last == trailer:
        return paragraphs[:-1]
    if last.endswith(" " + trailer):
        return [*paragraphs[:-1], last[: -len(trailer)].rstrip()]
    return paragraphs


def _instant_ok(ours: datetime | None, truth: dict[str, Any]) -> bool | None:
    if not truth.get("date_published"):
        return None
    if ours is None or ours.tzinfo is None:
        return False
    expected = datetime.fromisoformat(truth["date_published"])
    printed = truth.get("date_published_raw")
    if printed and not re.search(r"\d{1,2}[:.]\d{2}[:.]\d{2}", printed):
        return ours.replace(second=0, microsecond=0) == expected.replace(second=0, microsecond=0)
    return ours == expected


def score_page(pred: Prediction, truth: dict[str, Any]) -> tuple[dict[str, bool | None], dict[str, str]]:
    """Each metric's verdict (None where it does not apply) and why it failed."""
    paragraphs = [p for p in (normalise(x) for x in pred.paragraphs) if p]
    trailer = normalise(truth.get("body_trailer"))
    paragraphs = _without_trailer(paragraphs, trailer)
    body = " ".join(paragraphs)
    dateline = normalise(truth.get("dateline"))
    first, last = normalise(truth.get("body_first")), normalise(truth.get("body_last"))
    expected = [normalise(p) for p in truth.get("body_paragraphs") or []]
    scores: dict[str, bool | None] = {}
    why: dict[str, str] = {}

    scores["headline"] = normalise(pred.headline) == normalise(truth.get("headline"))
    if not scores["headline"]:
        why["headline"] = f"got {pred.headline!r}"
    scores["day"] = pred.day is not None and pred.day.isoformat() == truth.get("date_day")
    if not scores["day"]:
        why["day"] = f"got {pred.day}, expected {truth.get('date_day')}"
    scores["instant"] = _instant_ok(pred.instant, truth)
    if scores["instant"] is False:
        why["instant"] = f"got {pred.instant.isoformat() if pred.instant else None}, expected {truth['date_published']}"

    if pred.dateline:
        rest = _strip_dateline(first, dateline)
        ok_dateline = _dateline_matches(pred.dateline, truth.get("dateline"))
        scores["body_start"] = ok_dateline and rest is not None and bool(paragraphs) and paragraphs[0].startswith(rest)
        opening = f"[{pred.dateline}] {paragraphs[0][:80] if paragraphs else ''}"
        if ok_dateline and rest is not None and paragraphs and paragraphs[0] == _strip_dateline(expected[0], dateline):
            paragraphs = [expected[0], *paragraphs[1:]]
    else:
        scores["body_start"] = body.startswith(first)
        opening = body[:100]
    if not scores["body_start"]:
        why["body_start"] = f"starts {opening!r}"
    scores["body_end"] = body.endswith(last)
    if not scores["body_end"]:
        why["body_end"] = f"ends {body[-100:]!r}"
    found = [s for s in truth.get("must_not_contain") or [] if normalise(s) and normalise(s) in body]
    scores["boilerplate"] = not found
    if found:
        why["boilerplate"] = f"contains {found[:3]!r}"
    scores["paragraphs"] = paragraphs == expected
    if not scores["paragraphs"]:
        shorter = min(len(paragraphs), len(expected))
        diff = next((i for i, (a, b) in enumerate(zip(paragraphs, expected)) if a != b), shorter)
        got = paragraphs[diff][:70] if diff < len(paragraphs) else None
        want = expected[diff][:70] if diff < len(expected) else None
        why["paragraphs"] = (
            f"{len(paragraphs)} vs {len(expected)}; first difference at {diff}: got {got!r}, expected {want!r}"
        )
    return scores, why


def evaluate(corpus: Path, predict: Callable[[bytes, str], Prediction], repeat: int = 1) -> list[PageResult]:
    """Score every page; its time is the fastest of ``repeat`` runs (the machine may be busy)."""
    index = json.loads((corpus / "index.json").read_text(encoding="utf-8"))
    results = []
    for truth in index:
        html = (corpus / truth["html_file"]).read_bytes()
        ms = float("inf")
        for _ in range(max(repeat, 1)):
            started = time.perf_counter()
            try:
                pred = predict(html, truth["url"])
            except Exception as exc:  # one broken page must not hide the others' scores
                pred = Prediction(None, None, None, None, [], error=f"{type(exc).__name__}: {exc}")
            ms = min(ms, (time.perf_counter() - started) * 1000)
        scores, why = score_page(pred, truth)
        if pred.error:
            why["error"] = pred.error
        results.append(PageResult(truth["id"], scores, ms, why))
    return results


def totals(results: list[PageResult]) -> dict[str, tuple[int, int]]:
    """Per metric: pages right, pages where it applies."""
    out = {}
    for metric in METRICS:
        verdicts = [r.scores[metric] for r in results if r.scores[metric] is not None]
        out[metric] = (sum(bool(v) for v in verdicts), len(verdicts))
    return out


def table(ours: list[PageResult], theirs: list[PageResult]) -> str:
    """Per metric, govnews n/N beside trafilatura's (left out when it was not run)."""
    columns = [("govnews", ours, 10)] + ([("trafilatura", theirs, 14)] if theirs else [])
    rows = ["metric".ljust(14) + "".join(name.rjust(width) for name, _, width in columns)]
    counts = [totals(results) for _, results, _ in columns]
    for metric in METRICS:
        cells = (f"{c[metric][0]}/{c[metric][1]}".rjust(w) for c, (_, _, w) in zip(counts, columns))
        rows.append(metric.ljust(14) + "".join(cells))
    ms = (f"{sum(r.ms for r in results) / max(len(results), 1):.1f}".rjust(w) for _, results, w in columns)
    rows.append("ms per page".ljust(14) + "".join(ms))
    return "\n".join(rows)


def parse_floors(text: str) -> dict[str, int]:
    """``headline=20,day=19`` to a dict; unknown metrics are an error.

    >>> parse_floors("headline=20, body_end=19")
    {'headline': 20, 'body_end': 19}
    """
    floors = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        name, _, value = part.partition("=")
        if name.strip() not in METRICS or not value.strip().isdigit():
            known = ", ".join(METRICS)
            raise argparse.ArgumentTypeError(f"bad floor {part!r}: use METRIC=N with METRIC one of {known}")
        floors[name.strip()] = int(value)
    return floors


def below_floors(results: list[PageResult], floors: dict[str, int]) -> list[str]:
    got = totals(results)
    return [f"{m}: {got[m][0]}/{got[m][1]} is under the floor of {n}" for m, n in floors.items() if got[m][0] < n]


def profile(corpus: Path, rounds: int, top: int = 30) -> str:
    """cProfile of govnews' extractor over the corpus, ``rounds`` times: the
    functions with the most time of their own, in ms per page."""
    import cProfile
    import io
    import pstats

    index = json.loads((corpus / "index.json").read_text(encoding="utf-8"))
    pages = [((corpus / t["html_file"]).read_bytes(), t["url"]) for t in index]
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        for html, url in pages:
            predict_govnews(html, url)
    profiler.disable()
    calls = len(pages) * rounds
    stats = pstats.Stats(profiler)
    rows = sorted(stats.stats.items(), key=lambda kv: -kv[1][2])[:top]  # type: ignore[attr-defined]
    out = io.StringIO()
    out.write(f"{'own ms/page':>12} {'cum ms/page':>12} {'calls/page':>11}  function\n")
    for (filename, line, name), (_, ncalls, own, cumulative, _) in rows:
        where = f"{Path(filename).name}:{line}({name})" if line else name
        out.write(f"{own * 1000 / calls:12.3f} {cumulative * 1000 / calls:12.3f} {ncalls / calls:11.1f}  {where}\n")
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder with index.json and the pages")
    parser.add_argument("--json", type=Path, help="write per-page results and totals here")
    parser.add_argument("--verbose", action="store_true", help="show each page's failures")
    parser.add_argument("--floors", type=parse_floors, default={}, help="e.g. headline=20,day=20,body_start=19")
    parser.add_argument("--no-trafilatura", action="store_true", help="score govnews only")
    parser.add_argument("--repeat", type=int, default=1, help="time each page as the fastest of N runs")
    parser.add_argument("--profile", type=int, metavar="N", help="profile govnews over the pages N times; no scoring")
    args = parser.parse_args(argv)
    if not (args.corpus / "index.json").is_file():
        parser.error(f"{args.corpus} has no index.json")
    if args.profile:
        import govnews.extraction  # noqa: F401

        print(profile(args.corpus, args.profile))
        return 0
    # Imports are not the extractors' cost per page: load both before timing.
    import govnews.extraction  # noqa: F401
    import trafilatura  # noqa: F401

    ours = evaluate(args.corpus, predict_govnews, args.repeat)
    theirs = [] if args.no_trafilatura else evaluate(args.corpus, predict_trafilatura, args.repeat)
    if args.verbose:
        for name, results in (("govnews", ours), ("trafilatura", theirs)):
            for r in results:
                for metric, reason in r.details.items():
                    print(f"{name:<12} {r.page:<14} {metric:<12} {reason}")
        print()
    print(table(ours, theirs))
    if args.json:
        report = {
            "totals": {"govnews": totals(ours), "trafilatura": totals(theirs)},
            "pages": {"govnews": [asdict(r) for r in ours], "trafilatura": [asdict(r) for r in theirs]},
        }
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    failures = below_floors(ours, args.floors)
    for failure in failures:
        print(f"FLOOR NOT MET: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
