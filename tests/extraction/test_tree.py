"""One parsed tree per page: the parser, the root of a Selector, the bounded visible text."""

from __future__ import annotations

from lxml import etree
from parsel import Selector

from govnews.extraction import GenericArticlePage, extract_article
from govnews.extraction.tree import parse_html, root_of, visible_text

PAGE = """<!doctype html><html lang="id"><head><title>Banjir rob - Kabarkita</title>
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Banjir rob"}</script></head>
<body><div class="meta"><span>Kamis, 25 Februari 2021</span> <b>18:20</b> WIB<script>var x = "2020";</script>
<noscript>Aktifkan JavaScript 2019</noscript><!-- komentar 2018 --></div>
<h1>Banjir rob</h1><p>Pekalongan - Air laut pasang merendam ratusan rumah warga di pesisir utara.</p>
<p>Warga yang tinggal di tepi pantai mengungsi ke balai desa dengan perahu karet, kata dia.</p>
<p>Petugas membagikan makanan dan selimut kepada para pengungsi sejak pagi hari ini.</p></body></html>"""


def test_parse_html_builds_the_tree_parsel_builds() -> None:
    ours = parse_html(PAGE)
    theirs = Selector(text=PAGE).root
    assert etree.tostring(ours) == etree.tostring(theirs)
    # Plain lxml elements: no Python element-class lookup on each proxy.
    assert type(ours) is etree._Element
    assert [e.tag for e in ours.iter(etree.Element)][:4] == ["html", "head", "title", "script"]


def test_parse_html_of_nothing_and_of_nuls() -> None:
    assert etree.tostring(parse_html("")) == b"<html/>"
    assert etree.tostring(parse_html("<!-- only a comment -->")) == b"<html/>"
    assert parse_html("<p>a\x00b</p>").findtext(".//p") == "ab"


def test_parse_html_reads_a_page_with_an_xml_declaration_as_html() -> None:
    root = parse_html('<?xml version="1.0" encoding="UTF-8"?><html><body><p>Teks</p></body></html>')
    assert root.tag == "html" and root.findtext("body/p") == "Teks"


def test_root_of_a_selector_is_its_root_and_a_root_is_itself() -> None:
    selector = Selector(text=PAGE)
    root = parse_html(PAGE)
    assert root_of(selector) is selector.root
    assert root_of(root) is root


def test_visible_text_leaves_out_scripts_noscript_and_comments() -> None:
    meta = parse_html(PAGE).find(".//div")
    assert visible_text(meta) == "Kamis, 25 Februari 2021 18:20 WIB"
    assert visible_text(meta) == " ".join("".join(meta.xpath(
        ".//text()[not(ancestor::script or ancestor::style or ancestor::noscript)]")).split())


def test_visible_text_stops_once_it_is_longer_than_the_limit() -> None:
    meta = parse_html(PAGE).find(".//div")
    assert visible_text(meta, limit=33) == "Kamis, 25 Februari 2021 18:20 WIB"
    assert visible_text(meta, limit=32) is None
    # Spaces do not count towards the limit until the text is collapsed.
    spaced = parse_html("<p>a" + " " * 50 + "b</p>").find(".//p")
    assert visible_text(spaced, limit=3) == "a b"
    assert visible_text(spaced, limit=2) is None


def test_a_page_from_bytes_and_from_a_selector_extract_the_same() -> None:
    url = "https://www.kabarkita.example/berita/banjir-rob"
    from_bytes = extract_article(PAGE.encode("utf-8"), url)
    from_selector = GenericArticlePage(url, Selector(text=PAGE)).extract()
    assert from_bytes == from_selector
    assert from_bytes.headline == "Banjir rob"
    assert from_bytes.date_raw == "Kamis, 25 Februari 2021 18:20 WIB"
    assert from_bytes.paragraphs[0].startswith("Air laut pasang")


def test_the_selector_of_a_page_parsed_from_bytes_shares_its_tree() -> None:
    page = GenericArticlePage("https://www.kabarkita.example/x", PAGE.encode("utf-8"))
    assert page.selector.root is page.root
    assert page.selector.css("h1::text").get() == "Banjir rob"


def test_utf8_bytes_parse_to_the_tree_their_text_parses_to() -> None:
    from govnews.extraction.charset import decode_html

    pages = [
        PAGE.encode("utf-8"),
        b"\xef\xbb\xbf  " + PAGE.encode("utf-8") + b"\n\n",
        b"\x00<p>nul</p>\x00",
        "\u00a0<p>Kafe \u00b7 Rp 5</p>\u3000".encode("utf-8"),  # Unicode spaces at the ends
        "\x1c<p>pemisah</p>\x1f".encode("utf-8"),
        b"   ",
    ]
    for page in pages:
        text = decode_html(page).text
        assert etree.tostring(parse_html(text, page)) == etree.tostring(parse_html(text)), page
    assert parse_html("", b"   ").tag == "html"


HEAD = """<html><head><title>Banjir rob</title>
<meta property="og:title" content="Banjir rob - Kabarkita"><meta name="robots"><meta name="author" content="">
<link rel="stylesheet" href="/a.css"><link rel="canonical"><link rel="canonical" href="/berita/banjir-rob">
<link rel="image_src" href="/rob.jpg">
<script type="application/ld+json">{"@type": "NewsArticle"}</script><script type="application/ld+json"></script>
<script>var a = 1;</script></head>
<body><svg><title>ikon</title></svg><time itemprop="datePublished" datetime="2021-02-25T18:20:00+07:00">Kamis</time>
<span datetime="2021-02-26">Jumat</span></body></html>"""


def test_head_tags_find_what_the_xpaths_they_replace_find() -> None:
    from govnews.extraction.tree import head_tags

    root = parse_html(HEAD)
    tags = head_tags(root)
    assert tags.metas == root.xpath("//meta[@content]")
    assert tags.json_ld == root.xpath('//script[@type="application/ld+json"]/text()') == ['{"@type": "NewsArticle"}']
    assert tags.title_texts == root.xpath("//title//text()") == ["Banjir rob", "ikon"]
    assert tags.link_href("canonical") == root.xpath('//link[@rel="canonical"]/@href')[0] == "/berita/banjir-rob"
    assert tags.link_href("image_src") == "/rob.jpg"
    assert tags.link_href("alternate") is None
    assert [e for e in tags.dated if e.get("itemprop") == "datePublished"] == root.xpath(
        '//*[@itemprop="datePublished"][@datetime]'
    )
    assert [e.tag for e in tags.dated] == ["time", "span"]


def test_visible_text_without_scripts_is_the_joined_text() -> None:
    paragraph = parse_html("<p>Senin,\n <b>1 Maret</b> 2021 <!-- komentar --> pukul <i>09.30</i></p>").find(".//p")
    assert visible_text(paragraph) == "Senin, 1 Maret 2021 pukul 09.30"
    assert visible_text(paragraph, limit=31) == "Senin, 1 Maret 2021 pukul 09.30"
    assert visible_text(paragraph, limit=30) is None
