"""The stamp finder's faster patterns: the same answers as the patterns they replace."""

from __future__ import annotations

import re

from govnews.extraction.stamps import _QUICK


def test_quick_date_test_is_the_time_or_year_pattern() -> None:
    reference = re.compile(r"\d{1,2}[:.]\d{2}|(?:19|20)\d{2}", re.ASCII)
    texts = ["09.30", "9:05", "pukul 1.2", "tahun 1998", "2021", "2100", "1899", "20", "3/4", "Rp 10.000",
             "12:3", "nomor 192", "x1920y", "2:00 WIB", "", "tanpa angka", "0.99"]
    assert [bool(_QUICK.search(t)) for t in texts] == [bool(reference.search(t)) for t in texts]
    assert [t for t in texts if _QUICK.search(t)] == [
        "09.30", "9:05", "tahun 1998", "2021", "Rp 10.000", "x1920y", "2:00 WIB", "0.99",
    ]


_OLD_STAMP = re.compile(
    r"""(?:(?<![\w])(?:(?i:senin|selasa|rabu|kamis|jum['’`]?at|sabtu|minggu|ahad|monday|tuesday|wednesday|thursday|friday
    |saturday|sunday|mon|tues?|wed|thu(?:rs)?|fri|sat|sun))\.?,?\s+)?
    (?:\d{1,2}(?:\s+|\s*-\s*)[A-Za-z]{3,9}\.?,?(?:\s+|\s*-\s*)\d{4}
     | \d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})
     | [A-Za-z]{3,9}\.?\s+\d{1,2},?\s+\d{4}
     | \d{4}-\d{2}-\d{2})(?!\d)
    (?:\s*[,|–—-]?\s*(?:(?:pukul|pkl\.?|jam|at)\s*)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?!\d)
       (?:\s*[AaPp]\.?[Mm]\.?(?!\w))?
       (?:\s*(?:(?i:WITA|WIB|WIT)|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|UTC|GMT)(?!\w))?)?""",
    re.VERBOSE,
)


def test_stamp_pattern_matches_what_it_matched_before_its_lookaheads() -> None:
    from govnews.extraction.stamps import _STAMP

    texts = [
        "Senin, 1 Maret 2021 09:30 WIB", "Jum'at 12 Des 2022 pukul 13.19 WITA", "March 3, 2021 at 10:00 AM GMT+7",
        "2021-03-01 10:00:00+07:00", "Kejadian Senin (1/3/2021) pagi", "xxMaret 1, 2021", "Rabu,02-03-2021",
        "Diperbarui Selasa, 02 Mar 2021 | 09:58 WIB", "ſenin, 1 Maret 2021", "Kamis 2 September 2021",
        "Pebruariku 3 2021", "_Senin 1 Maret 2021", "tanggal 2021-13-45", "12 Sept. 2021, 7.05 PM", "",
    ]
    spans = [[(m.start(), m.end()) for m in _STAMP.finditer(t)] for t in texts]
    assert spans == [[(m.start(), m.end()) for m in _OLD_STAMP.finditer(t)] for t in texts]
    assert [t[a:b] for t, found in zip(texts, spans) for a, b in found][:4] == [
        "Senin, 1 Maret 2021 09:30 WIB", "Jum'at 12 Des 2022 pukul 13.19 WITA", "March 3, 2021 at 10:00 AM GMT+7",
        "2021-03-01 10:00:00+07:00",
    ]
