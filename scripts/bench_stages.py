"""Where an article's CPU goes, outside the engine; and what the output costs to keep and read.

The four stages are those an article passes through in a crawl:

- extraction: ``ArticlePage(url, html).extract()`` (parsing the HTML included,
  as the spider's callback parses the response);
- cleaning: ``load_article`` (the loaders and every cleaning function);
- validation: what ``ValidationPipeline`` does, ``govnews.pipelines.validate``
  (``to_json_value`` and the compiled schema validator);
- export: ``PartitionedParquetWriter.write`` for every valid item, then ``close``.

Each is timed in CPU seconds (``time.process_time``) over the same pages, so
another process's load on a shared machine does not count against it.
"""

from __future__ import annotations

import cProfile
import io
import json
import pstats
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from govnews import settings as project_settings
from govnews.exporters import PartitionedParquetWriter
from govnews.items import ArticleItem
from govnews.loaders import load_article
from govnews.records import RawArticle
from govnews.pipelines import validate as validate_item
from govnews.schema import load_schema
from govnews.sites.gonews.pages import ArticlePage

LOOPBACK = "http://127.0.0.1:8000"
STAGES = ("extraction", "cleaning", "validation", "export")


@dataclass(frozen=True)
class ArticleHtml:
    url: str
    html: str
    truth: dict[str, Any]


def site_articles(site_dir: Path, limit: int | None = None) -> list[ArticleHtml]:
    """The article pages govnews would extract from: ``?page=all`` for split articles."""
    from sitegen.realistic import load_chromes, served_html

    routes = json.loads((site_dir / "routes.json").read_text("utf-8"))["routes"]
    chromes = load_chromes(site_dir)
    pages = []
    with (site_dir / "truth-articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            truth = json.loads(line)
            show_all = f"{truth['url_path']}?page=all"
            path = show_all if show_all in truth["served_paths"] else truth["url_path"]
            html = served_html(site_dir, routes[path], chromes)
            pages.append(ArticleHtml(LOOPBACK + path, html, truth))
            if limit is not None and len(pages) >= limit:
                break
    return pages


def site_now(site_dir: Path) -> datetime:
    """The generator's "now", the reference relative dates on the site count from."""
    truth = json.loads((site_dir / "truth.json").read_text("utf-8"))
    return datetime.fromisoformat(truth["generator"]["site_now"]).astimezone(timezone.utc)


@dataclass
class StagePass:
    """CPU seconds of each stage over all pages, in one pass."""

    seconds: dict[str, float]
    articles: int
    valid: int


def _timed(function: Callable[[], Any]) -> tuple[Any, float]:
    started = time.process_time()
    value = function()
    return value, time.process_time() - started


def run_stages(pages: list[ArticleHtml], downloaded_at: datetime, out_dir: Path) -> StagePass:
    """One pass of the four stages over ``pages``, each stage timed as a whole."""
    schema = load_schema("article")
    raws: list[RawArticle]
    raws, extraction = _timed(lambda: [ArticlePage(p.url, p.html).extract() for p in pages])
    items, cleaning = _timed(lambda: [load_article(r, run_id="bench", downloaded_at=downloaded_at) for r in raws])

    def validate() -> list[dict[str, Any]]:
        valid = []
        for item in items:
            _, errors = validate_item(item, schema)
            if not errors:
                valid.append(item)
        return valid

    valid, validation = _timed(validate)

    def export() -> None:
        writer = PartitionedParquetWriter(
            out_dir / ArticleItem.directory,
            schema,
            "bench",
            ArticleItem.partition_of,
            row_group_size=project_settings.GOVNEWS_ROW_GROUP_SIZE,
            max_rows_per_file=project_settings.GOVNEWS_MAX_ROWS_PER_FILE,
            compression=project_settings.GOVNEWS_PARQUET_COMPRESSION,
        )
        for item in valid:
            writer.write(item)
        writer.close()

    _, export_s = _timed(export)
    seconds = {"extraction": extraction, "cleaning": cleaning, "validation": validation, "export": export_s}
    return StagePass(seconds, len(pages), len(valid))


@dataclass(frozen=True)
class StageSummary:
    articles: int
    valid: int
    # stage -> (median, min, max) microseconds per article
    micros: dict[str, tuple[float, float, float]]

    @property
    def total_median(self) -> float:
        return sum(m for m, _, _ in self.micros.values())

    def share(self, stage: str) -> float:
        return self.micros[stage][0] / self.total_median if self.total_median else 0.0

    @property
    def after_extraction_share(self) -> float:
        return sum(self.share(s) for s in ("cleaning", "validation", "export"))


def measure_stages(pages: list[ArticleHtml], downloaded_at: datetime, repeat: int) -> StageSummary:
    # Warm-up: lexicons, schema compilation and imports load once per process,
    # as they do once per crawl.
    with tempfile.TemporaryDirectory(prefix="govnews-bench-") as tmp:
        run_stages(pages[:5], downloaded_at, Path(tmp))
    passes = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="govnews-bench-") as tmp:
            passes.append(run_stages(pages, downloaded_at, Path(tmp)))
    micros = {}
    for stage in STAGES:
        values = [p.seconds[stage] / p.articles * 1e6 for p in passes]
        micros[stage] = (statistics.median(values), min(values), max(values))
    return StageSummary(passes[0].articles, passes[0].valid, micros)


