"""The hub's delivery rules, without sockets: buffering while a snapshot is taken, order
across processes, duplicates, and gaps."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from secretariat.live import hub as hub_module
from secretariat.live.hub import Hub, Subscriber
from secretariat.live.topics import group_name
from tests.support.live import run


class FakeSocket:
    """Like uvicorn's WebSocket: a send waits while the client is not reading (the write
    buffer is full), and completes without suspending otherwise."""

    def __init__(self) -> None:
        self.sent: list[dict[str, Any]] = []
        self.closed_with: int | None = None
        self.writable = asyncio.Event()
        self.writable.set()
        self.gone = False

    async def send(self, message: dict[str, Any]) -> None:
        await self.writable.wait()
        if self.gone:
            raise OSError("the client went away")
        self.sent.append(json.loads(message["text"]))

    async def close(self, code: int) -> None:
        self.closed_with = code

    @property
    def versions(self) -> list[int]:
        return [m["version"] for m in self.sent]


def event(version: int) -> dict[str, Any]:
    text = json.dumps({"type": "event", "version": version, "event": {}})
    return {"type": "live.event", "topic": "t", "key": "k", "version": version, "text": text}


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def test_events_during_the_snapshot_are_buffered_and_deduplicated(settings: Any) -> None:
    async def body() -> None:
        hub = Hub(asyncio.get_running_loop())
        socket = FakeSocket()
        subscriber = Subscriber(socket.send, socket.close)
        await hub.join("t", "k", subscriber)
        hub.dispatch(event(4))  # committed before the snapshot: already in it
        hub.dispatch(event(5))  # committed after: must follow the snapshot
        hub.went_live("t", "k", 4)
        await subscriber.go_live(json.dumps({"type": "snapshot", "version": 4}), 4)
        hub.dispatch(event(5))  # a duplicate
        hub.dispatch(event(6))
        await _settle()
        assert socket.versions == [4, 5, 6]
        await hub.leave("t", "k", subscriber)
        assert group_name("t", "k") not in hub.groups

    run(body)


def test_out_of_order_versions_are_delivered_in_order() -> None:
    async def body() -> None:
        hub = Hub(asyncio.get_running_loop())
        socket = FakeSocket()
        subscriber = Subscriber(socket.send, socket.close)
        await hub.join("t", "k", subscriber)
        hub.went_live("t", "k", 0)
        await subscriber.go_live(json.dumps({"type": "snapshot", "version": 0}), 0)
        hub.dispatch(event(2))
        hub.dispatch(event(3))
        await _settle()
        assert socket.versions == [0]  # 2 and 3 wait for 1
        hub.dispatch(event(1))
        await _settle()
        assert socket.versions == [0, 1, 2, 3]
        await hub.leave("t", "k", subscriber)

    run(body)


class ManualClock:
    """Stands in for `loop.call_later`: records what the hub schedules; the test decides
    when the time has come (no sleeping against a constant)."""

    def __init__(self) -> None:
        self.scheduled: list[tuple[float, Any, tuple[Any, ...]]] = []
        self.cancelled = 0

    def call_later(self, delay: float, callback: Any, *args: Any) -> ManualClock.Timer:
        self.scheduled.append((delay, callback, args))
        return ManualClock.Timer(self)

    class Timer:
        def __init__(self, clock: ManualClock) -> None:
            self.clock = clock

        def cancel(self) -> None:
            self.clock.cancelled += 1

    def elapse(self) -> None:
        """The delays of everything scheduled so far have passed."""
        due, self.scheduled = self.scheduled, []
        for _delay, callback, args in due:
            callback(*args)


def test_a_lost_version_is_given_up_on_so_clients_resync() -> None:
    clock = ManualClock()

    async def body() -> None:
        hub = Hub(asyncio.get_running_loop(), call_later=clock.call_later)
        socket = FakeSocket()
        subscriber = Subscriber(socket.send, socket.close)
        await hub.join("t", "k", subscriber)
        hub.went_live("t", "k", 0)
        await subscriber.go_live(json.dumps({"type": "snapshot", "version": 0}), 0)
        hub.dispatch(event(2))
        assert [delay for delay, _, _ in clock.scheduled] == [hub_module.GAP_WAIT]
        assert socket.versions == [0]  # 2 waits for 1 while the gap may still close
        clock.elapse()
        await _settle()
        assert socket.versions == [0, 2]  # the client sees the gap and takes a new snapshot
        await hub.leave("t", "k", subscriber)

    run(body)


def test_a_gap_that_closes_in_time_cancels_the_wait() -> None:
    clock = ManualClock()

    async def body() -> None:
        hub = Hub(asyncio.get_running_loop(), call_later=clock.call_later)
        socket = FakeSocket()
        subscriber = await _live_subscriber(hub, socket)
        hub.dispatch(event(2))
        hub.dispatch(event(1))
        assert socket.versions == [0, 1, 2]
        assert clock.cancelled == 1
        await hub.leave("t", "k", subscriber)

    run(body)


async def _live_subscriber(hub: Hub, socket: FakeSocket) -> Subscriber:
    subscriber = Subscriber(socket.send, socket.close)
    await hub.join("t", "k", subscriber)
    hub.went_live("t", "k", 0)
    await subscriber.go_live(json.dumps({"type": "snapshot", "version": 0}), 0)
    return subscriber


def test_fan_out_writes_at_once_without_a_task_per_socket() -> None:
    async def body() -> None:
        hub = Hub(asyncio.get_running_loop())
        sockets = [FakeSocket() for _ in range(50)]
        subscribers = [await _live_subscriber(hub, socket) for socket in sockets]
        tasks_before = len(asyncio.all_tasks())
        hub.dispatch(event(1))
        # Written synchronously inside dispatch(): no task, no loop iteration needed.
        assert all(socket.versions == [0, 1] for socket in sockets)
        assert len(asyncio.all_tasks()) == tasks_before
        assert not any(subscriber.waiting for subscriber in subscribers)
        for subscriber in subscribers:
            await hub.leave("t", "k", subscriber)

    run(body)


def test_a_slow_socket_delays_only_itself_and_catches_up_in_order() -> None:
    async def body() -> None:
        hub = Hub(asyncio.get_running_loop())
        fast, slow = FakeSocket(), FakeSocket()
        fast_subscriber = await _live_subscriber(hub, fast)
        slow_subscriber = await _live_subscriber(hub, slow)
        slow.writable.clear()  # its client stops reading
        for version in (1, 2, 3):
            hub.dispatch(event(version))
        assert fast.versions == [0, 1, 2, 3]
        assert slow.versions == [0]
        assert slow_subscriber.waiting
        slow.writable.set()
        await _settle()
        assert slow.versions == [0, 1, 2, 3]
        assert not slow_subscriber.waiting
        hub.dispatch(event(4))  # written at once again
        assert slow.versions == [0, 1, 2, 3, 4]
        for subscriber in (fast_subscriber, slow_subscriber):
            await hub.leave("t", "k", subscriber)

    run(body)


def test_a_socket_that_falls_far_behind_is_told_to_resync(monkeypatch: Any) -> None:
    monkeypatch.setattr(hub_module, "OUTBOX_LIMIT", 3)

    async def body() -> None:
        hub = Hub(asyncio.get_running_loop())
        fast, slow = FakeSocket(), FakeSocket()
        fast_subscriber = await _live_subscriber(hub, fast)
        slow_subscriber = await _live_subscriber(hub, slow)
        slow.writable.clear()
        for version in range(1, 7):  # one write waiting, then the outbox overflows
            hub.dispatch(event(version))
        await _settle()
        assert slow.closed_with == hub_module.RESYNC_CLOSE_CODE
        assert fast.versions == [0, 1, 2, 3, 4, 5, 6]
        for subscriber in (fast_subscriber, slow_subscriber):
            await hub.leave("t", "k", subscriber)

    run(body)


def test_a_socket_that_went_away_is_skipped() -> None:
    async def body() -> None:
        hub = Hub(asyncio.get_running_loop())
        gone, fine = FakeSocket(), FakeSocket()
        gone_subscriber = await _live_subscriber(hub, gone)
        fine_subscriber = await _live_subscriber(hub, fine)
        gone.gone = True
        hub.dispatch(event(1))
        hub.dispatch(event(2))
        assert gone_subscriber.closed
        assert fine.versions == [0, 1, 2]
        for subscriber in (gone_subscriber, fine_subscriber):
            await hub.leave("t", "k", subscriber)

    run(body)


def test_leaving_while_a_write_waits_cancels_it() -> None:
    async def body() -> None:
        hub = Hub(asyncio.get_running_loop())
        slow = FakeSocket()
        subscriber = await _live_subscriber(hub, slow)
        slow.writable.clear()
        hub.dispatch(event(1))
        assert subscriber.waiting
        await hub.leave("t", "k", subscriber)
        await _settle()
        assert not subscriber.waiting
        slow.writable.set()
        await _settle()
        assert slow.versions == [0]

    run(body)
