"""govnews benchmarks: crawl throughput and memory against bare Scrapy, extraction against trafilatura.

    .venv/bin/python scripts/bench.py [--articles 5000] [--repeat 3] [--memory-sizes 1000,10000,50000]
                                      [--site realistic|default] [--real-pages DIR]
                                      [--skip-memory] [--smoke] [--report PATH] [--json PATH]

The site is the realistic one (``sitegen.realistic``: pages, scripts,
navigation and article lengths as measured on real pages, a Zipf vocabulary
with unknown words and typos at the real rates) unless ``--site default``.

Everything is measured in one run on one machine and reported as ratios to a
baseline measured in the same run, so the results survive a busy machine.
Each figure is the median of ``--repeat`` repetitions, with min and max:

1. crawl throughput of a bare Scrapy spider, ``scrapy crawl gonews`` and
   ``scrapy crawl gonews`` with scrapy-playwright's handler installed, against
   the sample site served by its loopback server in another process;
2. CPU per article of extraction, cleaning, validation and export, outside
   the engine, with a profile of where it goes;
3. peak RSS of the crawl at two site sizes;
4. Parquet bytes per article and the time pandas and DuckDB take to read it;
5. body F1, headline and date accuracy and speed of govnews against trafilatura
   (and on ``--real-pages``, the generic extractor against trafilatura);
6. ``clean_text``'s words per second on its first pass over unseen text.

``--json PATH`` writes the headline figures as one JSON object (``bench_json.py``).

``--smoke`` runs every part at tiny sizes once, to keep the script working in
CI; its figures mean nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pstats
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

SCRIPTS = Path(__file__).resolve().parent
REPO = SCRIPTS.parent
# The sample-site generator and the bench helpers live beside this script, and
# govnews in the repo root: runnable without installing either.
sys.path[:0] = [str(SCRIPTS), str(REPO)]

import scrapy  # noqa: E402
from bench_crawl import CRAWLS, CrawlRun, max_pages_for, profile_crawl, run_crawl, serving  # noqa: E402
from bench_extract import CAPTURES_DOWNLOADED_AT, capture_articles, pooled, score  # noqa: E402
from bench_json import summary  # noqa: E402
from bench_report import Results, render  # noqa: E402
from bench_stages import (  # noqa: E402
    measure_output,
    measure_stages,
    profile_stages,
    site_articles,
    site_now,
    summarise_profile,
)
from sitegen import generate_site  # noqa: E402
from sitegen.realistic import generate_realistic_site  # noqa: E402

DEFAULT_CAPTURES = REPO / "tests" / "data" / "captures" / "gonews"
SITE_SEED = 1


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected comma-separated article counts, got {text!r}") from None
    if len(sizes) < 2 or sizes[0] < 1:
        raise argparse.ArgumentTypeError("need two or more positive article counts, e.g. 1000,10000")
    return sizes


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000, help="sample site size for throughput (default 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="repetitions per figure (default 3)")
    parser.add_argument("--memory-sizes", type=_sizes, default=[1000, 10000, 50000],
                        help="site sizes for peak RSS (default 1000,10000,50000)")
    parser.add_argument("--site", choices=("realistic", "default"), default="realistic",
                        help="the sample site: realistic (default) or the small demo site")
    parser.add_argument("--real-pages", type=Path, help="also time extraction on this corpus (../shared/real-pages)")
    parser.add_argument("--json", type=Path, help="write the headline figures here as one JSON object")
    parser.add_argument("--memory-repeat", type=int, help="repetitions per memory size (default: --repeat)")
    parser.add_argument("--skip-memory", action="store_true", help="leave out the memory runs")
    parser.add_argument("--extract-sample", type=int, default=300,
                        help="generated articles scored against trafilatura besides the captures (default 300)")
    parser.add_argument("--stage-sample", type=int, default=1000,
                        help="article pages for the per-stage CPU (default 1000; 0 = every article of the site)")
    parser.add_argument("--captures", type=Path, default=DEFAULT_CAPTURES, help="GoNews captures with expected.json")
    parser.add_argument("--smoke", action="store_true", help="tiny sizes, one repetition: checks the script runs")
    parser.add_argument("--report", type=Path, help="also write the markdown report here")
    parser.add_argument("--work-dir", type=Path, help="keep sites and crawl outputs here (default: a temp dir, removed)")
    args = parser.parse_args(argv)
    if args.smoke:
        args.articles, args.repeat, args.memory_sizes = 40, 1, [20, 40]
        args.extract_sample, args.stage_sample = 15, 0
    if args.articles < 1 or args.repeat < 1:
        parser.error("--articles and --repeat must be positive")
    return args


def log(message: str) -> None:
    print(f"[bench {datetime.now(timezone.utc):%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def code_version() -> str:
    """The commit measured; "-dirty" when the working tree differs from it (it is shared)."""
    try:
        result = subprocess.run(["git", "-C", str(REPO), "describe", "--always", "--dirty"],
                                capture_output=True, text=True, timeout=10)
    except OSError:
        return "unknown"
    return result.stdout.strip() or "unknown"


def environment() -> dict[str, str]:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    return {
        "govnews": code_version(),
        "CPUs": str(os.cpu_count()),
        "load average": f"{load:.2f} at start",
        "Python": platform.python_version(),
        "Scrapy": scrapy.__version__,
    }


def make_site(work: Path, articles: int, kind: str) -> Path:
    site = work / f"site-{kind}-{articles}"
    if not (site / "routes.json").exists():
        log(f"generating a {articles:,}-article {kind} sample site")
        (generate_realistic_site if kind == "realistic" else generate_site)(site, articles, SITE_SEED)
    return site


def clean_first_pass(site: Path, articles: int) -> dict[str, Any]:
    """``bench_cleaning.py`` in a fresh process: no cache warm from the stage runs."""
    result = subprocess.run([sys.executable, str(SCRIPTS / "bench_cleaning.py"), str(site), "--articles",
                             str(articles)], capture_output=True, text=True, timeout=3600, cwd=REPO)
    if result.returncode != 0:
        raise RuntimeError(f"bench_cleaning.py failed: {result.stderr[-2000:]}")
    return json.loads(result.stdout)


def real_pages_timing(corpus: Path, repeat: int) -> dict[str, float]:
    """Total ms over the corpus of govnews' generic extractor and trafilatura (fastest of ``repeat`` each)."""
    from eval_extraction import evaluate, predict_govnews, predict_trafilatura

    ours = evaluate(corpus, predict_govnews, repeat)
    theirs = evaluate(corpus, predict_trafilatura, repeat)
    return {"govnews_ms": sum(r.ms for r in ours), "trafilatura_ms": sum(r.ms for r in theirs),
            "pages": float(len(ours))}


