"""What the HTTP headers of an archived record say, given what Scrapy undid.

Scrapy hands a response on de-chunked and decompressed, with
``Content-Encoding`` removed and ``Content-Length`` still the length on the
wire. A WARC record stores the body as Scrapy has it, so its headers must
not claim an encoding the payload does not have: the wire's framing moves
to ``X-Govnews-Original-*`` headers, and ``Content-Length`` is the payload's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ORIGINAL_PREFIX = "X-Govnews-Original-"
# Headers that describe the bytes on the wire rather than the body kept.
FRAMING_HEADERS = ("content-encoding", "transfer-encoding", "content-length")


@dataclass(frozen=True)
class WireFraming:
    """How the server framed a body, as first received (before any middleware)."""

    content_encoding: str | None = None
    transfer_encoding: str | None = None
    content_length: str | None = None


def decoded_headers(headers: Iterable[tuple[str, str]], wire: WireFraming, body_length: int) -> list[tuple[str, str]]:
    """The headers of a record whose payload is the body Scrapy kept.

    An encoding Scrapy could not undo is still in the payload and stays named.

    >>> wire = WireFraming(content_encoding="gzip", transfer_encoding="chunked", content_length="812")
    >>> decoded_headers([("Content-Type", "text/html"), ("Content-Length", "812"),
    ...                  ("Transfer-Encoding", "chunked")], wire, 2048)  # doctest: +NORMALIZE_WHITESPACE
    [('Content-Type', 'text/html'), ('X-Govnews-Original-Content-Encoding', 'gzip'),
     ('X-Govnews-Original-Transfer-Encoding', 'chunked'), ('X-Govnews-Original-Content-Length', '812'),
     ('Content-Length', '2048')]
    >>> decoded_headers([("Content-Encoding", "zstd-unknown")], WireFraming("zstd-unknown"), 10)
    [('Content-Encoding', 'zstd-unknown'), ('Content-Length', '10')]
    >>> decoded_headers([("Content-Length", "10")], WireFraming(content_length="10"), 10)
    [('Content-Length', '10')]
    """
    kept = [(name, value) for name, value in headers if name.lower() not in FRAMING_HEADERS]
    still_encoded = next((v for n, v in headers if n.lower() == "content-encoding"), None)
    if still_encoded:
        kept.append(("Content-Encoding", still_encoded))
    elif wire.content_encoding:
        kept.append((f"{ORIGINAL_PREFIX}Content-Encoding", wire.content_encoding))
    if wire.transfer_encoding:
        kept.append((f"{ORIGINAL_PREFIX}Transfer-Encoding", wire.transfer_encoding))
    if wire.content_length is not None and wire.content_length.strip() != str(body_length):
        kept.append((f"{ORIGINAL_PREFIX}Content-Length", wire.content_length))
    kept.append(("Content-Length", str(body_length)))
    return kept


def header_pairs(headers: object) -> list[tuple[str, str]]:
    """Scrapy ``Headers`` (bytes, repeated values) as ``(name, value)`` text pairs.

    >>> from scrapy.http.headers import Headers
    >>> header_pairs(Headers({"Set-Cookie": ["a=1", "b=2"], "Content-Type": "text/html"}))
    [('Set-Cookie', 'a=1'), ('Set-Cookie', 'b=2'), ('Content-Type', 'text/html')]
    """
    pairs = []
    for name, values in headers.items():  # type: ignore[attr-defined]
        text = name.decode("latin-1") if isinstance(name, bytes) else str(name)
        for value in values if isinstance(values, list) else [values]:
            pairs.append((text, value.decode("latin-1") if isinstance(value, bytes) else str(value)))
    return pairs


def header_value(headers: Iterable[tuple[str, str]], name: str) -> str | None:
    """The first value of a header, any case.

    >>> header_value([("content-type", "text/html")], "Content-Type")
    'text/html'
    """
    lowered = name.lower()
    return next((value for key, value in headers if key.lower() == lowered), None)
