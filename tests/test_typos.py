"""Typo rule: morphology, guards, context and the corpus-frequency guard."""

from __future__ import annotations

import pytest

from govnews.cleaning.lexicon import lexicon
from govnews.cleaning.typos import _CURATED_WORD, CURATED, CorpusFrequency, correct_typos


@pytest.mark.parametrize(
    "word",
    ["imbuhnya", "dipertanggungjawabkan", "menyampaikan", "penyelenggaraan", "pencairannya",
     "membelanjakan", "mensinkronkan", "memperkuat", "diperbarui", "keberhasilan", "pengawasan",
     "menulis", "memakai", "mengawal", "berencana", "pelajar", "tuturnya", "ujarnya"],
)
def test_affixed_words_are_words(word: str) -> None:
    assert lexicon().is_word(word)


@pytest.mark.parametrize("word", ["mebahas", "menatasi", "imbunya", "penyelenggraan", "mendorog"])
def test_wrong_forms_are_not_words(word: str) -> None:
    assert not lexicon().is_word(word)


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ('hadir," imbunya.', "imbunya", "imbuhnya"),
        ('sebelumnya," tuturya.', "tuturya", "tuturnya"),
        ("pelaksanaan kordinasi", "kordinasi", "koordinasi"),
        ("Kementrian Dalam Negeri", "Kementrian", "Kementerian"),
        ("penyalurann bantuan", "penyalurann", "penyaluran"),
        ("kesehatn masyarakat", "kesehatn", "kesehatan"),
        ("kesejahtran warga", "kesejahtran", "kesejahteraan"),  # two edits, long word
        ("air brsih", "brsih", "bersih"),
        ("belanja «anggaraan…»", "anggaraan", "anggaran"),  # punctuation is not part of a word  # five letters, one listed neighbour
    ],
)
def test_corrections(text: str, before: str, after: str) -> None:
    result = correct_typos(text)
    assert [(f.before, f.after) for f in result.fixes] == [(before, after)]
    assert after in result.text


@pytest.mark.parametrize(
    "text",
    [
        "Kordinator Wilayah",  # capitalised words other than curated spellings are names
        "Penyelenggraan",  # capitalised: never corrected by the edit rule
        "BAPPEDA dan SKPD",  # acronyms
        "kode abc123 dan 2021an",  # digits
        "https://www.gonews.co/berita dan humas@pemda.go.id",  # URLs and e-mail
        "software dan stakeholder",  # English
        "renja dan hibrid",  # short or lexicon-unknown words without strong evidence
        "kouta, biswa, daeah",  # five letters, several listed neighbours (kota/kuota, darah/daerah)
        "pemilahan sampah dan paparnya",  # affixed forms the lexicon does not list
        "hidrometeorologi dan kegawatdaruratan",  # long unknown words with no candidate
    ],
)
def test_guards(text: str) -> None:
    assert correct_typos(text).fixes == ()


def test_unknown_word_warns_instead_of_changing() -> None:
    result = correct_typos("pemasangan bronjong di tebing")
    assert result.fixes == ()
    assert any("bronjong" in w for w in result.warnings)


def test_corpus_common_words_are_left_alone() -> None:
    corpus = CorpusFrequency(min_documents=3)
    for _ in range(3):
        corpus.observe("warga menyebut tradisi mappalili setiap tahun, mendorog")
    assert corpus.is_common("mendorog")
    assert correct_typos("akan mendorog", corpus=corpus).fixes == ()
    assert correct_typos("akan mendorog").text == "akan mendorong"


def test_attribution_context_decides() -> None:
    # Without the quote, "imbunya" has a frequent rival (ibunya) and stays.
    assert correct_typos("imbunya").fixes == ()
    assert correct_typos('hadir," imbunya').text == 'hadir," imbuhnya'


def test_curated_list_is_small_and_never_maps_a_word_to_itself() -> None:
    assert 0 < len(CURATED) <= 60
    assert all(wrong != right for wrong, right in CURATED.items())
    assert all(lexicon().is_listed(right) or right == "kuitansi" for right in CURATED.values())


def test_curated_words_are_lowercase_letters() -> None:
    # correct_typos gates the curated regex on whole ASCII-letter runs.
    assert all(wrong.isascii() and wrong.isalpha() and wrong.islower() for wrong in CURATED)


@pytest.mark.parametrize(
    "text",
    ["Kementrian Dalam Negeri", "rapat kordinasi", "KORDINASI", "kordinasinya", "x-kordinasi,", "ijin_usaha", "ijin2"],
)
def test_curated_gate_keeps_every_match(text: str) -> None:
    expected = [(m.group(), m.start()) for m in _CURATED_WORD.finditer(text)]
    found = [(f.before, f.start) for f in correct_typos(text).fixes if f.rule == "typo_curated"]
    assert found == expected
