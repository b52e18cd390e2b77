"""Live events of the announcements topic (key: the format's slug).

A client holds the snapshot `{"announcements": [newest first]}` and applies each event
with `apply_event` (announcements.js does the same in the browser), so the old state plus
the events equals a fresh snapshot.
"""

from __future__ import annotations

from typing import Any, ClassVar

from secretariat.announcements.schemas import AnnouncementOut
from secretariat.core.events import Event

ANNOUNCEMENTS = "announcements"  # topic name; the key is the format's slug


class AnnouncementEvent(Event):
    """The base of this topic's events."""

    topic: ClassVar[str] = ANNOUNCEMENTS


class AnnouncementPublished(AnnouncementEvent):
    """The secretariat sent an announcement: it goes on top of the feed."""

    kind: ClassVar[str] = "announcement.published"
    announcement: AnnouncementOut


def apply_event(state: dict[str, Any], event: dict[str, Any], *, keep: int) -> dict[str, Any]:
    """What every client does with an event: the newest first, at most `keep` of them."""
    if event["kind"] != AnnouncementPublished.kind:
        return state
    return {"announcements": [event["announcement"], *state["announcements"]][:keep]}
