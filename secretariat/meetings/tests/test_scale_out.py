"""The session over the scale-out path: two uvicorn processes share one database and the
real Redis; the chair acts through process A, and a delegate's console connected to
process B (and the public outcomes view on A) follow live.

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

REDIS_URL = os.environ.get("MEETINGS_TEST_REDIS_URL", "redis://127.0.0.1:6379/8")
SLUG = "central-asia-japan"


pytestmark = pytest.mark.skipif(
    os.environ.get("CI") != "true" and not redis_reachable(REDIS_URL),
    reason=f"Redis is unreachable at {REDIS_URL} (this test always runs when CI=true)",
)


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    var_dir = tmp_path_factory.mktemp("var")
    with demo_over_redis(var_dir, REDIS_URL, f"meet{uuid.uuid4().hex[:10]}") as (url_a, url_b):
        yield url_a, url_b


def call(client: httpx.Client, path: str, body: dict[str, Any] | None = None) -> Any:
    response = client.post(
        f"/api{path}",
        json=body or {},
        headers={"X-CSRFToken": client.cookies["csrftoken"], "Referer": str(client.base_url)},
    )
    assert response.status_code < 300, response.text
    return response.json()


async def follow(url: str, topic: str, key: int, client: httpx.Client | None) -> Any:
    cookie = "; ".join(f"{k}={v}" for k, v in client.cookies.items()) if client else ""
    return await websockets.connect(
        url.replace("http://", "ws://") + f"/ws/live/{topic}/{key}/",
        additional_headers={"Cookie": cookie} if cookie else {},
        origin=websockets.Origin(url),
    )


async def next_event(ws: Any, action: str) -> dict[str, Any]:
    while True:
        message = json.loads(await asyncio.wait_for(ws.recv(), 10))
        if message["type"] == "event" and message["event"]["action"] == action:
            return dict(message["event"])


def test_chair_on_one_process_delegate_on_the_other(two_servers: tuple[str, str]) -> None:
    url_a, url_b = two_servers
    chair = log_in(url_a, "chair@demo.example")
    delegate = log_in(url_b, "delegate@demo.example")
    meeting = next(
        m for m in delegate.get(f"/api/formats/{SLUG}/meetings").json() if m["number"] == 8
    )["id"]
    japan = next(
        d["id"]
        for d in delegate.get(f"/api/formats/{SLUG}/delegations").json()
        if d["state"]["iso2"] == "JP"
    )

    async def body() -> None:
        console_b = await follow(url_b, "meeting", meeting, delegate)
        public_a = await follow(url_a, "meeting-outcomes", meeting, None)
        for ws in (console_b, public_a):
            assert json.loads(await asyncio.wait_for(ws.recv(), 10))["type"] == "snapshot"
        await asyncio.to_thread(call, chair, f"/meetings/{meeting}/session/open?confirm_early=true")
        opened = await next_event(public_a, "session.opened")
        assert opened["patch"]["status"] == "in_session"
        assert "speakers" not in opened["patch"]  # the public view gets outcomes only
        await asyncio.to_thread(call, chair, f"/meetings/{meeting}/session/speakers-open")
        await asyncio.to_thread(
            call, delegate, f"/meetings/{meeting}/floor/request", {"delegation_id": japan}
        )
        await asyncio.to_thread(call, chair, f"/meetings/{meeting}/floor/give", {})
        given = await next_event(console_b, "floor.given")
        assert given["patch"]["floor"]["delegation"] == "JP"
        for ws in (console_b, public_a):
            await ws.close()

    try:
        asyncio.run(body())
    finally:
        chair.close()
        delegate.close()


def test_public_cannot_follow_the_internal_session(two_servers: tuple[str, str]) -> None:
    url_a, _url_b = two_servers
    meetings = httpx.get(f"{url_a}/api/formats/{SLUG}/meetings").json()
    meeting = next(m for m in meetings if m["number"] == 8)["id"]

    async def body() -> None:
        ws = await follow(url_a, "meeting", meeting, None)
        with pytest.raises(websockets.ConnectionClosed) as closed:
            await asyncio.wait_for(ws.recv(), 10)
        assert closed.value.rcvd is not None
        assert closed.value.rcvd.code == 4403

    asyncio.run(body())
