"""clean_text at the level loaders use it: rules, seed paragraphs, captures."""

from __future__ import annotations

import json
import sys

import lxml.html
import pytest

from conftest import CAPTURES, SEED
from govnews.cleaning import RULES, Cleaned, Fix, clean_text
from govnews.cleaning.text import _NOISE, _REPAIR, WHITESPACE_NOT_SPACE, _clean_noise, _run


# (rule, raw, cleaned): each rule fixes its case and records it under its name.
FIXED = [
    ("html_entity", "&quot;Kami siap,&quot; katanya.", '"Kami siap," katanya.'),
    ("html_entity", "Rp&amp;nbsp;5 juta", "Rp 5 juta"),
    ("mojibake", "dan\u0100\u00a0 mensinkronkan", "dan mensinkronkan"),
    ("mojibake", "â€œKami siap,â€\x9d kata Agus.", "“Kami siap,” kata Agus."),
    ("mojibake", "Rp\u00c2\u00a0182,3 triliun", "Rp 182,3 triliun"),
    ("mojibake", "meningkat 20â€“70 persen", "meningkat 20–70 persen"),
    ("mojibake", "Ã¢â‚¬Å“gandaâ€\x9d", "“ganda”"),
    ("control_char", "akhir\x1a tahun", "akhir tahun"),
    ("zero_width", "pemerin\u200btah daerah", "pemerintah daerah"),
    ("nbsp", "Rp\u00a05 juta", "Rp 5 juta"),
    ("whitespace", "  dua\n\nparagraf\t ", "dua paragraf"),
    ("end_mark", "tutup Sri.***", "tutup Sri."),
    ("end_mark", "apabila terjadi bencana. (***)", "apabila terjadi bencana."),
    ("end_mark", "selesai. **", "selesai."),
    ("share_glyphs", "Pemerintahan wwwwww", "Pemerintahan"),
    ("typo", 'provinsi," imbunya.', 'provinsi," imbuhnya.'),
    ("typo", "Maksud dari penyelenggraan rapat", "Maksud dari penyelenggaraan rapat"),
    ("typo", "akan mendorog percepatan", "akan mendorong percepatan"),
    ("typo", "langkah antisipsi banjir", "langkah antisipasi banjir"),
    ("typo", "membelanjakan anggaraan daerah", "membelanjakan anggaran daerah"),
    ("typo_curated", "bersama kementrian/lembaga terkait", "bersama kementerian/lembaga terkait"),
    ("typo_curated", "memperkuat kordinasi dengan TNI", "memperkuat koordinasi dengan TNI"),
]

# Correct text no rule may touch.
UNTOUCHED = [
    "“Kami memahami prosesnya,” kata Agus – Rabu (14/4/2021).",
    "Kepala Dinas José Ramos-Horta menerima tamu dari Zürich.",
    "Rakortekrenbang, Bappeda, Forkopimda, Pangkep, Sidrap, Jeneberang dan Pompengan.",
    "status siaga darurat bencana hidrometeorologi oleh pemda pada triwulan II",
    "insentif tenaga kesehatan, renja perangkat daerah, secara hibrid online dan offline",
    "pencairannya, membelanjakan, dipertanggungjawabkan, menyampaikan, imbuhnya, mensinkronkan",
    "lihat www.gonews.co atau kirim ke redaksi@gonews.co, kode A5 dan RKPD2022",
    "major project-nya, kabupaten/kota, tahun-tahun sebelumnya, Bili-Bili",
    "nilai *** di tengah teks tetap, begitu juga awwww",
    "Sekda memimpin rapat paripurna DPRD tentang APBD-P.",
]


@pytest.mark.parametrize(("rule", "raw", "cleaned"), FIXED)
def test_rule_fixes_and_records(rule: str, raw: str, cleaned: str) -> None:
    result = clean_text(raw)
    assert result.text == cleaned
    assert rule in {f.rule for f in result.fixes}
    assert {f.rule for f in result.fixes} <= set(RULES)


@pytest.mark.parametrize("text", UNTOUCHED)
def test_correct_text_is_untouched(text: str) -> None:
    result = clean_text(text)
    assert result.text == text
    assert result.fixes == ()


def test_fixes_are_small_fragments_with_offsets() -> None:
    raw = "â€œKami siap,â€\x9d kata Agus dalam rapat koordinasi yang panjang."
    for fix in clean_text(raw).fixes:
        assert len(fix.before) <= 4 and fix.start is not None
        assert raw[fix.start : fix.start + len(fix.before)] == fix.before


def test_api_types_and_warnings() -> None:
    result = clean_text("Rapat membahas renja dan bronjong.")
    assert isinstance(result, Cleaned) and all(isinstance(f, Fix) for f in result.fixes)
    assert result.text == "Rapat membahas renja dan bronjong."
    assert any("bronjong" in w for w in result.warnings)


