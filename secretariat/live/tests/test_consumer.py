"""The WebSocket endpoint: unknown topics and keys, snapshot then events in version order,
nothing for a rolled-back change (on a throw-away topic; each capability tests its own)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction

from secretariat.live.consumers import CLOSE_FORBIDDEN, CLOSE_UNKNOWN
from secretariat.live.publish import publish
from tests.support.live import communicator, run

pytestmark = pytest.mark.django_db(transaction=True)


async def _snapshot(comm: Any) -> dict[str, Any]:
    connected, _ = await comm.connect()
    assert connected
    message: dict[str, Any] = json.loads(await comm.receive_from(timeout=5))
    return message


async def _close_code(comm: Any) -> int:
    await comm.connect()
    message = await comm.receive_output(timeout=5)
    assert message["type"] == "websocket.close"
    return int(message["code"])


def test_unknown_topic_is_closed_with_4404(world: Any) -> None:
    async def body() -> None:
        comm = communicator(world.secretariat, "/ws/live/no-such-topic/caj/")
        assert await _close_code(comm) == CLOSE_UNKNOWN

    run(body)


def test_malformed_key_is_closed_with_4404(world: Any, notes_topic: dict[str, Any]) -> None:
    notes_topic["allowed"].add(world.secretariat.email)

    async def body() -> None:
        comm = communicator(world.secretariat, "/ws/live/notes/bad%20key!/")
        assert await _close_code(comm) == CLOSE_UNKNOWN

    run(body)


def test_snapshot_then_events_of_a_topic_in_version_order(
    world: Any, notes_topic: dict[str, Any]
) -> None:
    notes_topic["allowed"].add(world.chair.email)
    notes_topic["items"].append("first")

    def change(n: int) -> None:
        with transaction.atomic():
            notes_topic["items"].append(n)
            publish("notes", "k1", {"n": n})

    async def body() -> None:
        from channels.db import database_sync_to_async

        comm = communicator(world.chair, "/ws/live/notes/k1/")
        snapshot = await _snapshot(comm)
        assert (snapshot["type"], snapshot["version"]) == ("snapshot", 0)
        assert snapshot["state"] == {"key": "k1", "items": ["first"]}
        for n in (1, 2):
            await database_sync_to_async(change)(n)
        received = [json.loads(await comm.receive_from(timeout=5)) for _ in range(2)]
        assert [(m["type"], m["version"], m["event"]) for m in received] == [
            ("event", 1, {"n": 1}),
            ("event", 2, {"n": 2}),
        ]
        assert await comm.receive_nothing(timeout=0.2)
        await comm.disconnect()

    run(body)


def test_people_the_topic_refuses_are_closed_with_4403(
    world: Any, notes_topic: dict[str, Any]
) -> None:
    async def body() -> None:
        comm = communicator(world.chair, "/ws/live/notes/k1/")
        assert await _close_code(comm) == CLOSE_FORBIDDEN

    run(body)
    assert notes_topic["snapshots"] == 0  # refused before any state was read


def test_a_rolled_back_change_sends_nothing(world: Any, notes_topic: dict[str, Any]) -> None:
    notes_topic["allowed"].add(world.chair.email)

    def publish_then_fail() -> None:
        with transaction.atomic():
            publish("notes", "k1", {"n": 1})
            raise RuntimeError("the change failed")

    async def body() -> None:
        from channels.db import database_sync_to_async

        comm = communicator(world.chair, "/ws/live/notes/k1/")
        assert (await _snapshot(comm))["version"] == 0
        with pytest.raises(RuntimeError):
            await database_sync_to_async(publish_then_fail)()
        assert await comm.receive_nothing(timeout=0.3)
        await comm.disconnect()

    run(body)


def test_events_are_written_through_the_servers_own_send() -> None:
    """Channels' session middleware wraps send for HTTP responses only; the hub skips its
    wrapper for WebSocket frames (and keeps any other wrapper)."""
    from channels.sessions import CookieMiddleware, SessionMiddleware

    from secretariat.live.consumers import frame_send

    seen: dict[str, Any] = {}

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        seen["send"] = send

    async def server_send(message: dict[str, Any]) -> None:
        seen.setdefault("frames", []).append(message)

    app = CookieMiddleware(SessionMiddleware(inner))

    async def body() -> None:
        await app({"type": "websocket", "headers": []}, None, server_send)

    run(body)
    assert seen["send"] is not server_send  # the middleware did wrap it
    assert frame_send(seen["send"]) is server_send
    assert frame_send(server_send) is server_send

    async def other_wrapper(message: dict[str, Any]) -> None:
        await server_send(message)

    assert frame_send(other_wrapper) is other_wrapper
