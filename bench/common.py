"""What the benchmarks share: a demo server on a free port and an HTTP load generator.

Every benchmark prints its figures as `bench <name>: <value> <unit>` on stdout and
nothing else there; progress and diagnostics go to stderr.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def figure(name: str, value: float, unit: str) -> None:
    shown = f"{value:.1f}" if value < 1000 else f"{value:.0f}"
    print(f"bench {name}: {shown} {unit}")
    sys.stdout.flush()


def note(message: str) -> None:
    print(message, file=sys.stderr)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_env(var_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        **os.environ,
        "SECRETARIAT_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "LOG_LEVEL": "ERROR",
        **extra,
    }
    env.pop("DATABASE_URL", None)
    return env


@contextlib.contextmanager
def demo_database() -> Iterator[Path]:
    """A fresh SQLite database under a temporary var/ with the demo data loaded."""
    with tempfile.TemporaryDirectory(prefix="secretariat-bench-") as tmp:
        var_dir = Path(tmp)
        env = bench_env(var_dir)
        manage = [sys.executable, "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        subprocess.run([*manage, "load_demo", "--quiet"], cwd=ROOT, env=env, check=True)
        yield var_dir


def wait_until_up(url: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not come up at {url}")


@contextlib.contextmanager
def asgi_server(var_dir: Path, *, workers: int = 1, **env_extra: str) -> Iterator[str]:
    """uvicorn serving the product, as `make demo` does (one worker unless asked)."""
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable, "-m", "uvicorn", "config.asgi:application", "--host", "127.0.0.1",
            "--port", str(port), "--lifespan", "off", "--no-access-log", "--log-level", "warning",
            "--workers", str(workers),
        ],
        cwd=ROOT,
        env=bench_env(var_dir, **env_extra),
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{url}/healthz")
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


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
