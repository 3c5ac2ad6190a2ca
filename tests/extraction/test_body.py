"""The generic body extractor on pages written here in the common CMS shapes."""

from __future__ import annotations

import parsel

from govnews.extraction.body import Body, extract_body

NAV = """
<header class="site-header"><nav><a href="/">Beranda</a> <a href="/daerah">Daerah</a></nav></header>
"""
SIDEBAR = """
<aside class="sidebar"><h3>Terpopuler</h3><ul>
<li><a href="/a">Warga Desa Sukamaju Panen Raya Jagung di Lahan Bekas Tambang</a></li>
<li><a href="/b">Pemkot Resmikan Taman Baca di Tiga Kelurahan Sekaligus</a></li>
</ul></aside>
"""
FOOTER = '<footer class="site-footer"><p>Copyright © 2024 Kabar Contoh. Semua hak dilindungi.</p></footer>'


def page(body: str) -> parsel.Selector:
    return parsel.Selector(text=f"<html><head><title>t</title></head><body>{NAV}{body}{SIDEBAR}{FOOTER}</body></html>")


WORDPRESS = """
<article class="post">
  <h1 class="entry-title">Jembatan Gantung Desa Rawa Indah Diresmikan</h1>
  <div class="entry-meta">Senin, 3 Juni 2024 10:15 WIB | Oleh <a href="/u/rina">Rina Lestari</a></div>
  <div class="entry-content">
    <figure class="wp-block-image"><img src="/j.jpg"><figcaption>Warga melintasi jembatan baru. (Foto: Kabar Contoh)</figcaption></figure>
    <p><strong>CIANJUR, KabarContoh.com</strong> - Bupati meresmikan jembatan gantung sepanjang 80 meter di Desa Rawa Indah, Senin.</p>
    <p>Jembatan itu menghubungkan dua dusun yang selama ini terpisah sungai, sehingga anak-anak tak lagi menyeberang dengan rakit.</p>
    <p><strong>Baca juga:</strong> <a href="/x">Sungai Meluap, Dua Dusun Terisolasi Sepekan</a></p>
    <div class="ads-inline"><span>ADVERTISEMENT</span><div id="gpt-1"></div></div>
    <p>"Kami sudah menunggu jembatan ini sejak lama, terutama saat musim hujan," kata Sutrisno, warga setempat.</p>
    <blockquote class="twitter-tweet"><p>Jembatan baru di Rawa Indah akhirnya dibuka untuk warga hari ini</p>&mdash; Akun Contoh</blockquote>
    <script>window.twttr = {};</script>
    <h2>Dibangun Swadaya</h2>
    <p>Pembangunan jembatan menghabiskan dana Rp1,2 miliar, sebagian dari swadaya warga dan sumbangan perantau.</p>
    <p>Bupati berjanji memperbaiki jalan menuju jembatan tahun depan. (rin/ads)</p>
    <div class="sharedaddy share-buttons"><a href="#">Bagikan ke Facebook dan Twitter sekarang juga ya</a></div>
    <table class="credit"><tr><td>Penulis: Rina Lestari</td></tr><tr><td>Editor: Bambang Wijaya</td></tr></table>
  </div>
  <div class="post-tags"><a href="/t/jembatan">jembatan</a> <a href="/t/cianjur">cianjur</a></div>
  <div class="related-posts"><h3>Berita Terkait</h3><ul>
    <li><a href="/r1">Dua Jembatan Rusak Diterjang Banjir di Wilayah Selatan Kabupaten</a></li></ul></div>
</article>
"""


def test_wordpress_entry_content() -> None:
    body = extract_body(page(WORDPRESS), headline="Jembatan Gantung Desa Rawa Indah Diresmikan")
    assert body == Body(
        paragraphs=[
            "Bupati meresmikan jembatan gantung sepanjang 80 meter di Desa Rawa Indah, Senin.",
            "Jembatan itu menghubungkan dua dusun yang selama ini terpisah sungai, sehingga anak-anak tak lagi menyeberang dengan rakit.",
            '"Kami sudah menunggu jembatan ini sejak lama, terutama saat musim hujan," kata Sutrisno, warga setempat.',
            "Dibangun Swadaya",
            "Pembangunan jembatan menghabiskan dana Rp1,2 miliar, sebagian dari swadaya warga dan sumbangan perantau.",
            "Bupati berjanji memperbaiki jalan menuju jembatan tahun depan.",
        ],
        dateline="CIANJUR, KabarContoh.com",
        trailer="(rin/ads)",
        image_caption="Warga melintasi jembatan baru. (Foto: Kabar Contoh)",
        warnings=[],
    )


