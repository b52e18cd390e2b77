"""Live events of the announcements topic, and the topic itself."""

from __future__ import annotations

from typing import Any

from secretariat.formats.models import DialogueFormat
from secretariat.live import policy, selectors
from secretariat.live.models import Announcement
from secretariat.live.publish import publish
from secretariat.live.topics import register_topic

ANNOUNCEMENTS = "announcements"  # topic key: the format's slug


def _format(slug: str) -> DialogueFormat | None:
    return DialogueFormat.objects.filter(slug=slug).first()


def authorize_announcements(user: Any, key: str) -> bool:
    fmt = _format(key)
    return fmt is not None and policy.can_follow_announcements(user, fmt)


def snapshot_announcements(user: Any, key: str) -> dict[str, Any]:
    fmt = _format(key)
    if fmt is None:
        return {"announcements": []}
    return {
        "announcements": [selectors.announcement_data(a) for a in selectors.announcement_list(fmt)]
    }


def announcement_published(fmt: DialogueFormat, announcement: Announcement) -> None:
    publish(
        ANNOUNCEMENTS,
        fmt.slug,
        {
            "kind": "announcement.published",
            "announcement": selectors.announcement_data(announcement),
        },
    )


def register() -> None:
    register_topic(
        ANNOUNCEMENTS, authorize=authorize_announcements, snapshot=snapshot_announcements
    )
