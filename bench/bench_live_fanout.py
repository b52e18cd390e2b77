"""Live fan-out: N WebSocket clients following one topic; time from an action to its
arrival at each client, p50 and p99 over several broadcasts, for N = 100, 1,000, 5,000.

Three servers, same machine, same run:
- bare: a `websockets` server broadcasting with websockets.broadcast (the reference;
  the action is a message on a control socket);
- channels: the product under uvicorn (one process, in-memory channel layer); the action
  is the secretariat's POST /api/live/formats/<slug>/announcements;
- redis_2proc: two uvicorn processes over Redis pub/sub, clients split across them, the
  action POSTed to the first.
Clients run in two separate processes. Figures (ms):
- live_p50_<N>_<server>, live_p99_<N>_<server>: from the action (the moment the benchmark
  sends the POST or the control message) to arrival at each client, over every client and
  every counted broadcast;
- live_fanout_p99_<N>_<server>: from the publish (the product hands the committed event to
  the channel layer; the bare server receives the control message) to arrival;
- live_action_<N>_<server>: median from the action to the publish (the product: HTTP
  request, permission checks, service, commit; the bare server: one WebSocket message);
- live_errors_<N>_<server>: failed connections plus broadcasts that never arrived.
The publish moments come from a probe (bench/live/instrumented.py for the product, a log
line in bench/live/bare_server.py) writing CLOCK_MONOTONIC, which every process shares.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
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
)
from bench.live import clients
from tests.support.demo_servers import log_in as demo_log_in
from tests.support.demo_servers import redis_reachable, serving

SIZES = [int(n) for n in os.environ.get("LIVE_BENCH_SIZES", "100,1000,5000").split(",")]
BROADCASTS = int(os.environ.get("LIVE_BENCH_BROADCASTS", "6"))  # the first is a warm-up
ROUNDS = int(os.environ.get("LIVE_BENCH_ROUNDS", "3"))  # per server, alternating; 1 past 1,000
CLIENT_PROCESSES = 2
SLUG = "central-asia-japan"
REDIS_URL = os.environ.get("LIVE_BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")


@contextlib.contextmanager
def uvicorn_servers(var_dir: Path, count: int, **env: str) -> Iterator[list[str]]:
    """The product with its publish instrumentation (bench/live/instrumented.py)."""
    with serving(
        bench_env(var_dir, **env),
        count,
        "--log-level",
        "error",
        "--backlog",
        "4096",
        app="bench.live.instrumented:application",
    ) as urls:
        yield urls


@contextlib.contextmanager
def bare_server(log: Path) -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "bench" / "live" / "bare_server.py"), str(port), str(log)],
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
    return demo_log_in(url, email, timeout=30)


Result = dict[str, float] | None  # a round's figures (see measure()), None if nothing arrived


def measure(
    ws_urls: list[str], cookie: str, n: int, act: Callable[[int], None], log: Path
) -> Result:
    """Connect n clients over CLIENT_PROCESSES processes, run BROADCASTS actions; return
    the figures (see the module docstring), or None when nothing arrived."""
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
    per_client: list[list[float]] = []
    for pipe in pipes:
        _, arrivals, failed = pipe.recv()
        errors += failed
        per_client.extend(arrivals)
    for process in processes:
        process.join(timeout=30)
    published = [float(line.split()[1]) for line in log.read_text().splitlines()]
    if len(published) != BROADCASTS:
        note(f"expected {BROADCASTS} publish records, found {len(published)}")
        return None
    latencies, fan_out = [], []
    for times in per_client:
        for k, t in enumerate(times):
            if k > 0:
                latencies.append((t - sent[k]) * 1000)
                fan_out.append((t - published[k]) * 1000)
    if not latencies:
        return None
    actions = [(published[k] - sent[k]) * 1000 for k in range(1, BROADCASTS)]
    if os.environ.get("LIVE_BENCH_VERBOSE"):
        for k in range(1, BROADCASTS):
            spread = sorted(
                (times[k] - published[k]) * 1000 for times in per_client if len(times) > k
            )
            note(
                f"  broadcast {k}: action {actions[k - 1]:.1f} ms; fan-out first "
                f"{spread[0]:.1f}, median {spread[len(spread) // 2]:.1f}, last {spread[-1]:.1f} ms"
            )
    return {
        "p50": statistics.median(latencies),
        "p99": percentile_99(latencies),
        "fanout_p50": statistics.median(fan_out),
        "fanout_p99": percentile_99(fan_out),
        "action": statistics.median(actions),
        "last": max(latencies),
        "errors": errors,
    }


def percentile_99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[98]


def report(name: str, n: int, rounds: list[Result]) -> None:
    """Figures of one server at one size: the median over the rounds of each round's
    figure (the rounds of the servers alternate, so a burst of other work on the machine
    spoils one round rather than one server), errors summed over the rounds."""
    measured = [r for r in rounds if r is not None]
    missing = len(rounds) - len(measured)
    if not measured:
        note(f"{name} {n}: no measurements")
        figure(f"live_errors_{n}_{name}", n * len(rounds), "errors")
        return

    def middle(key: str) -> float:
        return statistics.median(r[key] for r in measured)

    figure(f"live_p50_{n}_{name}", middle("p50"), "ms")
    figure(f"live_p99_{n}_{name}", middle("p99"), "ms")
    figure(f"live_fanout_p99_{n}_{name}", middle("fanout_p99"), "ms")
    figure(f"live_action_{n}_{name}", middle("action"), "ms")
    figure(f"live_errors_{n}_{name}", sum(r["errors"] for r in measured) + n * missing, "errors")
    by_round = ", ".join(f"{r['p99']:.0f}" for r in measured)
    note(
        f"{name} {n}: p99 by round {by_round} ms; "
        f"fan-out p50 {middle('fanout_p50'):.1f} ms; slowest arrival "
        f"{max(r['last'] for r in measured):.0f} ms after its action"
    )


def run_bare(tmp: Path, n: int) -> Result:
    log = tmp / f"bare-{n}-{uuid.uuid4().hex[:6]}.log"
    with bare_server(log) as url, ws_connect(f"{url}/control") as control:
        event = '{"type":"event","version":%d,"event":{"kind":"announcement.published"}}'
        act = lambda i: control.send(event % (i + 1))  # noqa: E731
        return measure([f"{url}/"], "", n, act, log)


def run_product(var_dir: Path, n: int, processes: int, **env: str) -> Result:
    log = var_dir / f"product-{n}-{uuid.uuid4().hex[:6]}.log"
    with uvicorn_servers(var_dir, processes, LIVE_BENCH_PUBLISH_LOG=str(log), **env) as urls:
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
            return measure(ws_urls, cookie, n, act, log)
        finally:
            secretariat.close()
            delegate.close()


def redis_available() -> bool:
    return redis_reachable(REDIS_URL)


def main() -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    with_redis = redis_available()
    if not with_redis:
        note(f"Redis unreachable at {REDIS_URL}: no redis_2proc figures")
    with demo_database() as var_dir:
        servers: dict[str, Callable[[int], Result]] = {
            "bare": lambda n: run_bare(var_dir, n),
            "channels": lambda n: run_product(var_dir, n, 1),
        }
        if with_redis:
            servers["redis_2proc"] = lambda n: run_product(
                var_dir,
                n,
                2,
                REDIS_URL=REDIS_URL,
                LIVE_GROUP_PREFIX=f"bench{uuid.uuid4().hex[:8]}",
            )
        for n in SIZES:
            rounds = ROUNDS if n <= 1000 else 1
            note(f"--- {n} clients, {rounds} round(s)")
            results: dict[str, list[Result]] = {name: [] for name in servers}
            for _ in range(rounds):
                for name, run in servers.items():
                    results[name].append(run(n))
            for name, measured in results.items():
                report(name, n, measured)


if __name__ == "__main__":
    main()
