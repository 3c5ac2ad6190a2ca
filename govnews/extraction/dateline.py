"""Datelines and sign-offs of Indonesian (and English-language) news stories.

A dateline is the place/agency prefix a story opens with, ended by a dash:
``JAKARTA, KOMPAS.com -``, ``Yogyakarta -``, ``Jakarta (ANTARA) -``,
``Liputan6.com, Jakarta -``, ``Suara.com -``. A trailer (sign-off) is the
reporter's or editor's initials after the last sentence: ``(bgs/rul)``,
``(ant)``, ``(*)``. Both are kept out of the body text, each in a field of its
own, so that the paragraphs are what the reader reads as the story.
"""

from __future__ import annotations

import re

# Mojibake dashes (a windows-1252 read of – and —) are accepted so that the
# split does not depend on the text having been repaired first.
_DASH = r"(?:--?|–|—|â€“|â€”|â€\"|â\x80\x93|â\x80\x94)"
_CAPS_WORD = r"[A-Z][A-Z.'’]*"
_TITLE_WORD = r"[A-Z][a-z.'’]+"
# A place is one to three words, all capitals or all title case, with an
# optional ", Region" ("Mataram, NTB").
_PLACE_WORDS = rf"(?:{_CAPS_WORD}(?:[ /]{_CAPS_WORD}){{0,2}}|{_TITLE_WORD}(?:[ /]{_TITLE_WORD}){{0,2}})"
_PLACE = rf"{_PLACE_WORDS}(?:,\s*{_PLACE_WORDS})?"
# An agency: a site name with a domain ("Suara.com", "TEMPO.CO",
# "REPUBLIKA.CO.ID", "GoNews.co") or a word in brackets ("(ANTARA News)").
_DOMAIN_AGENCY = r"[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z]{2,4}){1,2}"
_AGENCY_WORD = r"[A-Za-z][A-Za-z0-9.]*(?: [A-Z][A-Za-z.]*){0,2}"

