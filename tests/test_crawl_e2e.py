"""End to end: crawl the generated sample site over loopback and read the dataset back.

Every stored row is compared with the generator's ground truth; the manifest,
the partitions and the quarantine are checked on disk.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pytest
from sitegen.generate import generate_site, load_truth
from sitegen.server import serve_in_thread

from conftest import CAPTURES, expected
from crawling import manifests, scrapy_crawl

FIELDS = {
    "headline": "headline",
    "section": "section",
    "breadcrumbs": "breadcrumbs",
    "tags": "tags",
    "dateline": "dateline",
    "editor": "editor",
    "source": "source",
    "main_image_caption": "image_caption",
    "main_image_credit": "image_credit",
    "date_published_raw": "date_published_raw",
    "paragraphs": "body_paragraphs",
}


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    site = tmp_path_factory.mktemp("site")
    out = tmp_path_factory.mktemp("output")
    generate_site(site, article_count=40, seed_value=7)
    with serve_in_thread(site) as base_url:
        result = scrapy_crawl(base_url, out, "max_pages=100")
    frame = pd.read_parquet(out / "articles")
    rows = ds.dataset(out / "articles", partitioning="hive").to_table().to_pylist()
    return {"site": site, "out": out, "truth": load_truth(site), "result": result, "frame": frame, "rows": rows}


def test_run_succeeds_and_stores_every_good_article(crawl: dict[str, Any]) -> None:
    result = crawl["result"]
    assert result.returncode == 0, result.stderr[-3000:]
    truth = crawl["truth"]
    stored = {a["canonical_url"] for a in truth["articles"] if a["expect"] == "store"}
    assert len(stored) >= 40
    assert sorted(crawl["frame"]["canonical_url"]) == sorted(stored)  # each exactly once


def test_every_row_matches_the_ground_truth(crawl: dict[str, Any]) -> None:
    truth = {a["canonical_url"]: a for a in crawl["truth"]["articles"]}
    mismatches = []
    for row in crawl["rows"]:
        want = truth[row["canonical_url"]]
        for column, key in FIELDS.items():
            if row[column] != want[key]:
                mismatches.append((row["canonical_url"], column, row[column], want[key]))
        for column in ("date_published", "date_modified"):
            wanted = datetime.fromisoformat(want[column]) if want[column] else None
            if row[column] != wanted:
                mismatches.append((row["canonical_url"], column, row[column], want[column]))
        image = urlsplit(row["main_image_url"]).path if row["main_image_url"] else None
        if image != want["image_url_path"]:
            mismatches.append((row["canonical_url"], "main_image_url", image, want["image_url_path"]))
    assert mismatches == []


def test_injected_defects_are_fixed_and_recorded(crawl: dict[str, Any]) -> None:
    truth = {a["canonical_url"]: a for a in crawl["truth"]["articles"]}
    missing = []
    for row in crawl["rows"]:
        fixes = row["quality"]["fixes"]
        for bad, good in truth[row["canonical_url"]]["defects"]:
            if not any(bad in f["before"] and (good == f["rule"] or good in f["after"]) for f in fixes):
                missing.append((row["canonical_url"], bad, good))
    assert missing == []


def test_partitions_are_utc_months_and_readers_get_types(crawl: dict[str, Any]) -> None:
    out: Path = crawl["out"]
    frame = crawl["frame"]
    expected_months = sorted({pd.Timestamp(a["date_published"]).strftime("%Y-%m")
                              for a in crawl["truth"]["articles"] if a["expect"] == "store"})
    dirs = sorted(p.name for p in (out / "articles" / "site=gonews.co").iterdir())
    assert dirs == [f"published_month={m}" for m in expected_months]
    assert str(frame["date_published"].dtype) == "datetime64[us, UTC]"
    assert all(isinstance(t, (list, tuple)) or hasattr(t, "tolist") for t in frame["tags"])
    for row in frame.to_dict("records"):
        assert row["published_month"] == row["date_published"].strftime("%Y-%m")
    glob = str(out / "articles" / "**" / "*.parquet")
    count, first = duckdb.sql(
        f"select count(*), min(date_published) from read_parquet('{glob}', hive_partitioning=true)"
    ).fetchall()[0]
    assert count == len(frame)
    assert isinstance(first, datetime) and first.utcoffset().total_seconds() == 0
    assert list(out.rglob("*.tmp")) == []


def test_manifest_lists_exactly_the_files_written(crawl: dict[str, Any]) -> None:
    out: Path = crawl["out"]
    (manifest,) = manifests(out)
    assert manifest["status"] == "complete" and manifest["finish_reason"] == "finished"
    assert manifest["health"] == {"healthy": True, "reasons": []}
    on_disk = sorted(p.relative_to(out).as_posix() for p in (out / "articles").rglob("*.parquet"))
    articles = [f for f in manifest["files"] if f["dataset"] == "articles"]
    assert sorted(f["path"] for f in articles) == on_disk
    for record in articles:
        assert ds.dataset(out / record["path"]).count_rows() == record["rows"]
        assert record["path"].split("/")[-1].startswith(f"part-{manifest['run_id']}-")
    assert manifest["rows"]["articles"] == len(crawl["frame"])
    assert manifest["summary"]["articles_stored"] == len(crawl["frame"])
    assert datetime.fromisoformat(manifest["finished_at"]) >= datetime.fromisoformat(manifest["started_at"])
    assert manifest["summary"]["fixes_by_rule"]["mojibake"] >= 1


def test_bad_pages_are_quarantined_with_reasons_and_the_run_goes_on(crawl: dict[str, Any]) -> None:
    out: Path = crawl["out"]
    (manifest,) = manifests(out)
    bad = {a["canonical_url"]: a for a in crawl["truth"]["articles"] if a["expect"] == "quarantine"}
    assert bad
    lines = [json.loads(line) for line in (out / manifest["quarantine_file"]).read_text().splitlines()]
    assert sorted(entry["item"]["canonical_url"] for entry in lines) == sorted(bad)
    for entry in lines:
        assert entry["errors"] and entry["run_id"] == manifest["run_id"]
        assert entry["item"]["paragraphs"]  # raw values kept, nothing lost
    reasons = {r for entry in lines for r in entry["reasons"]}
    assert {"missing:headline", "missing:date_published"} <= reasons
    assert manifest["summary"]["articles_quarantined"] == len(bad)
    assert manifest["summary"]["quarantined_by_reason"]["article"]["missing:headline"] >= 1


def test_seed_article_in_the_sample_site_matches_the_capture_ground_truth(crawl: dict[str, Any]) -> None:
    seed = expected("article-rakortekrenbang")
    (row,) = crawl["frame"][crawl["frame"]["canonical_url"] == seed["canonical_url"]].to_dict("records")
    assert list(row["paragraphs"]) == seed["body_paragraphs"]
    assert row["date_published"] == pd.Timestamp(seed["date_published"])


def test_crawl_of_the_captures_yields_the_seed_article_exactly(tmp_path: Path) -> None:
    seed = expected("article-rakortekrenbang")
    paths = [expected(n)["url_path"] for n in ("article-rakortekrenbang", "article-realisasi-apbd",
                                               "article-siaga-la-nina-sulsel")]
    with serve_in_thread(None, captures=CAPTURES) as base_url:
        result = scrapy_crawl(base_url, tmp_path, f"urls={','.join(paths)}")
    # The captured listings link articles that were never captured: they answer
    # 404, and a listing whose links are mostly dead makes the run unhealthy.
    assert result.returncode == 1, result.stderr[-3000:]
    (report,) = manifests(tmp_path)
    assert report["status"] == "complete"
    assert any(r.startswith("error ratio") for r in report["health"]["reasons"]), report["health"]
    assert report["summary"]["failed_by_reason"].get("http_404", 0) > 0
    frame = pd.read_parquet(tmp_path / "articles")
    assert sorted(frame["canonical_url"]) == sorted(
        expected(n)["canonical_url"] for n in ("article-rakortekrenbang", "article-realisasi-apbd",
                                               "article-siaga-la-nina-sulsel"))
    (row,) = frame[frame["canonical_url"] == seed["canonical_url"]].to_dict("records")
    assert row["headline"] == seed["headline"]
    assert row["date_published"] == pd.Timestamp("2021-02-25T11:20:00Z")
    assert (row["section"], row["dateline"], row["editor"], row["source"]) == (
        "Pemerintahan", "JAKARTA", "Muhammad Dzulfiqar", "Puspen Kemendagri")
    assert list(row["tags"]) == seed["tags"]
    assert (row["main_image_caption"], row["main_image_credit"]) == (seed["image_caption"], seed["image_credit"])
    assert list(row["paragraphs"]) == seed["body_paragraphs"] and len(row["paragraphs"]) == 12
    body = row["article_body"]
    for fragment in ("Ā", "***", "Baca Juga", "ADVERTISEMENT", "wwwwww", "\xa0"):
        assert fragment not in body
    rules = {(f["before"].strip(), f["rule"]) for f in row["quality"]["fixes"]}
    assert {("Ā", "mojibake"), ("penyelenggraan", "typo"), ("imbunya", "typo")} <= rules
    # Every capture's ground truth, through the whole crawl: fixes, kept tokens, no noise.
    rows = {r["canonical_url"]: r for r in ds.dataset(tmp_path / "articles", partitioning="hive").to_table().to_pylist()}
    for name in ("article-rakortekrenbang", "article-realisasi-apbd", "article-siaga-la-nina-sulsel"):
        truth = expected(name)
        stored = rows[truth["canonical_url"]]
        assert stored["paragraphs"] == truth["body_paragraphs"], name
        fixes = stored["quality"]["fixes"]
        for bad, good in truth["fixes_must_include"]:
            assert any(bad in f["before"] and (good == f["rule"] or good in f["after"]) for f in fixes), (name, bad)
        for token in truth.get("must_keep", []):
            assert token in stored["article_body"], (name, token)
        data = json.dumps({k: v for k, v in stored.items() if k != "quality"}, ensure_ascii=False, default=str)
        for fragment in truth["must_not_contain"]:
            assert fragment not in data, (name, fragment)
