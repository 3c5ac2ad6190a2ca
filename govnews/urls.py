"""URL canonicalisation: one article, one key, whatever link led to it.

Listings, share buttons and other sites link the same article in many
spellings (tracking parameters, fragments, ``?page=2`` of a split article,
http or https, a trailing slash, host case). The incremental state and the
request dupe filter key articles by ``article_key`` so that none of these
spellings yields a second download or a second row.
"""

from __future__ import annotations

from functools import cache
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from publicsuffixlist import PublicSuffixList

# Parameters that say who sent the reader, never which page they get.
_TRACKING_PREFIXES = ("utm_",)
_TRACKING_NAMES = frozenset(
    {"fbclid", "gclid", "dclid", "gclsrc", "msclkid", "yclid", "mc_cid", "mc_eid", "igshid",
     "_ga", "ref_src", "amp"}
)
# ``page`` selects a part of a split article (``?page=2``, ``?page=all``):
# every part is the same article, stored once, whole.
_ARTICLE_PART_NAMES = frozenset({"page"})
_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in _TRACKING_NAMES or lowered.startswith(_TRACKING_PREFIXES)


def is_http_url(url: str) -> bool:
    """Whether a link is something a crawler may fetch at all (http or https with a host).

    >>> is_http_url("https://www.gonews.co/berita"), is_http_url("HTTP://127.0.0.1:8000/")
    (True, True)
    >>> is_http_url("file:///etc/passwd"), is_http_url("javascript:void(0)"), is_http_url("mailto:a@b.c")
    (False, False, False)
    >>> is_http_url("http:///no-host")
    False
    """
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in _DEFAULT_PORTS and bool(parts.hostname)


def clean_url(url: str, *, drop_article_part: bool = False) -> str:
    """The URL to request: same scheme and host, without noise that names no other page.

    Tracking parameters and the fragment go, the host is lower-cased, a
    default port is dropped, the remaining query is sorted. A trailing slash
    stays: many servers answer only the spelling they link (the key drops it). ``drop_article_part`` also drops ``page`` so that a split article
    is always entered at its first page.

    >>> clean_url("HTTP://WWW.GoNews.co:80/berita/baca/x/?utm_source=fb&fbclid=1#komentar")
    'http://www.gonews.co/berita/baca/x/'
    >>> clean_url("https://www.gonews.co/berita/kategori/politik?page=2&utm_medium=x")
    'https://www.gonews.co/berita/kategori/politik?page=2'
    >>> clean_url("https://www.gonews.co/berita/baca/x?page=all", drop_article_part=True)
    'https://www.gonews.co/berita/baca/x'
    >>> clean_url("http://127.0.0.1:8123/")
    'http://127.0.0.1:8123/'
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    port = parts.port
    netloc = host if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    path = parts.path or "/"
    query = [
        (name, value)
        for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name) and not (drop_article_part and name.lower() in _ARTICLE_PART_NAMES)
    ]
    return urlunsplit((scheme, netloc, path, urlencode(sorted(query)), ""))


def article_key(url: str) -> str:
    """The key of the article a URL names: its clean URL, scheme-less, without ``www.``.

    http and https, ``www.`` or not, serve the same article on a news site,
    so neither is part of its identity.

    >>> a = article_key("https://www.gonews.co/berita/baca/2021/02/25/x")
    >>> a
    'gonews.co/berita/baca/2021/02/25/x'
    >>> variants = ["http://WWW.GONEWS.CO/berita/baca/2021/02/25/x/",
    ...     "https://gonews.co/berita/baca/2021/02/25/x?utm_source=wa&gclid=9#top",
    ...     "https://www.gonews.co/berita/baca/2021/02/25/x?page=2",
    ...     "https://www.gonews.co:443/berita/baca/2021/02/25/x?page=all"]
    >>> {article_key(v) for v in variants} == {a}
    True
    >>> article_key("https://www.gonews.co/berita/baca/2021/02/25/y") == a
    False
    """
    clean = clean_url(url, drop_article_part=True)
    parts = urlsplit(clean)
    host = parts.netloc[4:] if parts.netloc.startswith("www.") else parts.netloc
    path = parts.path.rstrip("/") or "/"
    return host + urlunsplit(("", "", path, parts.query, ""))


def on_public_host(url: str, public_base_url: str) -> str:
    """A fetched URL as the public site names it, so that a test server on a
    random loopback port and the live site key the same article alike.

    >>> on_public_host("http://127.0.0.1:8123/berita/baca/x?page=2", "https://www.gonews.co")
    'https://www.gonews.co/berita/baca/x?page=2'
    """
    parts = urlsplit(url)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return urljoin(public_base_url, path)


def same_host(url: str, base_url: str) -> bool:
    """Whether ``url`` is on the host (and port) of ``base_url``, any case.

    >>> same_host("http://127.0.0.1:8000/a", "http://127.0.0.1:8000"), same_host("http://WWW.gonews.co/", "https://www.gonews.co")
    (True, True)
    >>> same_host("http://127.0.0.1:9999/a", "http://127.0.0.1:8000"), same_host("https://evil.example/", "https://www.gonews.co")
    (False, False)
    """
    a, b = urlsplit(url), urlsplit(base_url)
    port_a = a.port or _DEFAULT_PORTS.get(a.scheme.lower())
    port_b = b.port or _DEFAULT_PORTS.get(b.scheme.lower())
    # http and https of one host are one site (the live site redirects between them).
    same_port = port_a == port_b or {port_a, port_b} <= set(_DEFAULT_PORTS.values())
    return (a.hostname or "").lower() == (b.hostname or "").lower() and same_port


@cache
def _public_suffixes() -> PublicSuffixList:
    # The list ships inside the package: no download, no cache files.
    return PublicSuffixList()


def site_of(url: str) -> str:
    """The site of a URL, its partition key: the registrable domain of its host
    (the public suffix plus one label), in lower case. An IP address or a
    single-label host is its own site.

    >>> site_of("https://www.GoNews.co/berita/baca/x")
    'gonews.co'
    >>> site_of("https://news.detik.com/berita/1"), site_of("https://www.republika.co.id/a")
    ('detik.com', 'republika.co.id')
    >>> site_of("http://127.0.0.1:8000/x"), site_of("http://localhost/")
    ('127.0.0.1', 'localhost')
    """
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    if not host or host.replace(".", "").isdigit() or ":" in host:
        return host
    return _public_suffixes().privatesuffix(host) or host
