"""The seed document (shared/seed/000_bb560fe83e9e8114.txt) as data.

The body keeps the defects of the original byte for byte: the windows-1257
mojibake ``dan\u0100\xa0 mensinkronkan``, the typos ``penyelenggraan`` and
``imbunya`` and the end mark ``***``. ``SEED_CLEAN_PARAGRAPHS`` is what a correct
crawl must make of them (the capture's expected.json).
"""
from __future__ import annotations

SEED_URL_PATH = '/berita/baca/2021/02/25/sinkronisasi-pembangunan-pusat-daerah-kemendagri-gelar-rakortekrenbang-2021'
SEED_HEADLINE = 'Sinkronisasi Pembangunan Pusat-Daerah, Kemendagri Gelar Rakortekrenbang 2021'
SEED_IMAGE_CAPTION = 'Suasana Rakortekrenbang 2021 di Gedung Kemendagri, Jakarta, Kamis (25/2/2021).'
SEED_IMAGE_CREDIT = 'ist./puspen kemendagri'
SEED_DATE_RAW = 'Kamis, 25 Februari 2021 18:20 WIB'
SEED_DATELINE = "JAKARTA"
SEED_EDITOR = 'Muhammad Dzulfiqar'
SEED_SOURCE = 'Puspen Kemendagri'
SEED_TAGS: tuple[str, ...] = ('DKI Jakarta', 'Nasional', 'Pemerintahan')

# Paragraphs as the page shows them; the dateline is rendered by the template.
SEED_RAW_PARAGRAPHS: tuple[str, ...] = (
    'Kemendagri (Kementerian Dalam Negeri) menggelar Rakortekrenbang (Rapat Koordinasi Teknis Perencanaan Pembangunan) Tahun 2021. Acara diselenggarakan di Sasana Bhakti Praja Gedung C Kemendagri, Jakarta Pusat, Kamis (25/2/21), dan dibuka oleh Menteri PPN/Kepala Bappenas (Badan Perencanaan Pembangunan Nasional), Suharso Monoarfa.',
    'Dalam laporannya, Plh (penjabat pelaksana harian) Dirjen Bina Pembangunan Daerah Kemendagri, Sri Purwaningsih mengatakan, Rakortekrenbang Tahun 2021 tersebut dilaksanakan sesuai amanat Pasal 259 Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah. Rakortekrenbang adalah upaya mensinkronkan target pembangunan nasional dengan koordinasi bersama antara Kemendagri dan Bappenas.',
    'Pembagian peran antara Kemendagri dengan Kementerian PPN/Bappenas dalam penyelenggaraan Rakortekrenbang ini sangat jelas. Kemendagri menjalankan fungsi pembinaan dan pengawasan kepada pemerintah daerah, termasuk pembinaan terhadap dokumen perencanaan pembangunan daerah. Dalam hal ini Rakortekrenbang merupakan bagian dari penyusunan RKPD (Rencana Kerja Pemerintah Daerah). Sementara itu, Kementerian PPN/Bappenas memiliki fungsi untuk mengawal perencanaan program prioritas nasional, yang pada selanjutnya dituangkan di dalam RKP (Rencana Kerja Pemerintah).',
    '"Maksud dari penyelenggraan Rakortekrenbang tahun 2021, adalah menjadi pijakan dalam penyusunan RKP dan RKPD, serta mensinkronkan sasaran makro pembangunan, major project atau program strategis nasional dan kinerja penyelenggaraan urusan pemerintahan konkuren," kata Sri, dikutip GoNews.co dari keterangan Puspen (Pusat Penerangan) Kemendagri.',
    'Sri menambahkan, penyelenggaraan Rakortekrenbang bertujuan untuk menyepakati target indikator makro pembangunan tahun 2022, serta strategi dan aksi pusat dan daerah dalam pencapaiannya.',
    '"Pembahasan usulan teknis dan dukungan teknis daerah terhadap program kegiatan K/L yang sesuai dengan prioritas nasional dan proyek strategis nasional atau major project-nya, dan\u0100\xa0 mensinkronkan rencana kerja daerah yang tertuang dalam RKPD dan renja perangkat daerah dengan rencana kerja K/L yang tertuang dalam RKP dan rencana kerja K/L sebagai upaya mencapai target kinerja nasional per urusan," bebernya.',
    'Pelaksanaan Rakortekrenbang ini dilaksanakan mulai dari tanggal 25 Februari hingga 10 Maret Tahun 2021 yang nantinya akan dibagi ke dalam 40 Desk Online yang diikuti perwakilan dari Kemendagri, Kementerian PPN/Bappenas, Kementerian/Lembaga dan SKPD (Satuan Kerja Perangkat Daerah) Provinsi.',
    '"Pelaksanaan Rakortekrenbang tahun 2021 pada hari ini akan berlangsung sampai dengan 10 Maret 2021, yang sebelumnya telah didahului dengan Pra Rakortekrenbang pada tanggal 16 Februari 2021 dengan seluruh K/L dan Pra Rakortekrenbang pada tanggal 18 Februari 2021 dengan seluruh provinsi," imbunya.',
    'Dalam rangka menjaga efektivitas, efisiensi dan memperhatikan kondisi Pandemi Covid-19, pelaksanaan Rakortekrenbang dilakukan dengan mekanisme online berbasis sistem informasi yang terintegrasi dengan SIPD (Sistem Informasi Pembangunan Daerah).',
    '"Pelaksanaan rapat ini dilaksanakan secara hibrid online dan offline selama 10 hari dimulai dari tanggal 25 Februari hingga 10 Maret 2021 di JS Luwansa Hotel yang melaksanakan secara offline. Disana sekretariat bersama dengan Tim K/L dan berkumpul untuk bersama mengawal pelaksanaan Rakortekrenbang saat ini," tambahnya.',
    'Adapun peserta Rakortekrenbang yang diundang terdiri dari pemerintah pusat yang terdiri dari Kementerian PPN/Bappenas, Kementerian/Lembaga seluruh pengampu urusan, dan pemerintah daerah; Gubernur dan Sekda (Sekretaris Daerah) Provinsi seluruh Indonesia secara online, Bappeda dan perangkat daerah provinsi.',
    '"Peserta yang sudah hadir 1.326 orang dari 1.661 orang yang diundang baik secara virtual maupun secara offline," tutup Sri.***',
)

