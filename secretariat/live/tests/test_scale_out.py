"""The scale-out path against the real Redis: two uvicorn processes share one SQLite
database and one Redis; an announcement sent through process A reaches a WebSocket
client connected to process B, and a client of A as well.

Runs in CI (CI=true) always; elsewhere it is skipped only when Redis is unreachable.
"""

from __future__ import annotations

import asyncio
import json
import os
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import websockets

from tests.support.demo_servers import demo_over_redis, log_in, redis_reachable

# The test run's own Redis when it has one (REDIS_URL), else the default database 7.
REDIS_URL = (
    os.environ.get("LIVE_TEST_REDIS_URL")
    or os.environ.get("REDIS_URL")
    or "redis://127.0.0.1:6379/7"
)
SLUG = "central-asia-japan"


pytestmark = pytest.mark.skipif(
    os.environ.get("CI") != "true" and not redis_reachable(REDIS_URL),
    reason=f"Redis is unreachable at {REDIS_URL} (this test always runs when CI=true)",
)


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    var_dir = tmp_path_factory.mktemp("var")
    with demo_over_redis(var_dir, REDIS_URL, f"scale{uuid.uuid4().hex[:10]}") as (url_a, url_b):
        yield url_a, url_b


async def _follow(url: str, client: httpx.Client) -> Any:
    ws_url = url.replace("http://", "ws://") + f"/ws/live/announcements/{SLUG}/"
    cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items())
    return await websockets.connect(
        ws_url, additional_headers={"Cookie": cookie}, origin=websockets.Origin(url)
    )


def test_an_action_on_one_process_reaches_clients_of_both(two_servers: tuple[str, str]) -> None:
    url_a, url_b = two_servers
    secretariat = log_in(url_a, "secretariat@demo.example")
    delegate = log_in(url_b, "delegate@demo.example")

    async def body() -> None:
        on_b = await _follow(url_b, delegate)
        on_a = await _follow(url_a, delegate)
        snapshots = [json.loads(await asyncio.wait_for(ws.recv(), 10)) for ws in (on_b, on_a)]
        assert {s["type"] for s in snapshots} == {"snapshot"}
        version = snapshots[0]["version"]
        assert snapshots[1]["version"] == version
        token = secretariat.cookies["csrftoken"]
        response = await asyncio.to_thread(
            secretariat.post,
            f"/api/live/formats/{SLUG}/announcements",
            json={"text": "Process A speaking."},
            headers={"X-CSRFToken": token, "Referer": url_a},
        )
        assert response.status_code == 201, response.text
        for ws in (on_b, on_a):
            event = json.loads(await asyncio.wait_for(ws.recv(), 10))
            assert event["type"] == "event"
            assert event["version"] == version + 1
            assert event["event"]["announcement"]["text"] == "Process A speaking."
            await ws.close()

    try:
        asyncio.run(body())
    finally:
        secretariat.close()
        delegate.close()


def test_outsiders_are_refused_on_every_process(two_servers: tuple[str, str]) -> None:
    async def body() -> None:
        for url in two_servers:
            ws = await websockets.connect(
                url.replace("http://", "ws://") + f"/ws/live/announcements/{SLUG}/",
                origin=websockets.Origin(url),
            )
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await asyncio.wait_for(ws.recv(), 10)
            assert closed.value.rcvd is not None
            assert closed.value.rcvd.code == 4403

    asyncio.run(body())
