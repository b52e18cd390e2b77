"""The per-process hub: one channel-layer channel per process, fanning out to local sockets.

The Channels tutorial pattern (every consumer joins the group; one `group_send` becomes one
layer message per consumer) measured about 4x slower than a bare `websockets` broadcast at
1,000 clients on our machine (see docs/live.md). Here each process subscribes *one* layer
channel to a topic key's group however many of its sockets follow it; an event arrives
once per process, already encoded, and the hub writes the same text to each local socket
at once, through the server's ASGI send (see `Subscriber.offer`): no task, queue or copy
per socket unless that socket's client is slow to read.

Ordering: versions of a topic key are consecutive. Events from several processes can reach
a hub out of order, so the hub delivers them in version order, holding a later one back
until the missing one arrives (or, after GAP_WAIT seconds, delivering anyway: the clients
then see the gap and fetch a fresh snapshot rather than apply half a state).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import uuid
import weakref
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine, Generator
from dataclasses import dataclass, field
from typing import Any, Protocol

from channels.layers import get_channel_layer

from secretariat.live.publish import HUB_MESSAGE_TYPE
from secretariat.live.topics import group_name

logger = logging.getLogger(__name__)

GAP_WAIT = 2.0  # seconds a later version waits for an earlier one that is still in flight
PROBE_WAIT = 5.0  # seconds to wait for a new subscription to be confirmed
OUTBOX_LIMIT = 1000  # events queued for one slow socket before it is told to resync
RESYNC_CLOSE_CODE = 4000  # "reconnect for a fresh snapshot"

Send = Callable[[dict[str, Any]], Coroutine[Any, Any, None]]  # an ASGI send


class Timer(Protocol):
    def cancel(self) -> None: ...


class CallLater(Protocol):
    """`loop.call_later`: run `callback(*args)` after `delay` seconds, cancellably."""

    def __call__(self, delay: float, callback: Callable[..., object], *args: Any) -> Timer: ...


_background: set[asyncio.Task[None]] = set()


def _in_background(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run a fire-and-forget coroutine, keeping a reference until it is done."""
    task = asyncio.ensure_future(coroutine)
    _background.add(task)
    task.add_done_callback(_background.discard)


class _Resumed:
    """Awaitable that finishes a coroutine which was started by hand and has just yielded
    `waiting_on` (what it awaits). A task awaiting this picks the coroutine up exactly
    where it stopped, as `asyncio.Task(..., eager_start=True)` does on Python 3.12+."""

    __slots__ = ("_coroutine", "_waiting_on")

    def __init__(self, coroutine: Coroutine[Any, Any, None], waiting_on: Any) -> None:
        self._coroutine = coroutine
        self._waiting_on = waiting_on

    def __await__(self) -> Generator[Any, Any, None]:
        coroutine, to_yield = self._coroutine, self._waiting_on
        while True:
            try:
                received = yield to_yield
            except GeneratorExit:
                coroutine.close()
                raise
            except BaseException as exc:  # cancellation included: hand it on
                try:
                    to_yield = coroutine.throw(exc)
                except StopIteration:
                    return
            else:
                try:
                    to_yield = coroutine.send(received)
                except StopIteration:
                    return


