"""Reads of live announcements."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from secretariat.formats.models import DialogueFormat
from secretariat.live.models import Announcement

RECENT = 20


def announcement_list(fmt: DialogueFormat, *, limit: int = RECENT) -> QuerySet[Announcement]:
    """The format's newest announcements, newest first (one query)."""
    return Announcement.objects.filter(format=fmt).select_related("author")[:limit]


def announcement_data(announcement: Announcement) -> dict[str, Any]:
    """The shape a live client holds (snapshot entries and events alike)."""
    return {
        "id": announcement.pk,
        "text": announcement.text,
        "author": announcement.author.full_name if announcement.author else "",
        "created_at": announcement.created_at.isoformat(),
    }
