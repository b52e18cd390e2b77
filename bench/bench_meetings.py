"""Meetings through the ASGI server: the public meeting and outcomes pages, and the
latency of a chair's console action (give the floor) until the event reaches a delegate's
WebSocket. The fan-out to many clients is `bench_live_fanout.py`'s subject.

One uvicorn process on the demo SQLite database; the clients run on the other core.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
import websockets

from bench.common import asgi_server, demo_database, figure, note, requests_per_second
from tests.support.demo_servers import log_in


def api(client: httpx.Client, path: str, body: dict | None = None) -> httpx.Response:
    response = client.post(
        f"/api{path}", json=body or {}, headers={"X-CSRFToken": client.cookies["csrftoken"]}
    )
    if response.status_code >= 400:
        raise RuntimeError(f"{path}: {response.status_code} {response.text}")
    return response


async def console_latency(base: str, rounds: int = 40) -> list[float]:
    chair, delegate = log_in(base, "chair@demo.example"), log_in(base, "delegate@demo.example")
    meeting = next(
        m
        for m in delegate.get("/api/formats/central-asia-japan/meetings").json()
        if m["number"] == 8
    )["id"]
    japan = next(
        d["id"]
        for d in delegate.get("/api/formats/central-asia-japan/delegations").json()
        if d["state"]["iso2"] == "JP"
    )
    api(chair, f"/meetings/{meeting}/session/open?confirm_early=true")  # weeks ahead
    api(chair, f"/meetings/{meeting}/session/speakers-open")
    cookie = "; ".join(f"{k}={v}" for k, v in delegate.cookies.items())
    url = base.replace("http", "ws") + f"/ws/live/meeting/{meeting}/"
    timings = []
    headers = {"Cookie": cookie, "Origin": base}
    async with websockets.connect(url, additional_headers=headers) as socket:
        snapshot = json.loads(await socket.recv())
        assert snapshot["type"] == "snapshot", snapshot

        async def until(action: str) -> None:
            while True:
                message = json.loads(await socket.recv())
                if message.get("type") == "event" and message["event"]["action"] == action:
                    return

        for _ in range(rounds):
            await asyncio.to_thread(
                api, delegate, f"/meetings/{meeting}/floor/request", {"delegation_id": japan}
            )
            await until("floor.requested")
            started = time.perf_counter()
            await asyncio.to_thread(api, chair, f"/meetings/{meeting}/floor/give", {})
            await until("floor.given")
            timings.append((time.perf_counter() - started) * 1000)
            await asyncio.to_thread(api, chair, f"/meetings/{meeting}/session/floor-end")
            await until("floor.ended")
    return timings


def main() -> None:
    with demo_database() as var_dir, asgi_server(var_dir) as url:
        meetings = httpx.get(f"{url}/api/formats/central-asia-japan/meetings").json()
        eighth = next(m["id"] for m in meetings if m["number"] == 8)
        page = f"/meetings/{eighth}/"
        requests_per_second(url, page, seconds=1.5)  # warm up
        page_rps, page_errors = requests_per_second(url, page)
        api_rps, api_errors = requests_per_second(url, f"/api/meetings/{eighth}/outcomes")
        if page_errors or api_errors:
            note(f"errors: page={page_errors} api={api_errors}")
            raise SystemExit(1)
        figure("meeting_page_rps", page_rps, "req/s")
        figure("meeting_outcomes_api_rps", api_rps, "req/s")
        timings = asyncio.run(console_latency(url))
        timings.sort()
        figure("give_floor_to_delegate_socket_p50_ms", statistics.median(timings), "ms")
        figure("give_floor_to_delegate_socket_p95_ms", timings[int(len(timings) * 0.95) - 1], "ms")


if __name__ == "__main__":
    main()
