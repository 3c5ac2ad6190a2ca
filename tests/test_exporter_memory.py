"""The Parquet writer does not load pandas into a crawl, and pandas still reads what it wrote."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

PROGRAM = """
import sys
from datetime import datetime, timezone
from pathlib import Path
import pyarrow as pa
from govnews.exporters import PartitionedParquetWriter
from govnews.schema import DatasetSchema

arrow = pa.schema([("url", pa.string()), ("at", pa.timestamp("us", tz="UTC"))])
schema = DatasetSchema("t", {}, None, None, arrow, (), frozenset({"at"}))
out = Path(sys.argv[1])
writer = PartitionedParquetWriter(out / "t", schema, "run1", lambda record: {"site": "a.test"})
writer.write({"url": "http://a.test/1", "at": datetime(2021, 2, 25, 11, 20, tzinfo=timezone.utc)})
writer.close()
print("pandas loaded:", "pandas" in sys.modules)
import pandas as pd
frame = pd.read_parquet(out / "t")
print("rows:", len(frame), frame["url"].tolist(), str(frame["at"].iloc[0]))
"""


def test_writer_leaves_pandas_unloaded_and_readable(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-c", PROGRAM, str(tmp_path)], cwd=REPO, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    lines = result.stdout.splitlines()
    assert lines[0] == "pandas loaded: False"
    assert lines[1] == "rows: 1 ['http://a.test/1'] 2021-02-25 11:20:00+00:00"