@dataclass(frozen=True)
class ProfileLine:
    function: str
    own_share: float
    cumulative_share: float


def summarise_profile(stats: pstats.Stats, top: int = 8) -> tuple[list[ProfileLine], list[ProfileLine]]:
    """The top functions by own time, and govnews' top functions by cumulative time."""
    entries = stats.stats  # type: ignore[attr-defined]
    total = sum(own for _, _, own, _, _ in entries.values()) or 1.0

    def name(key: tuple[str, int, str]) -> str:
        file_name, line, function = key
        path = Path(file_name)
        if "site-packages" in path.parts:
            place = "/".join(path.parts[path.parts.index("site-packages") + 1:])
        elif "govnews" in path.parts:
            place = "/".join(path.parts[path.parts.index("govnews"):])
        elif "python3" in file_name:
            place = "/".join(path.parts[-2:]) if path.parent.name == "asyncio" else path.name
        else:
            place = path.name
        return f"{place}:{line}({function})" if line else function

    lines = [ProfileLine(name(k), v[2] / total, v[3] / total) for k, v in entries.items()]
    by_own = sorted(lines, key=lambda line: line.own_share, reverse=True)[:top]
    # Entry points (the command, the bench loop) are 100 % by definition: not news.
    ours = [line for line in lines if line.function.startswith("govnews/")
            and line.cumulative_share < 0.95 and "run_stages" not in line.function]
    by_cumulative = sorted(ours, key=lambda line: line.cumulative_share, reverse=True)[:top]
    return by_own, by_cumulative


def profile_stages(pages: list[ArticleHtml], downloaded_at: datetime, top: int = 8) -> tuple[list[ProfileLine], list[ProfileLine]]:
    """cProfile of one pass of the four stages over ``pages``."""
    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory(prefix="govnews-bench-") as tmp:
        profiler.runcall(run_stages, pages, downloaded_at, Path(tmp))
    return summarise_profile(pstats.Stats(profiler, stream=io.StringIO()), top)


@dataclass(frozen=True)
class OutputSummary:
    rows: int
    parquet_bytes: int
    body_bytes: int
    files: int
    # (median, min, max) seconds to read every row back
    pandas_s: tuple[float, float, float]
    duckdb_s: tuple[float, float, float]

    @property
    def bytes_per_article(self) -> float:
        return self.parquet_bytes / self.rows if self.rows else 0.0


def _wall(function: Callable[[], Any], repeat: int) -> tuple[tuple[float, float, float], Any]:
    # One untimed read first: imports and the OS page cache are not the reader's cost.
    value = function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - started)
    return (statistics.median(times), min(times), max(times)), value


def measure_output(dataset_dir: Path, repeat: int) -> OutputSummary:
    """Size of a crawl's articles dataset, and wall time for pandas and DuckDB to load all of it."""
    import duckdb
    import pandas as pd

    files = sorted(dataset_dir.rglob("*.parquet"))
    size = sum(f.stat().st_size for f in files)
    pandas_s, frame = _wall(lambda: pd.read_parquet(dataset_dir), repeat)

    def duck() -> Any:
        # A fresh connection each time: nothing cached from the previous read.
        with duckdb.connect() as connection:
            pattern = str(dataset_dir / "**" / "*.parquet")
            return connection.execute(
                "SELECT * FROM read_parquet(?, hive_partitioning = true)", [pattern]
            ).df()

    duckdb_s, duck_frame = _wall(duck, repeat)
    if len(duck_frame) != len(frame):
        raise RuntimeError(f"pandas read {len(frame)} rows, DuckDB {len(duck_frame)}")
    body_bytes = int(frame["article_body"].str.encode("utf-8").str.len().sum())
    return OutputSummary(len(frame), size, body_bytes, len(files), pandas_s, duckdb_s)
