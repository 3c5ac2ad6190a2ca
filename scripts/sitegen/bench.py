"""A small keep-alive load client, to show the server is not a crawl's bottleneck."""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class BenchResult:
    requests: int
    seconds: float
    errors: int

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


async def _worker(host: str, port: int, paths: list[str], offset: int, count: int) -> int:
    reader, writer = await asyncio.open_connection(host, port)
    errors = 0
    try:
        for number in range(count):
            path = paths[(offset + number) % len(paths)]
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode("latin-1"))
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            errors += status >= 500
    finally:
        writer.close()
    return errors


async def run_bench(base_url: str, paths: list[str], total_requests: int, connections: int) -> BenchResult:
    """Fetch ``paths`` round-robin over ``connections`` keep-alive connections."""
    split = urlsplit(base_url)
    host, port = split.hostname or "127.0.0.1", split.port or 80
    per_connection = max(1, total_requests // connections)
    started = time.perf_counter()
    errors = await asyncio.gather(*(_worker(host, port, paths, index * 7, per_connection)
                                    for index in range(connections)))
    elapsed = time.perf_counter() - started
    return BenchResult(requests=per_connection * connections, seconds=elapsed, errors=sum(errors))