DIV_WITH_BR = """
<div class="main">
  <h1>Harga Cabai Rawit Melonjak Jelang Lebaran</h1>
  <div class="date">Selasa, 2 April 2024 08:00 WIB</div>
  <div class="isi_berita">
    <div class="foto_caption">Pedagang cabai di Pasar Induk. (Dok. Kabar Contoh)</div>
    <b>Semarang</b> - Harga cabai rawit di pasar tradisional naik hingga dua kali lipat dalam sepekan terakhir.<br><br>
    Kenaikan dipicu pasokan yang menurun akibat hujan di daerah sentra, kata kepala dinas perdagangan.<br><br>
    <a href="/y">Simak juga: Operasi Pasar Digelar di Lima Kecamatan</a><br><br>
    "Kami akan menggelar operasi pasar mulai pekan depan agar harga kembali stabil," ujarnya.<br><br>
    Pedagang berharap pasokan dari luar daerah segera masuk sehingga pembeli tidak berkurang.
    <br><br>(dna/wid)
  </div>
  <div class="rating-box">Rate artikel ini <span>1</span> <span>2</span> <span>3</span></div>
</div>
"""


def test_body_in_a_div_with_br() -> None:
    body = extract_body(page(DIV_WITH_BR))
    assert body.paragraphs == [
        "Harga cabai rawit di pasar tradisional naik hingga dua kali lipat dalam sepekan terakhir.",
        "Kenaikan dipicu pasokan yang menurun akibat hujan di daerah sentra, kata kepala dinas perdagangan.",
        '"Kami akan menggelar operasi pasar mulai pekan depan agar harga kembali stabil," ujarnya.',
        "Pedagang berharap pasokan dari luar daerah segera masuk sehingga pembeli tidak berkurang.",
    ]
    assert (body.dateline, body.trailer) == ("Semarang", "(dna/wid)")
    assert body.image_caption == "Pedagang cabai di Pasar Induk. (Dok. Kabar Contoh)"


RELATED_BOX_AND_SCROLL = """
<div class="detail">
  <div class="detail__body-text">
    <strong>Jakarta</strong> - <p>Kereta cepat menambah perjalanan pada akhir pekan untuk melayani lonjakan penumpang.</p>
    <p>Penambahan ini berlaku mulai Jumat hingga Minggu, dengan delapan perjalanan tambahan setiap hari.</p>
    <table class="linksisip"><tr><td><div class="lihatjg">Baca juga: <a href="/k">Tiket Kereta Lebaran Ludes dalam Sehari</a></div></td></tr></table>
    <div class="parallax-ad">SCROLL TO CONTINUE WITH CONTENT</div>
    <p>Penumpang diimbau datang satu jam sebelum keberangkatan karena antrean pemeriksaan tiket cukup panjang.</p>
    <p>Lihat juga Video: Suasana Stasiun Saat Libur Panjang</p>
    <p><strong>(abc/def)</strong></p>
  </div>
</div>
"""


def test_dateline_before_the_first_p_and_in_body_boxes() -> None:
    body = extract_body(page(RELATED_BOX_AND_SCROLL))
    assert body.paragraphs == [
        "Kereta cepat menambah perjalanan pada akhir pekan untuk melayani lonjakan penumpang.",
        "Penambahan ini berlaku mulai Jumat hingga Minggu, dengan delapan perjalanan tambahan setiap hari.",
        "Penumpang diimbau datang satu jam sebelum keberangkatan karena antrean pemeriksaan tiket cukup panjang.",
    ]
    assert (body.dateline, body.trailer) == ("Jakarta", "(abc/def)")


ONE_DIV_PER_PARAGRAPH = """
<div id="content_news">
  <h1>Sekolah Terapung Dibuka di Pesisir</h1>
  <div class="byline">Pewarta: Dewi Anggraini</div>
  <blockquote>... anak-anak nelayan kini bisa belajar tanpa menyeberang pulau ...</blockquote>
  <div id="content_news">Kupang, NTT (ANTARA) - Pemerintah daerah membuka sekolah terapung bagi anak-anak nelayan di pesisir.<br><br>
  <div>Sekolah itu menampung 40 murid, dan dengan adanya sekolah itu anak-anak nelayan kini bisa belajar tanpa menyeberang pulau.</div>
  <div><br></div>
  <div>Guru didatangkan dari kota secara bergiliran setiap dua pekan, dengan honor dari anggaran daerah.</div>
  <p class="mt10">Editor: Heru Prasetyo</p>
  <p>COPYRIGHT © ANTARA 2024</p>
  </div>
</div>
"""


