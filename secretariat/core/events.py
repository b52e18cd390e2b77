"""Typed live events (after Zulip's `event_schema.py` and `send_event_on_commit`).

Each capability declares its events in its `events.py` as `Event` subclasses with a `topic`
and a `kind`; a service sends one through `send_event` inside its transaction, and the live
transport delivers it once the change commits. The schema is checked when the event is
built (pydantic), so a service cannot send a field its clients do not expect.

Which keys of a live state a change affects is derived, not listed at each call site: a
capability keeps a table of which keys each stored field feeds, and `affected_keys` closes
over it (changing `speaking_time` also changes `floor`, whose countdown it sets).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from secretariat.live.publish import publish as publish  # tests spy on it here

#: Every declared event type, by (topic, kind); tests use it to check coverage.
EVENT_TYPES: dict[tuple[str, str], type[Event]] = {}


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    topic: ClassVar[str]
    kind: ClassVar[str]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        kind = cls.__dict__.get("kind")
        if kind is None:  # an abstract base of a capability's events
            return
        key = (cls.topic, kind)
        existing = EVENT_TYPES.get(key)
        if existing is not None and existing.__qualname__ != cls.__qualname__:
            raise ValueError(f"Live event {key} is declared twice.")
        EVENT_TYPES[key] = cls

    def payload(self) -> dict[str, Any]:
        return {"kind": self.kind, **self.model_dump(mode="json")}


def send_event(event: Event, *, key: str) -> None:
    """Send `event` to everyone following its topic at `key`, once the transaction commits
    (call it inside the service's transaction, after the write)."""
    publish(event.topic, key, event.payload())


def affected_keys(changed: Iterable[str], feeds: Mapping[str, Iterable[str]]) -> frozenset[str]:
    """The keys of a live state that a change of `changed` fields affects: each field's own
    key (when it is one) and, transitively, every key the table says it feeds."""
    result: set[str] = set()
    todo = list(changed)
    while todo:
        name = todo.pop()
        if name in result:
            continue
        result.add(name)
        todo.extend(feeds.get(name, ()))
    return frozenset(result)
