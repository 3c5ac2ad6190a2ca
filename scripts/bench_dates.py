"""Benchmark govnews' Indonesian date parser against dateparser, same strings.

    .venv/bin/python scripts/bench_dates.py [--repeat 15] [--quiet]

Each case is a string, the reference it is read against (the moment the
listing was observed; absolute dates get it too, where it changes nothing) and
the expected UTC instant. Both parsers see every case in one run:

* govnews: ``parse_datetime(text, reference=...)``.
* dateparser: ``dateparser.parse(text, languages=['id'], settings=...)`` with
  ``RETURN_AS_TIMEZONE_AWARE``, ``TO_TIMEZONE='UTC'`` and ``RELATIVE_BASE`` set
  to the reference as naive WIB wall-clock time, which is what dateparser
  expects; ``TIMEZONE='Asia/Jakarta'`` gives it the same convention ours uses
  for a time without a zone (WIB), so neither is judged on a different rule.
  An answer counts when it is the expected instant, whatever zone it is in.

Timing: every call is timed alone (``perf_counter_ns``) after an untimed
warm-up pass; a string's time is its median over the repetitions; the table
gives the median, fastest and slowest string. The ratio is dateparser's
median over ours. A second line counts impossible inputs each one refused.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govnews.cleaning.dates import WIB, parse_datetime  # noqa: E402

UTC = timezone.utc
NOON_WIB = datetime(2021, 12, 6, 5, 0, tzinfo=UTC)
AFTER_MIDNIGHT_WIB = datetime(2021, 12, 5, 17, 30, tzinfo=UTC)

Case = tuple[str, datetime, str]


def _absolute(*pairs: tuple[str, str]) -> list[Case]:
    return [(text, NOON_WIB, expected) for text, expected in pairs]


CASES: list[Case] = _absolute(
    ("Kamis, 25 Februari 2021 18:20 WIB", "2021-02-25T11:20:00+00:00"),
    ("Rabu, 10 Nopember 2021 15:40 WITA", "2021-11-10T07:40:00+00:00"),
    ("Sabtu, 4 Desember 2021 21:45 WIT", "2021-12-04T12:45:00+00:00"),
    ("Rabu, 1 Desember 2021 06:15 WIB", "2021-11-30T23:15:00+00:00"),
    ("Senin, 1 Maret 2021 00:30 WITA", "2021-02-28T16:30:00+00:00"),
    ("Selasa, 30 Nopember 2021 20:40 WIB", "2021-11-30T13:40:00+00:00"),
    ("Jum'at, 26 Februari 2021 10:00 WIB", "2021-02-26T03:00:00+00:00"),
    ("Ahad, 28 Februari 2021 10:00 WIB", "2021-02-28T03:00:00+00:00"),
    ("25 Februari 2021 18:20 WIB", "2021-02-25T11:20:00+00:00"),
    ("5 Jan 2021 10:00 WIB", "2021-01-05T03:00:00+00:00"),
    ("5 Pebruari 2021 10:00 WIB", "2021-02-05T03:00:00+00:00"),
    ("5 Feb. 2021 10:00 WIB", "2021-02-05T03:00:00+00:00"),
    ("5 Mar 2021 10:00 WIB", "2021-03-05T03:00:00+00:00"),
    ("5 Apr. 2021 10:00 WIB", "2021-04-05T03:00:00+00:00"),
    ("5 Mei 2021 10:00 WIB", "2021-05-05T03:00:00+00:00"),
    ("5 Jun 2021 10:00 WIB", "2021-06-05T03:00:00+00:00"),
    ("5 Jul 2021 10:00 WIB", "2021-07-05T03:00:00+00:00"),
    ("5 Agt 2021 10:00 WIB", "2021-08-05T03:00:00+00:00"),
    ("5 Ags. 2021 10:00 WIB", "2021-08-05T03:00:00+00:00"),
    ("5 Sept. 2021 10:00 WIB", "2021-09-05T03:00:00+00:00"),
    ("5 Okt 2021 10:00 WIB", "2021-10-05T03:00:00+00:00"),
    ("5 Nop 2021 10:00 WIB", "2021-11-05T03:00:00+00:00"),
    ("5 Des 2021 10:00 WIB", "2021-12-05T03:00:00+00:00"),
    ("KAMIS, 25 FEBRUARI 2021 18:20 wib", "2021-02-25T11:20:00+00:00"),
    ("25 Feb 21 18:20 WIB", "2021-02-25T11:20:00+00:00"),
    ("Sabtu, 06/03/2021 10:15 WIB", "2021-03-06T03:15:00+00:00"),
    ("6-3-2021 10:15 WIB", "2021-03-06T03:15:00+00:00"),
    ("25/2/21 18:20", "2021-02-25T11:20:00+00:00"),
    ("12/01/2021 10:00 WIB", "2021-01-12T03:00:00+00:00"),
    ("Kamis, 25 Februari 2021 pukul 18.20 WIB", "2021-02-25T11:20:00+00:00"),
    ("Kamis, 25 Februari 2021, Pkl. 18:20 WIB", "2021-02-25T11:20:00+00:00"),
    ("25 Februari 2021 18:20:45 WIB", "2021-02-25T11:20:45+00:00"),
    ("25 Februari 2021 18:20 +0700", "2021-02-25T11:20:00+00:00"),
    ("25 Februari 2021 18:20 +07:00", "2021-02-25T11:20:00+00:00"),
    ("25 Februari 2021 18:20 GMT+7", "2021-02-25T11:20:00+00:00"),
    ("25 Februari 2021 18:20 UTC+8", "2021-02-25T10:20:00+00:00"),
    ("2021-02-25T18:20:00+07:00", "2021-02-25T11:20:00+00:00"),
    ("2021-02-25T11:20:00Z", "2021-02-25T11:20:00+00:00"),
    ("2021-02-25 18:20:00", "2021-02-25T11:20:00+00:00"),
    ("Kamis, 25 Februari 2021", "2021-02-24T17:00:00+00:00"),
    ("Senin, 8 Maret 2021 09:00 WIB | Diperbarui: Senin, 8 Maret 2021 13:45 WIB", "2021-03-08T02:00:00+00:00"),
) + [
    ("Baru saja", NOON_WIB, "2021-12-06T05:00:00+00:00"),
    ("30 detik yang lalu", NOON_WIB, "2021-12-06T04:59:30+00:00"),
    ("5 menit yang lalu", NOON_WIB, "2021-12-06T04:55:00+00:00"),
    ("5 menit lalu", NOON_WIB, "2021-12-06T04:55:00+00:00"),
    ("semenit yang lalu", NOON_WIB, "2021-12-06T04:59:00+00:00"),
    ("sejam yang lalu", NOON_WIB, "2021-12-06T04:00:00+00:00"),
    ("15 jam yang lalu", NOON_WIB, "2021-12-05T14:00:00+00:00"),
    ("sehari yang lalu", NOON_WIB, "2021-12-05T05:00:00+00:00"),
    ("2 hari yang lalu", NOON_WIB, "2021-12-04T05:00:00+00:00"),
    ("1 minggu yang lalu", NOON_WIB, "2021-11-29T05:00:00+00:00"),
    ("1 bulan yang lalu", NOON_WIB, "2021-11-06T05:00:00+00:00"),
    ("1 tahun yang lalu", NOON_WIB, "2020-12-06T05:00:00+00:00"),
    ("Kemarin 14:30", NOON_WIB, "2021-12-05T07:30:00+00:00"),
    ("Kemarin 14:30", AFTER_MIDNIGHT_WIB, "2021-12-05T07:30:00+00:00"),
    ("Hari ini 08:15", NOON_WIB, "2021-12-06T01:15:00+00:00"),
    ("Hari ini 08:15", AFTER_MIDNIGHT_WIB, "2021-12-06T01:15:00+00:00"),
]

IMPOSSIBLE: list[str] = [
    "31 Februari 2021 10:00 WIB",
    "29 Februari 2021 10:00 WIB",
    "Kamis, 25 Februari 2021 25:61 WIB",
    "31/04/2021 10:00 WIB",
    "Jumat, 25 Februari 2021 18:20 WIB",
]

Parser = Callable[[str, datetime], "datetime | None"]


def ours(text: str, reference: datetime) -> datetime | None:
    try:
        return parse_datetime(text, reference=reference)
    except ValueError:
        return None


def make_dateparser() -> Parser:
    import dateparser

    # Settings are built once per reference, outside the timed call, so that
    # dateparser is not charged for a dictionary we would not build in a crawl.
    settings_for: dict[datetime, dict[str, object]] = {}

    def theirs(text: str, reference: datetime) -> datetime | None:
        settings = settings_for.get(reference)
        if settings is None:
            settings = settings_for[reference] = {
                "RETURN_AS_TIMEZONE_AWARE": True,
                "TO_TIMEZONE": "UTC",
                "TIMEZONE": "Asia/Jakarta",
                "RELATIVE_BASE": reference.astimezone(WIB).replace(tzinfo=None),
            }
        try:
            return dateparser.parse(text, languages=["id"], settings=settings)
        except Exception:  # a crash on an input is a wrong answer, not a stop
            return None

    return theirs


def is_right(got: datetime | None, expected: str) -> bool:
    return got is not None and got.tzinfo is not None and got == datetime.fromisoformat(expected)


def per_string_us(parser: Parser, repeat: int) -> list[float]:
    """Each case's median call time in microseconds over ``repeat`` runs."""
    samples: list[list[int]] = [[] for _ in CASES]
    for _ in range(repeat):
        for i, (text, reference, _expected) in enumerate(CASES):
            start = time.perf_counter_ns()
            parser(text, reference)
            samples[i].append(time.perf_counter_ns() - start)
    return [statistics.median(s) / 1000 for s in samples]


