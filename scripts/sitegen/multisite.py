"""A loopback sample of several fictional news sites, for end-to-end tests of the ``news`` spider.

Each site has a robots.txt naming its sitemaps, a sitemap index over urlsets (one
gzipped), a Google news sitemap, a feed (RSS 2.0 or Atom), a listing page and
articles in a CMS shape of its own (``sitegen.cms``). Documents name articles
by their public URL (``https://www.kabarnusa.test/...``), as a live site does;
the sites are served from 127.0.0.1 ports, so a crawler maps public URLs to the
port (``govnews.discovery.rebase``).

Which document lists which article is dealt so that some articles are only in
the sitemaps, some only in the feed: a crawl that misses one source misses
articles. Layout written under ``OUT``::

    sites.json                    [{domain, public_base_url, dir}]
    <domain>/routes.json          the format sitegen.server serves
    <domain>/pages/...            the bodies
    <domain>/truth.json           site facts and one record per article
"""
from __future__ import annotations

import gzip
import json
import random
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Iterator

from sitegen.cms import CmsArticle, SiteLook, render_divs, render_listing, render_wordpress
from sitegen.content import EDITORS, FIRST_NAMES, LAST_NAMES, REGIONS, SECTIONS, compose_story, slugify
from sitegen.idtime import format_short_dm, iso_utc, zone_of
from sitegen.server import serve_in_thread

SITE_NOW = datetime(2021, 3, 2, 6, 0, tzinfo=timezone.utc)
NEWS_WINDOW = timedelta(hours=48)   # Google's rule: a news sitemap lists the last two days
ARTICLES_PER_SITE = 10
LISTING_SIZE = 5
HTML_UTF8 = "text/html; charset=utf-8"

KABARNUSA = SiteLook(domain="kabarnusa.test", origin="https://www.kabarnusa.test", name="KabarNusa",
                     shape="wordpress", feed_path="/feed/", feed_type="application/rss+xml")
WARTATIMUR = SiteLook(domain="wartatimur.test", origin="https://wartatimur.test", name="Warta Timur",
                      shape="divs", feed_path="/atom.xml", feed_type="application/atom+xml")
SITES: tuple[SiteLook, ...] = (KABARNUSA, WARTATIMUR)


@dataclass(frozen=True)
class ServedSite:
    domain: str
    public_base_url: str
    base_url: str        # http://127.0.0.1:<port>
    dir: Path
    truth: dict[str, Any]


def _sources(index: int, article: CmsArticle) -> list[str]:
    """Where article ``index`` (0 = newest) is listed: every fourth only in the feed, the next only in the sitemaps."""
    in_feed = index % 4 != 2
    in_sitemap = index % 4 != 1
    sources = (["sitemap"] if in_sitemap else []) + (["feed"] if in_feed else [])
    if in_sitemap and SITE_NOW - article.local < NEWS_WINDOW:
        sources.append("news")
    if index < LISTING_SIZE:
        sources.append("listing")
    return sources


def _curly(text: str) -> str:
    """Straight double quotes as typographic pairs, the way many newsroom editors type them."""
    parts = text.split('"')
    return "".join(part + ("\u201c" if i % 2 == 0 else "\u201d") for i, part in enumerate(parts[:-1])) + parts[-1]


def _articles(site: SiteLook, rng: random.Random) -> list[CmsArticle]:
    zones = ("WIB",) if site.shape == "wordpress" else ("WITA",)
    regions = [region for region in REGIONS if region.zone in zones]
    drafts: list[dict[str, Any]] = []
    for index in range(ARTICLES_PER_SITE):
        region = rng.choice(regions)
        section_slug, section = rng.choice(SECTIONS)
        moment = SITE_NOW - timedelta(hours=3 + 9 * index, minutes=rng.randint(0, 50))
        local = moment.astimezone(zone_of(region.zone))
        story = compose_story(rng, region, section_slug, rng.randint(6, 9), format_short_dm(local))
        slug = slugify(story.headline)[:80].strip("-")
        path = (f"/{section_slug}/{local:%Y/%m/%d}/{slug}/" if site.shape == "wordpress"
                else f"/read/{21030 + ARTICLES_PER_SITE - index}/{slug}")
        author = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        editor = rng.choice(EDITORS)
        # The divs site is a regional partner of a wire agency: its copy signs off "(ant)".
        trailer = f"({author[:3].lower()}/{editor.split()[0][:3].lower()})" if site.shape == "wordpress" else "(ant)"
        wrong_charset = site.shape == "divs" and index == 1
        paragraphs = [_curly(p) for p in story.paragraphs] if wrong_charset else story.paragraphs
        drafts.append(dict(path=path, headline=story.headline, section=section, section_slug=section_slug,
                           local=local, zone=region.zone, paragraphs=paragraphs, trailer=trailer, author=author,
                           editor=editor, tags=story.tags, photo_caption=story.image_caption,
                           dateline=region.city.upper() if site.shape == "wordpress" else region.city,
                           declared_charset="iso-8859-1" if wrong_charset else "utf-8"))
    return [CmsArticle(**draft, related=[(other["path"], other["headline"])
                                         for other in (drafts[(i + 1) % len(drafts)], drafts[(i + 2) % len(drafts)])])
            for i, draft in enumerate(drafts)]


