"""Validation and export pipelines with a real crawler object, output read back."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from scrapy.exceptions import DropItem, UsageError
from scrapy.utils.test import get_crawler
from test_exporter import article

from govnews.pipelines import ParquetExportPipeline, ValidationPipeline
from govnews.runs.extensions import RunReport
from govnews.runs.run import Run
from govnews.sites.gonews.spider import GoNewsSpider

WIB = timezone(timedelta(hours=7))


def crawler_for(tmp_path: Path, **settings):
    return get_crawler(GoNewsSpider, {"GOVNEWS_OUTPUT_DIR": str(tmp_path), "GOVNEWS_RUN_ID": "run1", **settings})


def test_valid_item_passes_and_its_fixes_are_counted(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    pipeline = ValidationPipeline.from_crawler(crawler)
    item = article(1, datetime(2021, 2, 25, 18, 20, tzinfo=WIB))
    assert pipeline.process_item(item) is item
    assert crawler.stats.get_value("govnews/validation/article/valid") == 1
    assert crawler.stats.get_value("govnews/fixes/typo") == 1
    assert not (tmp_path / "quarantine").exists()


def test_invalid_item_is_quarantined_with_every_error_then_dropped(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path)
    pipeline = ValidationPipeline.from_crawler(crawler)
    item = article(2, datetime(2021, 2, 25, 18, 20, tzinfo=WIB))
    del item["headline"]
    item["word_count"] = "many"
    item["canonical_url"] = "not a url"
    with pytest.raises(DropItem, match="missing:headline"):
        pipeline.process_item(item)
    pipeline.close_spider()
    (line,) = (tmp_path / "quarantine" / "run1.jsonl").read_text().splitlines()
    entry = json.loads(line)
    assert entry["reasons"] == ["invalid:canonical_url", "invalid:word_count", "missing:headline"]
    assert len(entry["errors"]) >= 3
    assert entry["item"]["paragraphs"] == item["paragraphs"]  # raw values kept
    assert entry["item"]["date_published"] == "2021-02-25T18:20:00+07:00"
    assert crawler.stats.get_value("govnews/validation/article/quarantined") == 1
    assert crawler.stats.get_value("govnews/validation/article/quarantined/missing:headline") == 1


def test_export_pipeline_writes_and_records_files_on_the_run(tmp_path: Path) -> None:
    crawler = crawler_for(tmp_path, GOVNEWS_ROW_GROUP_SIZE=2)
    pipeline = ParquetExportPipeline.from_crawler(crawler)
    for n in range(5):
        pipeline.process_item(article(n, datetime(2021, 3, 1, 0, 30, tzinfo=WIB)))
    pipeline.close_spider()
    run = Run.for_crawler(crawler)
    (written,) = run.files
    assert written.path == "articles/site=gonews.co/published_month=2021-02/part-run1-0.parquet"
    assert written.rows == 5
    assert ds.dataset(tmp_path / "articles", partitioning="hive").count_rows() == 5
    assert crawler.stats.get_value("govnews/export/article/rows") == 5


def test_bad_settings_fail_at_start_up(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="GOVNEWS_ROW_GROUP_SIZE must be an integer"):
        ParquetExportPipeline.from_crawler(crawler_for(tmp_path, GOVNEWS_ROW_GROUP_SIZE="lots"))
    with pytest.raises(UsageError, match="GOVNEWS_RUN_ID"):
        ValidationPipeline.from_crawler(crawler_for(tmp_path, GOVNEWS_RUN_ID="../x"))
    with pytest.raises(UsageError, match="GOVNEWS_MAX_ERROR_RATIO must be between 0 and 1"):
        RunReport.from_crawler(crawler_for(tmp_path, GOVNEWS_MAX_ERROR_RATIO="2"))