class Subscriber:
    """One local socket following one topic key. While it takes its snapshot it buffers
    what arrives; then it sends the snapshot and the buffered events newer than it.

    Live events are written at once, inside the hub's own fan-out: the ASGI send of a
    socket whose write buffer has room completes without suspending, so the common path
    makes no task, no queue and no copy per socket. Only when a socket's send has to wait
    (the client reads slowly) does that write continue in a task of that socket's own,
    with later events queued behind it in an outbox; the hub and the other sockets never
    wait for it. Past OUTBOX_LIMIT queued events the socket is told to resync."""

    def __init__(self, send: Send, close: Callable[[int], Awaitable[None]]) -> None:
        self._send = send
        self._close = close
        self.version = -1  # the version this socket's client is at
        self.live = False
        self.closed = False
        self._buffer: deque[tuple[int, str]] = deque()
        self._outbox: deque[str] = deque()
        self._writer: asyncio.Task[None] | None = None  # only while a write waits

    @property
    def waiting(self) -> bool:
        """Is a write to this socket waiting for the client to read?"""
        return self._writer is not None

    def offer(self, version: int, text: str) -> None:
        if self.closed:
            return
        if not self.live:
            self._buffer.append((version, text))
            return
        if version <= self.version:  # already in this client's snapshot
            return
        self.version = version
        if self._writer is not None:  # a write is waiting: queue behind it
            self._outbox.append(text)
            if len(self._outbox) > OUTBOX_LIMIT:
                self._outbox.clear()
                self.closed = True
                _in_background(self.close_for_resync())
            return
        sending = self._send({"type": "websocket.send", "text": text})
        try:
            waiting_on = sending.send(None)
        except StopIteration:
            return  # written (the common case)
        except Exception:  # the socket went away; its consumer cleans up on disconnect
            self.closed = True
            return
        self._writer = asyncio.ensure_future(self._drain(_Resumed(sending, waiting_on)))

    async def _drain(self, first: _Resumed) -> None:
        try:
            await first
            while self._outbox and not self.closed:
                text = self._outbox.popleft()
                await self._send({"type": "websocket.send", "text": text})
        except Exception:  # the socket went away; its consumer cleans up on disconnect
            self.closed = True
        finally:
            self._writer = None  # no await since the outbox emptied: nothing slips in

    async def go_live(self, snapshot_text: str, version: int) -> None:
        self.version = version
        await self._send({"type": "websocket.send", "text": snapshot_text})
        while self._buffer:
            buffered_version, text = self._buffer.popleft()
            if buffered_version > self.version:
                self.version = buffered_version
                await self._send({"type": "websocket.send", "text": text})
        self.live = True  # no await since the buffer emptied: nothing can slip in between

    async def close_for_resync(self) -> None:
        """Close the socket with RESYNC_CLOSE_CODE: the client reconnects for a snapshot."""
        self.closed = True
        with contextlib.suppress(Exception):
            await self._close(RESYNC_CLOSE_CODE)

    def stop(self) -> None:
        self.closed = True
        writer, self._writer = self._writer, None
        if writer is not None:
            writer.cancel()


@dataclass
class _Group:
    subscribers: set[Subscriber] = field(default_factory=set)
    last: int | None = None  # the last version delivered to this process's sockets
    pending: dict[int, str] = field(default_factory=dict)
    gap_timer: Timer | None = None