SEED_CLEAN_PARAGRAPHS: tuple[str, ...] = (
    'Kemendagri (Kementerian Dalam Negeri) menggelar Rakortekrenbang (Rapat Koordinasi Teknis Perencanaan Pembangunan) Tahun 2021. Acara diselenggarakan di Sasana Bhakti Praja Gedung C Kemendagri, Jakarta Pusat, Kamis (25/2/21), dan dibuka oleh Menteri PPN/Kepala Bappenas (Badan Perencanaan Pembangunan Nasional), Suharso Monoarfa.',
    'Dalam laporannya, Plh (penjabat pelaksana harian) Dirjen Bina Pembangunan Daerah Kemendagri, Sri Purwaningsih mengatakan, Rakortekrenbang Tahun 2021 tersebut dilaksanakan sesuai amanat Pasal 259 Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah. Rakortekrenbang adalah upaya mensinkronkan target pembangunan nasional dengan koordinasi bersama antara Kemendagri dan Bappenas.',
    'Pembagian peran antara Kemendagri dengan Kementerian PPN/Bappenas dalam penyelenggaraan Rakortekrenbang ini sangat jelas. Kemendagri menjalankan fungsi pembinaan dan pengawasan kepada pemerintah daerah, termasuk pembinaan terhadap dokumen perencanaan pembangunan daerah. Dalam hal ini Rakortekrenbang merupakan bagian dari penyusunan RKPD (Rencana Kerja Pemerintah Daerah). Sementara itu, Kementerian PPN/Bappenas memiliki fungsi untuk mengawal perencanaan program prioritas nasional, yang pada selanjutnya dituangkan di dalam RKP (Rencana Kerja Pemerintah).',
    '"Maksud dari penyelenggaraan Rakortekrenbang tahun 2021, adalah menjadi pijakan dalam penyusunan RKP dan RKPD, serta mensinkronkan sasaran makro pembangunan, major project atau program strategis nasional dan kinerja penyelenggaraan urusan pemerintahan konkuren," kata Sri, dikutip GoNews.co dari keterangan Puspen (Pusat Penerangan) Kemendagri.',
    'Sri menambahkan, penyelenggaraan Rakortekrenbang bertujuan untuk menyepakati target indikator makro pembangunan tahun 2022, serta strategi dan aksi pusat dan daerah dalam pencapaiannya.',
    '"Pembahasan usulan teknis dan dukungan teknis daerah terhadap program kegiatan K/L yang sesuai dengan prioritas nasional dan proyek strategis nasional atau major project-nya, dan mensinkronkan rencana kerja daerah yang tertuang dalam RKPD dan renja perangkat daerah dengan rencana kerja K/L yang tertuang dalam RKP dan rencana kerja K/L sebagai upaya mencapai target kinerja nasional per urusan," bebernya.',
    'Pelaksanaan Rakortekrenbang ini dilaksanakan mulai dari tanggal 25 Februari hingga 10 Maret Tahun 2021 yang nantinya akan dibagi ke dalam 40 Desk Online yang diikuti perwakilan dari Kemendagri, Kementerian PPN/Bappenas, Kementerian/Lembaga dan SKPD (Satuan Kerja Perangkat Daerah) Provinsi.',
    '"Pelaksanaan Rakortekrenbang tahun 2021 pada hari ini akan berlangsung sampai dengan 10 Maret 2021, yang sebelumnya telah didahului dengan Pra Rakortekrenbang pada tanggal 16 Februari 2021 dengan seluruh K/L dan Pra Rakortekrenbang pada tanggal 18 Februari 2021 dengan seluruh provinsi," imbuhnya.',
    'Dalam rangka menjaga efektivitas, efisiensi dan memperhatikan kondisi Pandemi Covid-19, pelaksanaan Rakortekrenbang dilakukan dengan mekanisme online berbasis sistem informasi yang terintegrasi dengan SIPD (Sistem Informasi Pembangunan Daerah).',
    '"Pelaksanaan rapat ini dilaksanakan secara hibrid online dan offline selama 10 hari dimulai dari tanggal 25 Februari hingga 10 Maret 2021 di JS Luwansa Hotel yang melaksanakan secara offline. Disana sekretariat bersama dengan Tim K/L dan berkumpul untuk bersama mengawal pelaksanaan Rakortekrenbang saat ini," tambahnya.',
    'Adapun peserta Rakortekrenbang yang diundang terdiri dari pemerintah pusat yang terdiri dari Kementerian PPN/Bappenas, Kementerian/Lembaga seluruh pengampu urusan, dan pemerintah daerah; Gubernur dan Sekda (Sekretaris Daerah) Provinsi seluruh Indonesia secara online, Bappeda dan perangkat daerah provinsi.',
    '"Peserta yang sudah hadir 1.326 orang dari 1.661 orang yang diundang baik secara virtual maupun secara offline," tutup Sri.',
)