def test_typos_can_be_switched_off() -> None:
    assert clean_text("penyelenggraan\u00a0 rapat", correct_typos=False).text == "penyelenggraan rapat"


def seed_paragraph(fragment: str) -> str:
    return next(line for line in SEED.read_text("utf-8").splitlines() if fragment in line)


@pytest.mark.parametrize(
    ("fragment", "rule", "before", "after"),
    [
        ("danĀ", "mojibake", "Ā", ""),
        ("penyelenggraan", "typo", "penyelenggraan", "penyelenggaraan"),
        ("imbunya", "typo", "imbunya", "imbuhnya"),
    ],
)
def test_seed_defects(fragment: str, rule: str, before: str, after: str) -> None:
    result = clean_text(seed_paragraph(fragment))
    assert (rule, before, after) in [(f.rule, f.before, f.after) for f in result.fixes]
    assert fragment not in result.text
    assert "Ā" not in result.text and "\u00a0" not in result.text


def test_seed_mensinkronkan_and_end_mark() -> None:
    assert "dan mensinkronkan rencana" in clean_text(seed_paragraph("danĀ")).text
    closing = clean_text(seed_paragraph("tutup Sri.***"))
    assert closing.text.endswith("tutup Sri.")
    assert ("end_mark", "***") in [(f.rule, f.before) for f in closing.fixes]


def capture_paragraphs(name: str) -> list[str]:
    pages = sorted(CAPTURES.glob(f"{name}.html")) + sorted(CAPTURES.glob(f"{name}.page2.html"))
    paragraphs: list[str] = []
    for page in pages:
        doc = lxml.html.fromstring(page.read_bytes().decode("utf-8"))
        for p in doc.cssselect("div.detail-isi > p"):
            if "baca-juga" not in (p.get("class") or ""):
                paragraphs.append(p.text_content())
    return paragraphs


ARTICLES = sorted(p.name.removesuffix(".expected.json") for p in CAPTURES.glob("article-*.expected.json"))


@pytest.mark.parametrize("name", ARTICLES)
def test_captures_fixes_and_tokens(name: str) -> None:
    expected = json.loads((CAPTURES / f"{name}.expected.json").read_text("utf-8"))
    results = [clean_text(p) for p in capture_paragraphs(name)]
    fixes = [f for r in results for f in r.fixes]
    for bad, good in expected["fixes_must_include"]:
        assert any(bad in f.before and (good in f.after or good == f.rule) for f in fixes), (bad, good)
    text = "\n".join(r.text for r in results)
    for token in expected.get("must_keep", []):
        assert token in text, token
    # Page furniture and datelines are the extractor's job, not cleaning's.
    page_level = ("Baca Juga", "ADVERTISEMENT", "Terpopuler", "Halaman:", "Tampilkan Semua")
    for banned in expected["must_not_contain"]:
        if banned not in page_level and not banned.endswith(" -"):
            assert banned not in text, banned
    # Every paragraph equals the ground truth once the dateline is split off.
    bodies = [r.text for r in results]
    assert bodies[1:] == expected["body_paragraphs"][1:]
    assert bodies[0].endswith(expected["body_paragraphs"][0])


def test_whitespace_list_is_pythons() -> None:
    # The noise precheck lists whitespace by hand; it must be exactly what
    # str.isspace() and the regex \s (the space rules) accept, less the space.
    python = "".join(c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c != " ")
    assert WHITESPACE_NOT_SPACE == python


NOISY = [
    "", " ", "  ", "a", " a", "a ", "a  b", "a\tb", "a\nb", "a \n", "a\xa0b", "a\u3000 b", "a\x1cb", "a\x85b",
    "a\u2028b", "a\u200bb", "a\x00b", "a\u206ab", "a\ufffab", "kata Sri.***", "kata Sri. (***) ", "a ** b",
    "nilai *** di tengah tetap", "Pemerintahan wwwwww", "WWWW lihat", "lihat www.gonews.co", "awwww b",
    "x" * 20 + "**", "teks **\n", "dan\u0100\u00a0 mensinkronkan", "Rp&nbsp;5 â€“ 7", "&amp;nbsp; a",
    "sudah bersih", "wwww **", "a\u00adb c  wwww ***",
]


@pytest.mark.parametrize("raw", NOISY)
def test_noise_fast_path_equals_every_rule(raw: str) -> None:
    # clean_text skips rules that cannot change the text: it must give what
    # running every rule in order gives, text, fixes and warnings alike.
    assert _clean_noise(raw) == _run(raw, _REPAIR + _NOISE)
