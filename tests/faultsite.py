"""A loopback GoNews look-alike that misbehaves on purpose, for crawl tests.

Pages use the site's markup (``nav.menu-utama``, ``div.card-berita`` with
``h2.card-judul a`` and ``span.card-waktu``, ``ul.pagination a[rel=next]``,
``h1.detail-judul``, ``div.detail-tanggal``, ``div.detail-isi p``), so the
real spider, page objects and pipelines run unchanged. Each route is a
``Route``: a function that answers one request, possibly badly (slow, 5xx,
reset mid-body, truncated, a lying charset header, 20 MB, redirect loops).
The server counts hits per path so tests can tell what was fetched.
"""

from __future__ import annotations

import html
import socket
import struct
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

PUBLIC = "https://www.gonews.co"
Respond = Callable[["_Handler", int], None]  # (handler, how many times this path was hit before)


@dataclass
class Story:
    """An article the site serves; ``None`` leaves a field out of the page."""

    path: str
    headline: str | None
    date_raw: str | None
    paragraphs: list[str]
    canonical: str | None = None  # default: the public URL of ``path``
    section: str = "Pemerintahan"
    halaman: str = ""  # the "Halaman: 1 2 Tampilkan Semua" block of a split article

    def page(self) -> str:
        canonical = self.canonical if self.canonical is not None else PUBLIC + self.path
        headline = f'<h1 class="detail-judul">{html.escape(self.headline)}</h1>' if self.headline else ""
        date = (
            f'<div class="detail-tanggal"><i class="gn-icon">c</i> {html.escape(self.date_raw)}</div>'
            if self.date_raw
            else ""
        )
        body = "\n".join(f"<p>{html.escape(p)}</p>" for p in self.paragraphs)
        return _document(
            self.headline or "GoNews",
            canonical,
            f"""<article class="detail-berita">
<div class="breadcrumb"><a href="/">Home</a> &nbsp;/&nbsp; <a href="/berita">Berita</a> &nbsp;/&nbsp; <a href="/berita/kategori/pemerintahan">{self.section}</a></div>
{headline}
{date}
<div class="detail-isi" itemprop="articleBody">
{body}
</div>
{self.halaman}
<div class="detail-editor">Editor: <span>Redaksi Uji</span></div>
</article>""",
        )


@dataclass(frozen=True)
class Card:
    href: str
    headline: str
    time_raw: str = "Senin, 6 Desember 2021 14:00 WIB"


def listing_page(
    title: str, cards: list[Card], next_href: str | None = None, nav: list[str] | None = None,
    canonical: str | None = None,
) -> str:
    nav_html = "".join(f'<li><a href="{html.escape(h)}">{html.escape(h)}</a></li>' for h in nav or [])
    cards_html = "\n".join(
        f'<div class="card-berita"><div class="card-body"><span class="card-kategori">'
        f'<a href="/berita/kategori/pemerintahan">Pemerintahan</a></span>'
        f'<h2 class="card-judul"><a href="{html.escape(c.href)}">{html.escape(c.headline)}</a></h2>'
        f'<span class="card-waktu">{html.escape(c.time_raw)}</span></div></div>'
        for c in cards
    )
    pagination = (
        f'<ul class="pagination"><li><a href="{html.escape(next_href)}" rel="next">&rsaquo;</a></li></ul>'
        if next_href
        else ""
    )
    return _document(
        title,
        canonical or PUBLIC + "/",
        f'<nav class="menu-utama"><ul><li><a href="/">Home</a></li>{nav_html}</ul></nav>'
        f'<h1 class="judul-halaman">{html.escape(title)}</h1>'
        f'<div class="daftar-berita">{cards_html}</div>{pagination}',
    )