def run(repeat: int, quiet: bool) -> int:
    parsers: dict[str, Parser] = {"govnews": ours, "dateparser": make_dateparser()}
    rows: list[tuple[str, int, float, float, float]] = []
    misses: dict[str, list[str]] = {}
    refused: dict[str, int] = {}
    for name, parser in parsers.items():
        answers = [parser(text, reference) for text, reference, _ in CASES]  # also the warm-up
        misses[name] = [
            f"{text!r} @ {reference.isoformat()}: got {got.isoformat() if got else None}, want {expected}"
            for (text, reference, expected), got in zip(CASES, answers)
            if not is_right(got, expected)
        ]
        refused[name] = sum(parser(text, NOON_WIB) is None for text in IMPOSSIBLE)
        times = per_string_us(parser, repeat)
        rows.append((name, len(CASES) - len(misses[name]), statistics.median(times), min(times), max(times)))

    print(f"{len(CASES)} cases, {repeat} repetitions, times in µs per string (median over repetitions)\n")
    print("| parser | correct | accuracy | median µs | min µs | max µs |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, correct, median, low, high in rows:
        print(f"| {name} | {correct}/{len(CASES)} | {correct / len(CASES):.1%} | {median:.1f} | {low:.1f} | {high:.1f} |")
    ratio = rows[1][2] / rows[0][2]
    print(f"\nspeed ratio (dateparser median / govnews median): {ratio:.0f}x")
    print("impossible inputs refused: " + ", ".join(f"{n} {refused[n]}/{len(IMPOSSIBLE)}" for n in parsers))
    if not quiet:
        for name, wrong in misses.items():
            for line in wrong:
                print(f"  {name} wrong: {line}")
    return 0 if not misses["govnews"] and ratio >= 20 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="timed runs over every case (default 15)")
    parser.add_argument("--quiet", action="store_true", help="do not list the wrong answers")
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return run(args.repeat, args.quiet)


if __name__ == "__main__":
    raise SystemExit(main())
