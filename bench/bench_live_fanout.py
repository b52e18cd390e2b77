"""Live fan-out: N WebSocket clients following one topic; time from an action to its
arrival at each client, p50 and p99 over several broadcasts, for N = 100, 1,000, 5,000.

Three servers, same machine, same run:
- bare: a `websockets` server broadcasting with websockets.broadcast (the reference;
  the action is a message on a control socket);
- channels: the product under uvicorn (one process, in-memory channel layer); the action
  is the secretariat's POST /api/live/formats/<slug>/announcements;
- redis_2proc: two uvicorn processes over Redis pub/sub, clients split across them, the
  action POSTed to the first.
Clients run in two separate processes. Figures: bench live_p50_<N>_<server> and
live_p99_<N>_<server> in ms, and live_errors_<N>_<server> (failed connections plus
broadcasts that never arrived).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import re
import resource
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from websockets.sync.client import connect as ws_connect

from bench.common import (
    ROOT,
    bench_env,
    demo_database,
    figure,
    free_port,
    note,
    wait_until_up,
)
from bench.live import clients

SIZES = [int(n) for n in os.environ.get("LIVE_BENCH_SIZES", "100,1000,5000").split(",")]
BROADCASTS = 6  # the first is a warm-up and not counted
CLIENT_PROCESSES = 2
SLUG = "central-asia-japan"
PASSWORD = "secretariat-demo"  # noqa: S105 - the published demo password
REDIS_URL = os.environ.get("LIVE_BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")


@contextlib.contextmanager
def uvicorn_servers(var_dir: Path, count: int, **env: str) -> Iterator[list[str]]:
    environment = bench_env(
        var_dir, **env
    )
    processes, urls = [], []
    try:
        for _ in range(count):
            port = free_port()
            command = [sys.executable, "-m", "uvicorn", "config.asgi:application", "--host",
                       "127.0.0.1", "--port", str(port), "--lifespan", "off", "--no-access-log",
                       "--log-level", "error", "--backlog", "4096"]  # fmt: skip
            processes.append(subprocess.Popen(command, cwd=ROOT, env=environment))
            urls.append(f"http://127.0.0.1:{port}")
        for url in urls:
            wait_until_up(f"{url}/healthz")
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)


@contextlib.contextmanager
def bare_server() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "live" / "bare_server.py"), str(port)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        process.stdout.readline()  # "ready"
        yield f"ws://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=20)


def log_in(url: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=30)
    page = client.get("/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert token, "no login form"
    client.post(
        "/accounts/login/",
        data={"username": email, "password": PASSWORD, "csrfmiddlewaretoken": token[1]},
    )
    return client


def measure(ws_urls: list[str], cookie: str, n: int, act: Callable[[int], None]) -> tuple | None:
    """Connect n clients over CLIENT_PROCESSES processes, run BROADCASTS actions; return
    (p50 ms, p99 ms, errors)."""
    context = multiprocessing.get_context("spawn")
    pipes, processes = [], []
    for i in range(CLIENT_PROCESSES):
        share = n // CLIENT_PROCESSES + (1 if i < n % CLIENT_PROCESSES else 0)
        parent, child = context.Pipe()
        process = context.Process(
            target=clients.run, args=(ws_urls, cookie, share, BROADCASTS, child), daemon=True
        )
        process.start()
        pipes.append(parent)
        processes.append(process)
    errors = 0
    for pipe in pipes:
        _, _held, failed = pipe.recv()
        errors += failed
    interval = max(0.6, n * 0.0008)
    sent: list[float] = []
    for i in range(BROADCASTS):
        time.sleep(interval)
        sent.append(time.monotonic())
        act(i)
    latencies: list[float] = []
    for pipe in pipes:
        _, arrivals, failed = pipe.recv()
        errors += failed
        for times in arrivals:
            latencies.extend((t - sent[k]) * 1000 for k, t in enumerate(times) if k > 0)
    for process in processes:
        process.join(timeout=30)
    if not latencies:
        return None
    quantiles = statistics.quantiles(latencies, n=100, method="inclusive")
    return statistics.median(latencies), quantiles[98], errors


def report(name: str, n: int, result: tuple | None) -> None:
    if result is None:
        note(f"{name} {n}: no measurements")
        figure(f"live_errors_{n}_{name}", n, "errors")
        return
    p50, p99, errors = result
    figure(f"live_p50_{n}_{name}", p50, "ms")
    figure(f"live_p99_{n}_{name}", p99, "ms")
    figure(f"live_errors_{n}_{name}", errors, "errors")


def run_bare(n: int) -> None:
    with bare_server() as url, ws_connect(f"{url}/control") as control:
        event = '{"type":"event","version":%d,"event":{"kind":"announcement.published"}}'
        report("bare", n, measure([f"{url}/"], "", n, lambda i: control.send(event % (i + 1))))


def run_product(var_dir: Path, n: int, name: str, processes: int, **env: str) -> None:
    with uvicorn_servers(var_dir, processes, **env) as urls:
        secretariat = log_in(urls[0], "secretariat@demo.example")
        delegate = log_in(urls[-1], "delegate@demo.example")
        cookie = f"sessionid={delegate.cookies['sessionid']}"
        ws_urls = [u.replace("http://", "ws://") + f"/ws/live/announcements/{SLUG}/" for u in urls]
        headers = {"X-CSRFToken": secretariat.cookies["csrftoken"], "Referer": urls[0]}

        def act(i: int) -> None:
            response = secretariat.post(
                f"/api/live/formats/{SLUG}/announcements",
                json={"text": f"Broadcast {i + 1} to {n} clients."},
                headers=headers,
            )
            response.raise_for_status()

        try:
            report(name, n, measure(ws_urls, cookie, n, act))
        finally:
            secretariat.close()
            delegate.close()


def redis_available() -> bool:
    import redis

    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.exceptions.RedisError:
        return False
    return True


def main() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    with_redis = redis_available()
    if not with_redis:
        note(f"Redis unreachable at {REDIS_URL}: no redis_2proc figures")
    with demo_database() as var_dir:
        for n in SIZES:
            note(f"--- {n} clients")
            run_bare(n)
            run_product(var_dir, n, "channels", 1)
            if with_redis:
                prefix = f"bench{uuid.uuid4().hex[:8]}"
                run_product(
                    var_dir, n, "redis_2proc", 2, REDIS_URL=REDIS_URL, LIVE_GROUP_PREFIX=prefix
                )


if __name__ == "__main__":
    main()
