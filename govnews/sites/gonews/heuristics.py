"""Pure heuristics the page objects use on text they extracted.

Each is a small function over strings, documented by its doctests, so that a
change of behaviour shows up in the tests before it shows up in the data.
"""

from __future__ import annotations

import re

# A dateline is the place name a wire-style story opens with. GoNews writes it
# three ways: "JAKARTA - ", "MAKASSAR, GoNews.co - ", "Pekanbaru (GoNews) – ".
# Mojibake dashes (windows-1252 read of – and —) are accepted so that the
# split does not depend on the text having been repaired first.
_DASH = r"(?:-|–|—|â€“|â€”)"
_MARKER = r"(?:\s*,\s*GoNews(?:\.co)?|\s*\(GoNews(?:\.co)?\))"
_CAPS_PLACE = r"[A-Z][A-Z.'’]*(?:[ /][A-Z][A-Z.'’]*){0,3}"
_TITLE_PLACE = r"[A-Z][a-z.'’]+(?:[ /][A-Z][a-z.'’]+){0,2}"
_DATELINE = re.compile(
    rf"^\s*(?:(?P<caps>{_CAPS_PLACE}){_MARKER}?|(?P<title>{_TITLE_PLACE}){_MARKER})"
    rf"\s*{_DASH}\s+(?P<rest>\S.*)$",
    re.DOTALL,
)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Split the opening place name off a story's first paragraph.

    >>> split_dateline("JAKARTA - Kemendagri menggelar rapat.")
    ('JAKARTA', 'Kemendagri menggelar rapat.')
    >>> split_dateline("MAKASSAR, GoNews.co - Badan Penanggulangan Bencana")
    ('MAKASSAR', 'Badan Penanggulangan Bencana')
    >>> split_dateline("Pekanbaru (GoNews) – Pemprov Riau")
    ('Pekanbaru', 'Pemprov Riau')
    >>> split_dateline("Kemendagri - lembaga negara - menggelar rapat.")
    (None, 'Kemendagri - lembaga negara - menggelar rapat.')
    >>> split_dateline("Dalam laporannya, Sri mengatakan")
    (None, 'Dalam laporannya, Sri mengatakan')
    """
    match = _DATELINE.match(paragraph)
    if not match:
        return None, paragraph
    place = match.group("caps") or match.group("title")
    # Acronym-only openers ("KPK - ...") are institutions, not places, when
    # they are two or three letters; real datelines are city names.
    if match.group("caps") and len(place.replace(" ", "")) <= 3:
        return None, paragraph
    return place.strip(), match.group("rest")


_CREDIT = re.compile(r"^\(?\s*(?:foto|photo|sumber foto)\s*:\s*(?P<credit>.*?)\s*\)?\s*$", re.I)


def parse_photo_credit(text: str) -> str | None:
    """The credit inside a caption's ``(foto: ...)`` span.

    >>> parse_photo_credit("(foto: ist./puspen kemendagri)")
    'ist./puspen kemendagri'
    >>> parse_photo_credit(" (Foto: GoNews.co/Andi Tenri) ")
    'GoNews.co/Andi Tenri'
    >>> parse_photo_credit("Antara") is None
    False
    >>> parse_photo_credit("  ") is None
    True
    """
    text = " ".join(text.split())
    if not text:
        return None
    match = _CREDIT.match(text)
    credit = match.group("credit") if match else text.strip("() ")
    return credit or None


_LABEL = re.compile(r"^\s*(?:editor|sumber|penulis|reporter|kategori)\s*:\s*", re.I)


def strip_label(text: str) -> str:
    """Drop a leading "Editor:"/"Sumber:" label.

    >>> strip_label("Editor:Muhammad Dzulfiqar")
    'Muhammad Dzulfiqar'
    >>> strip_label("Sumber: Puspen Kemendagri")
    'Puspen Kemendagri'
    """
    return _LABEL.sub("", text, count=1)


def is_baca_juga(text: str) -> bool:
    """A "read also" link paragraph, whatever its markup.

    >>> is_baca_juga("Baca Juga: Gempa Magnitudo 6,4 di Nias")
    True
    >>> is_baca_juga("baca juga : x"), is_baca_juga("Membaca juga penting.")
    (True, False)
    """
    return bool(re.match(r"^\s*baca\s+(?:juga|pula)\s*:", text, re.I))
