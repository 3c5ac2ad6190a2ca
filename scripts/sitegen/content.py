"""Vocabulary and templates that compose plausible Indonesian regional news.

Every text here is the *clean* version a correct crawl must produce; defects are
injected later (see ``defects.py``) so the ground truth never has to be undone.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass

SECTIONS: tuple[tuple[str, str], ...] = (
    ("peristiwa", "Peristiwa"), ("politik", "Politik"), ("pemerintahan", "Pemerintahan"),
    ("hukum", "Hukum"), ("ekonomi", "Ekonomi"), ("olahraga", "Olahraga"),
    ("daerah", "Daerah"), ("nasional", "Nasional"),
)
# Government and regional desks dominate the site, so they get most stories.
SECTION_WEIGHTS: tuple[int, ...] = (12, 10, 26, 8, 12, 5, 20, 7)


@dataclass(frozen=True)
class Region:
    city: str
    province: str
    province_short: str
    zone: str
    government: str  # "Pemkot Makassar", "Pemkab Kampar", "Pemprov DKI Jakarta"


REGIONS: tuple[Region, ...] = (
    Region("Jakarta", "DKI Jakarta", "DKI", "WIB", "Pemprov DKI Jakarta"),
    Region("Pekanbaru", "Riau", "Riau", "WIB", "Pemko Pekanbaru"),
    Region("Padang", "Sumatera Barat", "Sumbar", "WIB", "Pemko Padang"),
    Region("Medan", "Sumatera Utara", "Sumut", "WIB", "Pemko Medan"),
    Region("Palembang", "Sumatera Selatan", "Sumsel", "WIB", "Pemkot Palembang"),
    Region("Bandung", "Jawa Barat", "Jabar", "WIB", "Pemkot Bandung"),
    Region("Semarang", "Jawa Tengah", "Jateng", "WIB", "Pemkot Semarang"),
    Region("Surabaya", "Jawa Timur", "Jatim", "WIB", "Pemkot Surabaya"),
    Region("Pontianak", "Kalimantan Barat", "Kalbar", "WIB", "Pemkot Pontianak"),
    Region("Bangkinang", "Riau", "Riau", "WIB", "Pemkab Kampar"),
    Region("Cibinong", "Jawa Barat", "Jabar", "WIB", "Pemkab Bogor"),
    Region("Jambi", "Jambi", "Jambi", "WIB", "Pemkot Jambi"),
    Region("Makassar", "Sulawesi Selatan", "Sulsel", "WITA", "Pemkot Makassar"),
    Region("Denpasar", "Bali", "Bali", "WITA", "Pemkot Denpasar"),
    Region("Mataram", "Nusa Tenggara Barat", "NTB", "WITA", "Pemkot Mataram"),
    Region("Kupang", "Nusa Tenggara Timur", "NTT", "WITA", "Pemkot Kupang"),
    Region("Balikpapan", "Kalimantan Timur", "Kaltim", "WITA", "Pemkot Balikpapan"),
    Region("Manado", "Sulawesi Utara", "Sulut", "WITA", "Pemkot Manado"),
    Region("Palu", "Sulawesi Tengah", "Sulteng", "WITA", "Pemkot Palu"),
    Region("Banjarmasin", "Kalimantan Selatan", "Kalsel", "WITA", "Pemkot Banjarmasin"),
    Region("Jayapura", "Papua", "Papua", "WIT", "Pemkot Jayapura"),
    Region("Ambon", "Maluku", "Maluku", "WIT", "Pemkot Ambon"),
    Region("Manokwari", "Papua Barat", "Papua Barat", "WIT", "Pemkab Manokwari"),
    Region("Ternate", "Maluku Utara", "Malut", "WIT", "Pemkot Ternate"),
    Region("Sorong", "Papua Barat", "Papua Barat", "WIT", "Pemkot Sorong"),
    Region("Merauke", "Papua", "Papua", "WIT", "Pemkab Merauke"),
)

FIRST_NAMES: tuple[str, ...] = (
    "Agus", "Andi", "Budi", "Dewi", "Erna", "Fitri", "Hendra", "Indra", "Joko", "Kurniawan",
    "Lestari", "Made", "Nur", "Rahmat", "Siti", "Teguh", "Wahyu", "Yosef", "Zulkifli", "Ratna",
    "Benny", "Marthen", "Abdul", "Ketut", "Laode", "Yohanes", "Syamsul", "Irwan",
)
LAST_NAMES: tuple[str, ...] = (
    "Wiranata", "Mappiare", "Santoso", "Lubis", "Siregar", "Pratama", "Hidayat", "Sudarmo",
    "Rumbiak", "Pattimura", "Wenda", "Latuconsina", "Nasution", "Harahap", "Saputra", "Suryadi",
    "Tamba", "Kaunang", "Mandagi", "Rahman", "Syahputra", "Kusuma", "Gunawan", "Sembiring",
)
EDITORS: tuple[str, ...] = (
    "Muhammad Dzulfiqar", "Rio Rizalino", "Azhar Ananda", "Riko Saputra", "Hasan Basri",
)
PHOTOGRAPHERS: tuple[str, ...] = ("Andi Tenri", "Rizki Ramadhan", "Dwi Putra", "Yulia Sari")


@dataclass(frozen=True)
class Topic:
    headline: str   # verb phrase for the headline: "Gelar Musrenbang RKPD 2022"
    activity: str   # noun phrase inside sentences: "musyawarah perencanaan ... (Musrenbang)"
    lead_verb: str  # "menggelar"
    tag: str


TOPICS: dict[str, tuple[Topic, ...]] = {
    "pemerintahan": (
        Topic("Gelar Musrenbang RKPD", "musyawarah perencanaan pembangunan (Musrenbang) RKPD", "menggelar", "Musrenbang"),
        Topic("Percepat Realisasi Belanja APBD", "percepatan realisasi belanja APBD", "mendorong", "APBD"),
        Topic("Lantik Pejabat Administrator dan Pengawas", "pelantikan pejabat administrator dan pengawas", "menggelar", "ASN"),
        Topic("Luncurkan Layanan Adminduk Online", "layanan administrasi kependudukan secara online", "meluncurkan", "Adminduk"),
        Topic("Evaluasi Penerapan PPKM", "evaluasi penerapan PPKM", "menggelar", "PPKM"),
        Topic("Susun Roadmap Smart City", "penyusunan roadmap smart city", "memulai", "Smart City"),
    ),
    "politik": (
        Topic("Sahkan Ranperda APBD", "pengesahan Ranperda APBD", "menggelar", "DPRD"),
        Topic("Sampaikan Pandangan Umum Fraksi", "penyampaian pandangan umum fraksi", "menggelar", "DPRD"),
        Topic("Bahas Ranperda Penyelenggaraan Ketertiban Umum", "pembahasan Ranperda penyelenggaraan ketertiban umum", "memulai", "Ranperda"),
        Topic("Serap Aspirasi Warga Lewat Reses", "kegiatan reses untuk menyerap aspirasi warga", "menggelar", "Reses"),
    ),
    "hukum": (
        Topic("Teken MoU Pendampingan Hukum", "penandatanganan MoU pendampingan hukum bidang perdata dan tata usaha negara", "menggelar", "Kejati"),
        Topic("Perkuat Pengawasan Dana Desa", "penguatan pengawasan dana desa", "mendorong", "Dana Desa"),
        Topic("Sosialisasikan Pencegahan Korupsi", "sosialisasi pencegahan korupsi", "menggelar", "Antikorupsi"),
    ),
    "ekonomi": (
        Topic("Salurkan Bantuan Modal UMKM", "penyaluran bantuan modal bagi UMKM", "memulai", "UMKM"),
        Topic("Gelar Pasar Murah Jelang Ramadan", "pasar murah untuk menjaga stabilitas harga", "menggelar", "Inflasi"),
        Topic("Dorong Pemulihan Sektor Pariwisata", "pemulihan sektor pariwisata", "mendorong", "Pariwisata"),
        Topic("Targetkan Kenaikan Pendapatan Asli Daerah", "optimalisasi pendapatan asli daerah (PAD)", "memulai", "PAD"),
    ),
    "olahraga": (
        Topic("Siapkan Venue Porprov", "persiapan venue pekan olahraga provinsi (Porprov)", "memulai", "Porprov"),
        Topic("Lepas Kontingen ke PON XX Papua", "pelepasan kontingen PON XX Papua", "menggelar", "PON XX"),
        Topic("Gelar Pembinaan Atlet Muda", "pembinaan atlet muda", "menggelar", "Dispora"),
    ),
    "peristiwa": (
        Topic("Siagakan Personel Hadapi Cuaca Ekstrem", "kesiapsiagaan personel menghadapi cuaca ekstrem", "memulai", "BPBD"),
        Topic("Salurkan Bantuan untuk Korban Banjir", "penyaluran bantuan bagi korban banjir", "memulai", "Bencana"),
        Topic("Gelar Simulasi Evakuasi Bencana", "simulasi evakuasi bencana", "menggelar", "BPBD"),
    ),
    "daerah": (
        Topic("Tambah Rumah Pompa di Kawasan Rawan Genangan", "penambahan rumah pompa di kawasan rawan genangan", "memulai", "Infrastruktur"),
        Topic("Buka Layanan Vaksinasi Jemput Bola", "layanan vaksinasi Covid-19 dengan sistem jemput bola", "membuka", "Vaksinasi"),
        Topic("Perbaiki Jalan Penghubung Antarkecamatan", "perbaikan jalan penghubung antarkecamatan", "memulai", "Infrastruktur"),
        Topic("Gelar Operasi Pasar Minyak Goreng", "operasi pasar minyak goreng", "menggelar", "Inflasi"),
    ),
    "nasional": (
        Topic("Minta Pemda Tetapkan APBD Tepat Waktu", "penetapan APBD tepat waktu", "mendorong", "Kemendagri"),
        Topic("Tuntaskan Penyederhanaan Birokrasi", "penyederhanaan birokrasi", "mendorong", "KemenPAN-RB"),
        Topic("Siapkan PTM Terbatas", "persiapan pembelajaran tatap muka (PTM) terbatas", "memulai", "Pendidikan"),
    ),
}

HEADLINE_SUFFIXES: tuple[str, ...] = (
    "", "", " Tahun Ini", " Pekan Depan", " Mulai Bulan Ini", ", Libatkan Warga",
    ", Targetkan Rampung Akhir Tahun", " di Tengah Pandemi",
)
HEADLINE_SECOND_CLAUSES: tuple[str, ...] = (
    "Libatkan Perangkat Daerah", "Minta Camat Turun Langsung", "Gandeng Kementerian Terkait",
    "Pastikan Anggaran Tersedia", "Ajak Warga Berpartisipasi",
)

OFFICIAL_TITLES: tuple[str, ...] = (
    "Sekretaris Daerah {gov}", "Kepala Bappeda {province_short}", "Kepala Dinas Kominfo {city}",
    "Wakil Ketua DPRD {province_short}", "Kepala Pelaksana BPBD {province_short}",
    "Asisten Pemerintahan Setda {province_short}", "Kepala Dinas Perdagangan {city}",
)

LEAD_FOLLOWERS: tuple[str, ...] = (
    "Kegiatan tersebut merupakan bagian dari upaya meningkatkan kualitas pelayanan publik di daerah.",
    "Langkah itu diambil menyusul arahan pemerintah pusat agar daerah tidak menunda program prioritas.",
    "Kegiatan tersebut diikuti perwakilan kecamatan, kelurahan, serta organisasi perangkat daerah terkait.",
    "Acara dibuka langsung oleh kepala daerah dan dihadiri unsur Forkopimda setempat.",
)
CONTEXT_SENTENCES: tuple[str, ...] = (
    "Menurutnya, kegiatan tersebut merupakan bagian dari upaya meningkatkan kualitas pelayanan publik di daerah.",
    "Ia menyebut, koordinasi lintas perangkat daerah menjadi kunci agar program berjalan sesuai jadwal.",
    "Pemerintah daerah juga menyiapkan anggaran pendamping agar pelaksanaan program tidak terhambat.",
    "Ia mengakui masih ada kendala teknis di lapangan, terutama di wilayah yang sulit dijangkau.",
    "Menurutnya, data penerima manfaat akan diperbarui setiap tiga bulan agar bantuan tepat sasaran.",
    "Pihaknya juga meminta camat dan lurah aktif melaporkan perkembangan di wilayah masing-masing.",
    "Ia menilai partisipasi masyarakat pada tahun ini jauh lebih baik dibanding tahun sebelumnya.",
    "Evaluasi menyeluruh akan dilakukan setelah seluruh tahapan selesai dilaksanakan.",
    "Hasil kegiatan tersebut akan menjadi bahan penyusunan kebijakan daerah tahun depan.",
    "Ia memastikan seluruh proses dilakukan secara terbuka dan dapat dipantau masyarakat.",
)
QUOTES: tuple[str, ...] = (
    "Kami ingin masyarakat merasakan langsung manfaat program ini, bukan hanya sebatas laporan di atas kertas",
    "Penyelenggaraan kegiatan ini harus tepat sasaran, karena anggaran yang digunakan berasal dari uang rakyat",
    "Kami terus mendorong seluruh perangkat daerah untuk memperkuat koordinasi dengan kementerian terkait",
    "Sebagai langkah antisipasi, tim di lapangan kami minta siaga dan melaporkan perkembangan setiap hari",
    "Pelaksanaan program ini akan kami evaluasi setiap bulan agar kendala di lapangan cepat diselesaikan",
    "Kami tidak ingin sekadar memberi teguran. Kalau ada kendala regulasi, kita carikan jalan keluarnya bersama",
    "Dukungan masyarakat sangat menentukan keberhasilan kegiatan ini, jadi kami mengajak semua pihak terlibat",
    "Target kami tahun ini cukup realistis, asalkan semua tahapan dijalankan sesuai jadwal",
)
ATTRIBUTIONS: tuple[str, ...] = (
    "kata {short}", "ujarnya", "imbuhnya", "tuturnya", "tambahnya", "jelasnya", "bebernya", "kata {short} di {city}",
)
FOLLOWUPS: tuple[str, ...] = (
    "{short} menambahkan, pihaknya akan melibatkan camat dan lurah untuk memastikan pelaksanaan kegiatan berjalan lancar.",
    "{short} juga meminta masyarakat aktif menyampaikan masukan melalui kanal pengaduan resmi pemerintah daerah.",
    "Selain itu, {short} memastikan laporan penggunaan anggaran akan dibuka kepada publik secara berkala.",
    "{short} berharap kementerian dan lembaga terkait dapat terus mendampingi daerah dalam penyelenggaraan program tersebut.",
)
DATA_SENTENCES: tuple[str, ...] = (
    "Berdasarkan data {gov}, realisasi program hingga akhir bulan lalu baru mencapai {pct} persen dari target.",
    "Tahun ini, alokasi anggaran untuk kegiatan tersebut mencapai Rp {money} miliar, naik dibanding tahun sebelumnya.",
    "Sedikitnya {count} warga di {districts} kecamatan tercatat sebagai penerima manfaat pada tahap pertama.",
)
CLOSINGS: tuple[str, ...] = (
    "Sebagai langkah antisipasi, {gov} juga menyiapkan posko pengaduan yang dapat diakses masyarakat selama kegiatan berlangsung.",
    "Kegiatan serupa rencananya akan digelar di seluruh kecamatan hingga akhir tahun dengan melibatkan unsur Forkopimda.",
    "Pemerintah daerah menargetkan seluruh tahapan rampung sebelum penyusunan anggaran perubahan dimulai.",
)


@dataclass
class Story:
    """The clean content of one article, before any markup or defect."""

    headline: str
    section_slug: str
    section: str
    region: Region
    official: str
    official_title: str
    paragraphs: list[str]
    tags: list[str]
    description: str
    image_caption: str
    image_name: str


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class _Deck:
    """Draw without repeats until the pool is used up."""

    def __init__(self, rng: random.Random, pool: tuple[str, ...]) -> None:
        self._rng = rng
        self._pool = pool
        self._cards: list[str] = []

    def draw(self) -> str:
        if not self._cards:
            self._cards = list(self._pool)
            self._rng.shuffle(self._cards)
        return self._cards.pop()


def _quote_paragraph(rng: random.Random, quote: str, short: str, city: str) -> str:
    attribution = rng.choice(ATTRIBUTIONS).format(short=short, city=city)
    return f'"{quote}," {attribution}.'


def compose_story(rng: random.Random, region: Region, section_slug: str, paragraph_count: int,
                  day_phrase: str) -> Story:
    """Build one story; ``day_phrase`` is ``Kamis (25/2/2021)`` for the local publication day."""
    section = dict(SECTIONS)[section_slug]
    topic = rng.choice(TOPICS[section_slug])
    official = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
    short = official.split()[0]
    title = rng.choice(OFFICIAL_TITLES).format(
        gov=region.government, province_short=region.province_short, city=region.city)
    fill = {"gov": region.government, "short": short, "city": region.city,
            "pct": f"{rng.randint(8, 95)},{rng.randint(1, 9)}", "money": f"{rng.randint(2, 480)},{rng.randint(1, 9)}",
            "count": f"{rng.randint(1, 48)}.{rng.randint(100, 999)}", "districts": str(rng.randint(3, 24))}
    # Each sentence is used at most once per story (decks), then the decks refill.
    context_deck = _Deck(rng, CONTEXT_SENTENCES)
    quote_deck = _Deck(rng, QUOTES)
    lead = (f"{region.government} {topic.lead_verb} {topic.activity} di {region.city}, {day_phrase}. "
            f"{rng.choice(LEAD_FOLLOWERS)}")
    context = (f"Dalam keterangannya, {title}, {official}, mengatakan {topic.activity} menjadi perhatian "
               f"pemerintah daerah tahun ini. {context_deck.draw()}")
    followup_deck = _Deck(rng, FOLLOWUPS)
    data_deck = _Deck(rng, DATA_SENTENCES)
    middle_pool = [
        lambda: _quote_paragraph(rng, quote_deck.draw(), short, region.city),
        lambda: followup_deck.draw().format(**fill),
        lambda: data_deck.draw().format(**fill) + " " + context_deck.draw(),
    ]
    paragraphs = [lead, context]
    while len(paragraphs) < paragraph_count - 1:
        # Alternate quotes with narration, as wire copy does.
        if len(paragraphs) % 2 == 0:
            paragraphs.append(middle_pool[0]())
        else:
            paragraphs.append(rng.choice(middle_pool[1:])())
    paragraphs.append(rng.choice(CLOSINGS).format(**fill))
    paragraphs = _deduplicate(paragraphs, rng, short, region.city)[:max(paragraph_count, 2)]
    actor = region.government
    headline = f"{actor} {topic.headline}{rng.choice(HEADLINE_SUFFIXES)}"
    if rng.random() < 0.35:
        object_phrase = topic.headline.split(" ", 1)[1]
        headline = f"{object_phrase}, {actor} {rng.choice(HEADLINE_SECOND_CLAUSES)}"
    tags = [region.province, topic.tag, section]
    description = f"{actor} {topic.lead_verb} {topic.activity} di {region.city}."
    caption = f"{title}, {official}, saat {topic.activity} di {region.city}, {day_phrase}."
    return Story(headline=headline, section_slug=section_slug, section=section, region=region,
                 official=official, official_title=title, paragraphs=paragraphs,
                 tags=list(dict.fromkeys(tags)), description=description, image_caption=caption,
                 image_name=slugify(f"{topic.tag} {region.city}"))


def _deduplicate(paragraphs: list[str], rng: random.Random, short: str, city: str) -> list[str]:
    """Replace repeated paragraphs: a real story never says the same thing twice."""
    seen: set[str] = set()
    result: list[str] = []
    for paragraph in paragraphs:
        attempts = 0
        while paragraph in seen and attempts < 8:
            paragraph = _quote_paragraph(rng, rng.choice(QUOTES), short, city) if paragraph.startswith('"') else (
                f"{rng.choice(CONTEXT_SENTENCES)} {rng.choice(CONTEXT_SENTENCES)}")
            attempts += 1
        seen.add(paragraph)
        result.append(paragraph)
    return result


def photo_credit(rng: random.Random, region: Region) -> str:
    if rng.random() < 0.5:
        return f"ist./humas {region.government.lower()}"
    return f"GoNews.co/{rng.choice(PHOTOGRAPHERS)}"
