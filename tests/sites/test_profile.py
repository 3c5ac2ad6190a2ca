"""A site profile: selectors and boilerplate rules over the generic extractor.

The page is written here in the shape of a small CMS whose headline is a
styled ``<div>`` under a title that is only the site's name, and whose byline
is not marked up; the profile names both (and cuts its promo box), and
everything else is still read generically.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone

import pytest

from govnews.loaders import load_article
from govnews.sites import _REGISTRY, article_page_for, register, site_for
from govnews.sites.profile import SiteProfile

URL = "https://www.kabarpesisir.test/warta/2021/03/04/nelayan-pesisir-terima-bantuan-mesin-perahu"
PAGE = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Kabar Pesisir</title>
<meta property="article:published_time" content="2021-03-04T09:30:00+07:00">
<link rel="canonical" href="%s">
</head><body>
<div class="kepala"><div class="judul-warta">Nelayan Pesisir Terima Bantuan Mesin Perahu dari Pemkab</div>
<span class="tgl">Kamis, 4 Maret 2021 09:30 WIB</span> <span class="penulis">Rina Wulandari</span></div>
<div class="isi-warta">
<p>PADANG, KABARPESISIR - Sebanyak empat puluh nelayan di pesisir selatan menerima bantuan mesin perahu dari pemerintah kabupaten pada Kamis pagi.</p>
<div class="kotak-promo"><p>Ikuti undian berhadiah sepeda motor untuk pembaca setia kami setiap bulan!</p></div>
<p>Bantuan itu diserahkan langsung oleh bupati di tempat pelelangan ikan, disaksikan para kepala desa dan pengurus koperasi nelayan setempat.</p>
<p>Para nelayan berharap mesin baru membuat mereka bisa melaut lebih jauh dan pulang membawa tangkapan yang lebih banyak.</p>
</div></body></html>""" % URL

PROFILE = SiteProfile(
    name="kabarpesisir.test",
    public_base_url="https://www.kabarpesisir.test",
    remove=("div.kotak-promo",),
    headline="div.judul-warta",
    date="span.tgl",
    authors="span.penulis",
    body="div.isi-warta",
)


@pytest.fixture
def profiled() -> Iterator[None]:
    register(PROFILE.site())
    yield
    del _REGISTRY[PROFILE.name]


def test_the_registry_hands_out_the_profile(profiled: None) -> None:
    site = site_for(URL)
    assert site is not None and site.name == "kabarpesisir.test"
    raw = article_page_for(URL, PAGE, site=site, public_base_url=site.public_base_url).extract()
    assert raw.headline == "Nelayan Pesisir Terima Bantuan Mesin Perahu dari Pemkab"
    assert raw.date_raw == "Kamis, 4 Maret 2021 09:30 WIB"
    assert raw.authors == ["Rina Wulandari"]
    assert raw.dateline == "PADANG, KABARPESISIR"
    assert [p[:20] for p in raw.paragraphs] == ["Sebanyak empat puluh", "Bantuan itu diserahk", "Para nelayan berhara"]
    assert not any("undian" in p for p in raw.paragraphs)


def test_a_profiled_page_loads_into_a_valid_item(profiled: None) -> None:
    site = site_for(URL)
    assert site is not None
    raw = article_page_for(URL, PAGE, site=site, public_base_url=site.public_base_url).extract()
    item = load_article(raw, run_id="t1", downloaded_at=datetime(2026, 12, 2, tzinfo=timezone.utc))
    assert item["site"] == "kabarpesisir.test"
    assert item["date_published"] == datetime(2021, 3, 4, 2, 30, tzinfo=timezone.utc)
    assert item["language"] == "id" and item["authors"] == ["Rina Wulandari"]


def test_without_the_profile_the_page_has_no_headline() -> None:
    assert site_for(URL) is None
    raw = article_page_for(URL, PAGE, site=None, public_base_url="https://www.kabarpesisir.test").extract()
    # What the profile is for: a title that is only the site's name and a
    # headline in a styled <div> leave the generic path without one (the item
    # would be quarantined), and the byline is not marked up as one.
    assert raw.headline is None and raw.authors == []
    assert raw.date_raw == "Kamis, 4 Maret 2021 09:30 WIB"