class Hub:
    """One per process and event loop; see the module docstring."""

    def __init__(
        self, loop: asyncio.AbstractEventLoop, *, call_later: CallLater | None = None
    ) -> None:
        self.loop = loop
        # When to give up waiting for a missing version; tests pass their own clock here.
        self.call_later: CallLater = call_later or loop.call_later
        self.layer = get_channel_layer()
        self.channel: str | None = None
        self.groups: dict[str, _Group] = {}
        self._lock = asyncio.Lock()
        self._reader: asyncio.Task[None] | None = None
        self._probes: dict[str, asyncio.Future[None]] = {}

    # --- joining and leaving ----------------------------------------------------------------

    async def join(self, name: str, key: str, subscriber: Subscriber) -> None:
        """Follow a topic key. When this returns, every event published from now on will
        reach `subscriber` (buffered until it goes live)."""
        group = group_name(name, key)
        async with self._lock:
            if self.channel is None:
                self.channel = await self.layer.new_channel(prefix="live-hub.")
                self._reader = asyncio.ensure_future(self._read())
            state = self.groups.get(group)
            if state is None:
                state = _Group()
                self.groups[group] = state
                await self.layer.group_add(group, self.channel)
                await self._confirm_subscription(group)
            state.subscribers.add(subscriber)

    async def leave(self, name: str, key: str, subscriber: Subscriber) -> None:
        group = group_name(name, key)
        subscriber.stop()
        state = self.groups.get(group)
        if state is None:
            return
        state.subscribers.discard(subscriber)
        async with self._lock:
            if state.subscribers or self.groups.get(group) is not state:
                return
            del self.groups[group]
            if state.gap_timer is not None:
                state.gap_timer.cancel()
            if self.channel is not None:
                await self.layer.group_discard(group, self.channel)
            if not self.groups:
                await self._stop_reading()

    def went_live(self, name: str, key: str, version: int) -> None:
        """A subscriber's snapshot is at `version`. The first one fixes where this process
        starts delivering; events up to it are in every snapshot taken since joining."""
        state = self.groups.get(group_name(name, key))
        if state is None or state.last is not None:
            return
        state.last = version
        for stale in [v for v in state.pending if v <= version]:
            del state.pending[stale]
        self._deliver_in_order(state)

    async def _confirm_subscription(self, group: str) -> None:
        """Wait until our own probe comes back through the layer: from then on nothing
        published to the group can pass this process by (Redis SUBSCRIBE is asynchronous)."""
        nonce = uuid.uuid4().hex
        arrived: asyncio.Future[None] = self.loop.create_future()
        self._probes[nonce] = arrived
        try:
            await self.layer.group_send(group, {"type": "live.probe", "nonce": nonce})
            await asyncio.wait_for(arrived, PROBE_WAIT)
        except TimeoutError:
            logger.warning("live: subscription to %s not confirmed in %ss", group, PROBE_WAIT)
        finally:
            self._probes.pop(nonce, None)

    # --- receiving ---------------------------------------------------------------------------

    async def _read(self) -> None:
        assert self.channel is not None
        while True:
            try:
                message = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.exception("live: the hub lost its channel layer; clients will resync")
                self._resync_everyone()
                await asyncio.sleep(1.0)
                continue
            try:
                self.dispatch(message)
            except Exception:  # one bad message must not stop the hub
                logger.exception("live: could not dispatch %r", message.get("type"))

    def dispatch(self, message: dict[str, Any]) -> None:
        kind = message.get("type")
        if kind == "live.probe":
            probe = self._probes.get(message.get("nonce", ""))
            if probe is not None and not probe.done():
                probe.set_result(None)
            return
        if kind != HUB_MESSAGE_TYPE:
            return
        state = self.groups.get(group_name(message["topic"], message["key"]))
        if state is None:
            return
        version = int(message["version"])
        if state.last is not None and version <= state.last:
            return  # delivered already
        state.pending[version] = message["text"]
        if state.last is not None:  # else it waits for the first snapshot (went_live)
            self._deliver_in_order(state)

    def _deliver_in_order(self, state: _Group) -> None:
        assert state.last is not None
        while state.last + 1 in state.pending:
            state.last += 1
            self._fan_out(state, state.last, state.pending.pop(state.last))
        if state.pending and state.gap_timer is None:
            state.gap_timer = self.call_later(GAP_WAIT, self._give_up_waiting, state)
        elif not state.pending and state.gap_timer is not None:
            state.gap_timer.cancel()
            state.gap_timer = None

    def _give_up_waiting(self, state: _Group) -> None:
        """An earlier version never came (lost on the way): deliver what we have; clients
        see the gap and fetch a fresh snapshot."""
        state.gap_timer = None
        for version in sorted(state.pending):
            self._fan_out(state, version, state.pending.pop(version))
            state.last = version

    @staticmethod
    def _fan_out(state: _Group, version: int, text: str) -> None:
        for subscriber in state.subscribers:
            subscriber.offer(version, text)

    def _resync_everyone(self) -> None:
        for state in self.groups.values():
            for subscriber in list(state.subscribers):
                if not subscriber.closed:
                    subscriber.closed = True
                    _in_background(subscriber.close_for_resync())

    async def _stop_reading(self) -> None:
        reader, self._reader = self._reader, None
        self.channel = None
        if reader is not None:
            reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await reader


_hubs: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Hub] = weakref.WeakKeyDictionary()


def get_hub() -> Hub:
    """The hub of the running event loop (one per server process)."""
    loop = asyncio.get_running_loop()
    hub = _hubs.get(loop)
    if hub is None:
        hub = Hub(loop)
        _hubs[loop] = hub
    return hub
