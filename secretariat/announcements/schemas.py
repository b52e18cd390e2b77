"""The shapes of an announcement: what the API takes and what every reader gets (the API,
the live snapshot and the live event alike)."""

from __future__ import annotations

from datetime import datetime

from ninja import Schema

from secretariat.core.schemas import InputSchema


class AnnouncementIn(InputSchema):
    text: str


class AnnouncementOut(Schema):
    id: int
    text: str
    author: str
    created_at: datetime
