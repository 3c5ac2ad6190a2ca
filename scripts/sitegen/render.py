"""HTML templates in the markup of the GoNews captures.

The fixed parts are copied from the captures byte for byte, so the seed article
rendered here is identical to ``article-rakortekrenbang.html``.
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field

from sitegen.content import SECTIONS

PUBLIC_ORIGIN = "https://www.gonews.co"

_HEAD_START = """<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
"""
_HEAD_ASSETS = """<link rel="stylesheet" href="/assets/css/style.min.css?v=3.2.1">
<link rel="icon" href="/assets/img/favicon.png">
"""
_NAV_ITEMS = "".join(f'    <li><a href="/berita/kategori/{slug}">{name}</a></li>\n' for slug, name in SECTIONS)
_BODY_START = f"""<script async src="/assets/js/ads.js"></script>
</head>
<body class="gn-body">
<header class="gn-header">
  <div class="container"><a class="logo" href="/"><img src="/assets/img/logo-gonews.png" alt="GoNews.co"></a>
  <nav class="menu-utama"><ul>
    <li><a href="/">Home</a></li>
{_NAV_ITEMS}    <li><a href="/indeks">Indeks</a></li>
  </ul></nav>
  <form class="cari" action="/cari"><input name="q" placeholder="Cari berita..."></form></div>
</header>
<div class="iklan iklan-top"><ins class="adsbygoogle" data-ad-slot="11223344"></ins></div>
<main class="container"><div class="row"><div class="col-main">
"""
_SIDEBAR = """<aside class="sidebar">
<section class="widget populer">
  <h3 class="widget-title">Terpopuler 24 Jam Terakhir</h3>
  <ol id="populer-list" class="populer-list"></ol>
</section>
<div class="iklan iklan-sidebar"><ins class="adsbygoogle" data-ad-slot="55667788"></ins></div>
</aside>
<script>
(function(){
  var raw = atob("%s");
  var bytes = new Uint8Array(raw.length);
  for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  var items = JSON.parse(new TextDecoder("utf-8").decode(bytes).split("").reverse().join(""));
  var ol = document.getElementById("populer-list");
  items.forEach(function(it, n){
    var li = document.createElement("li");
    li.className = "populer-item";
    li.innerHTML = '<span class="nomor">' + (n + 1) + '</span>' +
      '<div class="populer-body"><a class="populer-judul" href="' + it.u + '">' + it.j + '</a>' +
      '<div class="populer-meta"><span class="populer-kategori">' + it.k + '</span>' +
      '<span class="populer-waktu">' + it.w + '</span></div></div>' +
      '<a class="populer-thumb" href="' + it.u + '" title="' + it.j + '"><span class="sr-only">' + it.j + '</span></a>';
    ol.appendChild(li);
  });
})();
</script>
</div></main>
<footer class="gn-footer"><div class="container">
<ul class="footer-links"><li><a href="/redaksi">Redaksi</a></li><li><a href="/pedoman-media-siber">Pedoman Media Siber</a></li><li><a href="/kontak">Kontak</a></li></ul>
<p class="copyright">&copy; 2021 GoNews.co - All Rights Reserved</p>
</div></footer>
<script src="/assets/js/app.min.js?v=3.2.1"></script>
</body>
</html>
"""
_SHARE_BAR = '<div class="share-bar">' + "".join(
    f'<a class="share share-{network}" href="#" rel="nofollow"><i class="gn-icon">w</i></a>'
    for network in ("facebook", "twitter", "whatsapp", "telegram", "line", "email")) + "</div>\n"
_INLINE_AD = ('<div class="iklan iklan-inline"><span>ADVERTISEMENT</span><ins class="adsbygoogle" '
              'data-ad-slot="99887766"></ins><script>(adsbygoogle = window.adsbygoogle || []).push({});</script></div>\n')
_LIST_AD = '<div class="iklan iklan-list"><ins class="adsbygoogle" data-ad-slot="12121212"></ins></div>\n'


def escape_text(text: str) -> str:
    """Escape as the CMS does: quotes become ``&quot;``, apostrophes stay."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def popular_payload(entries: list[dict[str, str]]) -> str:
    """The sidebar payload: base64 of the reversed JSON list ``[{u, j, k, w}]``."""
    text = json.dumps(entries, ensure_ascii=False)[::-1]
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def _page_end(popular_base64: str) -> str:
    return _SIDEBAR % popular_base64