def _urlset(site: SiteLook, articles: list[CmsArticle]) -> bytes:
    urls = "".join(f"  <url><loc>{site.origin}{a.path}</loc><lastmod>{a.local.isoformat()}</lastmod></url>\n"
                   for a in articles)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{urls}</urlset>\n").encode("utf-8")


def _news_sitemap(site: SiteLook, articles: list[CmsArticle]) -> bytes:
    # The divs site: a byte-order mark, blank lines first and the old 0.84 namespace under another prefix.
    prefix, uri, lead = (("news", "http://www.google.com/schemas/sitemap-news/0.9", "") if site.shape == "wordpress"
                         else ("n", "http://www.google.com/schemas/sitemap-news/0.84", "\ufeff\n\n"))
    urls = "".join(
        f"<url><loc>{site.origin}{a.path}</loc><{prefix}:news><{prefix}:publication><{prefix}:name>{site.name}"
        f"</{prefix}:name><{prefix}:language>id</{prefix}:language></{prefix}:publication>"
        f"<{prefix}:publication_date>{a.local.isoformat()}</{prefix}:publication_date>"
        f"<{prefix}:title>{_xml(a.headline)}</{prefix}:title></{prefix}:news></url>\n" for a in articles)
    return (f'{lead}<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            f'xmlns:{prefix}="{uri}">\n{urls}</urlset>\n').encode("utf-8")


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _feed(site: SiteLook, articles: list[CmsArticle]) -> bytes:
    if site.feed_type == "application/rss+xml":
        items = "".join(
            f"<item><title><![CDATA[{a.headline}]]></title><link>{site.origin}{a.path}</link>"
            f"<pubDate>{a.local:%a, %d %b %Y %H:%M:%S %z}</pubDate><category><![CDATA[{a.section}]]></category>"
            f"<dc:creator><![CDATA[{a.author}]]></dc:creator>"
            f"<description><![CDATA[{a.paragraphs[0][:140]}&hellip;]]></description></item>\n" for a in articles)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
                f"\n<channel><title>{site.name}</title><link>{site.origin}/</link><language>id-ID</language>\n"
                f"{items}</channel>\n</rss>\n").encode("utf-8")
    entries = "".join(
        f'<entry><title type="html">{_xml(_xml(a.headline))}</title><link rel="alternate" type="text/html" '
        f'href="{site.origin}{a.path}"/><id>tag:{site.domain},2021:{a.path}</id><published>{a.local.isoformat()}</published>'
        f'<updated>{a.local.isoformat()}</updated><category term="{a.section_slug}" label="{a.section}"/>'
        f"<author><name>{_xml(a.author)}</name></author></entry>\n" for a in articles)
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">\n'
            f'<title>{site.name}</title><link rel="self" href="{site.origin}{site.feed_path}"/>'
            f"<id>{site.origin}/</id><updated>{articles[0].local.isoformat()}</updated>\n{entries}</feed>\n").encode("utf-8")


