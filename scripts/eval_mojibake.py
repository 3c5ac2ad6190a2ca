"""Score govnews's mojibake repair against the ftfy project's test cases.

    .venv/bin/python scripts/eval_mojibake.py --cases DIR [--floor PATH] [--write-floor]

DIR holds ftfy's cases as JSON files, each a list of ``{label, comment,
original, fixed, expect}``. They are ftfy's (Apache-2.0), not this project's,
so they stay outside the repository and are read from the path given here.

A case passes when ``repair_encoding(original)`` gives ``fixed``: exactly,
where ``fixed == original`` (text that is already right must come back
untouched), otherwise after folding quotes with ftfy's ``uncurl_quotes``
(ftfy's expectations straighten curly quotes; ours keeps them).

Prints pass/fail counts per file. The floor file records which cases passed
when it was written, by a hash of (file, label, original), never their text;
the script exits 1 when a case of the floor fails now, so a change to the
repair can gain cases but not lose one. ``--write-floor`` records today's.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ftfy.fixes import uncurl_quotes  # noqa: E402

from govnews.cleaning.text import repair_encoding  # noqa: E402

DEFAULT_FLOOR = Path(__file__).resolve().parent / "eval_mojibake_floor.json"


@dataclass
class FileScore:
    """One cases file: how many cases passed, and the keys of those that passed or failed.

    Counts are of cases; a file may hold the same case twice, under one key.
    """

    cases: int = 0
    passed: int = 0
    passing: set[str] = field(default_factory=set)
    failing: set[str] = field(default_factory=set)


def case_key(stem: str, case: dict[str, Any]) -> str:
    """A stable name for a case that carries none of its text.

    >>> case_key("negative", {"label": "x", "original": "y"})
    'a32c90e727d65ed7'
    """
    return hashlib.sha256(f"{stem}\0{case['label']}\0{case['original']}".encode()).hexdigest()[:16]


def passes(case: dict[str, Any]) -> bool:
    """Whether our repair gives the case's expected text.

    >>> passes({"original": "20â€“70 persen", "fixed": "20–70 persen"})
    True
    >>> passes({"original": "café", "fixed": "café"})
    True
    """
    got = repair_encoding(case["original"]).text
    if case["fixed"] == case["original"]:
        return got == case["original"]
    return uncurl_quotes(got) == uncurl_quotes(case["fixed"])


def score(cases_dir: Path) -> dict[str, FileScore]:
    """Every ``*.json`` in ``cases_dir``, scored case by case."""
    scores: dict[str, FileScore] = {}
    for path in sorted(cases_dir.glob("*.json")):
        file_score = scores.setdefault(path.stem, FileScore())
        for case in json.loads(path.read_text("utf-8")):
            key = case_key(path.stem, case)
            ok = passes(case)
            file_score.cases += 1
            file_score.passed += ok
            (file_score.passing if ok else file_score.failing).add(key)
    if not scores:
        raise SystemExit(f"eval_mojibake: no *.json cases in {cases_dir}")
    return scores


def regressions(floor: dict[str, Any], scores: dict[str, FileScore]) -> dict[str, list[str]]:
    """Keys the floor says passed that fail now, per file (a case no longer present is not one).

    >>> now = {"a": FileScore(2, 1, {"k1"}, {"k2"})}
    >>> regressions({"a": {"passing": ["k1", "k2"]}}, now)
    {'a': ['k2']}
    >>> regressions({"a": {"passing": ["k1"]}}, now)
    {}
    """
    lost: dict[str, list[str]] = {}
    for stem, recorded in floor.items():
        failing = scores.get(stem, FileScore()).failing
        keys = sorted(k for k in recorded["passing"] if k in failing)
        if keys:
            lost[stem] = keys
    return lost


def floor_of(scores: dict[str, FileScore]) -> dict[str, Any]:
    return {stem: {"cases": s.cases, "passed": s.passed, "passing": sorted(s.passing)}
            for stem, s in scores.items()}


def table(scores: dict[str, FileScore], floor: dict[str, Any]) -> str:
    lines = ["| file | cases | passed | failed | floor (passed) |", "|---|---|---|---|---|"]
    for stem, s in scores.items():
        recorded = floor.get(stem, {}).get("passed", "-")
        lines.append(f"| {stem} | {s.cases} | {s.passed} | {s.cases - s.passed} | {recorded} |")
    total = sum(s.cases for s in scores.values())
    passed = sum(s.passed for s in scores.values())
    lines.append(f"| all | {total} | {passed} | {total - passed} | "
                 f"{sum(f.get('passed', 0) for f in floor.values()) if floor else '-'} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, required=True, help="folder of ftfy's cases as JSON files")
    parser.add_argument("--floor", type=Path, default=DEFAULT_FLOOR, help="cases that must keep passing")
    parser.add_argument("--write-floor", action="store_true", help="record the cases passing now as the floor")
    args = parser.parse_args(argv)

    if not args.cases.is_dir():
        parser.error(f"--cases {args.cases}: not a folder")
    scores = score(args.cases)
    if args.write_floor:
        args.floor.write_text(json.dumps(floor_of(scores), indent=1) + "\n", encoding="utf-8")
    floor = json.loads(args.floor.read_text("utf-8")) if args.floor.is_file() else {}
    print(table(scores, floor))
    lost = regressions(floor, scores)
    for stem, keys in lost.items():
        print(f"REGRESSION {stem}: {len(keys)} case(s) that passed before fail now: {', '.join(keys)}")
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
