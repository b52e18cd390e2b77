"""Live topics: what a browser may follow over `/ws/live/<name>/<key>/`.

A capability registers each topic once, at start-up (in its AppConfig.ready()), with two
sync functions that use the ORM:

- ``authorize(user, key) -> bool``: may this person follow this topic key? Asked once per
  connection, before anything is sent.
- ``snapshot(user, key) -> dict``: the current state as that person may see it. The live
  consumer calls it inside a read transaction that also reads the key's version, so the
  snapshot and its version always agree (see `secretariat.live.versions`).

Every server process imports the same code, so every process knows the same topics;
nothing about a topic lives only in one process.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

# Group names of channel layers allow [A-Za-z0-9._-] and fewer than 100 characters.
TOPIC_NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
TOPIC_KEY_RE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$")

Authorize = Callable[[Any, str], bool]
Snapshot = Callable[[Any, str], dict[str, Any]]


@dataclass(frozen=True)
class Topic:
    name: str
    authorize: Authorize
    snapshot: Snapshot


_topics: dict[str, Topic] = {}


def register_topic(name: str, *, authorize: Authorize, snapshot: Snapshot) -> Topic:
    """Make `name` followable. Registering the same functions again is harmless (ready()
    may run more than once in tests); another pair under a taken name is a mistake."""
    if not TOPIC_NAME_RE.match(name):
        raise ValueError(
            f"Topic name {name!r} must be lower-case letters, digits, '-' or '_' "
            "(at most 32 characters, starting with a letter)."
        )
    topic = Topic(name=name, authorize=authorize, snapshot=snapshot)
    existing = _topics.get(name)
    if existing is not None and existing != topic:
        raise ValueError(f"Live topic {name!r} is already registered by other functions.")
    _topics[name] = topic
    return topic


def unregister_topic(name: str) -> None:
    """Forget a topic (tests that register throw-away topics use this)."""
    _topics.pop(name, None)


def get_topic(name: str) -> Topic | None:
    return _topics.get(name)


def valid_key(key: str) -> bool:
    return bool(TOPIC_KEY_RE.match(key))


def group_name(name: str, key: str) -> str:
    """The channel-layer group of one topic key, shared by every process of one deployment.
    LIVE_GROUP_PREFIX tells deployments (or test runs) apart that share one Redis: Redis
    pub/sub channels are not separated by database number."""
    prefix = getattr(settings, "LIVE_GROUP_PREFIX", "live")
    return f"{prefix}.{name}.{key}"