@dataclass
class ArticlePage:
    """Everything one article page shows; ``paragraphs`` are already in page form."""

    url_path: str
    title: str | None              # None renders the page without its headline
    section_slug: str
    section: str
    description: str
    date_text: str | None          # None renders the page without its date
    dateline_html: str             # "" or "<strong>JAKARTA</strong> - " etc.
    paragraphs: list[str]
    baca_juga: tuple[str, str] | None = None   # (url path, headline) after paragraph 3
    ad_after: int | None = None    # paragraph count after which the inline ad sits
    image_path: str | None = None
    image_caption: str = ""
    image_credit_html: str = ""
    editor: str | None = None
    source: str | None = None
    tags: list[str] = field(default_factory=list)
    json_ld: str | None = None
    published_meta: str | None = None
    page_links: str | None = None  # the div.halaman of a split article
    show_footer_fields: bool = True


def json_ld_block(url: str, headline: str, date_published: str, author: str, image_url: str | None,
                  malformed: bool) -> str:
    image = f'\n "image": [\n  "{image_url}"\n ]\n' if image_url else "\n"
    block = (
        "{\n \"@context\": \"https://schema.org\",\n \"@type\": \"NewsArticle\",\n"
        f" \"mainEntityOfPage\": {{\n  \"@type\": \"WebPage\",\n  \"@id\": \"{url}\"\n }},\n"
        f" \"headline\": {json.dumps(headline, ensure_ascii=False)},\n"
        f" \"datePublished\": \"{date_published}\",\n"
        f" \"author\": {{\n  \"@type\": \"Person\",\n  \"name\": \"{author}\"\n }},\n"
        " \"publisher\": {\n  \"@type\": \"Organization\",\n  \"name\": \"GoNews.co\",\n  \"logo\": {\n"
        "   \"@type\": \"ImageObject\",\n   \"url\": \"https://www.gonews.co/assets/img/logo-gonews.png\"\n  }\n"
        f" }}{',' if image_url else ''}{image}}}\n"
    )
    if malformed:
        # The CMS sometimes cuts the block mid-object when a field overflows.
        block = block[: block.index('"author"')] + '"author": {\n  "@type": "Person",\n'
    return f'<script type="application/ld+json">\n{block}</script>\n'


def render_article(page: ArticlePage, popular_base64: str) -> str:
    canonical = PUBLIC_ORIGIN + page.url_path
    parts = [_HEAD_START, f"<title>{escape_text(page.title) + ' | ' if page.title else ''}GoNews</title>\n",
             f'<link rel="canonical" href="{canonical}">\n', _HEAD_ASSETS,
             f'<meta name="description" content="{escape_text(page.description)}">\n',
             '<meta property="og:type" content="article">\n']
    if page.title:
        parts.append(f'<meta property="og:title" content="{escape_text(page.title)}">\n')
    parts.append(f'<meta property="og:url" content="{canonical}">\n')
    if page.image_path:
        parts.append(f'<meta property="og:image" content="{PUBLIC_ORIGIN}{page.image_path}">\n')
    if page.published_meta:
        parts.append(f'<meta property="article:published_time" content="{page.published_meta}">\n')
    if page.json_ld:
        parts.append(page.json_ld)
    parts.append(_BODY_START)
    parts.append(f'<div class="breadcrumb"><a href="/">Home</a> &nbsp;/&nbsp; <a href="/berita">Berita</a> '
                 f'&nbsp;/&nbsp; <a href="/berita/kategori/{page.section_slug}">{page.section}</a></div>\n')
    parts.append('<article class="detail-berita">\n')
    if page.title:
        parts.append(f'<h1 class="detail-judul">{escape_text(page.title)}</h1>\n')
    if page.image_path:
        alt = escape_text(page.title or "")
        parts.append(f'<figure class="foto-utama"><img src="{page.image_path}" alt="{alt}" width="750" height="422" '
                     f'loading="lazy"><figcaption>{escape_text(page.image_caption)} '
                     f'<span class="foto-kredit">{page.image_credit_html}</span></figcaption></figure>\n')
    if page.date_text:
        parts.append(f'<div class="detail-tanggal"><i class="gn-icon">c</i> {page.date_text}</div>\n')
    parts.append(_SHARE_BAR)
    parts.append('<div class="detail-isi" itemprop="articleBody">\n')
    for number, paragraph in enumerate(page.paragraphs, start=1):
        prefix = page.dateline_html if number == 1 else ""
        parts.append(f"<p>{prefix}{escape_text(paragraph)}</p>\n")
        if page.baca_juga and number == 3:
            path, headline = page.baca_juga
            parts.append(f'<p class="baca-juga"><strong>Baca Juga:</strong> <a href="{path}">'
                         f"{escape_text(headline)}</a></p>\n")
        if page.ad_after == number:
            parts.append(_INLINE_AD)
    parts.append("</div>\n")
    if page.page_links:
        parts.append(page.page_links)
    if page.show_footer_fields:
        if page.editor:
            parts.append(f'<div class="detail-editor">Editor:<span>{escape_text(page.editor)}</span></div>\n')
        if page.source:
            parts.append(f'<div class="detail-sumber">Sumber:<span>{escape_text(page.source)}</span></div>\n')
        if page.tags:
            links = ", ".join(f'<a href="/tag/{_tag_slug(tag)}">{escape_text(tag)}</a>' for tag in page.tags)
            parts.append(f'<div class="detail-tag">Kategori:{links}</div>\n')
    parts.append(_SHARE_BAR)
    parts.append('</article>\n<div class="komentar"><div id="disqus_thread"></div></div>\n</div>\n')
    parts.append(_page_end(popular_base64))
    return "".join(parts)


