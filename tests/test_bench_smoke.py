"""The benchmark script keeps working: ``scripts/bench.py --smoke`` runs and reports every section.

Only the report's shape and the sanity of its values are checked (rates
positive, scores between 0 and 1); no figure is compared with a time, since
timings on a shared machine say nothing about correctness.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SECTIONS = (
    "### 1. Crawl throughput",
    "### 2. Where the time goes",
    "### 3. Memory",
    "### 4. Output",
    "### 5. Extraction against trafilatura",
    "### Targets",
)
NUMBER = re.compile(r"-?[\d,]+(?:\.\d+)?")


def table_after(report: str, heading: str) -> list[dict[str, str]]:
    """The first markdown table after ``heading``, as one dict per row."""
    lines = report[report.index(heading):].splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| "))
    rows = []
    for line in lines[start:]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    header, body = rows[0], rows[2:]
    return [dict(zip(header, row)) for row in body]


def first_number(cell: str) -> float:
    """The median of a ``median (min–max)`` cell."""
    match = NUMBER.search(cell)
    assert match, f"no number in {cell!r}"
    return float(match.group().replace(",", ""))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object]]:
    folder = tmp_path_factory.mktemp("bench")
    path, json_path = folder / "report.md", folder / "figures.json"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench.py"), "--smoke", "--report", str(path),
         "--json", str(json_path)],
        cwd=REPO, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    text = path.read_text("utf-8")
    assert text.strip() == result.stdout.strip(), "the printed report and the --report file differ"
    return text, json.loads(json_path.read_text("utf-8"))


@pytest.fixture(scope="module")
def report(outputs: tuple[str, dict[str, object]]) -> str:
    return outputs[0]


def test_json_figures(outputs: tuple[str, dict[str, object]]) -> None:
    figures = outputs[1]
    for key in ("crawl_ratio", "playwright_handler_ratio", "crawl_cpu_ratio", "stage_share", "rss_growth",
                "clean_words_per_s_first_pass"):
        assert isinstance(figures[key], float) and figures[key] > -1, (key, figures[key])
    assert 0 < figures["crawl_ratio"] and 0 < figures["stage_share"] < 1
    stages = figures["stage_us_per_article"]
    assert isinstance(stages, dict) and set(stages) == {"extraction", "cleaning", "validation", "export"}
    assert all(isinstance(v, float) and v > 0 for v in stages.values())
    peaks = figures["peak_rss_mb"]
    assert isinstance(peaks, dict) and set(peaks) == {"20", "40"}
    assert all(isinstance(v, float) and v > 10 for v in peaks.values())
    speedup = figures["extract_speedup_vs_trafilatura"]
    assert isinstance(speedup, dict) and isinstance(speedup["realistic_site"], float)
    f1 = figures["extract_f1"]
    assert isinstance(f1, dict) and all(0 <= v <= 1 for v in f1.values())
    assert {"govnews:site", "trafilatura:site", "govnews:captures"} <= set(f1)
    assert isinstance(figures["commit"], str) and figures["commit"]
    machine = figures["machine"]
    assert isinstance(machine, dict) and machine["CPUs"]
    assert figures["site"] == "realistic" and figures["articles"] == 40


def test_every_section(report: str) -> None:
    positions = [report.index(heading) for heading in SECTIONS]
    assert positions == sorted(positions)


def test_crawl_rates_and_ratios(report: str) -> None:
    rows = table_after(report, SECTIONS[0])
    assert len(rows) == 3
    for row in rows:
        assert first_number(row["pages"]) > 0
        assert first_number(row["pages/s"]) > 0
        assert 0 <= first_number(row["server CPU %"]) <= 200
    assert re.search(r"\*\*b/a = \d+\.\d+\*\*", report)
    assert re.search(r"\*\*c/b = \d+\.\d+\*\*", report)


def test_stage_shares(report: str) -> None:
    rows = {row["stage"]: row for row in table_after(report, SECTIONS[1])}
    assert {"extraction", "cleaning", "validation", "export"} <= set(rows)
    shares = [first_number(rows[s]["share"]) for s in ("extraction", "cleaning", "validation", "export")]
    assert all(0 <= share <= 100 for share in shares)
    assert abs(sum(shares) - 100) < 0.5
    assert all(first_number(rows[s]["µs/article"]) > 0 for s in ("extraction", "cleaning"))
    assert table_after(report, "Top functions by own time"), "no profile"


def test_memory_and_output(report: str) -> None:
    memory = table_after(report, SECTIONS[2])
    assert len(memory) == 2
    assert all(first_number(row["peak RSS MB"]) > 10 for row in memory)
    output = table_after(report, SECTIONS[3])[0]
    assert first_number(output["Parquet bytes/article"]) > 0
    assert first_number(output["pandas read s"]) > 0 and first_number(output["DuckDB read s"]) > 0


def test_extraction_scores(report: str) -> None:
    rows = table_after(report, SECTIONS[4])
    assert {row["extractor"] for row in rows} == {"govnews", "trafilatura"}
    assert {row["pages"] for row in rows} >= {"captures", "all"}
    for row in rows:
        for column in ("body precision", "body recall", "body F1", "headline acc.", "date acc."):
            assert 0 <= first_number(row[column]) <= 1, (row["extractor"], column, row[column])
        assert first_number(row["CPU ms/page"]) > 0


def test_targets_have_verdicts(report: str) -> None:
    rows = table_after(report, SECTIONS[5])
    assert len(rows) == 6
    for row in rows:
        assert row["verdict"].startswith(("met", "**missed**")), row
