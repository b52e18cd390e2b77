"""A client process of the fan-out benchmark: holds many WebSocket connections and
records when each broadcast arrives (CLOCK_MONOTONIC, comparable across processes)."""

from __future__ import annotations

import asyncio
import resource
import time
from multiprocessing.connection import Connection
from typing import Any

import websockets


async def _hold(
    urls: list[str], cookie: str, count: int, broadcasts: int, pipe: Connection
) -> None:
    headers = {"Cookie": cookie} if cookie else {}
    errors = 0
    sockets: list[Any] = []
    arrivals: list[list[float]] = []

    async def open_one(i: int) -> None:
        nonlocal errors
        url = urls[i % len(urls)]
        origin = url.split("/ws/")[0].replace("ws://", "http://")
        try:
            ws = await websockets.connect(
                url,
                additional_headers=headers,
                origin=websockets.Origin(origin),
                open_timeout=60,
                max_queue=None,
                ping_interval=None,
            )
            await asyncio.wait_for(ws.recv(), 60)  # the snapshot
        except (OSError, TimeoutError, websockets.WebSocketException):
            errors += 1
            return
        sockets.append(ws)

    limit = asyncio.Semaphore(200)  # do not stampede the accept queue

    async def guarded(i: int) -> None:
        async with limit:
            await open_one(i)

    await asyncio.gather(*(guarded(i) for i in range(count)))
    pipe.send(("ready", len(sockets), errors))

    async def listen(ws: Any) -> list[float]:
        times: list[float] = []
        try:
            for _ in range(broadcasts):
                async with asyncio.timeout(30):  # no task per message, unlike wait_for
                    await ws.recv()
                times.append(time.monotonic())
        except (TimeoutError, websockets.WebSocketException):
            pass
        return times

    arrivals = await asyncio.gather(*(listen(ws) for ws in sockets))
    missing = sum(broadcasts - len(times) for times in arrivals)
    pipe.send(("done", arrivals, errors + missing))
    await asyncio.gather(*(ws.close() for ws in sockets), return_exceptions=True)


def run(urls: list[str], cookie: str, count: int, broadcasts: int, pipe: Connection) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    asyncio.run(_hold(urls, cookie, count, broadcasts, pipe))
