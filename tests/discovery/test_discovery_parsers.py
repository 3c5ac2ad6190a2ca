"""robots.txt, sitemaps, news sitemaps and feeds read by govnews.discovery, on documents written here."""

from __future__ import annotations

import gzip
from datetime import datetime, timezone

import pytest

from govnews.cleaning.dates import parse_date_detailed
from govnews.discovery.listing import article_links
from govnews.discovery import detect, discover, feed_links, parse_feed, parse_sitemap, rebase, sitemap_urls
from govnews.records import ListingEntry
from govnews.discovery.records import MAX_DOCUMENT_BYTES, gunzip_if_needed, parse_instant

BASE = "https://www.kabar.test"
UTC = timezone.utc

INDEX = b"""\xef\xbb\xbf
  <?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <!-- generated -->
  <sitemap><loc> https://www.kabar.test/post-sitemap.xml </loc><lastmod>2021-03-02T10:00:00+07:00</lastmod></sitemap>
  <sitemap><loc>/post-sitemap2.xml.gz</loc><lastmod>kemarin</lastmod></sitemap>
  <sitemap><lastmod>2021-03-02</lastmod></sitemap>
</sitemapindex>
"""

URLSET = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://www.kabar.test/daerah/2021/03/01/pasar-murah/</loc><lastmod>2021-03-01T09:15:00+07:00</lastmod>
    <image:image><image:loc>https://www.kabar.test/img/a.jpg</image:loc></image:image></url>
  <url><loc>https://www.kabar.test/daerah/2021/02/27/banjir/</loc><lastmod>2021-02-27T25:00:00Z</lastmod></url>
  <url><loc>https://www.kabar.test/tentang-kami/</loc></url>
  <url><changefreq>daily</changefreq></url>
</urlset>
"""

# An old namespace URI, another prefix, and a zone-less date: all seen on live news sitemaps.
NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:n="http://www.google.com/schemas/sitemap-news/0.84">
 <url>
  <loc>https://www.kabar.test/politik/2021/03/02/ranperda/</loc>
  <n:news>
   <n:publication><n:name>Kabar Test</n:name><n:language>id</n:language></n:publication>
   <n:publication_date>2021-03-02T08:05:00Z</n:publication_date>
   <n:title>DPRD Sahkan Ranperda &amp; APBD</n:title>
   <n:keywords>DPRD, APBD</n:keywords>
  </n:news>
 </url>
 <url>
  <loc>https://www.kabar.test/politik/2021/03/02/reses/</loc>
  <n:news><n:publication_date>2021-03-02 14:30:00</n:publication_date><n:title>Reses</n:title></n:news>
 </url>
 <url>
  <loc>https://www.kabar.test/politik/2021/03/02/rusak/</loc>
  <n:news><n:publication_date>2021-13-45T99:00:00Z</n:publication_date><n:title>Tanggal Rusak</n:title></n:news>
 </url>
</urlset>
"""

RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Kabar Test</title><link>https://www.kabar.test/</link>
  <item>
    <title><![CDATA[Pemkot <b>Gelar</b> Pasar Murah]]></title>
    <link>https://www.kabar.test/ekonomi/2021/03/02/pasar-murah/</link>
    <pubDate>Tue, 02 Mar 2021 09:15:00 +0700</pubDate>
    <category><![CDATA[Ekonomi]]></category><category>UMKM</category>
    <content:encoded><![CDATA[<p>Isi&nbsp;berita</p>]]></content:encoded>
  </item>
  <item>
    <title>Tanpa link, guid saja&nbsp;&mdash; tetap terbaca</title>
    <guid>https://www.kabar.test/daerah/2021/03/01/guid/</guid>
    <pubDate>Mon, 01 Mar 2021 23:00:00 EST</pubDate>
  </item>
  <item><title>Guid bukan permalink</title><guid isPermaLink="false">post-123</guid></item>
  <item><title>Tanggal Indonesia</title><link>/daerah/2021/02/28/tanggal/</link><dc:date>Minggu, 28 Februari 2021 10:00 WIB</dc:date></item>