_PATTERNS = [
    # "Liputan6.com, Jakarta -", "TEMPO.CO, Jakarta -", "TRIBUNNEWS.COM, JAKARTA -"
    re.compile(rf"^(?P<dl>{_DOMAIN_AGENCY},\s*{_PLACE})\s*{_DASH}\s*(?P<rest>\S.*)$", re.S),
    # "JAKARTA, KOMPAS.com -", "MAKASSAR, GoNews.co -", "Jakarta (ANTARA) -"
    re.compile(
        rf"^(?P<dl>{_PLACE}(?:,\s*{_DOMAIN_AGENCY}|\s*\({_AGENCY_WORD}\)))\s*{_DASH}\s*(?P<rest>\S.*)$",
        re.S,
    ),
    # "Suara.com -"
    re.compile(rf"^(?P<dl>{_DOMAIN_AGENCY})\s*{_DASH}\s*(?P<rest>\S.*)$", re.S),
    # "Yogyakarta -", "JAKARTA -", "Mataram, NTB -", "JAMBI, KABARNUSA -"
    re.compile(rf"^(?P<dl>{_PLACE})\s*{_DASH}\s+(?P<rest>\S.*)$", re.S),
]
_BARE = 3  # index of the bare-place pattern, the only one that can be an institution


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Split the dateline (without its dash) off a story's first paragraph.

    >>> split_dateline("JAKARTA, KOMPAS.com - Presiden meresmikan jalan.")
    ('JAKARTA, KOMPAS.com', 'Presiden meresmikan jalan.')
    >>> split_dateline("Jakarta (ANTARA) - Harga cabai naik.")
    ('Jakarta (ANTARA)', 'Harga cabai naik.')
    >>> split_dateline("Kupang, NTT (ANTARA News) – Hujan turun.")
    ('Kupang, NTT (ANTARA News)', 'Hujan turun.')
    >>> split_dateline("Kabarwarga.com, Bogor - Warga antre.")
    ('Kabarwarga.com, Bogor', 'Warga antre.')
    >>> split_dateline("KORANKITA.CO.ID, MEDAN -- Banjir surut.")
    ('KORANKITA.CO.ID, MEDAN', 'Banjir surut.')
    >>> split_dateline("Beritaku.com - Polisi menangkap pencuri.")
    ('Beritaku.com', 'Polisi menangkap pencuri.')
    >>> split_dateline("Pekanbaru (GoNews) – Pemprov Riau")
    ('Pekanbaru (GoNews)', 'Pemprov Riau')
    >>> split_dateline("Sleman - Warga bergotong royong.")
    ('Sleman', 'Warga bergotong royong.')
    >>> split_dateline("MATARAM, LOMBOKPOS - Harga beras turun.")
    ('MATARAM, LOMBOKPOS', 'Harga beras turun.')
    >>> split_dateline("KPK - lembaga antirasuah - memeriksa saksi.")
    (None, 'KPK - lembaga antirasuah - memeriksa saksi.')
    >>> split_dateline("Dalam laporannya, Sri mengatakan")
    (None, 'Dalam laporannya, Sri mengatakan')
    """
    text = paragraph.lstrip()
    for number, pattern in enumerate(_PATTERNS):
        match = pattern.match(text)
        if not match:
            continue
        dateline = match.group("dl").strip()
        # Two- or three-letter capitals ("KPK - ...") are institutions, not
        # places; real datelines are city names.
        if number == _BARE and _is_aside(dateline, match.group("rest")):
            return None, paragraph
        return dateline, match.group("rest")
    return None, paragraph


_ASIDE_CLOSE = re.compile(rf"^.{{1,60}}?\s{_DASH}\s")


def _is_aside(opener: str, rest: str) -> bool:
    """Whether "Opener - rest" is a sentence with a dash, not a dateline.

    Two- or three-letter capitals ("KPK - ...") are institutions, not places;
    a lower-case continuation or a second dash soon after ("Kemendagri -
    lembaga negara - menggelar") makes the first dash an aside's.
    """
    if opener.isupper() and len(opener.replace(" ", "")) <= 3:
        return True
    return rest[:1].islower() or bool(_ASIDE_CLOSE.match(rest))


_DASHLESS = re.compile(rf"^(?P<dl>{_DOMAIN_AGENCY},\s*{_PLACE_WORDS})$")


def is_dashless_dateline(text: str) -> bool:
    """A bold run such as ``Kabarku.com, Bogor`` that opens a story with no dash.

    Only the agency-and-place form counts: a bare bold place could be the
    first words of the story.

    >>> is_dashless_dateline("Kabarku.com, Bogor"), is_dashless_dateline("Bogor")
    (True, False)
    """
    return bool(_DASHLESS.match(text.strip()))


# Initials, optionally slash-separated ("bgs/rul"), "*", or a short name
# ("Ani Rahma"): never digits, so "(16/6/2015)" stays in the sentence.
_TRAILER = re.compile(
    r"\s*\((?P<t>\*|[A-Za-z]{2,5}(?:/[A-Za-z]{2,5}){0,3}|[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,3})\)\s*$"
)
_CAPS_SIGNOFF = re.compile(r"^[A-Z][A-Z.'’]*(?: [A-Z][A-Z.'’]*){0,3}$")


def split_trailer(paragraph: str, *, own_paragraph: bool = False) -> tuple[str, str | None]:
    """Split a sign-off off the end of the last paragraph.

    ``own_paragraph`` says the text is a paragraph of its own after the body,
    where a bare capitalised name (``ANI RAHMA``, ``ANTARA``) is a sign-off too.

    >>> split_trailer("Rapat ditunda hingga pekan depan. (bgs/rul)")
    ('Rapat ditunda hingga pekan depan.', '(bgs/rul)')
    >>> split_trailer("(ant)")
    ('', '(ant)')
    >>> split_trailer("Demikian keterangannya. (*)")
    ('Demikian keterangannya.', '(*)')
    >>> split_trailer("Kejadian pada Senin (16/6/2015)")
    ('Kejadian pada Senin (16/6/2015)', None)
    >>> split_trailer("Ia tiba di Jakarta. (Ani Rahma)")
    ('Ia tiba di Jakarta.', '(Ani Rahma)')
    >>> split_trailer("ANI RAHMA", own_paragraph=True)
    ('', 'ANI RAHMA')
    >>> split_trailer("ANI RAHMA")
    ('ANI RAHMA', None)
    """
    match = _TRAILER.search(paragraph)
    if match:
        before = paragraph[: match.start()].rstrip()
        # "(dmr)" after a sentence, never the tail of an unfinished one.
        if not before or before[-1] in ".!?\"'”’)":
            return before, match.group(0).strip()
    if own_paragraph and _CAPS_SIGNOFF.match(paragraph.strip()):
        return "", paragraph.strip()
    return paragraph, None


_AGENCY_AFTER = re.compile(rf"(?:,\s*{_DOMAIN_AGENCY}|\s*\({_AGENCY_WORD}\))$")
_AGENCY_BEFORE = re.compile(rf"^{_DOMAIN_AGENCY},\s*")


def place_of(dateline: str) -> str | None:
    """The place of a dateline without its agency (``None`` for an agency alone).

    >>> place_of("MAKASSAR, GoNews.co"), place_of("Kupang, NTT (ANTARA News)")
    ('MAKASSAR', 'Kupang, NTT')
    >>> place_of("Kabarku.com, Bogor"), place_of("Beritaku.com"), place_of("Sleman")
    ('Bogor', None, 'Sleman')
    """
    place = _AGENCY_BEFORE.sub("", _AGENCY_AFTER.sub("", dateline.strip()))
    if place == dateline.strip() and re.fullmatch(_DOMAIN_AGENCY, place):
        return None
    return place or None
