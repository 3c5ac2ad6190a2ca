"""Article links of any listing page (a section, an index, a home page), for sites without a page object.

A link is taken for an article when its anchor reads like a headline (four
words or more, or a ``title`` that does) and its URL like an article's (a slug
of three words or more, not a section, tag, author, search or file). The
listing's time for it is the ``<time>`` (``datetime`` attribute, else its text)
of the smallest enclosing block that holds one.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import etree, html

from govnews.records import ListingEntry
from govnews.urls import is_http_url

_NOT_ARTICLE_SEGMENTS = frozenset({
    "tag", "tags", "topik", "kategori", "category", "kanal", "rubrik", "author", "penulis", "page", "search",
    "cari", "indeks", "index", "feed", "wp-admin", "wp-login.php", "login", "redaksi", "kontak", "about",
    "tentang-kami", "pedoman-media-siber", "privacy-policy", "video", "foto", "galeri",
})
_FILE_SUFFIX = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|pdf|xml|rss|css|js|zip|mp[34])$", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
_ENCLOSING_LEVELS = 4
MIN_HEADLINE_WORDS = 4
MIN_SLUG_WORDS = 3


def _host(url: str) -> str:
    name = (urlsplit(url).hostname or "").lower()
    return name[4:] if name.startswith("www.") else name


def looks_like_article_url(url: str) -> bool:
    """Whether a URL's path reads like an article's (a slug of words), not a section, tag or file.

    >>> looks_like_article_url("https://www.kabar.test/daerah/2021/03/02/pemkot-gelar-pasar-murah/")
    True
    >>> looks_like_article_url("https://www.kabar.test/kategori/daerah-dan-kota-besar/")
    False
    >>> looks_like_article_url("https://www.kabar.test/read/21039")
    False
    """
    segments = [segment for segment in urlsplit(url).path.lower().split("/") if segment]
    if not segments or _FILE_SUFFIX.search(segments[-1]) or _NOT_ARTICLE_SEGMENTS & set(segments[:-1] or segments):
        return False
    return any(len(re.findall(r"[a-z0-9]+", segment)) >= MIN_SLUG_WORDS and "-" in segment for segment in segments)


def _headline(anchor: etree._Element) -> str:
    text = " ".join(anchor.text_content().split())
    title = " ".join((anchor.get("title") or "").split())
    return text if len(_WORD.findall(text)) >= len(_WORD.findall(title)) else title


def _listed_time(anchor: etree._Element) -> str | None:
    block = anchor.getparent()
    for _ in range(_ENCLOSING_LEVELS):
        if block is None:
            return None
        times = block.xpath(".//time")
        if times:
            value = times[0].get("datetime") or times[0].text_content()
            return " ".join(value.split()) or None
        block = block.getparent()
    return None


def article_links(page: bytes | str, page_url: str, public_base_url: str | None = None) -> list[ListingEntry]:
    """The article links of a listing page on its own host, in page order, each once (its longest headline).

    A page fetched from a loopback copy links the public host: ``public_base_url``
    names it, and links there count as the site's own (URLs are kept as written).

    >>> article_links(b'<ul><li><a href="/berita/pemkot-gelar-pasar-murah">Pemkot Gelar Pasar Murah Jelang Lebaran</a>'
    ...               b'<time datetime="2021-03-02T09:15:00+07:00">2 jam lalu</time></li>'
    ...               b'<li><a href="/kategori/daerah">Daerah</a></li></ul>', "https://kabar.test/")
    [ListingEntry(position=1, url='https://kabar.test/berita/pemkot-gelar-pasar-murah', headline='Pemkot Gelar Pasar Murah Jelang Lebaran', section=None, time_raw='2021-03-02T09:15:00+07:00')]
    """
    try:
        root = html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return []
    sites = {_host(page_url)} | ({_host(public_base_url)} if public_base_url else set())
    found: dict[str, tuple[str, str | None]] = {}
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue
        url = urljoin(page_url, href).split("#", 1)[0]
        if not is_http_url(url) or _host(url) not in sites or not looks_like_article_url(url):
            continue
        headline = _headline(anchor)
        if len(_WORD.findall(headline)) < MIN_HEADLINE_WORDS:
            continue
        earlier = found.get(url)
        if earlier is None or len(headline) > len(earlier[0]):
            found[url] = (headline, _listed_time(anchor) or (earlier[1] if earlier else None))
    return [ListingEntry(position=position, url=url, headline=headline, section=None, time_raw=time_raw)
            for position, (url, (headline, time_raw)) in enumerate(found.items(), start=1)]
