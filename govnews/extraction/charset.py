"""Bytes of a page to text, when the charset a page declares can be wrong.

Pages in the wild declare ``iso-8859-1`` and are UTF-8, or declare nothing.
UTF-8 is self-checking: text in a single-byte charset that decodes as strict
UTF-8 by accident is vanishingly rare once it holds any non-ASCII byte, so a
strict UTF-8 decode that succeeds wins over any declaration. Only when it
fails is the declared charset (HTTP header, then ``<meta>``) believed, and
cp1252 is the last resort (a superset of iso-8859-1 as browsers read it).
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Decoded", "declared_charset", "decode_html"]

_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*(?P<name>[A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# Browsers read these labels as windows-1252 (WHATWG Encoding Standard).
_AS_CP1252 = {"latin1", "latin-1", "iso-8859-1", "iso8859-1", "iso_8859-1", "us-ascii", "ascii", "l1"}


@dataclass(frozen=True)
class Decoded:
    """The text, the codec that produced it, and why (``warnings``)."""

    text: str
    encoding: str
    warnings: list[str]


def declared_charset(html: bytes, header: str | None = None) -> str | None:
    """The charset named by the HTTP header, else the first ``<meta>`` in the first 4 KB.

    >>> declared_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">')
    'iso-8859-1'
    >>> declared_charset(b'<meta charset="utf-8">', header="windows-1252")
    'windows-1252'
    """
    if header and header.strip():
        return header.strip().lower()
    m = _META_CHARSET.search(html[:4096])
    return m["name"].decode("ascii").lower() if m else None


def _codec(label: str | None) -> str | None:
    if not label:
        return None
    if label in _AS_CP1252:
        return "cp1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(html: bytes | str, declared: str | None = None) -> Decoded:
    """Decode a page: strict UTF-8 first, else the declared charset, else cp1252.

    >>> page = '<meta charset="iso-8859-1"><p>Rp 5 juta · café</p>'.encode("utf-8")
    >>> d = decode_html(page)
    >>> d.text[-17:], d.encoding, d.warnings
    ('5 juta · café</p>', 'utf-8', ["declared charset 'iso-8859-1' is wrong: the page is UTF-8"])
    >>> decode_html('<p>caf\\xe9</p>'.encode("cp1252"), declared="iso-8859-1").encoding
    'cp1252'
    """
    if isinstance(html, str):
        return Decoded(html, "str", [])
    label = declared_charset(html, declared)
    codec = _codec(label)
    warnings: list[str] = []
    if label and codec is None:
        warnings.append(f"declared charset {label!r} is unknown")
    body = html[3:] if html.startswith(codecs.BOM_UTF8) else html
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if codec not in (None, "utf-8") and not body.isascii():
            warnings.append(f"declared charset {label!r} is wrong: the page is UTF-8")
        return Decoded(text, "utf-8", warnings)
    if codec is not None and codec != "utf-8":
        try:
            return Decoded(body.decode(codec), codec, warnings)
        except UnicodeDecodeError:
            warnings.append(f"the page does not decode as its declared charset {label!r}")
    elif codec == "utf-8":
        warnings.append("the page declares UTF-8 but is not; read as cp1252")
    # cp1252 leaves five bytes undefined; replacing them keeps every other character.
    return Decoded(body.decode("cp1252", errors="replace"), "cp1252", warnings)
