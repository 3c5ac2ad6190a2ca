"""The bundled sample site: generated over a tmp dir, served on 127.0.0.1, fetched with urllib."""
from __future__ import annotations

import base64
import http.client
import json
import math
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sitegen import generate_site, load_truth
from sitegen.server import serve_in_thread

from conftest import CAPTURES

SEED_PATH = "/berita/baca/2021/02/25/sinkronisasi-pembangunan-pusat-daerah-kemendagri-gelar-rakortekrenbang-2021"
ARTICLES = 40
SEED_VALUE = 7


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


def popular_from_html(html: str) -> list[dict[str, str]]:
    """Decode the sidebar payload the way the page's script does."""
    encoded = re.search(r'atob\("([^"]+)"\)', html)
    assert encoded is not None
    decoded: list[dict[str, str]] = json.loads(base64.b64decode(encoded.group(1)).decode("utf-8")[::-1])
    return decoded


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    generate_site(out, ARTICLES, SEED_VALUE)
    return out


@pytest.fixture(scope="module")
def truth(site_dir: Path) -> dict[str, Any]:
    return load_truth(site_dir)


@pytest.fixture(scope="module")
def base_url(site_dir: Path) -> Iterator[str]:
    with serve_in_thread(site_dir) as url:
        yield url


def test_seed_article_is_the_capture_with_its_defects(base_url: str) -> None:
    status, content_type, body = fetch(base_url + SEED_PATH)
    assert status == 200
    assert content_type == "text/html; charset=utf-8"
    for defect in ("dan\u0100\u00a0 mensinkronkan", "penyelenggraan", "imbunya", "tutup Sri.***"):
        assert defect.encode("utf-8") in body
    assert b'<p class="baca-juga"><strong>Baca Juga:</strong>' in body
    assert b"<span>ADVERTISEMENT</span>" in body
    assert body == (CAPTURES / "article-rakortekrenbang.html").read_bytes()


def test_seed_popular_list_is_the_seed_six(base_url: str) -> None:
    html = fetch(base_url + SEED_PATH)[2].decode("utf-8")
    expected = json.loads((CAPTURES / "article-rakortekrenbang.expected.json").read_text(encoding="utf-8"))
    assert popular_from_html(html) == [
        {"u": entry["url_path"], "j": entry["headline"], "k": entry["section"], "w": entry["relative_time_raw"]}
        for entry in expected["popular_entries"]]
    # The seed's popular stories exist on the site, so its links lead somewhere.
    for entry in expected["popular_entries"]:
        assert fetch(base_url + entry["url_path"])[0] == 200


def test_generated_pages_carry_six_popular_entries_at_generated_articles(base_url: str,
                                                                        truth: dict[str, Any]) -> None:
    entries = popular_from_html(fetch(base_url + "/")[2].decode("utf-8"))
    assert len(entries) == 6
    assert [entry["u"] for entry in entries] == [entry["url_path"] for entry in truth["popular_entries"]]
    article_paths = {record["url_path"] for record in truth["articles"]}
    assert all(entry["u"] in article_paths and entry["w"].endswith(" jam yang lalu") for entry in entries)


def _links(html: str, rel: str) -> list[str]:
    return re.findall(rf'<a href="([^"]+)" rel="{rel}">', html)


def test_index_pagination_chains_and_ends(base_url: str, truth: dict[str, Any]) -> None:
    path: str | None = "/indeks"
    seen_pages: list[str] = []
    listed: list[str] = []
    while path is not None:
        status, _, body = fetch(base_url + path)
        assert status == 200
        html = body.decode("utf-8")
        seen_pages.append(path)
        listed.extend(re.findall(r'<h2 class="card-judul"><a href="([^"]+)">', html))
        prev_links, next_links = _links(html, "prev"), _links(html, "next")
        assert prev_links == ([] if len(seen_pages) == 1 else [seen_pages[-2] if len(seen_pages) > 2
                                                              else "/indeks?page=1"])
        path = next_links[0] if next_links else None
    assert len(seen_pages) == math.ceil(len(truth["articles"]) / 10)
    assert listed == [record["url_path"] for record in truth["articles"]]  # newest first, each once
    assert fetch(base_url + "/indeks?page=1")[2] == fetch(base_url + "/indeks")[2]


def test_category_listings_cover_their_section_with_absolute_dates(base_url: str, truth: dict[str, Any]) -> None:
    for listing in truth["listings"]:
        if not listing["url_path"].startswith("/berita/kategori/"):
            continue
        html = fetch(base_url + listing["url_path"])[2].decode("utf-8")
        times = re.findall(r'<span class="card-waktu">([^<]+)</span>', html)
        assert times == [entry["date_published_raw"] for entry in listing["entries"]]
        assert all(re.search(r"\d{4} \d{2}:\d{2} WI[BT]A?$", text) for text in times)
    by_section: dict[str, int] = {}
    for record in truth["articles"]:
        by_section[record["section"]] = by_section.get(record["section"], 0) + 1
    listed = sum(len(listing["entries"]) for listing in truth["listings"]
                 if listing["url_path"].startswith("/berita/kategori/"))
    assert listed == sum(by_section.values())