</channel>
</rss>
"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="id">
  <title>Warta Test</title>
  <link rel="self" href="https://warta.test/atom.xml"/>
  <entry>
    <title type="html">Banjir &lt;em&gt;Rob&lt;/em&gt; Rendam Pesisir</title>
    <link rel="edit" href="https://warta.test/edit/1"/>
    <link rel="alternate" type="text/html" href="https://warta.test/read/1/banjir-rob"/>
    <published>2021-03-02T10:00:00+08:00</published>
    <updated>2021-03-02T12:30:00+08:00</updated>
    <category term="peristiwa" label="Peristiwa"/>
  </entry>
  <entry>
    <title>Tanpa published</title>
    <link href="/read/2/tanpa-published"/>
    <updated>2021-03-01T07:00:00Z</updated>
  </entry>
</feed>
"""


def test_robots_sitemaps_are_absolute_deduplicated_and_any_case() -> None:
    robots = ("\ufeffUser-agent: *\nDisallow: /search\n\nSITEMAP: https://www.kabar.test/sitemap_index.xml\n"
              "Sitemap: /news-sitemap.xml  # for Google News\nsitemap:https://www.kabar.test/sitemap_index.xml\n"
              "Sitemap: ftp://www.kabar.test/old.xml\n# Sitemap: https://www.kabar.test/commented.xml\n")
    assert sitemap_urls(robots, f"{BASE}/robots.txt") == [
        "https://www.kabar.test/sitemap_index.xml", "https://www.kabar.test/news-sitemap.xml"]


def test_robots_without_sitemaps_names_none() -> None:
    assert sitemap_urls("User-agent: *\nDisallow:\n", f"{BASE}/robots.txt") == []


def test_sitemap_index_children_with_lastmod_despite_bom_blank_lines_and_bad_entries() -> None:
    found = parse_sitemap(INDEX, f"{BASE}/sitemap_index.xml")
    assert found.kind == "sitemap_index"
    assert [(child.url, child.kind, child.lastmod) for child in found.follow] == [
        ("https://www.kabar.test/post-sitemap.xml", "sitemap", datetime(2021, 3, 2, 3, 0, tzinfo=UTC)),
        ("https://www.kabar.test/post-sitemap2.xml.gz", "sitemap", None),
    ]
    assert found.warnings == ("https://www.kabar.test/post-sitemap2.xml.gz: lastmod: unreadable date 'kemarin'",
                              "sitemap index entry without a usable <loc>")
    assert found.entries == ()


def test_urlset_entries_keep_order_and_lastmod_and_warn_on_bad_dates() -> None:
    found = parse_sitemap(URLSET, f"{BASE}/post-sitemap.xml")
    assert found.kind == "urlset"
    assert [(e.url, e.kind, e.lastmod) for e in found.entries] == [
        ("https://www.kabar.test/daerah/2021/03/01/pasar-murah/", "sitemap", datetime(2021, 3, 1, 2, 15, tzinfo=UTC)),
        ("https://www.kabar.test/daerah/2021/02/27/banjir/", "sitemap", None),
        ("https://www.kabar.test/tentang-kami/", "sitemap", None),
    ]
    assert found.warnings == (
        "https://www.kabar.test/daerah/2021/02/27/banjir/: lastmod: unreadable date '2021-02-27T25:00:00Z'",
        "sitemap <url> without a usable <loc>")


def test_gzipped_sitemap_reads_like_the_plain_one() -> None:
    assert parse_sitemap(gzip.compress(URLSET), f"{BASE}/s.xml.gz") == parse_sitemap(URLSET, f"{BASE}/s.xml")
    assert detect(gzip.compress(URLSET), "application/x-gzip", f"{BASE}/s.xml.gz") == "urlset"


def test_gzip_bomb_is_refused_at_the_cap() -> None:
    bomb = gzip.compress(b"<urlset>" + b" " * (MAX_DOCUMENT_BYTES + 10))
    with pytest.raises(ValueError, match="larger than"):
        gunzip_if_needed(bomb)
    assert detect(b"\x1f\x8bnot gzip", None, f"{BASE}/s.xml.gz") == "unknown"
    assert parse_sitemap(bomb, BASE).warnings == ("not a well-formed XML document",)
    assert discover(b"\x1f\x8bnot gzip", None, f"{BASE}/s.xml.gz").kind == "unknown"


def test_news_sitemap_title_publication_language_keywords_and_dates() -> None:
    found = parse_sitemap(NEWS, f"{BASE}/news-sitemap.xml")
    assert found.kind == "news_sitemap"
    first, zoneless, broken = found.entries
    assert (first.kind, first.title, first.publication, first.language, first.categories) == (
        "news", "DPRD Sahkan Ranperda & APBD", "Kabar Test", "id", ("DPRD", "APBD"))
    assert first.published == datetime(2021, 3, 2, 8, 5, tzinfo=UTC)
    assert first.published_raw == "2021-03-02T08:05:00Z"
    # No zone: read as WIB, the rule the Indonesian parser applies to pages.
    assert zoneless.published == datetime(2021, 3, 2, 7, 30, tzinfo=UTC)
    assert (broken.title, broken.published) == ("Tanggal Rusak", None)
    assert found.warnings == ("https://www.kabar.test/politik/2021/03/02/rusak/: publication_date: "
                              "unreadable date '2021-13-45T99:00:00Z'",)


def test_rss_items_links_guids_categories_and_dates_in_every_spelling() -> None:
    found = parse_feed(RSS, f"{BASE}/feed/")
    assert found.kind == "rss"
    assert [(e.url, e.title, e.published, e.categories) for e in found.entries] == [
        ("https://www.kabar.test/ekonomi/2021/03/02/pasar-murah/", "Pemkot Gelar Pasar Murah",
         datetime(2021, 3, 2, 2, 15, tzinfo=UTC), ("Ekonomi", "UMKM")),
        ("https://www.kabar.test/daerah/2021/03/01/guid/", "Tanpa link, guid saja \u2014 tetap terbaca",
         datetime(2021, 3, 2, 4, 0, tzinfo=UTC), ()),
        ("https://www.kabar.test/daerah/2021/02/28/tanggal/", "Tanggal Indonesia",
         datetime(2021, 2, 28, 3, 0, tzinfo=UTC), ()),
    ]
    assert found.warnings == ("feed item without a usable <link>",)


def test_rss_1_0_items_beside_the_channel() -> None:
    rdf = b"""<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
      xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>K</title></channel>
      <item><title>Satu</title><link>https://www.kabar.test/1</link><dc:date>2021-03-02T01:00:00Z</dc:date></item>
    </rdf:RDF>"""
    found = discover(rdf, "application/rdf+xml", f"{BASE}/index.rdf")
    assert (found.kind, [(e.url, e.published) for e in found.entries]) == (
        "rss", [("https://www.kabar.test/1", datetime(2021, 3, 2, 1, 0, tzinfo=UTC))])


def test_atom_alternate_link_html_title_published_updated_and_category_label() -> None:
    found = parse_feed(ATOM, "https://warta.test/atom.xml")
    assert found.kind == "atom"
    first, second = found.entries
    assert (first.url, first.title, first.categories) == (
        "https://warta.test/read/1/banjir-rob", "Banjir Rob Rendam Pesisir", ("Peristiwa",))
    assert (first.published, first.lastmod) == (datetime(2021, 3, 2, 2, 0, tzinfo=UTC),
                                                 datetime(2021, 3, 2, 4, 30, tzinfo=UTC))
    assert (second.url, second.published, second.when) == (
        "https://warta.test/read/2/tanpa-published", None, datetime(2021, 3, 1, 7, 0, tzinfo=UTC))


def test_listing_entries_carry_an_iso_time_the_triage_parser_reads() -> None:
    entries = discover(RSS, "application/rss+xml", f"{BASE}/feed/").listing_entries()
    assert [(e.position, e.section) for e in entries] == [(1, "Ekonomi"), (2, None), (3, None)]
    for entry, expected in zip(entries, parse_feed(RSS, f"{BASE}/feed/").entries, strict=True):
        assert entry.time_raw is not None
        assert parse_date_detailed(entry.time_raw).instant == expected.published


@pytest.mark.parametrize("raw, instant", [
    ("2021-03-02T09:15:00+07:00", datetime(2021, 3, 2, 2, 15, tzinfo=UTC)),
    ("2021-03-02T02:15:00.250Z", datetime(2021, 3, 2, 2, 15, tzinfo=UTC)),
    # A bare day: its last second in WIB, an upper bound for the triage by date.
    ("2021-03-02", datetime(2021, 3, 2, 16, 59, 59, tzinfo=UTC)),
    ("2 Maret 2021", datetime(2021, 3, 2, 16, 59, 59, tzinfo=UTC)),
    ("Tue, 02 Mar 2021 09:15:00 +0700", datetime(2021, 3, 2, 2, 15, tzinfo=UTC)),
    ("Tue, 02 Mar 2021 02:15:00 GMT", datetime(2021, 3, 2, 2, 15, tzinfo=UTC)),
    ("Tue, 02 Mar 2021 02:15:00 UT", datetime(2021, 3, 2, 2, 15, tzinfo=UTC)),
    ("Tue, 02 Mar 2021 04:15:00 EDT", datetime(2021, 3, 2, 8, 15, tzinfo=UTC)),
    ("Selasa, 2 Maret 2021 09:15 WIB", datetime(2021, 3, 2, 2, 15, tzinfo=UTC)),
])
def test_feed_and_sitemap_dates(raw: str, instant: datetime) -> None:
    assert parse_instant(raw) == (instant, None)


def test_entities_are_never_resolved() -> None:
    xxe = (b'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY secret SYSTEM "file:///etc/passwd">'
           b'<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
           b'<urlset><url><loc>https://www.kabar.test/x&secret;</loc></url>'
           b'<url><loc>https://www.kabar.test/y</loc><news><title>&b;&b;</title></news></url></urlset>')
    found = parse_sitemap(xxe, BASE)
    assert [(e.url, e.title) for e in found.entries] == [
        ("https://www.kabar.test/x", ""), ("https://www.kabar.test/y", "")]


def test_broken_xml_is_a_warning_not_an_exception() -> None:
    assert parse_sitemap(b"", BASE).warnings == ("not a well-formed XML document",)
    assert parse_feed(b"<html><body>502 Bad Gateway</body></html>", BASE).warnings == (
        "root element <html> is not a feed",)
    # Truncated mid-document: what was read before the cut is kept.
    truncated = URLSET[: URLSET.index(b"<url><loc>https://www.kabar.test/tentang")]
    assert [e.url for e in parse_sitemap(truncated, BASE).entries] == [
        "https://www.kabar.test/daerah/2021/03/01/pasar-murah/", "https://www.kabar.test/daerah/2021/02/27/banjir/"]


@pytest.mark.parametrize("body, content_type, url, kind", [
    (INDEX, "application/xml", f"{BASE}/sitemap_index.xml", "sitemap_index"),
    (URLSET, "text/xml", f"{BASE}/post-sitemap.xml", "urlset"),
    (NEWS, "application/xml", f"{BASE}/news-sitemap.xml", "news_sitemap"),
    (RSS, "application/rss+xml", f"{BASE}/feed/", "rss"),
    (ATOM, "application/atom+xml", "https://warta.test/atom.xml", "atom"),
    (b"<!DOCTYPE html>\n<html lang='id'><head></head></html>", "text/html", f"{BASE}/", "html"),
    (b"  <div>fragment</div>", None, f"{BASE}/x", "html"),
    (b"User-agent: *\nSitemap: /s.xml", "text/plain", f"{BASE}/robots.txt", "robots"),
    (b'{"version": "https://jsonfeed.org/version/1"}', "application/json", f"{BASE}/feed.json", "unknown"),
])
def test_detect(body: bytes, content_type: str | None, url: str, kind: str) -> None:
    assert detect(body, content_type, url) == kind


def test_discover_follows_robots_sitemaps_index_children_and_html_feed_links() -> None:
    robots = discover(b"Sitemap: /sitemap_index.xml\nSitemap: /news-sitemap.xml", None, f"{BASE}/robots.txt")
    assert [(c.url, c.kind) for c in robots.follow] == [
        (f"{BASE}/sitemap_index.xml", "sitemap"), (f"{BASE}/news-sitemap.xml", "sitemap")]
    assert [c.url for c in discover(INDEX, None, f"{BASE}/sitemap_index.xml").follow] == [
        f"{BASE}/post-sitemap.xml", f"{BASE}/post-sitemap2.xml.gz"]
    page = (b'<!doctype html><html><head><link rel="stylesheet" href="/s.css">'
            b"<link rel='alternate' type='application/rss+xml' title='Kabar' href='/feed/'>"
            b'<link type="application/atom+xml" rel="alternate" href="https://www.kabar.test/atom.xml"/>'
            b'<link rel="alternate" hreflang="en" href="/en/"></head></html>')
    assert [(c.url, c.kind) for c in discover(page, "text/html", f"{BASE}/kategori/daerah/").follow] == [
        (f"{BASE}/feed/", "feed"), (f"{BASE}/atom.xml", "feed")]
    assert feed_links(b"<p>no head</p>", BASE) == []


def test_rebase_moves_public_urls_to_the_fetch_host_and_drops_other_hosts() -> None:
    assert rebase("https://kabar.test/a/b?page=2", "https://www.kabar.test", "http://127.0.0.1:9001") == (
        "http://127.0.0.1:9001/a/b?page=2")
    assert rebase("http://127.0.0.1:9001/c", "https://www.kabar.test", "http://127.0.0.1:9001") == (
        "http://127.0.0.1:9001/c")
    assert rebase("http://127.0.0.1:9002/c", "https://www.kabar.test", "http://127.0.0.1:9001") is None
    assert rebase("https://cdn.kabar.test/c", "https://www.kabar.test", "http://127.0.0.1:9001") is None


def test_a_bare_lastmod_day_is_never_older_than_an_article_of_that_day() -> None:
    body = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://www.kabar.test/a</loc>'
            b"<lastmod>2021-03-02</lastmod></url></urlset>")
    (entry,) = discover(body, None, f"{BASE}/sitemap.xml").listing_entries()
    published_that_evening = datetime(2021, 3, 2, 12, 0, tzinfo=UTC)  # 19:00 WIB
    assert entry.time_raw == "2021-03-02T16:59:59+00:00"
    assert parse_date_detailed(entry.time_raw).instant >= published_that_evening


LISTING = """<!DOCTYPE html><html><head><title>Daerah</title></head><body>
<nav><a href="/">Beranda</a> <a href="/kategori/daerah-dan-kota/">Daerah dan Kota Besar Kita</a>
  <a href="/tag/pasar-murah-ramadan-2021/">Pasar Murah Ramadan 2021 Terbaru</a></nav>
