"""What the archive tests share: reading WARCs back, Parquet rows, our own test pages and server."""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pyarrow.dataset as ds
from warcio.archiveiterator import ArchiveIterator

from crawling import REPO


def warc_paths(output_dir: Path) -> list[Path]:
    return sorted((output_dir / "_raw").rglob("*.warc.gz"))


def responses(output_dir: Path) -> list[Any]:
    """Every response record under ``output_dir/_raw`` as (WARC headers, HTTP headers, payload)."""
    found = []
    for path in warc_paths(output_dir):
        with path.open("rb") as handle:
            for record in ArchiveIterator(handle, check_digests=True):
                if record.rec_type == "response":
                    found.append((record.rec_headers, record.http_headers, record.content_stream().read()))
    return found


def article_rows(output_dir: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """Stored article rows keyed by (url, content_hash), without the run id."""
    if not (output_dir / "articles").exists():
        return {}
    table = ds.dataset(output_dir / "articles", partitioning="hive").to_table()
    return {
        (row["url"], row["content_hash"]): {k: v for k, v in row.items() if k != "run_id"}
        for row in table.to_pylist()
    }


def govnews(*args: str, timeout: float = 300, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The ``govnews`` command, from the repository (``env``: variables to add)."""
    env = {**os.environ, **(env or {}), "PYTHONPATH": str(REPO)}
    return subprocess.run([sys.executable, "-m", "govnews.cli", *args], cwd=REPO, env=env,
                          capture_output=True, text=True, timeout=timeout)


def article_page(headline: str, day: int, paragraphs: list[str], canonical: str) -> str:
    """A news article in the shape a regional portal without a govnews profile writes."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>{headline} - Kabar Lembah</title>
<link rel="canonical" href="{canonical}">
<meta property="og:type" content="article">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "{headline}", "datePublished": "2021-03-{day:02d}T09:30:00+07:00"}}</script>
</head><body><article><h1>{headline}</h1>
<div class="tanggal">Rabu, {day} Maret 2021 09:30 WIB</div>
<div class="isi">{body}</div></article></body></html>"""


ARTICLES = {
    "/daerah/pasar-tradisional-dibuka-kembali": article_page(
        "Pasar Tradisional Dibuka Kembali Setelah Renovasi", 3,
        ["Sleman - Pasar tradisional di pusat kecamatan dibuka kembali pada Rabu pagi setelah direnovasi selama enam bulan.",
         "Camat setempat mengatakan renovasi menambah jalur pejalan kaki dan memperbaiki saluran air di sekitar los pedagang.",
         "Para pedagang berharap jumlah pembeli kembali seperti sebelum pasar ditutup untuk perbaikan."],
        "https://kabarlembah.test/daerah/pasar-tradisional-dibuka-kembali"),
    "/daerah/sekolah-terpencil-terima-bantuan-buku": article_page(
        "Sekolah Terpencil Terima Bantuan Buku Bacaan", 10,
        ["Wonosobo - Sebanyak dua belas sekolah dasar di desa terpencil menerima bantuan buku bacaan dari dinas pendidikan.",
         "Kepala dinas menyebut bantuan senilai Rp 40 juta – dari dana desa – bagian dari program gerakan literasi.",
         "Guru di sekolah penerima mengatakan buku baru membuat murid lebih sering berkunjung ke perpustakaan."],
        "https://kabarlembah.test/daerah/sekolah-terpencil-terima-bantuan-buku"),
}
HOME = ("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\"><title>Kabar Lembah</title></head><body>"
        + "".join(f'<a href="{path}">{path}</a>' for path in ARTICLES) + "</body></html>")


# An old address that answers with a redirect to the article's current one.
MOVED = {"/berita-lama/pasar": "/daerah/pasar-tradisional-dibuka-kembali"}


def _sitemap(root: str) -> str:
    listed = [*MOVED, *(path for path in ARTICLES if path not in MOVED.values())]
    urls = "".join(f"<url><loc>{root}{path}</loc></url>" for path in listed)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


def chunked(body: bytes, size: int = 700) -> bytes:
    chunks = [body[i:i + size] for i in range(0, len(body), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in chunks) + b"0\r\n\r\n"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        pages = {"/": HOME, "/sitemap.xml": _sitemap(f"http://{self.headers['Host']}"), **ARTICLES}
        if self.path in MOVED:
            self.send_response(301)
            self.send_header("Location", MOVED[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path not in pages:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        # Articles go gzip-encoded in chunks, the home page plain: both framings on the wire.
        body = pages[self.path].encode("utf-8")
        self.send_response(200)
        kind = "application/xml" if self.path.endswith(".xml") else "text/html; charset=utf-8"
        self.send_header("Content-Type", kind)
        if self.path in ("/", "/sitemap.xml"):
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self.wfile.write(chunked(gzip.compress(body)))

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def gzip_chunked_server() -> Iterator[str]:
    """A loopback server whose article pages are gzip-encoded and chunked."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
