"""The partitioned Parquet writer, read back with pyarrow, pandas and DuckDB."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from govnews.exporters import PartitionedParquetWriter, partition_dir
from govnews.items import ArticleItem
from govnews.schema import load_schema

WIB = timezone(timedelta(hours=7))


def article(n: int, published: datetime, site: str = "gonews.co") -> ArticleItem:
    body = f"Paragraf pertama berita {n}.\n\nParagraf kedua."
    return ArticleItem(
        url=f"http://127.0.0.1:8000/berita/baca/{n}",
        canonical_url=f"https://www.gonews.co/berita/baca/{n}",
        site=site,
        headline=f"Berita {n}",
        description=None,
        section="Pemerintahan",
        breadcrumbs=["Home", "Berita", "Pemerintahan"],
        tags=["Nasional", "DKI Jakarta"],
        date_published=published,
        date_published_raw="Rabu, 1 Desember 2021 06:15 WIB",
        date_modified=None,
        dateline="JAKARTA",
        article_body=body,
        paragraphs=body.split("\n\n"),
        editor=None,
        source=None,
        main_image_url=None,
        main_image_caption=None,
        main_image_credit=None,
        authors=[],
        trailer=None,
        language="id",
        word_count=len(body.split()),
        content_hash=hashlib.sha256(body.encode()).hexdigest(),
        date_downloaded=datetime(2026, 11, 28, tzinfo=timezone.utc),
        run_id="run1",
        quality={"fixes": [{"field": "headline", "rule": "typo", "before": "a", "after": "b"}], "warnings": []},
    )


def writer(root: Path, **kwargs) -> PartitionedParquetWriter:
    return PartitionedParquetWriter(
        root / "articles", load_schema("article"), "run1", ArticleItem.partition_of, **kwargs
    )


def test_rows_land_in_utc_month_partitions_and_read_back_typed(tmp_path: Path) -> None:
    w = writer(tmp_path, row_group_size=2, max_rows_per_file=100)
    # 06:15 WIB on 1 December is 23:15 UTC on 30 November: the November partition.
    w.write(article(1, datetime(2021, 12, 1, 6, 15, tzinfo=WIB)))
    w.write(article(2, datetime(2021, 12, 5, 12, 0, tzinfo=WIB)))
    w.write(article(3, datetime(2021, 12, 6, 14, 0, tzinfo=WIB)))
    w.write(article(4, datetime(2021, 12, 6, 15, 0, tzinfo=WIB)))
    files = w.close()
    by_month = {f.partition["published_month"]: f for f in files}
    assert sorted(by_month) == ["2021-11", "2021-12"]
    assert {m: f.rows for m, f in by_month.items()} == {"2021-11": 1, "2021-12": 3}
    assert sorted(f.path.rsplit("/", 1)[1] for f in files) == ["part-run1-0.parquet", "part-run1-1.parquet"]
    paths = [by_month["2021-11"].path, by_month["2021-12"].path]
    assert paths[0].startswith("articles/site=gonews.co/published_month=2021-11/")
    assert pq.ParquetFile(tmp_path / paths[1]).metadata.num_row_groups == 2  # buffered, not per item

    frame = pd.read_parquet(tmp_path / "articles")
    assert len(frame) == 4
    assert str(frame["date_published"].dtype) == "datetime64[us, UTC]"
    first = frame.sort_values("headline").iloc[0]
    assert first["date_published"] == pd.Timestamp("2021-11-30T23:15:00Z")
    assert list(first["tags"]) == ["Nasional", "DKI Jakarta"]
    assert set(frame["site"]) == {"gonews.co"}
    assert sorted(set(frame["published_month"])) == ["2021-11", "2021-12"]

    glob = str(tmp_path / "articles" / "**" / "*.parquet")
    rows = duckdb.sql(
        f"select published_month, count(*), min(date_published), any_value(tags) "
        f"from read_parquet('{glob}', hive_partitioning=true) group by 1 order by 1"
    ).fetchall()
    assert rows[0][0] == "2021-11" and rows[0][1] == 1
    assert rows[0][2] == datetime(2021, 11, 30, 23, 15, tzinfo=timezone.utc)
    assert rows[0][3] == ["Nasional", "DKI Jakarta"]


def test_files_rotate_at_max_rows_and_no_temp_file_is_left(tmp_path: Path) -> None:
    w = writer(tmp_path, row_group_size=2, max_rows_per_file=3)
    for n in range(7):
        w.write(article(n, datetime(2021, 2, 25, 18, 20, tzinfo=WIB)))
    files = w.close()
    assert [f.rows for f in files] == [3, 3, 1]
    assert len({f.path for f in files}) == 3
    on_disk = sorted(p.name for p in (tmp_path / "articles").rglob("*") if p.is_file())
    assert on_disk == ["part-run1-0.parquet", "part-run1-1.parquet", "part-run1-2.parquet"]
    assert ds.dataset(tmp_path / "articles", partitioning="hive").count_rows() == 7


def test_an_open_file_is_invisible_until_committed(tmp_path: Path) -> None:
    w = writer(tmp_path, row_group_size=1, max_rows_per_file=10)
    w.write(article(1, datetime(2021, 2, 25, 18, 20, tzinfo=WIB)))
    hidden = list((tmp_path / "articles").rglob(".part-*.tmp"))
    assert len(hidden) == 1
    assert list((tmp_path / "articles").rglob("*.parquet")) == []
    assert ds.dataset(tmp_path / "articles", partitioning="hive").count_rows() == 0
    w.discard()
    assert list((tmp_path / "articles").rglob("*.tmp")) == []


def test_parquet_metadata_names_run_and_schema(tmp_path: Path) -> None:
    w = writer(tmp_path)
    w.write(article(1, datetime(2021, 2, 25, 18, 20, tzinfo=WIB)))
    (written,) = w.close()
    metadata = pq.read_schema(tmp_path / written.path).metadata
    assert metadata[b"govnews_run_id"] == b"run1"
    assert metadata[b"govnews_schema"] == b"urn:govnews:schema:article:1"


@pytest.mark.parametrize("hostile", ["../../etc", "a/b", "..", ".hidden", "", "gonews.co/../x"])
def test_partition_values_cannot_leave_the_output_directory(tmp_path: Path, hostile: str) -> None:
    with pytest.raises(ValueError, match="unsafe partition value"):
        partition_dir(tmp_path, {"site": hostile})


def test_rows_held_in_memory_are_capped_across_partitions(tmp_path: Path) -> None:
    # Twelve monthly partitions, none reaching a row group: the cap writes the
    # fullest buffer out instead of holding every row until close.
    w = writer(tmp_path, row_group_size=100, max_rows_per_file=1000, max_buffered_rows=10)
    for n in range(60):
        w.write(article(n, datetime(2021, 1 + n % 12, 15, 12, 0, tzinfo=WIB)))
        assert w.buffered_rows < 10
    files = w.close()
    assert sum(f.rows for f in files) == 60 and len(files) == 12
    assert ds.dataset(tmp_path / "articles", partitioning="hive").count_rows() == 60
