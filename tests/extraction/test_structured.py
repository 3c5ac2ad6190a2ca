"""Structured data of a page: JSON-LD, OpenGraph, article:*, parsely, Dublin Core."""

from __future__ import annotations

import json

from parsel import Selector

from govnews.extraction.structured import (
    choose_headline,
    page_language,
    read_structured,
    strip_site_name,
)

URL = "https://www.kabarkita.example/berita/2021/02/25/banjir-rob"

WORDPRESS_HEAD = """<!doctype html><html lang="id-ID"><head>
<meta charset="UTF-8">
<title>Banjir Rob Rendam Pesisir Pekalongan - Kabarkita</title>
<link rel="canonical" href="/berita/2021/02/25/banjir-rob">
<meta property="og:locale" content="id_ID">
<meta property="og:type" content="article">
<meta property="og:title" content="Banjir Rob Rendam Pesisir Pekalongan - Kabarkita">
<meta property="og:site_name" content="Kabarkita">
<meta property="og:image" content="https://cdn.kabarkita.example/2021/02/rob.jpg">
<meta property="article:published_time" content="2021-02-25T11:20:00+00:00">
<meta property="article:modified_time" content="2021-02-25T12:00:00+00:00">
<meta property="article:section" content="Regional">
<meta property="article:tag" content="banjir">
<meta property="article:tag" content="pekalongan">
<meta name="author" content="Rina Wulandari">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
 {"@type":"WebSite","name":"Kabarkita","url":"https://www.kabarkita.example/"},
 {"@type":"WebPage","@id":"https://www.kabarkita.example/berita/2021/02/25/banjir-rob"},
 {"@type":"BreadcrumbList","itemListElement":[
   {"@type":"ListItem","position":2,"item":{"@id":"https://www.kabarkita.example/regional","name":"Regional"}},
   {"@type":"ListItem","position":1,"item":{"@id":"https://www.kabarkita.example/","name":"Beranda"}}]},
 {"@type":"NewsArticle","headline":"Banjir Rob Rendam Pesisir Pekalongan",
  "datePublished":"2021-02-25T18:20:00+07:00","dateModified":"2021-02-25T19:00:00+07:00",
  "author":[{"@type":"Person","name":"Rina Wulandari"},{"@type":"Person","name":"Agus Salim"}],
  "image":{"@type":"ImageObject","url":"https://cdn.kabarkita.example/2021/02/rob-1200.jpg"},
  "keywords":"banjir rob, pekalongan, pesisir","articleSection":"Regional","inLanguage":"id-ID"}]}
</script></head><body>
<header><h1 class="logo">Kabarkita</h1></header>
<article><h1 class="entry-title">Banjir Rob Rendam Pesisir Pekalongan</h1>
<div class="entry-meta"><time>Kamis, 25 Februari 2021 18:20 WIB</time></div>
<div class="entry-content"><p>Pekalongan - Air laut pasang merendam ratusan rumah warga.</p></div>
</article></body></html>"""


def structured(html: str, url: str = URL):
    return read_structured(Selector(text=html), url)


def test_wordpress_head_with_a_graph() -> None:
    s = structured(WORDPRESS_HEAD)
    assert s.headlines[0] == ("json-ld NewsArticle", "Banjir Rob Rendam Pesisir Pekalongan")
    assert s.published[:2] == [
        ("json-ld NewsArticle", "2021-02-25T18:20:00+07:00"),
        ("article:published_time", "2021-02-25T11:20:00+00:00"),
    ]
    assert s.modified[0] == ("json-ld NewsArticle", "2021-02-25T19:00:00+07:00")
    assert s.canonical_url == "https://www.kabarkita.example/berita/2021/02/25/banjir-rob"
    assert s.authors == ["Rina Wulandari", "Agus Salim"]
    assert s.section == "Regional"
    assert s.breadcrumbs == ["Beranda", "Regional"]
    assert s.tags == ["banjir rob", "pekalongan", "pesisir"]
    assert s.image_url == "https://cdn.kabarkita.example/2021/02/rob.jpg"
    assert s.structured_image == "https://cdn.kabarkita.example/2021/02/rob-1200.jpg"
    assert s.site_name == "Kabarkita"
    assert s.warnings == []
    assert page_language(s.languages) == "id"


