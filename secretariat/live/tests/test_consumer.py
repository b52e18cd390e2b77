"""The WebSocket endpoint: who may follow a topic, snapshot then events, versions."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import transaction

from secretariat.live.consumers import CLOSE_FORBIDDEN, CLOSE_UNKNOWN
from secretariat.live.publish import publish
from secretariat.live.services import announcement_send
from secretariat.live.tests.conftest import communicator, run

pytestmark = pytest.mark.django_db(transaction=True)


async def _snapshot(comm: Any) -> dict[str, Any]:
    connected, _ = await comm.connect()
    assert connected
    return json.loads(await comm.receive_from(timeout=5))


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


def test_malformed_key_is_closed_with_4404(world: Any) -> None:
    async def body() -> None:
        comm = communicator(world.secretariat, "/ws/live/announcements/bad%20key!/")
        assert await _close_code(comm) == CLOSE_UNKNOWN

    run(body)


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_people_outside_the_format_may_not_follow_its_announcements(world: Any, who: str) -> None:
    async def body() -> None:
        comm = communicator(getattr(world, who), "/ws/live/announcements/caj/")
        assert await _close_code(comm) == CLOSE_FORBIDDEN

    run(body)


def test_unknown_format_is_forbidden_not_revealed(world: Any) -> None:
    async def body() -> None:
        comm = communicator(world.secretariat, "/ws/live/announcements/nowhere/")
        assert await _close_code(comm) == CLOSE_FORBIDDEN

    run(body)


@pytest.mark.parametrize(
    "who",
    ["secretariat", "chair", "delegate_kz", "expert_kz", "observer", "observer_state_delegate"],
)
def test_snapshot_then_events_in_version_order(world: Any, who: str) -> None:
    announcement_send(actor=world.secretariat, fmt=world.fmt, text="Session resumes at 14:00.")

    async def body() -> None:
        comm = communicator(getattr(world, who), "/ws/live/announcements/caj/")
        snapshot = await _snapshot(comm)
        assert snapshot["type"] == "snapshot"
        assert snapshot["version"] == 1
        assert [a["text"] for a in snapshot["state"]["announcements"]] == [
            "Session resumes at 14:00."
        ]
        for text in ("Room B is open.", "Coffee break."):
            await _send(world, text)
        first = json.loads(await comm.receive_from(timeout=5))
        second = json.loads(await comm.receive_from(timeout=5))
        assert (first["type"], first["version"]) == ("event", 2)
        assert first["event"]["kind"] == "announcement.published"
        assert first["event"]["announcement"]["text"] == "Room B is open."
        assert second["version"] == 3
        assert await comm.receive_nothing(timeout=0.2)
        await comm.disconnect()

    run(body)


async def _send(world: Any, text: str) -> None:
    from channels.db import database_sync_to_async

    await database_sync_to_async(announcement_send)(
        actor=world.secretariat, fmt=world.fmt, text=text
    )


def test_followers_of_another_format_receive_nothing(world: Any) -> None:
    async def body() -> None:
        other = communicator(world.outsider, "/ws/live/announcements/other/")
        snapshot = await _snapshot(other)
        assert snapshot["state"]["announcements"] == []
        await _send(world, "For CA+J only.")
        assert await other.receive_nothing(timeout=0.3)
        await other.disconnect()

    run(body)


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