<div class="card"><a href="/daerah/2021/03/02/pemkot-gelar-pasar-murah/"><img src="/a.jpg" alt=""></a>
  <h2><a href="/daerah/2021/03/02/pemkot-gelar-pasar-murah/">Pemkot Gelar Pasar Murah Jelang Ramadan</a></h2>
  <span class="meta"><time datetime="2021-03-02T09:15:00+07:00">Selasa, 2 Maret 2021</time></span></div>
<div class="card"><h2><a href="https://kabar.test/read/9123/banjir-rendam-tiga-kecamatan#komentar"
  title="Banjir Rendam Tiga Kecamatan di Pesisir">Banjir Rendam</a></h2><time>1 jam lalu</time></div>
<div class="card"><a href="https://lain.test/berita/situs-lain-tulis-berita-sama">Situs Lain Tulis Berita yang Sama</a></div>
<footer><a href="/pedoman-media-siber">Pedoman Media Siber Kabar Test</a>
  <a href="/uploads/laporan-tahunan-kabar-2021.pdf">Laporan Tahunan Kabar Test 2021</a></footer>
</body></html>"""


def test_listing_article_links_skip_navigation_tags_files_and_other_hosts() -> None:
    assert article_links(LISTING, "https://www.kabar.test/kategori/daerah/") == [
        ListingEntry(1, "https://www.kabar.test/daerah/2021/03/02/pemkot-gelar-pasar-murah/",
                     "Pemkot Gelar Pasar Murah Jelang Ramadan", None, "2021-03-02T09:15:00+07:00"),
        ListingEntry(2, "https://kabar.test/read/9123/banjir-rendam-tiga-kecamatan",
                     "Banjir Rendam Tiga Kecamatan di Pesisir", None, "1 jam lalu"),
    ]
    assert article_links(b"", "https://www.kabar.test/") == []
