"""Reads of a format's announcements."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from secretariat.announcements.models import Announcement
from secretariat.announcements.schemas import AnnouncementOut
from secretariat.formats.models import DialogueFormat

RECENT = 20  # what the page and the live feed keep (announcements.js keeps as many)


def announcement_list(fmt: DialogueFormat, *, limit: int = RECENT) -> QuerySet[Announcement]:
    """The format's newest announcements, newest first (one query)."""
    return Announcement.objects.filter(format=fmt).select_related("author")[:limit]


def announcement_data(announcement: Announcement) -> AnnouncementOut:
    """One announcement as every reader gets it (API, live snapshot and events)."""
    return AnnouncementOut(
        id=announcement.pk,
        text=announcement.text,
        author=announcement.author.full_name if announcement.author else "",
        created_at=announcement.created_at,
    )


def announcements_state(fmt: DialogueFormat) -> dict[str, Any]:
    """The live state of the format's announcements topic (JSON-ready)."""
    return {
        "announcements": [
            announcement_data(a).model_dump(mode="json") for a in announcement_list(fmt)
        ]
    }
