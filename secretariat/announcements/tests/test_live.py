"""The announcements topic over the WebSocket: who may follow it, snapshot then events,
and a client's old state plus the events equals a fresh snapshot."""

from __future__ import annotations

import json
from typing import Any

import pytest

from secretariat.announcements.events import AnnouncementPublished, apply_event
from secretariat.announcements.live import snapshot_announcements
from secretariat.announcements.selectors import RECENT
from secretariat.announcements.services import announcement_send
from secretariat.core.events import EVENT_TYPES
from secretariat.live.consumers import CLOSE_FORBIDDEN
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


def test_old_state_plus_events_equals_a_fresh_snapshot(world: Any) -> None:
    """What a browser holds after the events of every announcement sent since its snapshot
    (more than the feed keeps, so the oldest fall off) is what a new snapshot shows."""
    announcement_send(actor=world.secretariat, fmt=world.fmt, text="Before the snapshot.")

    async def body() -> None:
        from channels.db import database_sync_to_async

        comm = communicator(world.delegate_kz, "/ws/live/announcements/caj/")
        state = (await _snapshot(comm))["state"]
        for n in range(RECENT + 2):
            await database_sync_to_async(announcement_send)(
                actor=world.secretariat, fmt=world.fmt, text=f"Notice {n}."
            )
            message = json.loads(await comm.receive_from(timeout=5))
            state = apply_event(state, message["event"], keep=RECENT)
        fresh = await database_sync_to_async(snapshot_announcements)(world.delegate_kz, "caj")
        assert state == fresh
        assert len(state["announcements"]) == RECENT
        assert state["announcements"][0]["text"] == f"Notice {RECENT + 1}."
        await comm.disconnect()

    run(body)


def test_the_topic_declares_its_events() -> None:
    assert EVENT_TYPES[("announcements", "announcement.published")] is AnnouncementPublished


def test_clients_ignore_events_of_kinds_they_do_not_know() -> None:
    state = {"announcements": [{"id": 1}]}
    assert apply_event(state, {"kind": "announcement.retracted", "id": 1}, keep=RECENT) == state


def test_the_snapshot_of_an_unknown_format_is_empty(world: Any) -> None:
    assert snapshot_announcements(world.secretariat, "nowhere") == {"announcements": []}
