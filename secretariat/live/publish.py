"""Send a live event from a service: once, after the change commits, to every process."""

from __future__ import annotations

import json
import logging
from typing import Any

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from secretariat.live.topics import get_topic, group_name, valid_key
from secretariat.live.versions import version_bump

logger = logging.getLogger(__name__)

HUB_MESSAGE_TYPE = "live.event"


def publish(name: str, key: str, event: dict[str, Any]) -> None:
    """Publish `event` to everyone following topic `name` at `key`.

    Call it from the service, inside the transaction that makes the change: the key's
    version is bumped in that transaction, and the event leaves only when it commits
    (nothing is sent for a rolled-back change). One channel-layer message goes out per
    topic key; each server process's hub fans it out to its own sockets.
    """
    if get_topic(name) is None:
        raise ValueError(f"Unknown live topic {name!r}; register it with register_topic().")
    if not valid_key(key):
        raise ValueError(f"Invalid live topic key {key!r}.")
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(
            "publish() must run inside the transaction that makes the change "
            "(call it from an @transaction.atomic service), so that a snapshot never "
            "sees the change without its version."
        )
    version = version_bump(name, key)
    # Encoded once here, so no process encodes it again per socket; fails early on bad data.
    text = json.dumps(
        {"type": "event", "version": version, "event": event},
        cls=DjangoJSONEncoder,
        ensure_ascii=False,
        separators=(",", ":"),
    )
    message = {
        "type": HUB_MESSAGE_TYPE,
        "topic": name,
        "key": key,
        "version": version,
        "text": text,
    }
    transaction.on_commit(lambda: _send(group_name(name, key), message))


def _send(group: str, message: dict[str, Any]) -> None:
    layer = get_channel_layer()
    if layer is None:  # pragma: no cover - settings always configure a layer
        return
    try:
        async_to_sync(layer.group_send)(group, message)
    except Exception:
        # The change has committed; failing the request now would not undo it. Clients
        # notice the missing version at the next event and fetch a fresh snapshot.
        logger.exception("live event %s v%s could not be sent", group, message["version"])