def crawl_repeatedly(site: Path, kinds: tuple[str, ...], repeat: int, work: Path) -> list[CrawlRun]:
    """``repeat`` rounds of every crawl kind; interleaved, so a noisy spell hits all kinds alike."""
    runs = []
    max_pages = max_pages_for(site)
    with serving(site) as server:
        for round_number in range(repeat):
            for kind in kinds:
                run_dir = work / f"{site.name}-{kind}-{round_number}"
                run = run_crawl(kind, server, max_pages, run_dir)
                log(f"{site.name} {kind} #{round_number + 1}: {run.pages} pages, {run.pages_per_s:.1f} pages/s, "
                    f"peak RSS {run.peak_rss_bytes / 1e6:.0f} MB, server CPU {run.server_cpu_share:.0%}")
                runs.append(run)
    return runs


def run(args: argparse.Namespace, work: Path) -> Results:
    started = time.perf_counter()
    env = environment()
    site = make_site(work, args.articles, args.site)
    crawls = crawl_repeatedly(site, CRAWLS, args.repeat, work)
    datasets = [c.output_dir for c in crawls if c.kind == "govnews" and c.output_dir]
    log("profiling one full crawl (not timed)")
    with serving(site) as server:
        profile_path = profile_crawl(server, max_pages_for(site), work / "profiled-crawl")
    crawl_own, crawl_govnews = summarise_profile(pstats.Stats(str(profile_path), stream=io.StringIO()), top=10)

    log("timing extraction, cleaning, validation and export per article")
    downloaded_at = site_now(site)
    pages = site_articles(site, args.stage_sample or None)
    stages = measure_stages(pages, downloaded_at, args.repeat)
    profile_own, profile_govnews = profile_stages(pages[:1000], downloaded_at)

    log("reading the dataset back with pandas and DuckDB")
    output = measure_output(datasets[-1] / "articles", args.repeat)

    memory: dict[int, list[CrawlRun]] = {}
    if not args.skip_memory:
        for size in args.memory_sizes:
            memory_site = make_site(work, size, args.site)
            memory[size] = crawl_repeatedly(memory_site, ("govnews",), args.memory_repeat or args.repeat,
                                            work / "memory")
            shutil.rmtree(work / "memory", ignore_errors=True)

    log("scoring govnews and trafilatura on the captures and the generated pages")
    page_sets = {
        "captures": (capture_articles(args.captures), CAPTURES_DOWNLOADED_AT),
        f"site ({min(args.extract_sample, len(pages))} generated)": (
            site_articles(site, args.extract_sample), downloaded_at),
    }
    extraction = [
        score(extractor, name, set_pages, reference, args.repeat)
        for name, (set_pages, reference) in page_sets.items() if set_pages
        for extractor in ("govnews", "trafilatura")
    ]
    extraction += [pooled(extraction, "govnews"), pooled(extraction, "trafilatura")]

    log("cleaning unseen text once (fresh process)")
    args.clean_first_pass = clean_first_pass(site, min(2000, args.articles))
    args.real_pages_timing = real_pages_timing(args.real_pages, args.repeat) if args.real_pages else None

    return Results(
        articles=args.articles, repeat=args.repeat, environment=env, crawls=crawls,
        crawl_profile_own=crawl_own, crawl_profile_govnews=crawl_govnews, stages=stages,
        profile_own=profile_own, profile_govnews=profile_govnews, output=output, memory=memory,
        extraction=extraction, runtime_s=time.perf_counter() - started,
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.work_dir:
        args.work_dir.mkdir(parents=True, exist_ok=True)
        work = args.work_dir
    else:
        work = Path(tempfile.mkdtemp(prefix="govnews-bench-"))
    try:
        results = run(args, work)
        report = render(results)
        if args.json:
            figures = summary(results, site=args.site, clean_first_pass=args.clean_first_pass,
                              real_pages=args.real_pages_timing)
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    finally:
        if not args.work_dir:
            shutil.rmtree(work, ignore_errors=True)
    print(report)
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