def _tag_slug(tag: str) -> str:
    return "-".join("".join(c if c.isalnum() else " " for c in tag.lower()).split())


def page_links(url_path: str, current: str) -> str:
    """The ``div.halaman`` of a two-page article; ``current`` is "1" or "2"."""
    first = f'<a href="{url_path}">1</a>' if current == "2" else '<span class="aktif">1</span>'
    second = f'<a href="{url_path}?page=2">2</a>' if current == "1" else '<span class="aktif">2</span>'
    return (f'<div class="halaman">Halaman: {first} {second} '
            f'<a href="{url_path}?page=all">Tampilkan Semua</a></div>\n')


@dataclass
class Card:
    url_path: str
    headline: str
    section_slug: str
    section: str
    summary: str
    time_text: str
    thumb_path: str | None


def render_listing(title: str, canonical_path: str, cards: list[Card], pagination_html: str,
                   popular_base64: str) -> str:
    parts = [_HEAD_START, f"<title>{escape_text(title)} | GoNews</title>\n",
             f'<link rel="canonical" href="{PUBLIC_ORIGIN}{canonical_path}">\n', _HEAD_ASSETS, "\n", _BODY_START,
             f'<h1 class="judul-halaman">{escape_text(title)}</h1>\n<div class="daftar-berita">\n']
    for number, card in enumerate(cards, start=1):
        headline = escape_text(card.headline)
        thumb = (f'<a class="card-thumb" href="{card.url_path}"><img src="{card.thumb_path}" alt="{headline}" '
                 f'loading="lazy"></a>') if card.thumb_path else ""
        parts.append(f'<div class="card-berita">{thumb}<div class="card-body"><span class="card-kategori">'
                     f'<a href="/berita/kategori/{card.section_slug}">{card.section}</a></span>'
                     f'<h2 class="card-judul"><a href="{card.url_path}">{headline}</a></h2>'
                     f'<p class="card-ringkas">{escape_text(card.summary)}</p>'
                     f'<span class="card-waktu">{card.time_text}</span></div></div>\n')
        if number == 5 and len(cards) > 5:
            parts.append(_LIST_AD)
    parts.append("</div>\n")
    parts.append(pagination_html)
    parts.append("</div>\n")
    parts.append(_page_end(popular_base64))
    return "".join(parts)


def pagination(base_path: str, page: int, last_page: int, window: int = 2) -> str:
    """``ul.pagination`` with rel prev/next and a few page numbers around the current one."""
    if last_page <= 1:
        return ""
    items: list[str] = []
    if page > 1:
        items.append(f'<li><a href="{base_path}?page={page - 1}" rel="prev">&lsaquo;</a></li>')
    for number in range(max(1, page - window), min(last_page, page + window) + 1):
        if number == page:
            items.append(f'<li class="active"><span>{number}</span></li>')
        else:
            items.append(f'<li><a href="{base_path}?page={number}">{number}</a></li>')
    if page < last_page:
        items.append(f'<li><a href="{base_path}?page={page + 1}" rel="next">&rsaquo;</a></li>')
    return f'<ul class="pagination">{"".join(items)}</ul>\n'


NOT_FOUND_HTML = (_HEAD_START + "<title>Halaman Tidak Ditemukan | GoNews</title>\n" + _HEAD_ASSETS + "\n"
                  + _BODY_START + '<h1 class="judul-halaman">404 - Halaman Tidak Ditemukan</h1>\n'
                  '<p>Halaman yang Anda cari tidak tersedia.</p>\n</div>\n</div></main>\n</body>\n</html>\n')

ROBOTS_TXT = "User-agent: *\nDisallow: /cari\nDisallow: /assets/\nAllow: /\n"
