"""Shared fixtures: the captures as the site serves them, and a fixed clock."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# The project's own GoNews captures and seed document, copied in so that the
# suite reads nothing outside the repository.
DATA = REPO / "tests" / "data"
CAPTURES = DATA / "captures" / "gonews"
SEED = DATA / "seed" / "000_bb560fe83e9e8114.txt"
LOOPBACK = "http://127.0.0.1:8000"


def capture(name: str) -> str:
    return (CAPTURES / name).read_text(encoding="utf-8")


def expected(name: str) -> dict:
    return json.loads((CAPTURES / f"{name}.expected.json").read_text(encoding="utf-8"))


ARTICLE_CAPTURES = sorted(
    p.name.removesuffix(".expected.json") for p in CAPTURES.glob("article-*.expected.json")
)
LISTING_CAPTURES = sorted(
    p.name.removesuffix(".expected.json") for p in CAPTURES.glob("listing-*.expected.json")
)


@pytest.fixture
def observed_at() -> datetime:
    return datetime(2021, 12, 6, 7, 0, tzinfo=timezone.utc)
