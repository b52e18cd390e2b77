"""Live events of meetings, typed (after Zulip's `event_schema.py` and `send_event`).

A meeting's live state goes to two topics:

- ``meeting/<id>``: the session as participants, the chair and the secretariat see it
  (`SESSION_KEYS`);
- ``meeting-outcomes/<id>``: the public outcomes view (`OUTCOME_KEYS`).

An event is ``{"action": "...", "patch": {key: value}}`` where each key is a top-level key of
the state and its value that key's new value in full; a client applies it as
``state.update(patch)``, so old state + events == a fresh read (tested for every service
that emits, found by introspection).

A service names the stored facts it changed (`emit(meeting, action, changed=...)`): fields
of the meeting, or the rows hanging off it. Which keys of the state that affects is derived
from `FEEDS`, never listed at the call site: changing the speaking time changes the
countdown of whoever holds the floor too.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ConfigDict

from secretariat.core.events import Event, affected_keys, send_event

if TYPE_CHECKING:
    from secretariat.meetings.models import Meeting

TOPIC = "meeting"
OUTCOMES_TOPIC = "meeting-outcomes"

SESSION_KEYS = frozenset(
    {
        "status",
        "current_item",
        "speakers_open",
        "speaking_time",
        "agenda",
        "speakers",
        "floor",
        "decisions",
        "attendance",
    }
)
OUTCOME_KEYS = frozenset({"status", "current_item", "agenda", "decisions"})

#: Rows hanging off a meeting that a service may name as changed (the meeting's related
#: names); fields of the meeting are named as they are.
ROWS = frozenset({"agenda_items", "speakers", "decisions", "participants"})

#: Which keys of the live state each stored fact feeds, besides its own key when it is one
#: (`core.events.affected_keys` closes over this).
FEEDS: dict[str, tuple[str, ...]] = {
    "agenda_items": ("agenda",),
    "current_item": ("speakers",),  # the list shows the speakers of the current item
    "speakers": ("floor",),  # who has the floor is a speaker row
    "speaking_time": ("floor",),  # the countdown's length
    "participants": ("attendance",),  # presence is recorded on participants
}


class MeetingAction(StrEnum):
    """What happened, as the events name it (clients may wait for one)."""

    UPDATED = "meeting.updated"
    ANNOUNCED = "meeting.announce"
    POSTPONED = "meeting.postpone"
    CANCELLED = "meeting.cancel"
    RESCHEDULED = "meeting.reschedule"
    AGENDA_CHANGED = "agenda.changed"
    ATTENDANCE_CHANGED = "attendance.changed"
    SESSION_OPENED = "session.opened"
    SESSION_ITEM = "session.item"
    SPEAKERS_OPENED = "speakers.opened"
    SPEAKERS_CLOSED = "speakers.closed"
    FLOOR_REQUESTED = "floor.requested"
    FLOOR_WITHDRAWN = "floor.withdrawn"
    FLOOR_GIVEN = "floor.given"
    FLOOR_ENDED = "floor.ended"
    DECISION_RECORDED = "decision.recorded"
    SESSION_CLOSED = "session.closed"
    MINUTES_APPROVED = "minutes.approved"


# --- the live state's schema ------------------------------------------------------------------


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LiveAgendaItem(_Entry):
    id: int
    position: int
    title: str
    kind: str


class LiveSpeaker(_Entry):
    id: int
    delegation: str  # ISO 3166 alpha-2
    status: str


class LiveFloor(_Entry):
    speaker: int
    delegation: str
    started_at: str | None  # ISO 8601, UTC
    seconds: int  # the speaking time the countdown runs from


class LiveDecision(_Entry):
    id: int
    item: int
    kind: str
    text: str


class LiveAttendance(_Entry):
    present: list[str]
    quorum: bool


class LiveOutcomes(_Entry):
    """What the public outcomes view holds."""

    status: str
    current_item: int | None
    agenda: list[LiveAgendaItem]
    decisions: list[LiveDecision]


class LiveSession(LiveOutcomes):
    """What the session console and the delegations' view hold (language-neutral: codes,
    ids, UTC times)."""

    speakers_open: bool
    speaking_time: int
    speakers: list[LiveSpeaker]
    floor: LiveFloor | None
    attendance: LiveAttendance


class LiveSessionPatch(_Entry):
    """Some keys of `LiveSession`, each in full."""

    status: str = ""
    current_item: int | None = None
    agenda: list[LiveAgendaItem] = []
    decisions: list[LiveDecision] = []
    speakers_open: bool = False
    speaking_time: int = 0
    speakers: list[LiveSpeaker] = []
    floor: LiveFloor | None = None
    attendance: LiveAttendance | None = None


class LiveOutcomesPatch(_Entry):
    """Some keys of `LiveOutcomes`, each in full."""

    status: str = ""
    current_item: int | None = None
    agenda: list[LiveAgendaItem] = []
    decisions: list[LiveDecision] = []


# --- the events -------------------------------------------------------------------------------


class _MeetingEvent(Event):
    action: MeetingAction

    def _patch(self) -> BaseModel:
        raise NotImplementedError

    def payload(self) -> dict[str, Any]:
        """The wire shape clients apply: only the keys the change affects."""
        return {
            "action": self.action.value,
            "patch": self._patch().model_dump(mode="json", exclude_unset=True),
        }


class SessionChanged(_MeetingEvent):
    topic = TOPIC
    kind = "session.changed"
    patch: LiveSessionPatch

    def _patch(self) -> BaseModel:
        return self.patch


class OutcomesChanged(_MeetingEvent):
    topic = OUTCOMES_TOPIC
    kind = "outcomes.changed"
    patch: LiveOutcomesPatch

    def _patch(self) -> BaseModel:
        return self.patch


def apply_event(state: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """What every client does with an event (meetings.js does the same in the browser)."""
    return {**state, **event["patch"]}


def _known_facts() -> frozenset[str]:
    from secretariat.meetings.models import Meeting

    return frozenset(f.name for f in Meeting._meta.concrete_fields) | ROWS


def affected(changed: Iterable[str]) -> frozenset[str]:
    """The keys of the live state (either topic) that a change of `changed` affects."""
    changed = set(changed)
    unknown = changed - _known_facts()
    if unknown:
        raise ValueError(f"Not a stored fact of a meeting: {sorted(unknown)}")
    return affected_keys(changed, FEEDS) & (SESSION_KEYS | OUTCOME_KEYS)


def emit(meeting: Meeting, action: MeetingAction, *, changed: Iterable[str]) -> None:
    """Send the new value of every key `changed` affects to both topics. Call it inside the
    service's transaction, after the write: the live transport sends once it commits. A
    change that feeds no live key sends nothing."""
    from secretariat.meetings.selectors import live_state

    keys = affected(changed)
    if not keys:
        return
    state = live_state(meeting, keys=set(keys))
    key = str(meeting.pk)
    session = {k: state[k] for k in keys & SESSION_KEYS}
    if session:
        send_event(SessionChanged(action=action, patch=LiveSessionPatch(**session)), key=key)
    outcomes = {k: state[k] for k in keys & OUTCOME_KEYS}
    if outcomes:
        send_event(OutcomesChanged(action=action, patch=LiveOutcomesPatch(**outcomes)), key=key)
