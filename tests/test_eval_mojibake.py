"""scripts/eval_mojibake.py: per-file counts, a floor, and exit 1 when a case of the floor fails.

The cases are written here in the format of ftfy's files; ftfy's own stay
outside the repository.
"""

from __future__ import annotations

import doctest
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import eval_mojibake

from conftest import REPO

SCRIPT = REPO / "scripts" / "eval_mojibake.py"


def case(label: str, original: str, fixed: str) -> dict[str, Any]:
    return {"label": label, "comment": "", "original": original, "fixed": fixed, "expect": "pass"}


def write_cases(folder: Path, repaired_quote: str = "“Siap,” kata Agus.") -> Path:
    folder.mkdir(exist_ok=True)
    (folder / "repairs.json").write_text(json.dumps([
        case("quote", "â€œSiap,â€\x9d kata Agus.", repaired_quote),
        case("dash", "20â€“70 persen", "20–70 persen"),
        case("left alone by us", "Ã¢â‚¬Å“", "no repair gives this"),
    ]), encoding="utf-8")
    (folder / "negative.json").write_text(json.dumps([
        case("already right", "Kepala Dinas José Ramos", "Kepala Dinas José Ramos"),
    ]), encoding="utf-8")
    return folder


def run(cases: Path, floor: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), "--cases", str(cases), "--floor", str(floor), *extra],
                          capture_output=True, text=True, timeout=120)


def test_counts_per_file_and_floor_written(tmp_path: Path) -> None:
    cases, floor = write_cases(tmp_path / "cases"), tmp_path / "floor.json"
    result = run(cases, floor, "--write-floor")
    assert result.returncode == 0, result.stderr
    assert "| repairs | 3 | 2 | 1 | 2 |" in result.stdout
    assert "| negative | 1 | 1 | 0 | 1 |" in result.stdout
    assert "| all | 4 | 3 | 1 | 3 |" in result.stdout
    recorded = json.loads(floor.read_text("utf-8"))
    assert {stem: (f["cases"], f["passed"], len(f["passing"])) for stem, f in recorded.items()} == {
        "negative": (1, 1, 1), "repairs": (3, 2, 2)}
    # The floor names cases by hash, never by their text.
    assert "Agus" not in floor.read_text("utf-8")


def test_a_case_of_the_floor_that_fails_now_exits_1(tmp_path: Path) -> None:
    cases, floor = write_cases(tmp_path / "cases"), tmp_path / "floor.json"
    assert run(cases, floor, "--write-floor").returncode == 0
    write_cases(cases, repaired_quote="something else")  # the same case, now failing
    result = run(cases, floor)
    assert result.returncode == 1
    assert "| repairs | 3 | 1 | 2 | 2 |" in result.stdout
    key = eval_mojibake.case_key("repairs", case("quote", "â€œSiap,â€\x9d kata Agus.", ""))
    assert f"REGRESSION repairs: 1 case(s) that passed before fail now: {key}" in result.stdout


def test_gaining_cases_keeps_exit_0(tmp_path: Path) -> None:
    cases, floor = write_cases(tmp_path / "cases", repaired_quote="something else"), tmp_path / "floor.json"
    assert run(cases, floor, "--write-floor").returncode == 0
    write_cases(cases)
    result = run(cases, floor)
    assert result.returncode == 0, result.stdout
    assert "| repairs | 3 | 2 | 1 | 1 |" in result.stdout


def test_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run(tmp_path / "nowhere", tmp_path / "floor.json")
    assert result.returncode == 2
    assert "not a folder" in result.stderr


def test_recorded_floor_covers_every_file() -> None:
    recorded = json.loads(eval_mojibake.DEFAULT_FLOOR.read_text("utf-8"))
    assert set(recorded) == {"in-the-wild", "known-failures", "language-names", "negative", "synthetic"}
    assert all(f["passed"] >= len(f["passing"]) > 0 for f in recorded.values())


def test_doctests() -> None:
    result = doctest.testmod(eval_mojibake)
    assert result.attempted >= 5 and result.failed == 0
