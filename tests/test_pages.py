"""Page objects over the saved GoNews pages, field by field against expected.json.

These compare what the page *shows* (raw, before cleaning) with the ground
truth wherever the two coincide; body text, which the ground truth gives
cleaned, is compared through the loaders in test_loaders.py.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from parsel import Selector
from conftest import ARTICLE_CAPTURES, LISTING_CAPTURES, LOOPBACK, capture, expected

from govnews.sites.gonews.pages import ArticlePage, ListingPage, PopularListPage


def _path(url: str | None) -> str | None:
    if url is None:
        return None
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def article_page(name: str, html_name: str | None = None) -> ArticlePage:
    truth = expected(name)
    return ArticlePage(LOOPBACK + truth["url_path"], capture(f"{html_name or name}.html"))


@pytest.mark.parametrize("name", ARTICLE_CAPTURES)
def test_article_fields_match_ground_truth(name: str) -> None:
    truth = expected(name)
    raw = article_page(name).extract()
    assert raw.canonical_url == truth["canonical_url"]
    assert raw.headline == truth["headline"]
    assert raw.section == truth["section"]
    assert raw.breadcrumbs == truth["breadcrumbs"]
    assert raw.date_raw == truth["date_published_raw"]
    assert raw.dateline == truth["dateline"]
    assert _path(raw.image_url) == truth["image_url_path"]
    assert raw.image_url.startswith("https://www.gonews.co/")
    assert raw.image_caption == truth["image_caption"]
    assert raw.image_credit == truth["image_credit"]
    assert raw.url == LOOPBACK + truth["url_path"]


@pytest.mark.parametrize("name", ["article-rakortekrenbang", "article-siaga-la-nina-sulsel"])
def test_single_page_article_footer(name: str) -> None:
    truth = expected(name)
    raw = article_page(name).extract()
    assert (raw.editor, raw.source, raw.tags) == (truth["editor"], truth["source"], truth["tags"])
    assert len(raw.paragraphs) == len(truth["body_paragraphs"])


def test_body_leaves_out_read_also_ads_scripts_and_share_glyphs() -> None:
    raw = article_page("article-rakortekrenbang").extract()
    body = "\n".join(raw.paragraphs)
    for noise in ("Baca Juga", "ADVERTISEMENT", "adsbygoogle", "wwwwww", "Terpopuler"):
        assert noise not in body
    assert raw.paragraphs[0].startswith("Kemendagri (Kementerian Dalam Negeri) menggelar")
    assert raw.paragraphs[-1].endswith("tutup Sri.***")  # end marks are the cleaner's job


def test_structured_data_is_read_for_cross_checks() -> None:
    raw = article_page("article-rakortekrenbang").extract()
    assert raw.structured_date == "2021-02-25 18:20:00"
    assert raw.structured_headline == raw.headline
    assert raw.structured_image == raw.image_url
    no_ld = article_page("article-siaga-la-nina-sulsel").extract()
    assert no_ld.structured_date is None
    assert no_ld.warnings == []


def test_malformed_json_ld_is_a_warning_not_an_error() -> None:
    html = capture("article-rakortekrenbang.html").replace('"datePublished"', '"datePublished',1)
    raw = ArticlePage(LOOPBACK + "/berita/baca/x", html).extract()
    assert raw.headline.startswith("Sinkronisasi Pembangunan")
    assert raw.structured_date is None
    assert len(raw.warnings) == 1 and "json-ld block 0 malformed" in raw.warnings[0]


def test_split_article_links_and_merge() -> None:
    name = "article-realisasi-apbd"
    truth = expected(name)
    first = article_page(name)
    assert _path(first.all_pages_url) == truth["url_path"] + "?page=all"
    assert _path(first.next_part_url) == truth["url_path"] + "?page=2"
    second = ArticlePage(LOOPBACK + truth["url_path"] + "?page=2", capture(f"{name}.page2.html"))
    assert second.next_part_url is None
    merged = first.extract().merged_with(second.extract(continuation=True))
    whole = article_page(name, f"{name}.all").extract()
    assert merged.paragraphs == whole.paragraphs
    assert len(merged.paragraphs) == len(truth["body_paragraphs"])
    assert (merged.editor, merged.source, merged.tags) == (truth["editor"], truth["source"], truth["tags"])
    assert (whole.editor, whole.source, whole.tags) == (truth["editor"], truth["source"], truth["tags"])


def test_markup_unlike_the_model_falls_back_to_the_generic_extractor_field_by_field() -> None:
    truth = expected("article-siaga-la-nina-sulsel")
    html = capture("article-siaga-la-nina-sulsel.html")
    html = html.replace('<h1 class="detail-judul">', '<h2 class="judul-lain">', 1)
    html = html.replace('class="detail-tanggal"', 'class="tanggal-lain"', 1)
    raw = ArticlePage(LOOPBACK + "/berita/baca/x", html).extract()
    assert raw.headline == truth["headline"]
    assert raw.date_raw == truth["date_published_raw"]
    assert "headline from the generic extractor" in raw.warnings
    assert "date_raw from the generic extractor" in raw.warnings
    # What GoNews's own selectors found is kept as they read it.
    assert raw.paragraphs == ArticlePage(LOOPBACK + "/berita/baca/x", capture("article-siaga-la-nina-sulsel.html")).extract().paragraphs


def test_page_without_a_headline_anywhere_extracts_none() -> None:
    html = capture("article-siaga-la-nina-sulsel.html")
    html = html.replace('<h1 class="detail-judul">', '<h2 class="judul-lain">', 1)
    html = html.replace('class="detail-tanggal"', 'class="tanggal-lain"', 1)
    sel = Selector(text=html)
    for node in sel.css('title, meta, script[type="application/ld+json"], .tanggal-lain'):
        node.drop()
    raw = ArticlePage(LOOPBACK + "/berita/baca/x", sel).extract()
    assert raw.headline is None  # never invented: validation quarantines the item
    assert raw.paragraphs  # the rest is still extracted


@pytest.mark.parametrize("name", LISTING_CAPTURES)
def test_listing_entries_match_ground_truth(name: str) -> None:
    truth = expected(name)
    page = ListingPage(LOOPBACK + truth["url_path"], capture(f"{name}.html"))
    entries = page.entries()
    assert page.title == truth["title"]
    assert len(entries) == len(truth["entries"])
    for entry, want in zip(entries, truth["entries"], strict=True):
        assert entry.position == want["position"]
        assert _path(entry.url) == want["url_path"]
        assert entry.url.startswith(LOOPBACK)
        assert entry.headline == want["headline"]
        assert entry.section == want["section"]
        assert entry.time_raw == want.get("relative_time_raw", want.get("date_published_raw"))
    assert _path(page.next_page) == truth["next_page"]
    assert _path(page.prev_page) == truth["prev_page"]


def test_nav_menu_categories_resolve_against_the_crawled_host() -> None:
    page = ListingPage(LOOPBACK + "/", capture("listing-home.html"))
    slugs = [_path(u).rsplit("/", 1)[1] for u in page.category_urls]
    assert slugs == ["peristiwa", "politik", "pemerintahan", "hukum", "ekonomi", "olahraga", "daerah", "nasional"]
    assert all(u.startswith(LOOPBACK) for u in page.category_urls)


def test_popular_list_is_empty_in_plain_html() -> None:
    assert PopularListPage(LOOPBACK + "/", capture("listing-home.html")).entries() == []


def test_popular_list_reads_the_rendered_dom() -> None:
    rendered = (
        '<ol id="populer-list"><li class="populer-item"><span class="nomor">1</span>'
        '<div class="populer-body"><a class="populer-judul" href="/berita/baca/2021/02/25/a">Judul A</a>'
        '<div class="populer-meta"><span class="populer-kategori">Peristiwa</span>'
        '<span class="populer-waktu">15 jam yang lalu</span></div></div></li></ol>'
    )
    (entry,) = PopularListPage(LOOPBACK + "/", rendered).entries()
    assert (entry.position, _path(entry.url), entry.headline, entry.section, entry.relative_time_raw) == (
        1, "/berita/baca/2021/02/25/a", "Judul A", "Peristiwa", "15 jam yang lalu"
    )


def test_off_site_canonical_is_not_trusted() -> None:
    html = capture("article-siaga-la-nina-sulsel.html").replace(
        'rel="canonical" href="https://www.gonews.co/', 'rel="canonical" href="https://evil.example/', 1)
    raw = ArticlePage(LOOPBACK + "/berita/baca/x", html).extract()
    assert raw.canonical_url == "https://www.gonews.co/berita/baca/x"
    assert raw.warnings == ["canonical URL 'https://evil.example/berita/baca/2021/11/10/hadapi-la-nina-bpbd-sulsel-"
                            "siagakan-personel-dan-perahu-karet-di-daerah-rawan-banjir' is not on this site;"
                            " the page's own URL is used"]
