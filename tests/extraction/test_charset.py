"""Decoding pages whose declared charset may be wrong."""

from __future__ import annotations

from govnews.extraction import GenericArticlePage
from govnews.extraction.charset import declared_charset, decode_html

TEXT = "Pemkot Semarang bangun jembatan senilai Rp 5 miliar – “segera rampung”, kata café owner"


def page(charset: str, body: str = TEXT) -> str:
    return (
        f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
        f"<title>Jembatan</title></head><body><p>{body}</p></body></html>"
    )


def test_utf8_bytes_declared_latin1_are_read_as_utf8_with_a_warning() -> None:
    decoded = decode_html(page("iso-8859-1").encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert TEXT in decoded.text
    assert decoded.warnings == ["declared charset 'iso-8859-1' is wrong: the page is UTF-8"]


def test_cp1252_bytes_declared_latin1_use_the_declaration() -> None:
    decoded = decode_html(page("iso-8859-1").encode("cp1252"))
    assert decoded.encoding == "cp1252"
    assert TEXT in decoded.text  # the en dash and curly quotes are cp1252, not latin-1
    assert decoded.warnings == []


def test_undeclared_single_byte_page_falls_back_to_cp1252() -> None:
    html = "<html><body><p>Kafe di Menteng: café, crème brûlée</p></body></html>".encode("cp1252")
    decoded = decode_html(html)
    assert (decoded.encoding, decoded.warnings) == ("cp1252", [])
    assert "crème brûlée" in decoded.text


def test_page_declaring_utf8_that_is_not_says_so() -> None:
    decoded = decode_html(page("utf-8").encode("cp1252"))
    assert decoded.encoding == "cp1252"
    assert decoded.warnings == ["the page declares UTF-8 but is not; read as cp1252"]
    assert TEXT in decoded.text


def test_header_charset_beats_the_meta_and_a_bom_is_dropped() -> None:
    assert declared_charset(page("utf-8").encode(), header=" ISO-8859-15 ") == "iso-8859-15"
    latin9 = page("utf-8", "Harga €5").encode("iso-8859-15")
    assert decode_html(latin9, "iso-8859-15").text.count("Harga €5") == 1
    assert decode_html(b"\xef\xbb\xbf<p>Halo</p>").text == "<p>Halo</p>"


def test_unknown_declared_charset_is_a_warning_not_an_error() -> None:
    decoded = decode_html(page("x-klingon").encode("utf-8"))
    assert decoded.encoding == "utf-8"
    assert decoded.warnings == ["declared charset 'x-klingon' is unknown"]


def test_ascii_page_declaring_latin1_raises_no_warning() -> None:
    assert decode_html(page("iso-8859-1", "Banjir surut").encode("ascii")).warnings == []


def test_generic_page_records_the_wrong_declaration_on_the_article() -> None:
    html = page("iso-8859-1").encode("utf-8")
    article_page = GenericArticlePage("https://kabarkita.example/berita/1", html)
    assert TEXT in article_page.selector.xpath("//p/text()").get()
    assert "declared charset 'iso-8859-1' is wrong: the page is UTF-8" in article_page.extract().warnings


def test_from_response_takes_the_header_charset_as_the_declaration() -> None:
    from scrapy.http import HtmlResponse

    body = page("utf-8", "Kafe di Menteng: crème brûlée").encode("cp1252")
    response = HtmlResponse("https://kabarkita.example/b/2", body=body,
                            headers={"Content-Type": "text/html; charset=windows-1252"})  # fmt: skip
    article_page = GenericArticlePage.from_response(response)
    assert article_page.url == "https://kabarkita.example/b/2"
    assert "crème brûlée" in article_page.selector.xpath("//p/text()").get()
