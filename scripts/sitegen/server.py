"""A fast loopback HTTP/1.1 server for a generated site and/or the GoNews captures.

Every response is built once at start-up (status line, headers and body in one
bytes object), so serving a request is a dictionary lookup and one write; an
asyncio Protocol avoids the per-request overhead of streams. It binds 127.0.0.1
only: the site is a test fixture, never something to expose.
"""
from __future__ import annotations

import asyncio
import json
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlsplit

from sitegen.render import NOT_FOUND_HTML, ROBOTS_TXT

HOST = "127.0.0.1"
MAX_HEAD_BYTES = 64 * 1024
_REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
            431: "Request Header Fields Too Large"}


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes

    def head(self, keep_alive: bool) -> bytes:
        connection = "keep-alive" if keep_alive else "close"
        return (f"HTTP/1.1 {self.status} {_REASONS.get(self.status, 'OK')}\r\n"
                f"Content-Type: {self.content_type}\r\nContent-Length: {len(self.body)}\r\n"
                f"Connection: {connection}\r\nServer: govnews-sitegen\r\n\r\n").encode("ascii")


@dataclass(frozen=True)
class DressedRoute:
    """A realistic site's page (``sitegen.realistic``): read and given its template's chrome per request.

    Holding a 50,000-article site's pages in memory would take gigabytes; the
    chrome is the same for every page of a template, so only it is kept.
    """

    status: int
    content_type: str
    file: Path
    head: bytes
    nav: bytes
    tail: bytes

    def response(self) -> Response:
        body = self.file.read_bytes()
        for marker, part in ((b"</head>", self.head), (b"</header>", self.nav), (b"</body>", self.tail)):
            at = body.find(marker)
            if at >= 0:
                at += len(marker) if marker == b"</header>" else 0
                body = body[:at] + part + body[at:]
        return Response(self.status, self.content_type, body)


def site_routes(site_dir: Path | str) -> tuple[dict[str, Response | DressedRoute], Response]:
    """The routes of a generated site and its 404 response."""
    site = Path(site_dir)
    manifest = json.loads((site / "routes.json").read_text(encoding="utf-8"))
    bodies: dict[str, bytes] = {}
    chrome_file = site / "chrome.json"
    chromes = json.loads(chrome_file.read_text("utf-8")) if chrome_file.exists() else {}

    def response(route: dict[str, object]) -> Response:
        file_name = str(route["file"])
        if file_name not in bodies:
            bodies[file_name] = (site / file_name).read_bytes()
        headers = route["headers"]
        assert isinstance(headers, dict)
        return Response(int(str(route["status"])), str(headers["Content-Type"]), bodies[file_name])

    def dressed(route: dict[str, object]) -> DressedRoute:
        chrome = chromes[str(route["chrome"])]
        headers = route["headers"]
        assert isinstance(headers, dict)
        return DressedRoute(int(str(route["status"])), str(headers["Content-Type"]), site / str(route["file"]),
                            *(chrome[part].encode("utf-8") for part in ("head", "nav", "tail")))

    routes: dict[str, Response | DressedRoute] = {
        path: dressed(route) if "chrome" in route else response(route) for path, route in manifest["routes"].items()}
    return routes, response(manifest["not_found"])


def capture_routes(captures_dir: Path | str) -> dict[str, Response]:
    """Each capture at the path its expected.json gives; split pages at ``?page=2`` / ``?page=all``."""
    folder = Path(captures_dir)
    routes: dict[str, Response] = {}
    for expected_file in sorted(folder.glob("*.expected.json")):
        stem = expected_file.name[: -len(".expected.json")]
        url_path = json.loads(expected_file.read_text(encoding="utf-8"))["url_path"]
        variants = {url_path: f"{stem}.html", f"{url_path}?page=2": f"{stem}.page2.html",
                    f"{url_path}?page=all": f"{stem}.all.html"}
        for request_path, file_name in variants.items():
            if (folder / file_name).is_file():
                routes[request_path] = Response(200, "text/html; charset=utf-8", (folder / file_name).read_bytes())
    return routes


Routes = dict[str, Response | DressedRoute]


def load_routes(site_dir: Path | str | None, captures_dir: Path | str | None) -> tuple[Routes, Response]:
    """Merge a site and the captures; a capture wins where both claim a path (``/``, the seed path)."""
    routes: Routes = {}
    not_found = Response(404, "text/html; charset=utf-8", NOT_FOUND_HTML.encode("utf-8"))
    if site_dir is not None:
        routes, not_found = site_routes(site_dir)
    if captures_dir is not None:
        routes.update(capture_routes(captures_dir))
    routes.setdefault("/robots.txt", Response(200, "text/plain; charset=utf-8", ROBOTS_TXT.encode("utf-8")))
    return routes, not_found


