"""Datelines and sign-offs in every form Indonesian news prints them."""

from __future__ import annotations

import pytest

from govnews.extraction.dateline import is_dashless_dateline, place_of, split_dateline, split_trailer
from govnews.sites.gonews import heuristics


@pytest.mark.parametrize(
    ("paragraph", "dateline", "rest"),
    [
        ("JAKARTA, KOMPAS.com - Pemerintah menaikkan tarif.", "JAKARTA, KOMPAS.com", "Pemerintah menaikkan tarif."),
        ("Yogyakarta - Hujan deras mengguyur kota.", "Yogyakarta", "Hujan deras mengguyur kota."),
        ("Jakarta (ANTARA) - Rupiah menguat pagi ini.", "Jakarta (ANTARA)", "Rupiah menguat pagi ini."),
        ("Liputan6.com, Jakarta - Harga emas turun.", "Liputan6.com, Jakarta", "Harga emas turun."),
        ("TEMPO.CO, Jakarta - Komisi memanggil menteri.", "TEMPO.CO, Jakarta", "Komisi memanggil menteri."),
        ("Suara.com - Warga memadati alun-alun.", "Suara.com", "Warga memadati alun-alun."),
        ("MAKASSAR, GoNews.co - Banjir merendam sawah.", "MAKASSAR, GoNews.co", "Banjir merendam sawah."),
        ("Pekanbaru (GoNews) – Asap menyelimuti kota.", "Pekanbaru (GoNews)", "Asap menyelimuti kota."),
        ("Palu, Sulteng (ANTARA News) — Gempa terasa.", "Palu, Sulteng (ANTARA News)", "Gempa terasa."),
        ("KABARKITA.CO.ID, SURABAYA -- Pasar ramai.", "KABARKITA.CO.ID, SURABAYA", "Pasar ramai."),
        ("Denpasar â€“ Turis berdatangan.", "Denpasar", "Turis berdatangan."),
        ("BANDA ACEH â€” Nelayan melaut.", "BANDA ACEH", "Nelayan melaut."),
        ("Bogor -Jalan ditutup.", None, "Bogor -Jalan ditutup."),
    ],
)
def test_split_dateline_forms(paragraph: str, dateline: str | None, rest: str) -> None:
    assert split_dateline(paragraph) == (dateline, rest)


@pytest.mark.parametrize(
    "paragraph",
    [
        "KPK - lembaga antirasuah - memeriksa tiga saksi.",
        "DPR - sebagaimana diketahui - menunda rapat.",
        "Menurut dia - dan juga warga - jalan itu rusak.",
        "Pada 2020 - 2021 harga naik.",
        "",
    ],
)
def test_split_dateline_leaves_other_openers(paragraph: str) -> None:
    assert split_dateline(paragraph) == (None, paragraph)


@pytest.mark.parametrize(
    "paragraph",
    [
        "JAKARTA - Kemendagri menggelar rapat.",
        "MAKASSAR, GoNews.co - Badan Penanggulangan Bencana",
        "Pekanbaru (GoNews) – Pemprov Riau",
        "Kemendagri - lembaga negara - menggelar rapat.",
        "Dalam laporannya, Sri mengatakan",
    ],
)
def test_same_split_as_the_gonews_heuristic(paragraph: str) -> None:
    """The general split gives GoNews's answers: the same rest, and the same
    place once the agency is taken off the printed dateline."""
    place, rest = heuristics.split_dateline(paragraph)
    dateline, general_rest = split_dateline(paragraph)
    assert general_rest == rest
    assert (place_of(dateline) if dateline else None) == place


def test_dashless_dateline_needs_an_agency() -> None:
    assert is_dashless_dateline("Kabarku.com, Bogor")
    assert not is_dashless_dateline("Bogor")
    assert not is_dashless_dateline("Kabarku.com, Bogor - Warga")


@pytest.mark.parametrize(
    ("paragraph", "own", "expected"),
    [
        ("Rapat selesai sore itu. (bgs/rul)", False, ("Rapat selesai sore itu.", "(bgs/rul)")),
        ("Rapat selesai sore itu.(ant)", False, ("Rapat selesai sore itu.", "(ant)")),
        ("(rhs)", True, ("", "(rhs)")),
        ("(*)", False, ("", "(*)")),
        ('"Kami siap," katanya. (Ani Rahma)', False, ('"Kami siap," katanya.', "(Ani Rahma)")),
        ("BUDI SANTOSO", True, ("", "BUDI SANTOSO")),
        ("BUDI SANTOSO", False, ("BUDI SANTOSO", None)),
        ("Sidang digelar Senin (3/2/2020)", False, ("Sidang digelar Senin (3/2/2020)", None)),
        ("Ketua partai (PDIP)", False, ("Ketua partai (PDIP)", None)),
    ],
)
def test_split_trailer(paragraph: str, own: bool, expected: tuple[str, str | None]) -> None:
    assert split_trailer(paragraph, own_paragraph=own) == expected
