"""The WebSocket endpoint `/ws/live/<name>/<key>/`: a snapshot, then every later event."""

from __future__ import annotations

import json
import logging
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.sessions import InstanceSessionWrapper
from django.core.serializers.json import DjangoJSONEncoder

from secretariat.live.hub import Send, Subscriber, get_hub
from secretariat.live.topics import get_topic, valid_key
from secretariat.live.versions import snapshot_with_version

logger = logging.getLogger(__name__)

CLOSE_FORBIDDEN = 4403  # this person may not follow this topic key
CLOSE_UNKNOWN = 4404  # no such topic (or a malformed key)
CLOSE_SNAPSHOT_FAILED = 1011  # the server could not read the current state


def encode_snapshot(version: int, state: dict[str, Any]) -> str:
    return json.dumps(
        {"type": "snapshot", "version": version, "state": state},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        separators=(",", ":"),
    )


def frame_send(send: Send) -> Send:
    """The server's own ASGI send beneath Channels' session middleware, for WebSocket
    frames. That middleware wraps send only to save a changed session (and set its cookie)
    on the message types it lists, which are HTTP responses; a WebSocket frame just passes
    through its wrapper, one coroutine deeper, once per socket and event. The hub writes
    every event to every socket, so it writes through the server's send directly."""
    wrapper = getattr(send, "__self__", None)
    while isinstance(wrapper, InstanceSessionWrapper) and not any(
        kind.startswith("websocket.") for kind in wrapper.save_message_types
    ):
        send = wrapper.real_send
        wrapper = getattr(send, "__self__", None)
    return send


# channels ships no type hints: under --strict subclassing its Any is an error, else not.
class LiveConsumer(AsyncWebsocketConsumer):  # type: ignore[misc, unused-ignore]
    """Follows one topic key for one signed-in (or anonymous) person.

    Order on connect: ask the topic whether this person may follow the key; join the
    process hub (from then on events are buffered); read the snapshot and its version in
    one transaction; send the snapshot, then the buffered events newer than it, then live
    events. So the client gets every version after its snapshot exactly once, in order.
    """

    # No per-socket channel-layer channel: the process hub holds the only one. Naming an
    # alias that is not configured makes Channels skip new_channel() for each socket.
    channel_layer_alias = "live-sockets-go-through-the-hub"

    topic_name = ""
    topic_key = ""
    subscriber: Subscriber | None = None

    async def connect(self) -> None:
        kwargs = self.scope["url_route"]["kwargs"]
        self.topic_name, self.topic_key = kwargs["name"], kwargs["key"]
        topic = get_topic(self.topic_name)
        if topic is None or not valid_key(self.topic_key):
            await self._refuse(CLOSE_UNKNOWN)
            return
        user = self.scope.get("user")
        if not await database_sync_to_async(topic.authorize)(user, self.topic_key):
            await self._refuse(CLOSE_FORBIDDEN)
            return
        hub = get_hub()
        subscriber = Subscriber(frame_send(self.base_send), self._close_with)
        self.subscriber = subscriber
        await hub.join(self.topic_name, self.topic_key, subscriber)
        await self.accept()
        try:
            version, state = await database_sync_to_async(snapshot_with_version)(
                topic, user, self.topic_key
            )
            text = encode_snapshot(version, state)
        except Exception:
            logger.exception("live: snapshot of %s/%s failed", self.topic_name, self.topic_key)
            await self.close(CLOSE_SNAPSHOT_FAILED)
            return
        hub.went_live(self.topic_name, self.topic_key, version)
        try:
            await subscriber.go_live(text, version)
        except Exception:  # the client left while we sent; disconnect() cleans up
            subscriber.stop()

    async def _refuse(self, code: int) -> None:
        # A code only reaches the client after the handshake; closing before accept()
        # would turn into a bare HTTP 403.
        await self.accept()
        await self.close(code)

    async def _close_with(self, code: int) -> None:
        await self.close(code)

    async def receive(self, text_data: str | None = None, bytes_data: bytes | None = None) -> None:
        """Clients only listen; changes go through the HTTP API and its services."""

    async def disconnect(self, code: int) -> None:
        if self.subscriber is not None:
            await get_hub().leave(self.topic_name, self.topic_key, self.subscriber)
            self.subscriber = None