def _document(title: str, canonical: str, main: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{html.escape(title)} | GoNews</title>
<link rel="canonical" href="{html.escape(canonical)}">
</head>
<body class="gn-body">
<main class="container">{main}</main>
<footer class="gn-footer"><p class="copyright">&copy; 2021 GoNews.co</p></footer>
</body>
</html>
"""


# -- responses -----------------------------------------------------------------

def ok(text: str | Callable[[], str], content_type: str = "text/html; charset=utf-8") -> Respond:
    def respond(handler: _Handler, hits: int) -> None:
        handler.send_body(200, (text() if callable(text) else text).encode("utf-8"), content_type)
    return respond


def raw(body: bytes, content_type: str = "text/html; charset=utf-8") -> Respond:
    return lambda handler, hits: handler.send_body(200, body, content_type)


def status(code: int) -> Respond:
    return lambda handler, hits: handler.send_body(code, f"<html><body>{code}</body></html>".encode(), "text/html")


def fail_first(codes: list[int], then: Respond) -> Respond:
    """Answer the n-th hit with ``codes[n]``, then behave like ``then``."""
    def respond(handler: _Handler, hits: int) -> None:
        if hits < len(codes):
            status(codes[hits])(handler, hits)
        else:
            then(handler, hits)
    return respond


def slow(seconds: float, then: Respond) -> Respond:
    def respond(handler: _Handler, hits: int) -> None:
        time.sleep(seconds)
        try:
            then(handler, hits)
        except OSError:
            pass  # the client gave up first, which is the point
    return respond


def redirect(location: str, code: int = 302) -> Respond:
    def respond(handler: _Handler, hits: int) -> None:
        handler.send_response(code)
        handler.send_header("Location", location)
        handler.send_header("Content-Length", "0")
        handler.end_headers()
    return respond


def reset_mid_body(text: str) -> Respond:
    """Promise the whole page, send a third of it, then reset the connection (RST)."""
    def respond(handler: _Handler, hits: int) -> None:
        body = text.encode("utf-8")
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body[: len(body) // 3])
        handler.wfile.flush()
        # SO_LINGER 0: close() sends RST instead of FIN.
        handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        handler.connection.close()
        handler.close_connection = True
    return respond


def huge(size: int) -> Respond:
    """A page of ``size`` bytes, streamed until the client hangs up."""
    def respond(handler: _Handler, hits: int) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(size))
        handler.end_headers()
        chunk = b"<p>" + b"x" * 65_530 + b"</p>"
        try:
            for _ in range(size // len(chunk)):
                handler.wfile.write(chunk)
        except OSError:
            pass
        handler.close_connection = True
    return respond


# -- server --------------------------------------------------------------------

class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        site = self.server.site
        path = urlsplit(self.path)
        full = path.path + (f"?{path.query}" if path.query else "")
        with site.lock:
            hits = site.hits[full]
            site.hits[full] += 1
            site.log.append(full)
            articles_served = sum(1 for p in site.log if p.startswith("/berita/baca/"))
        if site.gate_after is not None and full.startswith("/berita/baca/") and articles_served > site.gate_after:
            # Hold the request: the crawl is stuck here until the test opens the gate.
            site.gate.wait(60)
        route = site.routes.get(full) or site.routes.get(path.path)
        if route is None:
            self.send_body(404, b"<html><body>not found</body></html>", "text/html")
            return
        route(self, hits)

    def send_body(self, code: int, body: bytes, content_type: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # The default backlog of 5 drops SYNs when a crawler opens 16 connections
    # at once; the retransmit (1 s) would look like a timeout fault.
    request_queue_size = 128

    def handle_error(self, request: object, client_address: object) -> None:
        # A crawler hanging up mid-answer is what several faults are about.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)  # type: ignore[arg-type]
    site: FaultSite


@dataclass
class FaultSite:
    """Routes by path (``/x`` or ``/x?page=2``); hits counted per path and query."""

    routes: dict[str, Respond] = field(default_factory=dict)
    hits: Counter[str] = field(default_factory=Counter)
    log: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    gate_after: int | None = None  # article requests after this many wait for ``gate``
    gate: threading.Event = field(default_factory=threading.Event)

    def add_story(self, story: Story) -> Story:
        self.routes[story.path] = ok(story.page)
        return story

    def article_hits(self) -> Counter[str]:
        """Hits on article pages, by path without query."""
        with self.lock:
            return Counter(urlsplit(p).path for p in self.log if p.startswith("/berita/baca/"))

    def reset_hits(self) -> None:
        with self.lock:
            self.hits.clear()
            self.log.clear()

    @contextmanager
    def serving(self) -> Iterator[str]:
        server = _Server(("127.0.0.1", 0), _Handler)
        server.site = self
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}"
        finally:
            server.shutdown()
            server.server_close()


_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
           "Oktober", "November", "Desember"]


def shown_date(day: date, time: str = "10:00") -> str:
    """A date as GoNews shows it.

    >>> shown_date(date(2021, 12, 6), "14:00")
    'Senin, 6 Desember 2021 14:00 WIB'
    """
    return f"{_DAYS[day.weekday()]}, {day.day} {_MONTHS[day.month - 1]} {day.year} {time} WIB"


def plain_stories(count: int, day: date = date(2021, 12, 6), prefix: str = "berita-uji") -> list[Story]:
    """``count`` well-formed articles published on one day."""
    return [
        Story(
            path=f"/berita/baca/{day:%Y/%m/%d}/{prefix}-{n}",
            headline=f"Pemkab Uji Gelar Rapat Koordinasi Ke-{n}",
            date_raw=shown_date(day, f"{8 + n % 10:02d}:{n % 60:02d}"),
            paragraphs=[
                f"JAKARTA - Pemerintah kabupaten menggelar rapat koordinasi ke-{n} bersama perangkat daerah.",
                f"Rapat membahas anggaran Rp {n},5 miliar – “kami siap,” kata bupati.",
            ],
        )
        for n in range(count)
    ]
