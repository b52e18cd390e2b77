"""The reference: a bare `websockets` server broadcasting with websockets.broadcast.

Clients connect to /; a message on /control is broadcast to every client as is. When a
log file is named, the moment each control message arrives is appended to it (`n
monotonic-seconds`), the counterpart of the product's publish probe (bench/live/instrumented.py).
Usage: python bench/live/bare_server.py PORT [LOG]
"""

from __future__ import annotations

import asyncio
import resource
import sys
import time

from websockets.asyncio.server import ServerConnection, broadcast, serve

clients: set[ServerConnection] = set()
log_path = sys.argv[2] if len(sys.argv) > 2 else ""
received = 0


async def handler(ws: ServerConnection) -> None:
    if ws.request is not None and ws.request.path == "/control":
        global received
        async for message in ws:
            started = time.monotonic()
            broadcast(clients, message)
            received += 1
            if log_path:
                with open(log_path, "a", encoding="ascii") as log:
                    log.write(f"{received} {started:.6f}\n")
        return
    clients.add(ws)
    try:
        await ws.send('{"type":"snapshot","version":0,"state":{}}')
        await ws.wait_closed()
    finally:
        clients.discard(ws)


async def main(port: int) -> None:
    async with serve(handler, "127.0.0.1", port, max_queue=None, backlog=4096):
        print("ready", flush=True)
        await asyncio.Future()


if __name__ == "__main__":
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    asyncio.run(main(int(sys.argv[1])))
