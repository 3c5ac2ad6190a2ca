"""One crawl of a site that misbehaves in every way we know, then one test per fault.

Each test asserts on the same run: it completed, stored what could be stored,
counted what could not with a reason, and wrote nothing twice. Timeouts and
size limits are shrunk with ``-s`` so the whole crawl takes seconds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
import pytest
from crawling import manifests, scrapy_crawl
from faultsite import (
    PUBLIC,
    Card,
    FaultSite,
    Story,
    fail_first,
    huge,
    listing_page,
    ok,
    raw,
    redirect,
    reset_mid_body,
    slow,
    status,
)

B = "/berita/baca/2021/12"
NORMAL = Story(f"{B}/06/rapat-normal", "Pemkab Gelar Rapat Normal", "Senin, 6 Desember 2021 14:00 WIB",
               ["JAKARTA - Rapat berjalan normal.", "Peserta hadir lengkap."])
FLAKY = Story(f"{B}/05/server-goyah", "Server Goyah Tetap Terbit", "Minggu, 5 Desember 2021 09:00 WIB",
              ["Berita ini terbit setelah server sempat gagal dua kali."])
LATIN = Story(f"{B}/05/salah-charset", "Anggaran Rp 1,5 Triliun – Kata Bupati", "Minggu, 5 Desember 2021 10:00 WIB",
              ["“Kami siap,” kata Bupati – anggaran naïf ditolak."])
TWIN = Story(f"{B}/04/satu-berita-tiga-url", "Satu Berita Tiga URL", "Sabtu, 4 Desember 2021 08:00 WIB",
             ["Berita ini ditautkan dengan tiga alamat berbeda."])
SPLIT = Story(f"{B}/04/dua-halaman", "Berita Dua Halaman", "Sabtu, 4 Desember 2021 11:00 WIB",
              ["Halaman pertama."],
              halaman=f'<div class="halaman">Halaman: <span class="aktif">1</span> <a href="{B}/04/dua-halaman?page=2">2</a>'
                      f' <a href="{B}/04/dua-halaman?page=all">Tampilkan Semua</a></div>')
SPLIT_ALL = Story(SPLIT.path, SPLIT.headline, SPLIT.date_raw, ["Halaman pertama.", "Halaman kedua."],
                  halaman=f'<div class="halaman">Halaman: <a href="{B}/04/dua-halaman?page=all">Tampilkan Semua</a></div>')
NO_HEADLINE = Story(f"{B}/03/tanpa-judul", None, "Jumat, 3 Desember 2021 08:00 WIB", ["Tanpa judul."])
NO_DATE = Story(f"{B}/03/tanpa-tanggal", "Berita Tanpa Tanggal", None, ["Tanpa tanggal."])
HOSTILE = Story(f"{B}/02/kanonik-jahat", "Kanonik Jahat", "Kamis, 2 Desember 2021 08:00 WIB",
                ["Tautan kanonik mencoba keluar dari direktori keluaran."],
                canonical="https://../../../../tmp/govnews-escape/berita/baca/x")
MALFORMED_HTML = (
    '<html><head><meta charset="utf-8"><link rel="canonical" href="' + PUBLIC + f'{B}/02/html-rusak">'
    '<title>Rusak</title></head><body><main><article class="detail-berita">'
    '<h1 class="detail-judul">HTML Rusak Tetap <b>Terbaca</h1>'
    '<div class="detail-tanggal">Kamis, 2 Desember 2021 13:00 WIB'
    '<div class="detail-isi"><p>Paragraf satu <i>tanpa penutup<p>Paragraf dua</span></div></div>'
    '</article></table></body></html>'
)

FAULTY_CARDS = {
    "slow": f"{B}/01/lambat",
    "404": f"{B}/01/hilang",
    "410": f"{B}/01/dihapus",
    "reset": f"{B}/01/putus",
    "truncated": f"{B}/01/terpotong",
    "huge": f"{B}/01/raksasa",
    "loop": f"{B}/01/berputar",
    "offsite": f"{B}/01/pindah-domain",
    "other_port": f"{B}/01/pindah-port",
}


def _site() -> FaultSite:
    site = FaultSite()
    for story in (NORMAL, NO_HEADLINE, NO_DATE, HOSTILE):
        site.add_story(story)
    site.routes[FLAKY.path] = fail_first([503, 500], ok(FLAKY.page()))
    # The body is UTF-8; the header says Latin-1 (a server default nobody set).
    site.routes[LATIN.path] = raw(LATIN.page().encode("utf-8"), "text/html; charset=ISO-8859-1")
    site.routes[TWIN.path] = ok(TWIN.page())
    site.routes[SPLIT.path] = ok(SPLIT.page())
    site.routes[f"{SPLIT.path}?page=all"] = ok(SPLIT_ALL.page())
    site.routes[f"{B}/02/html-rusak"] = ok(MALFORMED_HTML)
    slow_story = Story(FAULTY_CARDS["slow"], "Lambat", NORMAL.date_raw, ["Terlambat."])
    site.routes[FAULTY_CARDS["slow"]] = slow(4, ok(slow_story.page()))
    site.routes[FAULTY_CARDS["404"]] = status(404)
    site.routes[FAULTY_CARDS["410"]] = status(410)
    site.routes[FAULTY_CARDS["reset"]] = reset_mid_body(NORMAL.page())
    whole = Story(FAULTY_CARDS["truncated"], "Terpotong", NORMAL.date_raw, ["Awal.", "Akhir yang hilang."]).page()
    site.routes[FAULTY_CARDS["truncated"]] = ok(whole[: whole.index("Akhir")])
    site.routes[FAULTY_CARDS["huge"]] = huge(20 * 1024 * 1024)
    site.routes[FAULTY_CARDS["loop"]] = redirect(f"{B}/01/berputar-b")
    site.routes[f"{B}/01/berputar-b"] = redirect(FAULTY_CARDS["loop"])
    site.routes[FAULTY_CARDS["offsite"]] = redirect("http://evil.example/berita/baca/dicuri")
    # Same host, another port: OffsiteMiddleware lets it through, the fetch guard does not.
    site.routes[FAULTY_CARDS["other_port"]] = redirect("http://127.0.0.1:9/berita/baca/port-lain")
    cards = [Card(s.path, s.headline or "x") for s in (NORMAL, FLAKY, LATIN, NO_HEADLINE, NO_DATE, HOSTILE)]
    cards += [Card(path, name) for name, path in FAULTY_CARDS.items()]
    cards += [
        Card(f"{TWIN.path}?utm_source=facebook&fbclid=abc", "Tiga URL 1"),
        Card(f"{TWIN.path}/#komentar", "Tiga URL 2"),
        Card(f"{TWIN.path}?page=2&gclid=xyz", "Tiga URL 3"),
        Card(f"{SPLIT.path}?page=2", "Dua halaman, halaman 2"),
        Card(f"{B}/02/html-rusak", "HTML rusak"),
        Card("file:///etc/passwd", "Berkas lokal"),
        Card("javascript:alert(1)", "Skrip"),
    ]
    site.routes["/"] = ok(listing_page("Berita Terkini", cards, nav=["/berita/kategori/tanpa-akhir", "file:///berita/kategori/x"]))
    # A listing whose rel="next" never ends; every page links the twin again.
    for page in range(1, 50):
        site.routes[f"/berita/kategori/tanpa-akhir?page={page}"] = ok(listing_page(
            "Tanpa Akhir", [Card(f"{TWIN.path}?utm_medium=page{page}", "Tiga URL lagi")],
            next_href=f"/berita/kategori/tanpa-akhir?page={page + 1}",
        ))
    site.routes["/berita/kategori/tanpa-akhir"] = site.routes["/berita/kategori/tanpa-akhir?page=1"]
    return site


MAX_PAGES = 4


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    out = tmp_path_factory.mktemp("faults") / "output"
    site = _site()
    with site.serving() as base_url:
        result = scrapy_crawl(base_url, out, f"max_pages={MAX_PAGES}", timeout=180, settings={
            "GOVNEWS_POPULAR_ENABLED": "False", "ROBOTSTXT_OBEY": "False", "LOG_LEVEL": "INFO",
            "DOWNLOAD_TIMEOUT": "2", "RETRY_TIMES": "2", "DOWNLOAD_MAXSIZE": str(1024 * 1024),
            "DOWNLOAD_WARNSIZE": "0",
        })
    [report] = manifests(out)
    glob = (out / "articles" / "**" / "*.parquet").as_posix()
    rows = duckdb.sql(f"SELECT * FROM read_parquet('{glob}', hive_partitioning = true)").fetchall()
    columns = duckdb.sql(f"SELECT * FROM read_parquet('{glob}', hive_partitioning = true) LIMIT 0").columns
    quarantine = [json.loads(line) for line in (out / "quarantine" / f"{report['run_id']}.jsonl").open()]
    return {
        "result": result, "report": report, "stats": report["stats"], "site": site, "out": out,
        "rows": {r["canonical_url"].removeprefix(PUBLIC): r for r in (dict(zip(columns, row)) for row in rows)},
        "row_count": len(rows), "quarantine": quarantine,
    }


def failed(run: dict[str, Any], reason: str) -> int:
    return run["stats"].get(f"govnews/fetch/failed/{reason}", 0)


def test_the_run_completes_and_is_loudly_unhealthy(run: dict[str, Any]) -> None:
    assert run["report"]["status"] == "complete" and run["report"]["finish_reason"] == "finished"
    assert run["result"].returncode == 1  # scrapy crawl exits non-zero: unhealthy
    reasons = run["report"]["health"]["reasons"]
    assert any(r.startswith("error ratio") for r in reasons)
    assert any(r.startswith("quarantine ratio") for r in reasons)


def test_nothing_is_stored_twice(run: dict[str, Any]) -> None:
    stored = {NORMAL.path, FLAKY.path, LATIN.path, TWIN.path, SPLIT.path, HOSTILE.path, f"{B}/02/html-rusak"}
    assert set(run["rows"]) == stored
    assert run["row_count"] == len(stored)


def test_slow_response_beyond_the_timeout_is_retried_then_counted(run: dict[str, Any]) -> None:
    assert failed(run, "timeout") == 1
    assert run["site"].hits[FAULTY_CARDS["slow"]] == 3  # first try + RETRY_TIMES
    assert run["report"]["summary"]["errors_by_type"].get("DownloadTimeoutError", 0) >= 1


def test_server_errors_then_success_are_retried_and_stored(run: dict[str, Any]) -> None:
    assert run["site"].hits[FLAKY.path] == 3
    assert run["stats"]["retry/count"] >= 2
    assert run["rows"][FLAKY.path]["headline"] == FLAKY.headline
    assert failed(run, "http_503") == 0 and failed(run, "http_500") == 0


def test_404_and_410_are_counted_not_retried(run: dict[str, Any]) -> None:
    assert failed(run, "http_404") == 1 and failed(run, "http_410") == 1
    assert run["site"].hits[FAULTY_CARDS["404"]] == 1 and run["site"].hits[FAULTY_CARDS["410"]] == 1
    assert run["report"]["summary"]["failed_by_reason"]["http_404"] == 1


def test_connection_reset_mid_body_is_retried_then_counted(run: dict[str, Any]) -> None:
    assert failed(run, "connection_lost") == 1
    assert run["site"].hits[FAULTY_CARDS["reset"]] == 3


def test_truncated_html_is_not_stored_as_a_shorter_article(run: dict[str, Any]) -> None:
    assert failed(run, "truncated_html") == 1
    assert run["stats"]["govnews/errors/truncated_html"] == 1
    assert FAULTY_CARDS["truncated"] not in run["rows"]


def test_utf8_body_under_a_latin1_header_reads_right(run: dict[str, Any]) -> None:
    row = run["rows"][LATIN.path]
    assert row["headline"] == "Anggaran Rp 1,5 Triliun – Kata Bupati"
    assert row["paragraphs"] == ["“Kami siap,” kata Bupati – anggaran naïf ditolak."]
    # Read right at the source, not repaired afterwards.
    assert not [f for f in row["quality"]["fixes"] if f["rule"] == "mojibake"]
    assert run["stats"]["govnews/charset/utf8_over_header"] == 1


def test_20_mb_page_is_capped_by_download_maxsize_and_counted(run: dict[str, Any]) -> None:
    assert failed(run, "too_large") == 1
    assert run["site"].hits[FAULTY_CARDS["huge"]] == 1


def test_redirect_loop_ends_and_is_counted(run: dict[str, Any]) -> None:
    assert failed(run, "redirect_loop") == 1
    assert run["stats"]["govnews/errors/redirect_loop"] == 1
    loop_hits = run["site"].hits[FAULTY_CARDS["loop"]] + run["site"].hits[f"{B}/01/berputar-b"]
    assert loop_hits == 6  # REDIRECT_MAX_TIMES 5: the first request and five redirects


def test_redirect_to_another_domain_is_not_followed(run: dict[str, Any]) -> None:
    assert run["stats"]["offsite/filtered"] == 1
    assert run["report"]["summary"]["failed_by_reason"]["offsite"] == 1
    assert not any("dicuri" in p for p in run["site"].log)


def test_only_the_configured_site_is_fetched_even_after_a_redirect(run: dict[str, Any]) -> None:
    assert run["stats"]["govnews/guard/refused/offsite"] == 1
    assert failed(run, "refused") == 1
    assert run["stats"].get("downloader/exception_type_count/scrapy.exceptions.DownloadConnectionRefusedError") is None


def test_endless_pagination_is_bounded_by_max_pages(run: dict[str, Any]) -> None:
    endless = [p for p in run["site"].log if p.startswith("/berita/kategori/tanpa-akhir")]
    assert len(endless) == MAX_PAGES


def test_one_article_under_many_urls_is_fetched_once_and_stored_once(run: dict[str, Any]) -> None:
    assert run["site"].article_hits()[TWIN.path] == 1
    assert run["rows"][TWIN.path]["url"].endswith(TWIN.path)  # tracking and fragment gone


def test_split_article_linked_at_page_2_is_stored_once_and_whole(run: dict[str, Any]) -> None:
    assert run["rows"][SPLIT.path]["paragraphs"] == ["Halaman pertama.", "Halaman kedua."]
    assert run["site"].hits[f"{SPLIT.path}?page=2"] == 0  # entered at page 1, then "show all"


def test_malformed_html_is_read_as_a_browser_would(run: dict[str, Any]) -> None:
    row = run["rows"][f"{B}/02/html-rusak"]
    assert row["headline"] == "HTML Rusak Tetap Terbaca"
    assert row["paragraphs"] == ["Paragraf satu tanpa penutup", "Paragraf dua"]


def test_article_without_headline_or_date_is_quarantined_with_the_reason(run: dict[str, Any]) -> None:
    reasons = {q["url"].split("/")[-1]: q["reasons"] for q in run["quarantine"]}
    assert "missing:headline" in reasons["tanpa-judul"]
    assert "missing:date_published" in reasons["tanpa-tanggal"]
    by_reason = run["report"]["summary"]["quarantined_by_reason"]["article"]
    assert by_reason["missing:headline"] == 1 and by_reason["missing:date_published"] == 1


def test_file_and_javascript_links_are_ignored_and_counted(run: dict[str, Any]) -> None:
    stats = run["stats"]
    assert stats["govnews/links/ignored/file"] == 2  # the card and the nav link
    assert stats["govnews/links/ignored/javascript"] == 1
    assert "govnews/guard/refused/scheme" not in stats  # never even requested
    assert "Unsupported URL scheme" not in run["result"].stderr


def test_hostile_canonical_url_cannot_write_outside_the_output_directory(run: dict[str, Any]) -> None:
    # An off-site canonical is not trusted: the article is filed under the
    # site it was crawled from, with a warning naming what the page claimed.
    row = run["rows"][HOSTILE.path]
    assert row["canonical_url"] == PUBLIC + HOSTILE.path
    assert any("govnews-escape" in w and "not on this site" in w for w in row["quality"]["warnings"])
    out: Path = run["out"]
    assert not Path("/tmp/govnews-escape").exists()
    for path in (out / "articles").rglob("*"):
        assert path.resolve().is_relative_to((out / "articles").resolve())
        assert ".." not in path.name
    sites = {p.name for p in (out / "articles").iterdir()}
    assert sites == {"site=gonews.co"}