def build_multisite_site(site: SiteLook, seed_value: int) -> tuple[dict[str, tuple[str, bytes]], dict[str, Any]]:
    """One site's bodies (request path -> (content type, bytes)) and its ground truth."""
    rng = random.Random(f"{site.domain}:{seed_value}")
    articles = _articles(site, rng)
    sources = {a.path: _sources(i, a) for i, a in enumerate(articles)}
    listed = {kind: [a for a in articles if kind in sources[a.path]] for kind in ("sitemap", "news", "feed", "listing")}
    render = render_wordpress if site.shape == "wordpress" else render_divs
    bodies: dict[str, tuple[str, bytes]] = {}
    for article in articles:
        # The wrong declaration is only in the page: the server names no charset, as on the pages seen in the wild.
        content_type = "text/html" if article.declared_charset != "utf-8" else HTML_UTF8
        bodies[article.path] = (content_type, render(site, article).encode("utf-8"))
    half = (len(listed["sitemap"]) + 1) // 2
    if site.shape == "wordpress":
        index_path, news_path, listing_path = "/sitemap_index.xml", "/news-sitemap.xml", "/terbaru/"
        children = {"/post-sitemap.xml": _urlset(site, listed["sitemap"][:half]),
                    "/post-sitemap2.xml.gz": gzip.compress(_urlset(site, listed["sitemap"][half:]), mtime=0)}
        robots = (f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\n"
                  f"Sitemap: {site.origin}{index_path}\nSitemap: {site.origin}{news_path}\n")
    else:
        index_path, news_path, listing_path = "/sitemap.xml", "/sitemap-news.xml", "/indeks"
        children = {"/sitemaps/sitemap-2021-03.xml": _urlset(site, listed["sitemap"][:half]),
                    "/sitemaps/sitemap-2021-02.xml": _urlset(site, listed["sitemap"][half:])}
        # Relative paths and odd case, as small CMSs write them.
        robots = f"User-agent: *\nDisallow: /cari\nsitemap: {index_path}\nSITEMAP: {news_path}\n"
    index = "".join(f"<sitemap><loc>{site.origin}{path}</loc><lastmod>{SITE_NOW.isoformat()}</lastmod></sitemap>\n"
                    for path in children)
    bodies["/robots.txt"] = ("text/plain; charset=utf-8", robots.encode("utf-8"))
    bodies[index_path] = ("application/xml; charset=utf-8", (
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{index}</sitemapindex>\n").encode("utf-8"))
    for path, body in children.items():
        bodies[path] = ("application/x-gzip" if path.endswith(".gz") else "application/xml; charset=utf-8", body)
    bodies[news_path] = ("application/xml; charset=utf-8", _news_sitemap(site, listed["news"]))
    bodies[site.feed_path] = (f"{site.feed_type}; charset=utf-8", _feed(site, listed["feed"]))
    bodies[listing_path] = (HTML_UTF8, render_listing(site, "Berita Terbaru", listed["listing"]).encode("utf-8"))
    bodies["/"] = (HTML_UTF8, render_listing(site, site.name, listed["listing"][:3]).encode("utf-8"))
    truth = {
        "domain": site.domain, "public_base_url": site.origin, "name": site.name, "shape": site.shape,
        "robots_sitemaps": [f"{site.origin}{index_path}", f"{site.origin}{news_path}"],
        "sitemap_index": f"{site.origin}{index_path}", "news_sitemap": f"{site.origin}{news_path}",
        "child_sitemaps": [f"{site.origin}{path}" for path in children], "feed": f"{site.origin}{site.feed_path}",
        "listing": f"{site.origin}{listing_path}",
        "articles": [_article_truth(site, article, sources[article.path]) for article in articles],
    }
    return bodies, truth


def _article_truth(site: SiteLook, article: CmsArticle, sources: list[str]) -> dict[str, Any]:
    return {
        "url": site.origin + article.path, "path": article.path, "site": site.domain, "shape": site.shape,
        "headline": article.headline, "date_published": iso_utc(article.local),
        "date_published_local": article.local.isoformat(), "section": article.section, "tags": article.tags,
        "dateline": article.dateline, "paragraphs": article.paragraphs, "trailer": article.trailer,
        "authors": [article.author], "editor": article.editor, "photo_caption": article.photo_caption,
        "declared_charset": article.declared_charset, "charset": "utf-8", "language": "id", "listed_in": sources,
    }


def generate_multisite(out_dir: Path | str, seed_value: int = 1) -> list[dict[str, Any]]:
    """Write every site under ``out_dir``; same seed, same bytes. Returns ``sites.json``'s records."""
    out = Path(out_dir)
    records = []
    for site in SITES:
        bodies, truth = build_multisite_site(site, seed_value)
        site_dir = out / site.domain
        routes: dict[str, dict[str, Any]] = {}
        for number, (path, (content_type, body)) in enumerate(sorted(bodies.items())):
            file_name = f"pages/{number:03d}{Path(path.rstrip('/')).suffix or '.html'}"
            (site_dir / file_name).parent.mkdir(parents=True, exist_ok=True)
            (site_dir / file_name).write_bytes(body)
            routes[path] = {"file": file_name, "status": 200, "headers": {"Content-Type": content_type}}
        (site_dir / "pages/404.html").write_bytes(b"<html><body><h1>404 Halaman tidak ditemukan</h1></body></html>\n")
        not_found = {"file": "pages/404.html", "status": 404, "headers": {"Content-Type": HTML_UTF8}}
        _write_json(site_dir / "routes.json", {"routes": routes, "not_found": not_found})
        _write_json(site_dir / "truth.json", truth)
        records.append({"domain": site.domain, "public_base_url": site.origin, "dir": site.domain})
    _write_json(out / "sites.json", records)
    return records


def _write_json(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


@contextmanager
def serve_multisite(out_dir: Path | str, ports: list[int] | None = None) -> Iterator[list[ServedSite]]:
    """Serve every site of a generated sample, each on its own 127.0.0.1 port (``0`` picks a free one)."""
    out = Path(out_dir)
    records = json.loads((out / "sites.json").read_text(encoding="utf-8"))
    with ExitStack() as stack:
        served = []
        for number, record in enumerate(records):
            site_dir = out / record["dir"]
            port = ports[number] if ports else 0
            base_url = stack.enter_context(serve_in_thread(site_dir, port=port))
            truth = json.loads((site_dir / "truth.json").read_text(encoding="utf-8"))
            served.append(ServedSite(record["domain"], record["public_base_url"], base_url, site_dir, truth))
        yield served
