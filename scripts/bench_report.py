"""The benchmark's markdown report: one table per measurement, then the targets.

Every figure is the median over the repetitions with (min–max) beside it;
comparisons are ratios of figures measured in the same run.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from bench_crawl import CRAWLS, CrawlRun
from bench_extract import ExtractionScore
from bench_stages import STAGES, OutputSummary, ProfileLine, StageSummary

MB = 1_000_000
# The targets of issue 13.
MIN_CRAWL_RATIO = 0.8
MAX_AFTER_EXTRACTION_SHARE = 0.30
MAX_PEAK_RSS_MB = 250.0
MAX_RSS_GROWTH = 0.10
RSS_REFERENCE_SIZE = 10_000
MIN_BODY_F1 = 0.99
MIN_SPEEDUP = 10.0


@dataclass
class Results:
    articles: int
    repeat: int
    environment: dict[str, str]
    crawls: list[CrawlRun]
    crawl_profile_own: list[ProfileLine]
    crawl_profile_govnews: list[ProfileLine]
    stages: StageSummary
    profile_own: list[ProfileLine]
    profile_govnews: list[ProfileLine]
    output: OutputSummary
    memory: dict[int, list[CrawlRun]] = field(default_factory=dict)
    extraction: list[ExtractionScore] = field(default_factory=list)
    runtime_s: float = 0.0


def spread(values: Sequence[float], digits: int = 1, scale: float = 1.0) -> str:
    """``median (min–max)`` of ``values`` divided by ``scale``."""
    scaled = [v / scale for v in values]
    median = statistics.median(scaled)
    if len(scaled) == 1:
        return f"{median:,.{digits}f}"
    return f"{median:,.{digits}f} ({min(scaled):,.{digits}f}–{max(scaled):,.{digits}f})"


def triple(values: tuple[float, float, float], digits: int = 1) -> str:
    median, low, high = values
    if low == high:
        return f"{median:,.{digits}f}"
    return f"{median:,.{digits}f} ({low:,.{digits}f}–{high:,.{digits}f})"


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def runs_of(crawls: list[CrawlRun], kind: str) -> list[CrawlRun]:
    return [run for run in crawls if run.kind == kind]


def median_rate(crawls: list[CrawlRun], kind: str) -> float:
    return statistics.median(run.pages_per_s for run in runs_of(crawls, kind))


def paired_ratios(crawls: list[CrawlRun], top: str, bottom: str) -> list[float]:
    """Ratio of pages/s within each repetition (the crawls of one repetition ran back to back)."""
    return [t.pages_per_s / b.pages_per_s for t, b in zip(runs_of(crawls, top), runs_of(crawls, bottom))]


LABELS = {
    "bare": "(a) bare Scrapy spider, no extraction",
    "govnews": "(b) `scrapy crawl gonews`, popular list off",
    "govnews+playwright": "(c) (b) with scrapy-playwright's handler for http/https",
}


def crawl_section(results: Results) -> list[str]:
    rows = []
    for kind in CRAWLS:
        runs = runs_of(results.crawls, kind)
        rows.append([
            LABELS[kind],
            spread([r.pages for r in runs], 0),
            spread([r.pages_per_s for r in runs]),
            spread([r.elapsed_s for r in runs], 2),
            spread([r.crawler_cpu_s for r in runs], 1),
            spread([r.server_cpu_share * 100 for r in runs], 1),
        ])
    lines = [f"### 1. Crawl throughput ({results.articles:,} articles)", ""]
    lines += _table(["crawl", "pages", "pages/s", "crawl s", "crawler CPU s", "server CPU %"], rows)
    b_a = median_rate(results.crawls, "govnews") / median_rate(results.crawls, "bare")
    c_b = median_rate(results.crawls, "govnews+playwright") / median_rate(results.crawls, "govnews")
    lines += [
        "",
        f"- **b/a = {b_a:.2f}** (per repetition: {spread(paired_ratios(results.crawls, 'govnews', 'bare'), 2)})",
        f"- **c/b = {c_b:.2f}** (per repetition: "
        f"{spread(paired_ratios(results.crawls, 'govnews+playwright', 'govnews'), 2)})",
        "- pages/s = `downloader/response_count` / `elapsed_time_seconds` of the crawl's own stats "
        "(interpreter start-up excluded; crawler CPU s includes it). Server CPU % = the server "
        "process's CPU time over the crawl time (100 % = one core).",
    ]
    lines += ["", "Where crawl (b) spends its time (cProfile of one more, untimed, crawl (b): top functions by own time):", ""]
    lines += profile_table(results.crawl_profile_own, own_first=True)
    lines += ["", "govnews functions in that crawl, by cumulative time:", ""]
    lines += profile_table(results.crawl_profile_govnews, own_first=False)
    return lines


def profile_table(lines: list[ProfileLine], own_first: bool) -> list[str]:
    if own_first:
        return _table(["function", "own time", "cumulative"],
                      [[f"`{p.function}`", f"{p.own_share * 100:.1f} %", f"{p.cumulative_share * 100:.1f} %"]
                       for p in lines])
    return _table(["function", "cumulative", "own time"],
                  [[f"`{p.function}`", f"{p.cumulative_share * 100:.1f} %", f"{p.own_share * 100:.1f} %"]
                   for p in lines])


def stage_section(results: Results) -> list[str]:
    stages = results.stages
    rows = [[name, triple(stages.micros[name], 0), f"{stages.share(name) * 100:.1f} %"] for name in STAGES]
    rows.append(["**total**", f"{stages.total_median:,.0f}", "100 %"])
    lines = [
        f"### 2. Where the time goes (CPU per article, {stages.articles:,} article pages, "
        f"{stages.valid:,} valid)",
        "",
    ]
    lines += _table(["stage", "µs/article", "share"], rows)
    lines += [
        "",
        f"- cleaning + validation + export = **{stages.after_extraction_share * 100:.1f} %** of the four stages.",
    ]
    bare, govnews = runs_of(results.crawls, "bare"), runs_of(results.crawls, "govnews")
    if bare and govnews:
        bare_cpu = statistics.median(r.crawler_cpu_s for r in bare) / results.articles * 1e6
        full_cpu = statistics.median(r.crawler_cpu_s for r in govnews) / results.articles * 1e6
        lines.append(
            f"- For scale, whole crawl processes (start-up included) per article: bare {bare_cpu:,.0f} µs, "
            f"govnews {full_cpu:,.0f} µs CPU; the difference, {full_cpu - bare_cpu:,.0f} µs, is "
            f"{(full_cpu - bare_cpu) / stages.total_median:.1f}× what the four stages cost outside the engine."
        )
    lines += ["", "Top functions by own time (cProfile of one pass over the four stages):", ""]
    lines += profile_table(results.profile_own, own_first=True)
    lines += ["", "govnews functions by cumulative time:", ""]
    lines += profile_table(results.profile_govnews, own_first=False)
    return lines


def memory_growth(results: Results) -> tuple[int, int, float, float, float] | None:
    """(small size, large size, small peak MB, large peak MB, growth) of the memory runs.

    The small size is 10,000 articles when measured with a larger one (the
    targets' reference), else the smallest.
    """
    if len(results.memory) < 2:
        return None
    large = max(results.memory)
    small = RSS_REFERENCE_SIZE if RSS_REFERENCE_SIZE in results.memory and large > RSS_REFERENCE_SIZE \
        else min(results.memory)
    low = statistics.median(r.peak_rss_bytes for r in results.memory[small]) / MB
    high = statistics.median(r.peak_rss_bytes for r in results.memory[large]) / MB
    return small, large, low, high, high / low - 1


def memory_section(results: Results) -> list[str]:
    lines = ["### 3. Memory (peak RSS of the `scrapy crawl gonews` process)", ""]
    if not results.memory:
        return lines + ["Skipped (`--skip-memory`)."]
    rows = []
    for size, runs in sorted(results.memory.items()):
        startup = [r.memusage_startup_bytes for r in runs if r.memusage_startup_bytes]
        rows.append([
            f"{size:,}",
            spread([r.pages for r in runs], 0),
            spread(startup, 1, MB) if startup else "–",
            spread([r.peak_rss_bytes for r in runs], 1, MB),
            spread([r.pages_per_s for r in runs]),
        ])
    lines += _table(["articles", "pages", "RSS at spider open MB", "peak RSS MB", "pages/s"], rows)
    growth = memory_growth(results)
    if growth:
        small, large, low, high, rate = growth
        lines += ["", f"- growth {small:,} → {large:,} articles: **{rate * 100:+.1f} %** ({low:.1f} → {high:.1f} MB)"]
    lines += [
        "- Peak RSS is the kernel's high-water mark of the crawl process (`ru_maxrss`); RSS at spider "
        "open is Scrapy's `memusage/startup` (imports, settings, components built). MB = 10^6 bytes.",
    ]
    return lines


def output_section(results: Results) -> list[str]:
    out = results.output
    lines = [f"### 4. Output (the articles dataset of one crawl (b), {out.rows:,} rows in {out.files} files)", ""]
    lines += _table(
        ["Parquet bytes/article", "body text bytes/article", "dataset MB", "pandas read s", "DuckDB read s"],
        [[f"{out.bytes_per_article:,.0f}", f"{out.body_bytes / out.rows if out.rows else 0:,.0f}",
          f"{out.parquet_bytes / MB:.2f}", triple(out.pandas_s, 3), triple(out.duckdb_s, 3)]],
    )
    lines += ["", "- Read = every row and column into a pandas DataFrame: `pd.read_parquet(dir)`; "
              "DuckDB `read_parquet('dir/**/*.parquet', hive_partitioning = true)` then `.df()`; "
              "after one untimed read.",
              "- Body text bytes = the UTF-8 `article_body` alone, uncompressed. The sample site's text comes "
              "from templates that repeat across articles, so it compresses better than real news would."]
    return lines


def extraction_section(results: Results) -> list[str]:
    rows = [
        [s.page_set, s.extractor, s.pages, f"{s.precision:.4f}", f"{s.recall:.4f}", f"{s.f1:.4f}",
         f"{s.headline_accuracy:.3f}", f"{s.date_accuracy:.3f}", triple(s.ms_per_page, 2)]
        for s in results.extraction
    ]
    lines = ["### 5. Extraction against trafilatura (same pages)", ""]
    lines += _table(
        ["pages", "extractor", "n", "body precision", "body recall", "body F1", "headline acc.", "date acc.",
         "CPU ms/page"],
        rows,
    )
    lines += [
        "",
        "- Body: 4-token shingle sets against the ground-truth body, micro-averaged over pages. "
        "govnews = page object + loaders (cleaning included); trafilatura = "
        '`extract(html, url=..., with_metadata=True, output_format="json")`.',
        "- Date: govnews must give the truth's UTC instant; trafilatura (dates only) the truth's local date.",
    ]
    return lines


def _verdict(met: bool, detail: str) -> str:
    return f"met ({detail})" if met else f"**missed** ({detail})"


def targets(results: Results) -> list[list[str]]:
    rows = []
    b_a = median_rate(results.crawls, "govnews") / median_rate(results.crawls, "bare")
    rows.append([f"full crawl ≥ {MIN_CRAWL_RATIO}× bare spider pages/s", f"{b_a:.2f}×",
                 _verdict(b_a >= MIN_CRAWL_RATIO, f"{(b_a / MIN_CRAWL_RATIO - 1) * 100:+.0f} % vs target")])
    share = results.stages.after_extraction_share
    rows.append([f"cleaning + validation + export ≤ {MAX_AFTER_EXTRACTION_SHARE:.0%} of per-article CPU",
                 f"{share:.1%}",
                 _verdict(share <= MAX_AFTER_EXTRACTION_SHARE,
                          f"{(share - MAX_AFTER_EXTRACTION_SHARE) * 100:+.1f} points")])
    growth = memory_growth(results)
    if growth:
        small, large, low, high, rate = growth
        size, peak = (small, low) if small == RSS_REFERENCE_SIZE else (large, high)
        rows.append([f"peak RSS ≤ {MAX_PEAK_RSS_MB:.0f} MB at {size:,} articles", f"{peak:.1f} MB",
                     _verdict(peak <= MAX_PEAK_RSS_MB, f"{peak - MAX_PEAK_RSS_MB:+.1f} MB")])
        rows.append([f"RSS growth {small:,} → {large:,} ≤ {MAX_RSS_GROWTH:.0%}", f"{rate:+.1%}",
                     _verdict(rate <= MAX_RSS_GROWTH, f"{(rate - MAX_RSS_GROWTH) * 100:+.1f} points")])
    else:
        rows.append(["peak RSS and growth", "not measured", "–"])
    ours = [s for s in results.extraction if s.extractor == "govnews" and s.page_set != "all"]
    worst = min(ours, key=lambda s: s.f1)
    rows.append([f"body F1 ≥ {MIN_BODY_F1} on GoNews pages (every page set)", f"{worst.f1:.4f} ({worst.page_set})",
                 _verdict(worst.f1 >= MIN_BODY_F1, f"{worst.f1 - MIN_BODY_F1:+.4f}")])
    pooled = {s.extractor: s for s in results.extraction if s.page_set == "all"}
    speedup = pooled["trafilatura"].ms_per_page[0] / pooled["govnews"].ms_per_page[0]
    rows.append([f"≥ {MIN_SPEEDUP:.0f}× faster per page than trafilatura", f"{speedup:.1f}×",
                 _verdict(speedup >= MIN_SPEEDUP, f"{(speedup / MIN_SPEEDUP - 1) * 100:+.0f} % vs target")])
    return rows


def render(results: Results) -> str:
    env = ", ".join(f"{k} {v}" for k, v in results.environment.items())
    lines = [
        f"## govnews benchmark — {results.articles:,} articles, {results.repeat} repetition(s)",
        "",
        f"Environment: {env}. Benchmark runtime: {results.runtime_s / 60:.1f} min.",
        "Figures are median (min–max) over the repetitions; crawls of one repetition run back to back.",
        "",
    ]
    for section in (crawl_section, stage_section, memory_section, output_section, extraction_section):
        lines += section(results) + [""]
    lines += ["### Targets", ""]
    lines += _table(["target", "measured", "verdict"], targets(results))
    return "\n".join(lines) + "\n"
