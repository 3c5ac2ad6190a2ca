"""The evaluation script, on a tiny corpus this test writes itself."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

import eval_extraction as ev

WIB = timezone(timedelta(hours=7))
PARAGRAPHS = [
    "Semarang - Jembatan baru di atas Kali Garang diresmikan wali kota pada Kamis pagi, disaksikan ratusan warga.",
    "Jembatan sepanjang 120 meter itu dibangun selama delapan bulan dengan anggaran daerah sebesar Rp 45 miliar.",
    "Wali kota berharap jembatan tersebut mengurangi kemacetan di jalur utama menuju pusat kota setiap harinya.",
]
PAGE = """<html lang="id"><head><meta charset="utf-8"><title>Jembatan Baru Diresmikan - Kabarkita</title>
<meta property="og:title" content="Jembatan Baru Diresmikan"><meta property="og:type" content="article">
<meta name="pubdate" content="2021-06-03T10-15-42Z"></head><body>
<nav><a href="/">Beranda</a> <a href="/regional">Regional</a></nav>
<article><h1>Jembatan Baru Diresmikan</h1><div class="date">Kamis, 3 Juni 2021 10:15 WIB</div>
<div class="content">{paragraphs}
<div class="baca-juga">Baca juga: <a href="/b/2">Warga Keluhkan Jalan Berlubang di Pusat Kota</a></div>
<p>(sar/ags)</p></div></article>
<footer>Copyright © 2021 Kabarkita. All rights reserved.</footer></body></html>"""


def truth(page_id: str, **changes: object) -> dict:
    entry = {
        "id": page_id, "site": "kabarkita.example", "language": "id", "html_file": f"pages/{page_id}.html",
        "url": f"https://kabarkita.example/berita/{page_id}", "headline": "Jembatan Baru Diresmikan",
        "date_published_raw": "Kamis, 3 Juni 2021 10:15 WIB", "date_published": "2021-06-03T10:15:00+07:00",
        "date_local": "2021-06-03T10:15", "date_day": "2021-06-03", "dateline": "Semarang -",
        "body_first": PARAGRAPHS[0][:80], "body_last": PARAGRAPHS[-1][-80:], "body_trailer": "(sar/ags)",
        "body_paragraphs": PARAGRAPHS, "must_not_contain": ["Baca juga", "Copyright ©"],
    }  # fmt: skip
    return {**entry, **changes}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "pages").mkdir()
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    (tmp_path / "pages" / "a.html").write_text(PAGE.format(paragraphs=body), encoding="utf-8")
    (tmp_path / "pages" / "b.html").write_text(PAGE.format(paragraphs=body), encoding="utf-8")
    index = [truth("a"), truth("b", headline="Judul Lain", date_day="2021-06-04")]
    (tmp_path / "index.json").write_text(json.dumps(index), encoding="utf-8")
    return tmp_path


def pred(**changes: object) -> ev.Prediction:
    base = dict(headline="Jembatan Baru Diresmikan", day=date(2021, 6, 3),
                instant=datetime(2021, 6, 3, 10, 15, 42, tzinfo=WIB), dateline="Semarang",
                paragraphs=[PARAGRAPHS[0].removeprefix("Semarang - "), *PARAGRAPHS[1:]], trailer="(sar/ags)")  # fmt: skip
    return ev.Prediction(**{**base, **changes})  # type: ignore[arg-type]


def test_a_perfect_prediction_with_the_dateline_split_off() -> None:
    scores, why = ev.score_page(pred(), truth("a"))
    assert scores == dict.fromkeys(ev.METRICS, True)
    assert why == {}


def test_dateline_kept_in_the_text_and_trailer_left_at_the_end_also_score() -> None:
    scores, _ = ev.score_page(pred(dateline=None, paragraphs=[*PARAGRAPHS[:-1], PARAGRAPHS[-1] + " (sar/ags)"]),
                              truth("a"))  # fmt: skip
    assert scores == dict.fromkeys(ev.METRICS, True)


def test_each_metric_fails_for_its_own_reason() -> None:
    scores, why = ev.score_page(
        pred(headline="Jembatan Baru Diresmikan - Kabarkita", day=date(2021, 6, 4),
             instant=datetime(2021, 6, 3, 10, 16, tzinfo=WIB), dateline="Semarang, Jateng",
             paragraphs=["Baca juga: x", *PARAGRAPHS[1:], "Copyright © 2021 Kabarkita."]),
        truth("a"),
    )  # fmt: skip
    assert scores == dict.fromkeys(ev.METRICS, False)
    assert why["headline"] == "got 'Jembatan Baru Diresmikan - Kabarkita'"
    assert why["boilerplate"] == "contains ['Baca juga', 'Copyright ©']"
    assert why["paragraphs"].startswith("4 vs 3; first difference at 0")


def test_instant_is_compared_to_the_printed_precision_and_only_where_the_zone_is_printed() -> None:
    exact = truth("a", date_published_raw=None, date_published="2021-06-03T10:15:42+07:00")
    assert ev.score_page(pred(), exact)[0]["instant"] is True
    assert ev.score_page(pred(instant=datetime(2021, 6, 3, 10, 15, tzinfo=WIB)), exact)[0]["instant"] is False
    assert ev.score_page(pred(), truth("a", date_published=None))[0]["instant"] is None


def test_normalisation_drops_format_characters_and_odd_spaces() -> None:
    spaced = pred(headline="Jembatan\u00a0Baru\u200e Diresmikan ", paragraphs=[p.replace(" ", "\u2009") for p in pred().paragraphs])
    assert ev.score_page(spaced, truth("a"))[0]["paragraphs"] is True


def test_script_prints_one_table_and_fails_under_a_floor(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_json = corpus / "result.json"
    assert ev.main(["--corpus", str(corpus), "--json", str(out_json), "--verbose",
                    "--floors", "headline=1,day=1,body_start=2,boilerplate=2"]) == 0  # fmt: skip
    printed = capsys.readouterr().out
    assert "metric           govnews   trafilatura" in printed
    assert "headline             1/2" in printed
    assert "instant              2/2" in printed
    assert "body_start           2/2" in printed
    assert "govnews      b              headline     got 'Jembatan Baru Diresmikan'" in printed
    assert "ms per page" in printed
    report = json.loads(out_json.read_text(encoding="utf-8"))
    assert report["totals"]["govnews"]["paragraphs"] == [2, 2]
    assert ev.main(["--corpus", str(corpus), "--no-trafilatura", "--floors", "headline=2"]) == 1
    assert "FLOOR NOT MET: headline: 1/2 is under the floor of 2" in capsys.readouterr().err


def test_bad_floor_is_a_usage_error(corpus: Path) -> None:
    with pytest.raises(SystemExit) as exited:
        ev.main(["--corpus", str(corpus), "--floors", "speed=3"])
    assert exited.value.code == 2