def test_headline_is_the_visible_h1_not_the_logo() -> None:
    sel = Selector(text=WORDPRESS_HEAD)
    headline, node = choose_headline(read_structured(sel, URL), sel, URL)
    assert headline == "Banjir Rob Rendam Pesisir Pekalongan"
    assert node.get("class") == "entry-title"


def test_json_ld_only_page_in_a_top_level_list() -> None:
    ld = [{"@context": "https://schema.org", "@type": "ReportageNewsArticle", "headline": "Jalan Tol Dibuka",
           "datePublished": "2022-03-01T08:00:00+08:00", "author": {"@type": "Organization", "name": "Redaksi"},
           "image": ["https://img.example/a.jpg", "https://img.example/b.jpg"], "keywords": ["tol", "mudik"]}]
    html = f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head><body></body></html>'
    s = structured(html)
    assert s.headlines == [("json-ld ReportageNewsArticle", "Jalan Tol Dibuka")]
    assert s.published == [("json-ld ReportageNewsArticle", "2022-03-01T08:00:00+08:00")]
    assert s.authors == ["Redaksi"]
    assert s.tags == ["tol", "mudik"]
    assert s.image_url == s.structured_image == "https://img.example/a.jpg"
    assert s.canonical_url is None


def test_metas_only_page_with_parsely_and_dublin_core() -> None:
    parsely = {"title": "Harga Cabai Naik", "link": "https://pasar.example/cabai", "pub_date": "2023-05-02T03:15:00Z",
               "section": "Ekonomi", "author": "Dewi Lestari", "tags": ["cabai", "inflasi"]}
    html = f"""<html><head><title>Harga Cabai Naik | Pasar Kita</title>
    <meta name="parsely-page" content='{json.dumps(parsely)}'>
    <meta name="DC.date.issued" content="2023-05-02">
    <meta name="DC.creator" content="Dewi L.">
    <meta http-equiv="content-language" content="id">
    <meta name="description" content="Harga cabai rawit naik dua kali lipat."></head><body></body></html>"""
    s = structured(html, "https://pasar.example/cabai")
    assert s.headlines == [("parsely", "Harga Cabai Naik"), ("title", "Harga Cabai Naik | Pasar Kita")]
    assert s.published == [("parsely", "2023-05-02T03:15:00Z"), ("dc.date.issued", "2023-05-02")]
    assert (s.section, s.authors, s.tags) == ("Ekonomi", ["Dewi Lestari"], ["cabai", "inflasi"])
    assert s.canonical_url == "https://pasar.example/cabai"
    assert s.description == "Harga cabai rawit naik dua kali lipat."
    assert page_language(s.languages) == "id"


def test_malformed_json_ld_is_a_warning_never_an_exception() -> None:
    html = """<html><head>
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Gempa Guncang Garut",}</script>
    <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Gempa</script>
    <script type="application/ld+json">{"@type": "NewsArticle", "description": "baris satu
    baris dua"}</script>
    <meta property="og:title" content="Gempa Guncang Garut"></head><body></body></html>"""
    s = structured(html)
    assert s.headlines[0] == ("json-ld NewsArticle", "Gempa Guncang Garut")
    assert s.warnings[0] == "json-ld block 0 trailing comma removed"
    assert s.warnings[1].startswith("json-ld block 1 unreadable (")
    assert s.warnings[2] == "json-ld block 2 control characters inside strings"


def test_author_urls_are_not_authors_and_relative_canonicals_resolve() -> None:
    html = """<html><head><meta property="article:author" content="https://facebook.com/kabarkita">
    <meta name="author" content="Budi"><meta property="og:url" content="">
    <link rel="canonical" href="javascript:void(0)"></head><body></body></html>"""
    s = structured(html)
    assert s.authors == ["Budi"]
    assert s.canonical_url is None


def test_site_name_is_stripped_from_either_end() -> None:
    url = "https://regional.kabarkita.example/a"
    assert strip_site_name("Sawah Terendam | Regional | Kabarkita.com :: Portal Berita", url) == "Sawah Terendam | Regional"
    assert strip_site_name("KABARKITA - Sawah Terendam", url) == "Sawah Terendam"
    assert strip_site_name("Sawah Terendam - Warta Pagi", url, site_name="Warta Pagi") == "Sawah Terendam"
    assert strip_site_name("Jokowi - Prabowo Bertemu di Solo", url) == "Jokowi - Prabowo Bertemu di Solo"