def test_story_split_over_sibling_blocks_without_pull_quote_and_credits() -> None:
    body = extract_body(page(ONE_DIV_PER_PARAGRAPH))
    assert body.paragraphs == [
        "Pemerintah daerah membuka sekolah terapung bagi anak-anak nelayan di pesisir.",
        "Sekolah itu menampung 40 murid, dan dengan adanya sekolah itu anak-anak nelayan kini bisa belajar tanpa menyeberang pulau.",
        "Guru didatangkan dari kota secara bergiliran setiap dua pekan, dengan honor dari anggaran daerah.",
    ]
    assert (body.dateline, body.trailer) == ("Kupang, NTT (ANTARA)", None)


SIGN_OFF_AS_NAME = """
<div class="artikel">
  <div class="block-tanggal">Kamis, 7 Maret 2024 | 14:20 WIB</div>
  <div class="deskripsi">Petani memanen padi di Karawang. Dok. Kabar Contoh</div>
  <p>KABARCONTOH.CO, Bandung - Produksi padi tahun ini diperkirakan naik karena musim tanam lebih panjang.<br><br>
  <strong>Cuaca Mendukung</strong><br>
  Curah hujan yang merata membuat petani bisa menanam dua kali, sehingga panen lebih besar dari tahun lalu.<br><br>
  <strong>SITI AMINAH</strong></p>
</div>
"""


def test_subheading_inside_a_p_and_name_sign_off() -> None:
    body = extract_body(page(SIGN_OFF_AS_NAME))
    assert body.paragraphs == [
        "Produksi padi tahun ini diperkirakan naik karena musim tanam lebih panjang.",
        "Cuaca Mendukung",
        "Curah hujan yang merata membuat petani bisa menanam dua kali, sehingga panen lebih besar dari tahun lalu.",
    ]
    assert (body.dateline, body.trailer) == ("KABARCONTOH.CO, Bandung", "SITI AMINAH")


DASHLESS_DATELINE = """
<div class="article-content-body__item-content">
  <p><b>Kabarku.com, Bogor</b> Festival kuliner kembali digelar di pusat kota setelah dua tahun absen.</p>
  <div class="baca-juga-collections"><h3>Baca Juga</h3><ul><li><a href="/z">Kuliner Malam Jadi Magnet Wisata Baru</a></li></ul></div>
  <p>Panitia mencatat lebih dari seratus pedagang ikut serta, kebanyakan pelaku usaha kecil dari kecamatan sekitar.</p>
</div>
"""


def test_dateline_without_a_dash_in_bold() -> None:
    body = extract_body(page(DASHLESS_DATELINE))
    assert body.dateline == "Kabarku.com, Bogor"
    assert body.paragraphs == [
        "Festival kuliner kembali digelar di pusat kota setelah dua tahun absen.",
        "Panitia mencatat lebih dari seratus pedagang ikut serta, kebanyakan pelaku usaha kecil dari kecamatan sekitar.",
    ]


def test_english_story_without_dateline_keeps_its_dash_subheadings() -> None:
    body = extract_body(
        page(
            """<div class="story"><p>The city council approved a new flood barrier on Thursday after months of debate.</p>
            <p>Read also: <a href="/q">Flood season arrives early this year</a></p>
            <p>'Long overdue' -</p>
            <p>Residents said the barrier, costing about US$20 million, should have been built a decade ago. (xyz)</p></div>"""
        )
    )
    assert body.paragraphs == [
        "The city council approved a new flood barrier on Thursday after months of debate.",
        "'Long overdue' -",
        "Residents said the barrier, costing about US$20 million, should have been built a decade ago.",
    ]
    assert (body.dateline, body.trailer) == (None, "(xyz)")


def test_page_without_prose_warns() -> None:
    body = extract_body(parsel.Selector(text="<html><body><nav><a href='/'>Beranda</a></nav></body></html>"))
    assert body == Body([], None, None, None, ["body: no paragraph of prose found"])


def test_selector_is_not_changed() -> None:
    selector = page(WORDPRESS)
    before = selector.get()
    extract_body(selector)
    assert selector.get() == before


