"""Article and listing pages in two common CMS shapes, unlike the GoNews markup.

* ``wordpress``: ``article > div.entry-content`` of ``<p>``, a Yoast-style
  JSON-LD ``@graph`` holding the ``NewsArticle``, ``article:published_time``.
* ``divs``: metas only (no JSON-LD), the body one ``<div class="isi">`` of text
  runs separated by ``<br><br>``, the headline in a ``<div>``.

Both put Indonesian boilerplate inside the body: a "Baca juga" box, an
"ADVERTISEMENT" slot, a photo with its caption, a credits line and a trailer.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from html import escape

from sitegen.idtime import format_long


@dataclass(frozen=True)
class SiteLook:
    domain: str
    origin: str          # public origin, e.g. https://www.kabarnusa.test
    name: str            # KabarNusa
    shape: str           # wordpress | divs
    feed_path: str
    feed_type: str       # application/rss+xml | application/atom+xml


@dataclass(frozen=True)
class CmsArticle:
    path: str
    headline: str
    section: str
    section_slug: str
    local: datetime      # publication, in the site's zone
    zone: str            # WIB | WITA | WIT
    dateline: str        # as the page prints it before the dash
    paragraphs: list[str]
    trailer: str
    author: str
    editor: str
    tags: list[str]
    photo_caption: str
    related: list[tuple[str, str]]   # (path, headline) for the "Baca juga" box
    declared_charset: str = "utf-8"


def _e(text: str) -> str:
    return escape(text, quote=True)


def _feed_link(site: SiteLook) -> str:
    return f'<link rel="alternate" type="{site.feed_type}" title="{_e(site.name)} Feed" href="{site.origin}{site.feed_path}">\n'


def _graph(site: SiteLook, article: CmsArticle) -> str:
    url = site.origin + article.path
    graph = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "@id": url, "url": url, "name": f"{article.headline} - {site.name}",
         "inLanguage": "id-ID"},
        {"@type": "NewsArticle", "@id": f"{url}#article", "isPartOf": {"@id": url},
         "mainEntityOfPage": {"@id": url}, "headline": article.headline,
         "datePublished": article.local.isoformat(), "dateModified": article.local.isoformat(),
         "author": [{"@type": "Person", "name": article.author}], "articleSection": [article.section],
         "keywords": article.tags, "inLanguage": "id-ID",
         "publisher": {"@id": f"{site.origin}/#organization"}},
        {"@type": "Organization", "@id": f"{site.origin}/#organization", "name": site.name, "url": site.origin},
    ]}
    return ('<script type="application/ld+json" class="yoast-schema-graph">'
            + json.dumps(graph, ensure_ascii=False) + "</script>\n")


def _related_box(site: SiteLook, related: list[tuple[str, str]], shape: str) -> str:
    if shape == "wordpress":
        path, headline = related[0]
        return f'<p class="baca-juga"><strong>Baca juga:</strong> <a href="{site.origin}{path}">{_e(headline)}</a></p>\n'
    items = "".join(f'<li><a href="{path}">{_e(headline)}</a></li>' for path, headline in related)
    return f'<div class="baca-juga-box"><b>Baca Juga</b><ul>{items}</ul></div>'


def render_wordpress(site: SiteLook, article: CmsArticle) -> str:
    url = site.origin + article.path
    shown = format_long(article.local, article.zone)
    paragraphs = [f"<p><strong>{_e(article.dateline)}, {site.name.upper()}</strong> - {_e(article.paragraphs[0])}</p>\n"]
    for index, paragraph in enumerate(article.paragraphs[1:], start=1):
        if index == 2:
            paragraphs.append('<div class="kn-ads ads-inline"><span class="ads-label">ADVERTISEMENT</span>'
                              '<ins class="adsbygoogle" data-ad-slot="1234"></ins></div>\n')
        if index == 3:
            paragraphs.append(_related_box(site, article.related, "wordpress"))
        if index == 4:
            paragraphs.append(f'<figure class="wp-block-image size-large"><img src="{site.origin}/wp-content/uploads/'
                              f'{article.local:%Y/%m}/foto-{index}.jpg" alt="">'
                              f'<figcaption>{_e(article.photo_caption)}</figcaption></figure>\n')
        paragraphs.append(f"<p>{_e(paragraph)}</p>\n")
    paragraphs.append(f"<p>{_e(article.trailer)}</p>\n")
    paragraphs.append(f'<p class="kredit"><strong>Penulis:</strong> {_e(article.author)} | '
                      f'<strong>Editor:</strong> {_e(article.editor)}</p>\n')
    tags = ", ".join(f'<a href="{site.origin}/tag/{t.lower().replace(" ", "-")}/" rel="tag">{_e(t)}</a>'
                     for t in article.tags)
    return (
        '<!DOCTYPE html>\n<html lang="id-ID">\n<head>\n<meta charset="UTF-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(article.headline)} - {_e(site.name)}</title>\n"
        f'<link rel="canonical" href="{url}">\n<meta property="og:locale" content="id_ID">\n'
        f'<meta property="og:type" content="article">\n<meta property="og:title" content="{_e(article.headline)} - {_e(site.name)}">\n'
        f'<meta property="og:url" content="{url}">\n<meta property="og:site_name" content="{_e(site.name)}">\n'
        f'<meta property="article:section" content="{_e(article.section)}">\n'
        f'<meta property="article:published_time" content="{article.local.isoformat()}">\n'
        f'<meta property="article:modified_time" content="{article.local.isoformat()}">\n'
        + _feed_link(site) + _graph(site, article) +
        "</head>\n<body class=\"post-template-default single single-post\">\n"
        f'<header class="site-header"><a class="custom-logo-link" href="{site.origin}/">{_e(site.name)}</a>'
        f'<nav class="main-navigation"><ul><li><a href="{site.origin}/">Beranda</a></li>'
        f'<li><a href="{site.origin}/terbaru/">Terbaru</a></li></ul></nav></header>\n'
        '<main id="main" class="site-main">\n<article class="post type-post status-publish format-standard">\n'
        f'<header class="entry-header"><span class="cat-links"><a href="{site.origin}/kategori/{article.section_slug}/" '
        f'rel="category tag">{_e(article.section)}</a></span>\n'
        f'<h1 class="entry-title">{_e(article.headline)}</h1>\n'
        f'<div class="entry-meta"><span class="byline">Oleh <span class="author vcard">{_e(article.author)}</span></span> '
        f'<span class="posted-on"><time class="entry-date published" datetime="{article.local.isoformat()}">{shown}</time>'
        "</span></div></header>\n"
        '<div class="entry-content">\n' + "".join(paragraphs) + "</div>\n"
        f'<footer class="entry-footer"><span class="tags-links">Tags: {tags}</span></footer>\n</article>\n'
        '<aside class="widget-area"><section class="widget widget_recent_entries"><h2 class="widget-title">Berita Terbaru</h2><ul>'
        + "".join(f'<li><a href="{site.origin}{p}">{_e(h)}</a></li>' for p, h in article.related) +
        f"</ul></section></aside>\n</main>\n<footer class=\"site-footer\">&copy; 2021 {_e(site.name)}. "
        "Hak cipta dilindungi undang-undang.</footer>\n</body>\n</html>\n")


def render_divs(site: SiteLook, article: CmsArticle) -> str:
    url = site.origin + article.path
    shown = f"{format_long(article.local, article.zone).rsplit(' ', 2)[0]} - {article.local:%H:%M} {article.zone}"
    runs = [f"<b>{_e(article.dateline)}</b> - {_e(article.paragraphs[0])}<br><br>\n"]
    for index, paragraph in enumerate(article.paragraphs[1:], start=1):
        if index == 2:
            runs.append('<div class="ads-center"><small>ADVERTISEMENT</small><div id="div-gpt-ad-1"></div></div>\n')
        if index == 3:
            runs.append(_related_box(site, article.related, "divs") + "\n")
        if index == 4:
            runs.append(f'<div class="foto-isi"><img src="/images/foto-{article.local:%Y%m%d}.jpg">'
                        f'<span class="caption">{_e(article.photo_caption)}</span></div>\n')
        last = index == len(article.paragraphs) - 1
        runs.append(f"{_e(paragraph)}{' ' + _e(article.trailer) if last else ''}<br><br>\n")
    runs.append(f'<div class="kredit">Penulis : {_e(article.author)}<br>Editor : {_e(article.editor)}</div>\n')
    keywords = ", ".join(article.tags)
    return (
        '<html>\n<head>\n'
        f'<meta http-equiv="Content-Type" content="text/html; charset={article.declared_charset}">\n'
        f"<title>{_e(article.headline)} | {_e(site.name)}</title>\n"
        f'<meta name="description" content="{_e(article.paragraphs[0][:150])}">\n'
        f'<meta name="keywords" content="{_e(keywords)}">\n<meta name="author" content="{_e(article.author)}">\n'
        f'<meta property="og:title" content="{_e(article.headline)}">\n<meta property="og:url" content="{url}">\n'
        f'<meta property="og:type" content="article">\n'
        f'<meta property="article:published_time" content="{article.local.isoformat()}">\n'
        f'<link rel="canonical" href="{url}">\n' + _feed_link(site) +
        "</head>\n<body>\n<div id=\"wrapper\">\n"
        f'<div class="topbar"><a href="/">{_e(site.name)}</a> | <a href="/indeks">Indeks</a></div>\n'
        '<div class="content-left">\n'
        f'<div class="breadcrumb"><a href="/">Home</a> &raquo; <a href="/kanal/{article.section_slug}">{_e(article.section)}</a></div>\n'
        f'<div class="judul">{_e(article.headline)}</div>\n<div class="tanggal">{shown}</div>\n'
        '<div class="isi">\n' + "".join(runs) + "</div>\n"
        '<div class="share">Bagikan: <a href="#">Facebook</a> <a href="#">WhatsApp</a></div>\n'
        '<div class="terkait"><h3>Berita Terkait</h3>'
        + "".join(f'<div class="item"><a href="{p}">{_e(h)}</a></div>' for p, h in article.related) +
        f"</div>\n</div>\n<div class=\"footer\">Copyright &copy; 2021 {_e(site.name)}</div>\n</div>\n</body>\n</html>\n")


def render_listing(site: SiteLook, title: str, articles: list[CmsArticle]) -> str:
    """A plain listing page (``/terbaru/``, ``/indeks``) linking the newest articles."""
    cards = "".join(
        f'<article class="card"><h2 class="card-title"><a href="{site.origin}{a.path}">{_e(a.headline)}</a></h2>'
        f'<time datetime="{a.local.isoformat()}">{format_long(a.local, a.zone)}</time></article>\n' for a in articles)
    return (f'<!DOCTYPE html>\n<html lang="id">\n<head>\n<meta charset="utf-8">\n<title>{_e(title)} - {_e(site.name)}</title>\n'
            + _feed_link(site) + f"</head>\n<body>\n<h1>{_e(title)}</h1>\n<div class=\"list\">\n{cards}</div>\n</body>\n</html>\n")
