"""The reference: a bare `websockets` server broadcasting with websockets.broadcast.

Clients connect to /; a message on /control is broadcast to every client as is.
Usage: python bench/live/bare_server.py PORT
"""

from __future__ import annotations

import asyncio
import resource
import sys

from websockets.asyncio.server import ServerConnection, broadcast, serve

clients: set[ServerConnection] = set()


async def handler(ws: ServerConnection) -> None:
    if ws.request is not None and ws.request.path == "/control":
        async for message in ws:
            broadcast(clients, message)
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
