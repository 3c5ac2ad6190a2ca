"""One parsed tree per page, shared by every step of the extractor.

The page is decoded once (``charset``) and parsed once, by lxml's own HTML
parser: parsel's ``Selector`` parses with ``lxml.html``'s parser, whose
element-class lookup is a Python call on every element proxy the extractor
touches (thousands per page), and wraps each XPath result in a new
``Selector``. The steps take the bare root instead; a ``Selector`` handed in
(a Scrapy response's, a site page object's) is used through its root, so the
page is never parsed twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from lxml import etree
from parsel import Selector

__all__ = ["HeadTags", "Page", "head_tags", "parse_html", "root_of", "visible_text"]

# What the steps accept: a parsel Selector (its root is used) or an lxml root.
Page = Union[Selector, etree._Element]


def parse_html(text: str, utf8: bytes | None = None) -> etree._Element:
    """The page's tree, built as ``parsel.Selector(text=...)`` builds it (NULs
    dropped, outer whitespace stripped, an empty page read as ``<html/>``), but
    always as HTML and with plain lxml elements.

    ``utf8`` is the bytes ``text`` was decoded from, when they are UTF-8: they
    are parsed as they are (no encoding back of a 150 KB string) unless their
    ends hold a character that only Unicode counts as white space.

    >>> root = parse_html("  <p>Banjir <b>rob</b></p>\\x00 ")
    >>> root.tag, [e.tag for e in root.iter()], parse_html("").tag
    ('html', ['html', 'body', 'p', 'b'], 'html')
    >>> page = " <p>Kafe \\u00b7 Rp 5\\x00</p>\\n"
    >>> etree.tostring(parse_html(page, page.encode("utf-8"))) == etree.tostring(parse_html(page))
    True
    """
    # A parser is not safe to share between threads, and costs ~1.5 µs to make.
    parser = etree.HTMLParser(recover=True, encoding="utf-8", huge_tree=True)
    body = _utf8_body(utf8) if utf8 is not None else None
    if body is None:
        body = text.strip().replace("\x00", "").encode("utf-8")
    root = etree.fromstring(body or b"<html/>", parser=parser)
    if root is None:  # nothing but a comment or a doctype
        root = etree.fromstring(b"<html/>", parser=parser)
    return root


def _utf8_body(utf8: bytes) -> bytes | None:
    """``text.strip().replace("\\x00", "").encode()`` done on the bytes, or None
    when the bytes' ends are not plain ASCII (where str.strip would strip more).

    >>> _utf8_body(b"\\xef\\xbb\\xbf <p>a\\x00b</p>\\n"), _utf8_body(b"\\xc2\\xa0<p>a</p>")
    (b'<p>ab</p>', None)
    """
    body = utf8[3:] if utf8.startswith(b"\xef\xbb\xbf") else utf8
    stripped = body.strip()  # ASCII white space only, as bytes.isspace() knows it
    if stripped and not (_plain_end(stripped[0]) and _plain_end(stripped[-1])):
        return None
    return stripped.replace(b"\x00", b"") if b"\x00" in stripped else stripped


def _plain_end(byte: int) -> bool:
    # U+001C..U+001F are white space to str.strip; every byte >= 0x80 is part of a non-ASCII character.
    return byte < 0x80 and not 0x1C <= byte <= 0x1F


def root_of(page: Page) -> etree._Element:
    """The lxml root of a page given as a Selector or as a root.

    >>> root_of(Selector(text="<p>x</p>")).tag, root_of(parse_html("<p>x</p>")).tag
    ('html', 'html')
    """
    return page.root if isinstance(page, Selector) else page


_UNSEEN_TAGS = frozenset({"script", "style", "noscript"})
_STRING = etree.XPath("string()")
# Spaces are collapsed with " ".join(text.split()), not re.sub(r"\s+", " ", text).strip():
# the same result for every code point (both split on str.isspace()), 5-10x faster.


def visible_text(element: etree._Element, limit: int | None = None) -> str | None:
    """The element's text as read (script, style and noscript left out, spaces
    collapsed), or ``None`` as soon as it is sure to be longer than ``limit``.

    The same text as ``.//text()[not(ancestor::script or ...)]`` for an element
    outside those tags, in one walk that stops early: a date finder asking
    whether a block is short enough to be a stamp need not read a whole story.

    >>> div = parse_html("<div>Senin, <b>1 Maret</b><script>x=1</script> 2021 <!-- c --></div>")[0][0]
    >>> visible_text(div), visible_text(div, limit=10)
    ('Senin, 1 Maret 2021', None)
    """
    if next(element.iter(*_UNSEEN_TAGS), None) is None:
        # Nothing to leave out: libxml2 joins the text (XPath string()) faster than a walk.
        text = " ".join(_STRING(element).split())
        return None if limit is not None and len(text) > limit else text
    parts: list[str] = []
    # Characters other than spaces: the collapsed text is at least this long.
    budget = [limit if limit is not None else -1]

    def add(text: str | None) -> bool:
        if text:
            parts.append(text)
            if budget[0] >= 0:
                budget[0] -= len("".join(text.split()))
                return budget[0] < 0
        return False

    def walk(node: etree._Element) -> bool:
        if add(node.text):
            return True
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _UNSEEN_TAGS and walk(child):
                return True
            if add(child.tail):
                return True
        return False

    if walk(element):
        return None
    text = " ".join("".join(parts).split())
    return None if limit is not None and len(text) > limit else text


_TEXT = etree.XPath(".//text()")
_DATETIME = etree.XPath("//@datetime")


@dataclass(frozen=True)
class HeadTags:
    """The elements a page's structured data lives in, in document order."""

    metas: list[etree._Element]
    json_ld: list[str]
    links: list[etree._Element]
    title_texts: list[str]
    dated: list[etree._Element]

    def link_href(self, rel: str) -> str | None:
        """The ``href`` of the first ``<link rel=...>`` that has one (``//link[@rel=...]/@href``)."""
        return next((href for link in self.links if link.get("rel") == rel and (href := link.get("href")) is not None),
                    None)  # fmt: skip


def head_tags(page: Page) -> HeadTags:
    """Metas with content, JSON-LD blocks, links, title text and elements with
    a ``datetime``, from one pass over the tree's meta/script/link/title
    elements (a tag filter lxml applies in C) instead of one XPath scan each.

    >>> tags = head_tags(parse_html('''<title>Banjir</title><meta name="a" content="1"><meta name="b">
    ... <link rel="canonical" href="/x"><script type="application/ld+json">{}</script><script>x</script>
    ... <time datetime="2021-03-01">1 Maret</time>'''))
    >>> [m.get("name") for m in tags.metas], tags.json_ld, tags.link_href("canonical"), tags.title_texts
    (['a'], ['{}'], '/x', ['Banjir'])
    >>> [e.tag for e in tags.dated], tags.link_href("image_src")
    (['time'], None)
    """
    tree = root_of(page).getroottree()
    metas: list[etree._Element] = []
    blocks: list[str] = []
    links: list[etree._Element] = []
    titles: list[str] = []
    for element in tree.iter("meta", "script", "link", "title"):
        tag = element.tag
        if tag == "meta":
            if element.get("content") is not None:
                metas.append(element)
        elif tag == "script":
            if element.get("type") == "application/ld+json" and element.text:
                blocks.append(element.text)
        elif tag == "link":
            links.append(element)
        else:
            titles.extend(_TEXT(element))
    # An attribute scan is three times cheaper in libxml2 than an element scan with an attribute test.
    dated = [attribute.getparent() for attribute in _DATETIME(tree)]
    return HeadTags(metas, blocks, links, titles, dated)