PROMOS_AROUND_THE_STORY = """
<div class="read__content">
  <p>Laporan Wartawan KabarContoh.com, Agus Salim</p>
  <p>MEDAN, KabarContoh.com - Dinas kesehatan menggelar vaksinasi gratis di 21 puskesmas mulai pekan ini.</p>
  <p>Vaksinasi menyasar anak usia sekolah, lansia, dan warga yang belum menerima dosis lanjutan.</p>
  <p>Dapatkan update berita pilihan dan breaking news setiap hari dari KabarContoh.com di Google News.</p>
  <p>Artikel ini telah tayang di KabarDaerah.com dengan judul Vaksinasi Gratis Dimulai</p>
  <p>(*)</p>
</div>
"""


def test_reporter_line_promo_and_syndication_note() -> None:
    body = extract_body(page(PROMOS_AROUND_THE_STORY))
    assert body.paragraphs == [
        "Dinas kesehatan menggelar vaksinasi gratis di 21 puskesmas mulai pekan ini.",
        "Vaksinasi menyasar anak usia sekolah, lansia, dan warga yang belum menerima dosis lanjutan.",
    ]
    assert (body.dateline, body.trailer) == ("MEDAN, KabarContoh.com", "(*)")


UNMARKED_RELATED_BOX_MID_STORY = """
<div class="content">
  <p>PADANG - Pemerintah provinsi menyiapkan 300 ton beras cadangan untuk warga terdampak banjir bandang.</p>
  <p>Berita Terkait</p>
  <ul><li><a href="/r1">Banjir Bandang Terjang Dua Nagari di Pesisir Selatan</a></li>
      <li><a href="/r2">Jalan Lintas Provinsi Putus Tertimbun Longsor</a></li></ul>
  <p>Beras akan disalurkan melalui posko di tiap kecamatan mulai besok pagi, kata kepala dinas sosial.</p>
  <p>Editor: Yusuf Hamdani</p>
  <p>Tags: banjir, beras</p>
</div>
"""


def test_related_box_mid_story_does_not_end_it_but_credits_do() -> None:
    body = extract_body(page(UNMARKED_RELATED_BOX_MID_STORY))
    assert body.paragraphs == [
        "Pemerintah provinsi menyiapkan 300 ton beras cadangan untuk warga terdampak banjir bandang.",
        "Beras akan disalurkan melalui posko di tiap kecamatan mulai besok pagi, kata kepala dinas sosial.",
    ]
    assert body.dateline == "PADANG"


def test_headline_inside_the_container_is_not_body_even_unnamed() -> None:
    body = extract_body(
        page(
            """<div id="berita"><h1>Pasar Murah Digelar di Halaman Kantor Wali Kota</h1>
            Solo - Pemerintah kota menggelar pasar murah selama tiga hari di halaman balai kota.<br><br>
            Warga bisa membeli minyak goreng, gula, dan beras dengan harga di bawah pasaran, kata panitia.</div>"""
        )
    )
    assert body.paragraphs == [
        "Pemerintah kota menggelar pasar murah selama tiga hari di halaman balai kota.",
        "Warga bisa membeli minyak goreng, gula, dan beras dengan harga di bawah pasaran, kata panitia.",
    ]
    assert body.dateline == "Solo"


PAGE_BUILDER = """
<div class="elementor-widget elementor-widget-theme-post-content"><div class="elementor-widget-container">
  <p>Pontianak - Sungai Kapuas kembali surut setelah sepekan meluap dan merendam permukiman di tepiannya.</p>
  <p>Warga mulai membersihkan rumah, sementara posko kesehatan tetap dibuka hingga akhir pekan ini.</p>
</div></div>
<div class="elementor-widget elementor-widget-posts"><div class="elementor-widget-container">
  <article class="elementor-post"><a href="/p1">Banjir Rob Rendam Jalan Utama Kota Pesisir Selama Dua Hari</a></article>
</div></div>
"""


def test_page_builder_widget_wraps_the_story() -> None:
    body = extract_body(page(PAGE_BUILDER))
    assert body.paragraphs == [
        "Sungai Kapuas kembali surut setelah sepekan meluap dan merendam permukiman di tepiannya.",
        "Warga mulai membersihkan rumah, sementara posko kesehatan tetap dibuka hingga akhir pekan ini.",
    ]
    assert body.dateline == "Pontianak"