class _SiteProtocol(asyncio.Protocol):
    def __init__(self, routes: Routes, keep_alive_heads: dict[str, bytes], not_found: Response,
                 verbose: bool, open_transports: set[asyncio.Transport]) -> None:
        self._routes = routes
        self._keep_alive_heads = keep_alive_heads
        self._not_found = not_found
        self._verbose = verbose
        self._open = open_transports
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self._transport = transport
        self._open.add(transport)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._transport is not None:
            self._open.discard(self._transport)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        # Pipelined requests arrive together; answer each in order.
        while self._transport is not None and not self._transport.is_closing():
            end = self._buffer.find(b"\r\n\r\n")
            if end < 0:
                if len(self._buffer) > MAX_HEAD_BYTES:
                    self._send_error(431)
                return
            head = bytes(self._buffer[:end]).decode("latin-1")
            lines = head.split("\r\n")
            request_line, header_lines = lines[0], lines[1:]
            body_length, connection = 0, ""
            for line in header_lines:
                name, _, value = line.partition(":")
                name = name.strip().lower()
                if name == "content-length":
                    body_length = int(value.strip() or 0)
                elif name == "connection":
                    connection = value.strip().lower()
            if len(self._buffer) < end + 4 + body_length:
                return
            del self._buffer[: end + 4 + body_length]
            self._answer(request_line, connection)

    def _answer(self, request_line: str, connection: str) -> None:
        parts = request_line.split(" ")
        if len(parts) != 3:
            self._send_error(400)
            return
        method, target, version = parts
        keep_alive = connection != "close" if version == "HTTP/1.1" else connection == "keep-alive"
        if target.startswith(("http://", "https://")):
            split = urlsplit(target)
            target = split.path + (f"?{split.query}" if split.query else "")
        if method not in ("GET", "HEAD"):
            self._send_error(405)
            return
        key = target if target in self._routes else unquote(target)
        route = self._routes.get(key, self._not_found)
        response = route.response() if isinstance(route, DressedRoute) else route
        assert self._transport is not None
        if method == "GET" and keep_alive and key in self._keep_alive_heads:
            self._transport.writelines((self._keep_alive_heads[key], response.body))
        elif method == "GET":
            self._transport.write(response.head(keep_alive) + response.body)
        else:
            self._transport.write(response.head(keep_alive))
        if self._verbose:
            print(f"{method} {target} {response.status} {len(response.body)}", file=sys.stderr, flush=True)
        if not keep_alive:
            self._transport.close()

    def _send_error(self, status: int) -> None:
        assert self._transport is not None
        self._transport.write(Response(status, "text/plain; charset=utf-8", _REASONS[status].encode()).head(False)
                              + _REASONS[status].encode())
        self._transport.close()


async def start_server(routes: Routes, not_found: Response, port: int = 0,
                       verbose: bool = False) -> tuple[asyncio.Server, set[asyncio.Transport]]:
    # Heads are prebuilt; bodies are shared with the routes rather than copied.
    keep_alive_heads = {path: response.head(True) for path, response in routes.items()
                        if isinstance(response, Response)}
    open_transports: set[asyncio.Transport] = set()
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: _SiteProtocol(routes, keep_alive_heads, not_found, verbose, open_transports),
        HOST, port, reuse_address=True, backlog=1024)
    return server, open_transports


def bound_port(server: asyncio.Server) -> int:
    return int(server.sockets[0].getsockname()[1])


async def _close(server: asyncio.Server, open_transports: set[asyncio.Transport]) -> None:
    server.close()
    for transport in list(open_transports):
        transport.close()
    await server.wait_closed()


async def serve_forever(site_dir: Path | str | None, captures_dir: Path | str | None, port: int,
                        verbose: bool) -> None:
    """Serve until cancelled, printing ``serving http://127.0.0.1:PORT`` once ready."""
    routes, not_found = load_routes(site_dir, captures_dir)
    server, open_transports = await start_server(routes, not_found, port, verbose)
    print(f"serving http://{HOST}:{bound_port(server)} ({len(routes)} routes)", flush=True)
    try:
        await asyncio.Event().wait()
    finally:
        await _close(server, open_transports)


@contextmanager
def serve_in_thread(site_dir: Path | str | None, captures: Path | str | None = None, port: int = 0,
                    verbose: bool = False) -> Iterator[str]:
    """Serve on a background thread; yields ``http://127.0.0.1:<port>`` and stops on exit."""
    routes, not_found = load_routes(site_dir, captures)
    loop = asyncio.new_event_loop()
    started: dict[str, object] = {}
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        try:
            started["server"] = loop.run_until_complete(start_server(routes, not_found, port, verbose))
        except OSError as error:
            started["error"] = error
            ready.set()
            return
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, name="sitegen-server", daemon=True)
    thread.start()
    ready.wait()
    if "error" in started:
        thread.join()
        loop.close()
        raise started["error"]  # type: ignore[misc]
    server, open_transports = started["server"]  # type: ignore[misc]
    try:
        yield f"http://{HOST}:{bound_port(server)}"
    finally:
        asyncio.run_coroutine_threadsafe(_close(server, open_transports), loop).result()
        loop.call_soon_threadsafe(loop.stop)
        thread.join()
        loop.close()