def test_home_shows_every_relative_time_form(base_url: str, truth: dict[str, Any]) -> None:
    html = fetch(base_url + "/")[2].decode("utf-8")
    times = re.findall(r'<span class="card-waktu">([^<]+)</span>', html)
    home = truth["listings"][0]
    assert home["url_path"] == "/" and times == [entry["relative_time_raw"] for entry in home["entries"]]
    assert times == ["Baru saja", "5 menit yang lalu", "45 menit yang lalu", "1 jam yang lalu", "2 jam yang lalu",
                     "3 jam yang lalu", "23 jam yang lalu", "Kemarin 14:30", "1 hari yang lalu",
                     "2 hari yang lalu", "5 hari yang lalu", "1 minggu yang lalu"]
    assert 'nav class="menu-utama"' in html and '<a href="/indeks">Indeks</a>' in html


def test_robots_txt_allows_all_but_search(base_url: str) -> None:
    status, content_type, body = fetch(base_url + "/robots.txt")
    assert (status, content_type) == (200, "text/plain; charset=utf-8")
    assert body.decode().splitlines()[:2] == ["User-agent: *", "Disallow: /cari"]


def test_unknown_paths_are_404(base_url: str) -> None:
    for path in ("/nope", "/cari?q=apbd", SEED_PATH + "?page=2", "/berita/kategori/pemerintahan?page=999"):
        status, content_type, body = fetch(base_url + path)
        assert status == 404
        assert content_type == "text/html; charset=utf-8"
        assert b"Halaman Tidak Ditemukan" in body


def test_two_page_article_serves_page_2_and_all(base_url: str, truth: dict[str, Any]) -> None:
    record = next(record for record in truth["articles"] if len(record["served_paths"]) == 3)
    path = record["url_path"]
    first, second, whole = (fetch(base_url + served)[2].decode("utf-8") for served in record["served_paths"])
    assert record["served_paths"][1:] == [f"{path}?page=2", f"{path}?page=all"]
    assert (f'<div class="halaman">Halaman: <span class="aktif">1</span> <a href="{path}?page=2">2</a> '
            f'<a href="{path}?page=all">Tampilkan Semua</a></div>') in first
    assert f'<a href="{path}">1</a> <span class="aktif">2</span>' in second
    assert "halaman" not in whole
    body_count = [len(re.findall(r"<p>", page)) for page in (first, second, whole)]
    assert body_count[0] + body_count[1] == body_count[2] == len(record["body_paragraphs"])
    assert "detail-editor" not in first and "detail-sumber" not in first


