"""Live topics: what a browser may follow over `/ws/live/<name>/<key>/`.

A capability declares its topics in its `live.py` module, next to the functions they name::

    LIVE_TOPICS = [Topic("meeting", authorize=authorize_session, snapshot=session_snapshot)]

and the live app registers the topics of every installed app at start-up
(`autodiscover_topics`, from `LiveConfig.ready()`), so no capability repeats the
registration in its own AppConfig. A topic names two sync functions that use the ORM:

- ``authorize(user, key) -> bool``: may this person follow this topic key? Asked once per
  connection, before anything is sent.
- ``snapshot(user, key) -> dict``: the current state as that person may see it. The live
  consumer calls it inside a read transaction that also reads the key's version, so the
  snapshot and its version always agree (see `secretariat.live.versions`).

Every server process imports the same code, so every process knows the same topics;
nothing about a topic lives only in one process.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeAlias

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import module_has_submodule

if TYPE_CHECKING:
    from secretariat.core.types import Actor

# Group names of channel layers allow [A-Za-z0-9._-] and fewer than 100 characters.
TOPIC_NAME_RE = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
TOPIC_KEY_RE = re.compile(r"^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$")

#: The module of an app that declares its topics, and the name it declares them under.
TOPICS_MODULE = "live"
TOPICS_ATTRIBUTE = "LIVE_TOPICS"

Authorize: TypeAlias = "Callable[[Actor, str], bool]"
Snapshot: TypeAlias = "Callable[[Actor, str], dict[str, Any]]"


@dataclass(frozen=True)
class Topic:
    name: str
    authorize: Authorize
    snapshot: Snapshot

    def __post_init__(self) -> None:
        if not TOPIC_NAME_RE.match(self.name):
            raise ValueError(
                f"Topic name {self.name!r} must be lower-case letters, digits, '-' or '_' "
                "(at most 32 characters, starting with a letter)."
            )


_topics: dict[str, Topic] = {}


def register_topics(topics: Iterable[Topic]) -> None:
    """Make each topic followable. Registering the same functions again is harmless
    (ready() may run more than once in tests); another pair under a taken name is a
    mistake."""
    for topic in topics:
        existing = _topics.get(topic.name)
        if existing is not None and existing != topic:
            raise ValueError(f"Live topic {topic.name!r} is already registered by other functions.")
        _topics[topic.name] = topic


def register_topic(name: str, *, authorize: Authorize, snapshot: Snapshot) -> Topic:
    """One topic at a time (what capabilities called in their ready() before declaring
    LIVE_TOPICS; kept for them and for tests that register throw-away topics)."""
    topic = Topic(name=name, authorize=authorize, snapshot=snapshot)
    register_topics([topic])
    return topic


def autodiscover_topics() -> list[Topic]:
    """Register the LIVE_TOPICS of every installed app's `live` module; return them.

    An app without a `live` module, or whose `live` module declares no LIVE_TOPICS, adds
    nothing. An error while importing a module that exists is not hidden."""
    found: list[Topic] = []
    for app_config in apps.get_app_configs():
        if not module_has_submodule(app_config.module, TOPICS_MODULE):
            continue
        module = importlib.import_module(f"{app_config.name}.{TOPICS_MODULE}")
        declared = getattr(module, TOPICS_ATTRIBUTE, ())
        for topic in declared:
            if not isinstance(topic, Topic):
                raise TypeError(
                    f"{module.__name__}.{TOPICS_ATTRIBUTE} holds {topic!r}, not a live Topic."
                )
        register_topics(declared)
        found.extend(declared)
    return found


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