def test_headline_without_h1_comes_from_the_title_and_finds_its_node() -> None:
    html = """<html><head><title>Pasar Murah Digelar - Kabarkita</title></head>
    <body><div class="judul">Pasar Murah Digelar</div><a href="/x">Pasar Murah Digelar</a></body></html>"""
    sel = Selector(text=html)
    headline, node = choose_headline(read_structured(sel, URL), sel, URL)
    assert headline == "Pasar Murah Digelar"
    assert node.get("class") == "judul"


def test_h1_split_over_lines_matches_og_title_with_other_quotes() -> None:
    html = """<html><head><meta property="og:title" content="Warga `Tolak` Tambang"></head>
    <body><h1>Warga ‘Tolak’<br>
       Tambang</h1></body></html>"""
    sel = Selector(text=html)
    assert choose_headline(read_structured(sel, URL), sel, URL)[0] == "Warga ‘Tolak’ Tambang"


def test_language_declarations() -> None:
    assert page_language(["en", "In-Id"]) == "id"
    assert page_language(["en-US"]) == "en"
    assert page_language(["id_ID"]) == "id"
    assert page_language([]) is None


def test_article_types_are_named_even_without_a_usable_headline() -> None:
    ld = [1, "x", None, {"@type": ["NewsArticle", "Thing"], "headline": 5, "author": "Budi", "image": []}]
    s = structured(f'<html><head><script type="application/ld+json">{json.dumps(ld)}</script></head></html>')
    assert (s.article_types, s.headlines, s.authors, s.image_url) == (["NewsArticle"], [], ["Budi"], None)


def test_generic_page_fills_the_raw_article_from_the_head() -> None:
    from govnews.extraction import GenericArticlePage, extract_article
    from govnews.records import ArticleExtractor

    article_page = GenericArticlePage(URL, WORDPRESS_HEAD.encode("utf-8"))
    assert isinstance(article_page, ArticleExtractor)
    assert article_page.is_article
    raw = extract_article(WORDPRESS_HEAD.encode("utf-8"), URL)
    assert raw.headline == raw.structured_headline == "Banjir Rob Rendam Pesisir Pekalongan"
    assert raw.canonical_url == "https://www.kabarkita.example/berita/2021/02/25/banjir-rob"
    assert raw.date_raw == "Kamis, 25 Februari 2021 18:20 WIB"
    assert raw.structured_date == "2021-02-25T18:20:00+07:00"
    assert raw.structured_modified == "2021-02-25T19:00:00+07:00"
    assert (raw.language, raw.section, raw.breadcrumbs) == ("id", "Regional", ["Beranda", "Regional"])
    assert raw.authors == ["Rina Wulandari", "Agus Salim"]
    assert raw.tags == ["banjir rob", "pekalongan", "pesisir"]
    assert raw.image_url == "https://cdn.kabarkita.example/2021/02/rob.jpg"
    assert raw.structured_image == "https://cdn.kabarkita.example/2021/02/rob-1200.jpg"


def test_a_page_without_article_signals_is_not_an_article() -> None:
    from govnews.extraction import GenericArticlePage

    listing = "<html><head><title>Indeks Berita</title></head><body><ul><li><a href='/a'>Satu</a></li></ul></body></html>"
    assert not GenericArticlePage("https://kabarkita.example/indeks", listing).is_article


def test_shown_node_matches_a_text_that_case_folding_lengthens_and_skips_links() -> None:
    from govnews.extraction.structured import _shown_node
    from govnews.extraction.tree import parse_html

    root = parse_html(
        "<body><div>\n  </div><a href='/x'><span>Jalan Straße Ditutup</span></a>"
        "<div class='judul'> JALAN  STRASSE\nditutup </div><p>Jalan Straße ditutup</p></body>"
    )
    # "Straße" folds to "strasse": the key is longer than the text, yet it matches.
    found = _shown_node(root, "Jalan Straße Ditutup")
    assert (found.tag, found.get("class")) == ("div", "judul")
    assert _shown_node(root, "Jalan Straße Ditutup Lagi") is None
    only_short = parse_html("<body><div>ß</div><div>x</div></body>")
    assert _shown_node(only_short, "SS").text == "ß"
