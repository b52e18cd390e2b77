"""The meeting's live topics for the live transport (`/ws/live/<topic>/<meeting id>/`)."""

from __future__ import annotations

from typing import Any

from secretariat.live.topics import Topic
from secretariat.meetings import policy, selectors
from secretariat.meetings.events import OUTCOMES_TOPIC, TOPIC
from secretariat.meetings.models import Meeting

__all__ = ["OUTCOMES_TOPIC", "TOPIC"]


def _meeting(key: str) -> Meeting | None:
    if not key.isdigit():
        return None
    return Meeting.objects.select_related("format").filter(pk=int(key)).first()


def authorize_session(user: Any, key: str) -> bool:
    """The session as it runs (speakers, attendance): member delegations and secretariat."""
    meeting = _meeting(key)
    return (
        meeting is not None
        and policy.can_view_meeting(user, meeting)
        and policy.can_view_internal_record(user, meeting)
    )


def session_snapshot(user: Any, key: str) -> dict[str, Any]:
    meeting = _meeting(key)
    assert meeting is not None  # authorised just before
    return selectors.live_state(meeting)


def authorize_outcomes(user: Any, key: str) -> bool:
    meeting = _meeting(key)
    return meeting is not None and policy.can_view_outcomes(user, meeting)


def outcomes_snapshot(user: Any, key: str) -> dict[str, Any]:
    meeting = _meeting(key)
    assert meeting is not None
    return selectors.outcomes_state(meeting)


LIVE_TOPICS = [
    Topic(TOPIC, authorize=authorize_session, snapshot=session_snapshot),
    Topic(OUTCOMES_TOPIC, authorize=authorize_outcomes, snapshot=outcomes_snapshot),
]
