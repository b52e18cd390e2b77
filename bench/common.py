"""What the benchmarks share: a demo server on a free port and an HTTP load generator.

Every benchmark prints its figures as `bench <name>: <value> <unit>` on stdout and
nothing else there; progress and diagnostics go to stderr.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from tests.support.demo_servers import ROOT as ROOT  # re-exported for the benchmarks
from tests.support.demo_servers import free_port as free_port
from tests.support.demo_servers import load_demo, server_env, serving
from tests.support.demo_servers import wait_until_up as wait_until_up


def figure(name: str, value: float, unit: str) -> None:
    shown = f"{value:.1f}" if value < 1000 else f"{value:.0f}"
    print(f"bench {name}: {shown} {unit}")
    sys.stdout.flush()


def note(message: str) -> None:
    print(message, file=sys.stderr)


def bench_env(var_dir: Path, **extra: str) -> dict[str, str]:
    return server_env(var_dir, LOG_LEVEL="ERROR", **extra)


@contextlib.contextmanager
def demo_database() -> Iterator[Path]:
    """A fresh SQLite database under a temporary var/ with the demo data loaded."""
    with tempfile.TemporaryDirectory(prefix="secretariat-bench-") as tmp:
        var_dir = Path(tmp)
        load_demo(bench_env(var_dir))
        yield var_dir


@contextlib.contextmanager
def asgi_server(var_dir: Path, *, workers: int = 1, **env_extra: str) -> Iterator[str]:
    """uvicorn serving the product, as `make demo` does (one worker unless asked)."""
    env = bench_env(var_dir, **env_extra)
    with serving(env, 1, "--log-level", "warning", "--workers", str(workers)) as urls:
        yield urls[0]


async def _worker(host: str, port: int, request: bytes, stop_at: float, counts: list[int]) -> None:
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.monotonic() < stop_at:
            writer.write(request)
            await writer.drain()
            length = 0
            status = await reader.readline()
            while True:
                line = await reader.readline()
                if line in (b"\r\n", b""):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            await reader.readexactly(length)
            if not status.startswith(b"HTTP/1.1 200"):
                counts[1] += 1
            counts[0] += 1
    finally:
        writer.close()


def requests_per_second(
    url: str, path: str, *, seconds: float = 5.0, connections: int = 8, cookie: str = ""
) -> tuple[float, int]:
    """Keep-alive GETs from `connections` clients for `seconds`; returns (req/s, errors)."""
    host, port = url.removeprefix("http://").split(":")
    headers = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept-Language: en\r\n"
    if cookie:
        headers += f"Cookie: {cookie}\r\n"
    request = (headers + "\r\n").encode()

    async def run() -> tuple[float, int]:
        counts = [0, 0]
        start = time.monotonic()
        stop_at = start + seconds
        await asyncio.gather(
            *(_worker(host, int(port), request, stop_at, counts) for _ in range(connections))
        )
        return counts[0] / (time.monotonic() - start), counts[1]

    return asyncio.run(run())
