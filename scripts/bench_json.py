"""The benchmark's headline figures as one JSON object (``bench.py --json PATH``).

Keys (ratios are of figures measured in the same run):

- ``crawl_ratio``: govnews crawl pages/s over the bare spider's (b/a), median of the per-repetition ratios;
- ``playwright_handler_ratio``: with scrapy-playwright's handler installed over without (c/b);
- ``crawl_cpu_ratio``: the bare spider's crawler CPU per page over govnews' (median of the repetitions):
  what ``crawl_ratio`` would be were both CPU-bound alone on a core, less swayed by other load;
- ``stage_share``: cleaning + validation + export over the four stages' CPU per article;
- ``stage_us_per_article``: CPU microseconds per article by stage (median of the repetitions);
- ``peak_rss_mb``: peak RSS of the crawl process by site size (articles, as strings);
- ``cpu_us_per_page``: the crawl process's CPU per page by site size (the scale curve);
- ``rss_growth``: peak RSS growth from 10,000 articles to the largest size (or smallest to largest);
- ``extract_speedup_vs_trafilatura``: trafilatura's CPU per page over govnews' extraction stage's,
  on the realistic site, and on ``--real-pages`` (generic extractor, wall time, fastest of the repetitions);
- ``extract_f1``: body F1 (4-token shingles) of govnews and trafilatura per page set;
- ``clean_words_per_s_first_pass``: ``clean_text`` words/s on text it has not seen (``bench_cleaning.py``);
- ``commit``, ``machine``, ``site``, ``articles``, ``repeat``, ``targets``.
"""

from __future__ import annotations

import statistics
from typing import Any

from bench_report import (MAX_AFTER_EXTRACTION_SHARE, MAX_PEAK_RSS_MB, MAX_RSS_GROWTH, MB, MIN_CRAWL_RATIO,
                          MIN_SPEEDUP, Results, memory_growth, paired_ratios, runs_of)

REQUIRED_KEYS = ("crawl_ratio", "playwright_handler_ratio", "stage_share", "stage_us_per_article", "peak_rss_mb",
                 "rss_growth", "extract_speedup_vs_trafilatura", "extract_f1", "clean_words_per_s_first_pass",
                 "commit", "machine")


def _site_set(results: Results, extractor: str) -> Any:
    return next((s for s in results.extraction if s.extractor == extractor and s.page_set.startswith("site")), None)


def summary(results: Results, *, site: str, clean_first_pass: dict[str, Any],
            real_pages: dict[str, float] | None) -> dict[str, Any]:
    b_a = statistics.median(paired_ratios(results.crawls, "govnews", "bare"))
    c_b = statistics.median(paired_ratios(results.crawls, "govnews+playwright", "govnews"))
    cpu_ratio = statistics.median(
        (bare.crawler_cpu_s / bare.pages) / (ours.crawler_cpu_s / ours.pages)
        for bare, ours in zip(runs_of(results.crawls, "bare"), runs_of(results.crawls, "govnews")))
    micros = {stage: round(values[0], 1) for stage, values in results.stages.micros.items()}
    peak = {str(size): round(statistics.median(r.peak_rss_bytes for r in runs) / MB, 1)
            for size, runs in sorted(results.memory.items())}
    cpu_per_page = {str(size): round(statistics.median(r.crawler_cpu_s / r.pages * 1e6 for r in runs), 1)
                    for size, runs in sorted(results.memory.items())}
    growth = memory_growth(results)
    traf_site = _site_set(results, "trafilatura")
    ours_site = _site_set(results, "govnews")
    speedup: dict[str, float] = {}
    if traf_site is not None and micros.get("extraction"):
        speedup["realistic_site"] = round(traf_site.ms_per_page[0] * 1000 / micros["extraction"], 2)
    if real_pages:
        speedup["real_pages"] = round(real_pages["trafilatura_ms"] / real_pages["govnews_ms"], 2)
    f1 = {f"{s.extractor}:{s.page_set.split(' ')[0]}": round(s.f1, 4) for s in results.extraction}
    share = results.stages.after_extraction_share
    rss_10k = peak.get("10000")
    return {
        "crawl_ratio": round(b_a, 3),
        "playwright_handler_ratio": round(c_b, 3),
        "crawl_cpu_ratio": round(cpu_ratio, 3),
        "stage_share": round(share, 4),
        "stage_us_per_article": micros,
        "peak_rss_mb": peak,
        "cpu_us_per_page": cpu_per_page,
        "rss_growth": round(growth[4], 4) if growth else None,
        "rss_growth_sizes": [growth[0], growth[1]] if growth else None,
        "extract_speedup_vs_trafilatura": speedup,
        "extract_f1": f1,
        "extract_f1_realistic_site": round(ours_site.f1, 4) if ours_site else None,
        "clean_words_per_s_first_pass": round(float(clean_first_pass.get("words_per_s", 0.0)), 1),
        "commit": results.environment.get("govnews", "unknown"),
        "machine": {k: v for k, v in results.environment.items() if k != "govnews"},
        "site": site,
        "articles": results.articles,
        "repeat": results.repeat,
        "targets": {
            "crawl_ratio>=": MIN_CRAWL_RATIO, "stage_share<=": MAX_AFTER_EXTRACTION_SHARE,
            "peak_rss_mb_at_10000<=": MAX_PEAK_RSS_MB, "rss_growth<=": MAX_RSS_GROWTH,
            "extract_speedup>=": MIN_SPEEDUP,
            "met": {
                "crawl_ratio": b_a >= MIN_CRAWL_RATIO,
                "stage_share": share <= MAX_AFTER_EXTRACTION_SHARE,
                "peak_rss_10000": rss_10k <= MAX_PEAK_RSS_MB if rss_10k is not None else None,
                "rss_growth": growth[4] <= MAX_RSS_GROWTH if growth else None,
                "extract_speedup": {name: value >= MIN_SPEEDUP for name, value in speedup.items()},
            },
        },
    }
