"""The ``govnews`` command: extract one saved page, print a report, exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from crawling import REPO

PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Warga Desa Gotong Royong Perbaiki Jembatan Gantung - Warta Lembah</title>
<link rel="canonical" href="https://wartalembah.test/daerah/warga-desa-gotong-royong-perbaiki-jembatan-gantung">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Warga Desa Gotong Royong Perbaiki Jembatan Gantung", "datePublished": "2021-05-10T08:15:00+07:00",
 "author": {"@type": "Person", "name": "Dewi Lestari"}}</script>
</head><body><article>
<h1>Warga Desa Gotong Royong Perbaiki Jembatan Gantung</h1>
<div class="tanggal">Senin, 10 Mei 2021 08:15 WIB</div>
<div class="isi">
<p>Garut - Ratusan warga desa bergotong royong memperbaiki jembatan gantung yang rusak diterjang banjir pekan lalu.</p>
<p>Baca juga: Banjir Rendam Puluhan Rumah di Garut</p>
<p>Kepala desa mengatakan perbaikan ditargetkan selesai dalam dua minggu agar anak-anak bisa kembali bersekolah.</p>
<p>Warga berharap pemerintah kabupaten segera membangun jembatan permanen yang lebih kuat. (dls)</p>
</div></article></body></html>"""


def govnews(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "govnews.cli", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=120)


def test_extract_prints_the_validated_item(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    result = govnews("extract", str(page))
    assert result.returncode == 0, result.stderr
    item = json.loads(result.stdout)
    assert item["url"] == "https://wartalembah.test/daerah/warga-desa-gotong-royong-perbaiki-jembatan-gantung"
    assert item["site"] == "wartalembah.test"
    assert item["headline"] == "Warga Desa Gotong Royong Perbaiki Jembatan Gantung"
    assert item["date_published"] == "2021-05-10T01:15:00+00:00"
    assert item["date_published_raw"] == "Senin, 10 Mei 2021 08:15 WIB"
    assert item["dateline"] == "Garut" and item["trailer"] == "(dls)"
    assert item["authors"] == ["Dewi Lestari"] and item["language"] == "id"
    assert len(item["paragraphs"]) == 3 and not any("Baca juga" in p for p in item["paragraphs"])


def test_extract_of_an_invalid_page_prints_its_quarantine_record(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE.replace("Senin, 10 Mei 2021 08:15 WIB", "").replace('"datePublished": "2021-05-10T08:15:00+07:00",', ""),
                    encoding="utf-8")
    result = govnews("extract", str(page), "--url", "https://wartalembah.test/daerah/x")
    assert result.returncode == 1
    record = json.loads(result.stdout)
    assert "missing:date_published" in record["reasons"]
    assert record["item"]["paragraphs"]  # the raw values are kept


def test_extract_of_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = govnews("extract", str(tmp_path / "nowhere.html"))
    assert result.returncode == 2 and "no such file" in result.stderr


def test_report_of_an_empty_output_is_a_usage_error(tmp_path: Path) -> None:
    result = govnews("report", str(tmp_path))
    assert result.returncode == 2 and result.stderr.startswith("govnews report:")