# (headline, section, relative time, url path) of the sidebar list above the seed text.
SEED_POPULAR: tuple[tuple[str, str, str, str], ...] = (
    ('KPK OTT Walikota Tanjung Balai, Erwin Syahfutra: Kita Apresiasi Meski Telat', 'Peristiwa', '15 jam yang lalu', '/berita/baca/2021/02/25/kpk-ott-walikota-tanjung-balai-erwin-syahfutra-kita-apresiasi-meski-telat'),
    ('Tak Berani Cabut Izin XL Axiata, Arief Poyuono: Menkominfo Johnny G Plate Layak Direshuffle', 'Politik', '17 jam yang lalu', '/berita/baca/2021/02/25/tak-berani-cabut-izin-xl-axiata-arief-poyuono-menkominfo-johnny-g-plate-layak-direshuffle'),
    ('Pendiri NU Hilang dari Kamus Sejarah, PKB: Jangan Lupa Jasa Ulama, Kemendikbud Bisa Kualat', 'Pemerintahan', '16 jam yang lalu', '/berita/baca/2021/02/25/pendiri-nu-hilang-dari-kamus-sejarah-pkb-jangan-lupa-jasa-ulama-kemendikbud-bisa-kualat'),
    ('Penundaan India Terbuka, Untungkan Hafiz/Gloria', 'Olahraga', '15 jam yang lalu', '/berita/baca/2021/02/25/penundaan-india-terbuka-untungkan-hafiz-gloria'),
    ('Kepala BNSP Bantah Larang Dewan Pers Lakukan UKW', 'Peristiwa', '15 jam yang lalu', '/berita/baca/2021/02/25/kepala-bnsp-bantah-larang-dewan-pers-lakukan-ukw'),
    ('Gempa Magnitudo 6,4 di Nias, Getarannya Terasa di Sidimpuan dan Padang', 'Peristiwa', '19 jam yang lalu', '/berita/baca/2021/02/24/gempa-magnitudo-6-4-di-nias-getarannya-terasa-di-sidimpuan-dan-padang'),
)

SEED_IMAGE_URL_PATH = "/uploads/images/2021/02/25/rakortekrenbang-2021-kemendagri.jpg"
SEED_DESCRIPTION = "Kemendagri menggelar Rakortekrenbang Tahun 2021 di Gedung C Kemendagri, Jakarta Pusat."
SEED_SECTION = "Pemerintahan"
# The capture puts its "Baca Juga" link to the Nias earthquake story (the sixth popular entry).
SEED_BACA_JUGA_INDEX = 5