def test_same_seed_same_bytes(tmp_path: Path, site_dir: Path) -> None:
    again, other = tmp_path / "again", tmp_path / "other"
    generate_site(again, ARTICLES, SEED_VALUE)
    generate_site(other, ARTICLES, SEED_VALUE + 1)
    files = sorted(p.relative_to(site_dir) for p in site_dir.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert all((site_dir / name).read_bytes() == (again / name).read_bytes() for name in files)
    assert (other / "truth-articles.jsonl").read_bytes() != (site_dir / "truth-articles.jsonl").read_bytes()


def test_captures_mount_serves_each_capture_at_its_path() -> None:
    mounted = {}
    for expected_file in sorted(CAPTURES.glob("*.expected.json")):
        stem = expected_file.name.removesuffix(".expected.json")
        url_path = json.loads(expected_file.read_text(encoding="utf-8"))["url_path"]
        mounted[url_path] = f"{stem}.html"
        for suffix, query in ((".page2.html", "?page=2"), (".all.html", "?page=all")):
            if (CAPTURES / f"{stem}{suffix}").exists():
                mounted[url_path + query] = stem + suffix
    assert mounted[SEED_PATH] == "article-rakortekrenbang.html"
    assert mounted["/"] == "listing-home.html"
    assert mounted["/berita/kategori/pemerintahan?page=2"] == "listing-kategori-pemerintahan-2.html"
    assert sum(name.endswith((".page2.html", ".all.html")) for name in mounted.values()) == 2
    with serve_in_thread(None, captures=CAPTURES) as url:
        for path, name in mounted.items():
            assert fetch(url + path) == (200, "text/html; charset=utf-8", (CAPTURES / name).read_bytes())
        assert fetch(url + "/robots.txt")[0] == 200
        assert fetch(url + "/berita/kategori/pemerintahan?page=3")[0] == 404


def test_captures_take_precedence_over_the_site_where_both_claim_a_path(site_dir: Path) -> None:
    with serve_in_thread(site_dir, captures=CAPTURES) as url:
        assert fetch(url + "/")[2] == (CAPTURES / "listing-home.html").read_bytes()
        assert fetch(url + "/indeks")[0] == 200


def test_keep_alive_serves_several_requests_on_one_connection(base_url: str) -> None:
    host, port = base_url.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        statuses = []
        for path in ("/", "/robots.txt", "/missing", SEED_PATH):
            connection.request("GET", path)
            response = connection.getresponse()
            response.read()
            statuses.append(response.status)
        assert statuses == [200, 200, 404, 200]
        connection.request("HEAD", "/")
        head = connection.getresponse()
        assert head.status == 200 and head.read() == b"" and int(head.headers["Content-Length"]) > 1000
    finally:
        connection.close()


def test_every_variation_is_rendered(site_dir: Path, truth: dict[str, Any]) -> None:
    records = truth["articles"]
    raw_dates = [record["date_published_raw"] or "" for record in records]
    for zone in ("WIB", "WITA", "WIT"):
        assert any(raw.endswith(f" {zone}") or f" {zone} |" in raw for raw in raw_dates)
    assert any("Pebruari" in raw for raw in raw_dates) and any("Nopember" in raw for raw in raw_dates)
    assert any(re.search(r", \d{2}/\d{2}/\d{4} \d{2}:\d{2} WI", raw) for raw in raw_dates)
    assert any(" | Diperbarui: " in raw for raw in raw_dates)
    local_vs_utc = [(record["date_published_local"], record["date_published"]) for record in records
                    if record["date_published"]]
    assert any(local[:10] != utc[:10] and local[11:13] == "00" for local, utc in local_vs_utc)
    assert any(local[:7] != utc[:7] for local, utc in local_vs_utc)
    assert len({utc[:7] for _, utc in local_vs_utc}) >= 4
    datelines = {record["dateline"] for record in records}
    assert None in datelines and any(d and d.isupper() for d in datelines) and any(d and d.istitle() for d in datelines)
    fixes = {tuple(pair) for record in records for pair in record["defects"]}
    for pair in (("\u00e2\u20ac\u0153", "\u201c"), ("\u00e2\u20ac\u201c", "\u2013"),
                 ("\u00e2\u20ac\u2122", "\u2019"), ("\u00c2", "mojibake"), ("\u0100", "mojibake")):
        assert pair in fixes
    assert any(good != "mojibake" and bad.isascii() for bad, good in fixes)
    assert {record["expect"] for record in records} == {"store", "quarantine"}
    assert any(record["image_url_path"] is None for record in records)
    assert any(record["editor"] is None for record in records) and any(record["source"] is None for record in records)
    assert any(record["tags"] == [] for record in records)
    html = "\n".join((site_dir / "pages" / f"{path.lstrip('/')}.html").read_text(encoding="utf-8")
                     for path in (record["url_path"] for record in records))
    for marker in ("<strong>", ", GoNews.co - ", " (GoNews) \u2013 ", "***</p>", " (***)</p>", 'class="baca-juga"',
                   "iklan-inline", 'property="article:published_time"', '"@type": "NewsArticle"'):
        assert marker in html


def test_json_ld_is_present_malformed_or_absent(site_dir: Path, truth: dict[str, Any]) -> None:
    forms = set()
    for record in truth["articles"]:
        html = (site_dir / "pages" / f"{record['url_path'].lstrip('/')}.html").read_text(encoding="utf-8")
        block = re.search(r'<script type="application/ld\+json">\n(.*?)</script>', html, re.S)
        if block is None:
            forms.add("absent")
            continue
        try:
            data = json.loads(block.group(1))
        except json.JSONDecodeError:
            forms.add("malformed")
            continue
        forms.add("present")
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", data["datePublished"])  # no zone, as captured
    assert forms == {"present", "malformed", "absent"}


def test_quarantine_pages_lack_headline_or_date(site_dir: Path, truth: dict[str, Any]) -> None:
    reasons = {}
    for record in truth["articles"]:
        if record["expect"] != "quarantine":
            continue
        html = (site_dir / "pages" / f"{record['url_path'].lstrip('/')}.html").read_text(encoding="utf-8")
        reasons[record["quarantine_reason"]] = html
    assert set(reasons) == {"missing headline", "missing date"}
    assert 'class="detail-judul"' not in reasons["missing headline"]
    assert 'class="detail-tanggal"' not in reasons["missing date"]
    assert 'class="detail-tanggal"' in reasons["missing headline"]
