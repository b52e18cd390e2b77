"""The announcements topic of the live transport: `/ws/live/announcements/<format slug>/`.

The live app registers LIVE_TOPICS at start-up (see `secretariat.live.topics`)."""

from __future__ import annotations

from typing import Any

from secretariat.announcements import policy, selectors
from secretariat.announcements.events import ANNOUNCEMENTS
from secretariat.core.types import Actor
from secretariat.formats.models import DialogueFormat
from secretariat.live.topics import Topic


def _format(slug: str) -> DialogueFormat | None:
    return DialogueFormat.objects.filter(slug=slug).first()


def authorize_announcements(user: Actor, key: str) -> bool:
    """The format's participants; an unknown format is refused like a closed one."""
    fmt = _format(key)
    return fmt is not None and policy.can_follow_announcements(user, fmt)


def snapshot_announcements(user: Actor, key: str) -> dict[str, Any]:
    fmt = _format(key)
    if fmt is None:
        return {"announcements": []}
    return selectors.announcements_state(fmt)


LIVE_TOPICS = [
    Topic(ANNOUNCEMENTS, authorize=authorize_announcements, snapshot=snapshot_announcements)
]
