"""clean_text gives the same text, fixes and warnings in every process.

Candidate words come out of sets, whose order follows per-process string
hashing; a tie must not decide a correction (or a warning) differently from
one run to the next.
"""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO

PROGRAM = """
from govnews.cleaning import clean_text
r = clean_text("kata demora dan pelaksanan serta hibrid, penyelenggraan," + chr(34) + " imbunya.")
print(repr((r.text, [(f.rule, f.before, f.after) for f in r.fixes], r.warnings)))
"""


def test_output_does_not_depend_on_hash_seed() -> None:
    outputs = set()
    for seed in ("0", "1", "12345"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(REPO)}
        done = subprocess.run([sys.executable, "-c", PROGRAM], env=env, capture_output=True, text=True, check=True)
        outputs.add(done.stdout)
    assert len(outputs) == 1
    assert "candidates: memora, pemora" in outputs.pop()
