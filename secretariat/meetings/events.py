"""Live events of meetings (after Zulip's `send_event`): after a service commits, it sends a
patch of the live state to two topics:

- ``meeting/<id>``: the session as participants, the chair and the secretariat see it;
- ``meeting-outcomes/<id>``: the public outcomes view (status, agenda, decisions).

An event is ``{"action": "...", "patch": {key: value}}`` where each key is a top-level
key of the snapshot and its value is that key's new value in full. A client applies it as
``state.update(patch)``, so old state + events == a fresh snapshot (tested for every action).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secretariat.meetings.models import Meeting

TOPIC = "meeting"
OUTCOMES_TOPIC = "meeting-outcomes"

SESSION_KEYS = frozenset(
    {"status", "current_item", "speakers_open", "speaking_time", "agenda", "speakers", "floor",
     "decisions", "attendance"}
)  # fmt: skip
OUTCOME_KEYS = frozenset({"status", "current_item", "agenda", "decisions"})


def apply_event(state: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """What every client does with an event (live.js does the same in the browser)."""
    return {**state, **event["patch"]}


def _publish(name: str, key: str, event: dict[str, Any]) -> None:
    from secretariat.live.publish import publish

    publish(name, key, event)


def emit(meeting: Meeting, action: str, keys: set[str] | frozenset[str]) -> None:
    """Send the new value of `keys` to both topics (call inside the service's transaction;
    the live transport sends once it commits)."""
    from secretariat.meetings.selectors import live_state

    state = live_state(meeting, keys=set(keys))
    session_patch = {k: state[k] for k in keys if k in SESSION_KEYS}
    if session_patch:
        _publish(TOPIC, str(meeting.pk), {"action": action, "patch": session_patch})
    outcome_patch = {k: state[k] for k in keys if k in OUTCOME_KEYS}
    if outcome_patch:
        _publish(OUTCOMES_TOPIC, str(meeting.pk), {"action": action, "patch": outcome_patch})
