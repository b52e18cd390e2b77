"""HTTP API of the live capability: a format's announcements (sent live to followers)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.responses import Status
from ninja.security import django_auth

from secretariat.core.errors import PermissionDenied
from secretariat.formats import selectors as format_selectors
from secretariat.live import policy, selectors, services

router = Router(tags=["live"])


class AnnouncementIn(Schema):
    text: str


class AnnouncementOut(Schema):
    id: int
    text: str
    author: str
    created_at: datetime


@router.get(
    "/live/formats/{slug}/announcements",
    response=list[AnnouncementOut],
    summary="Recent announcements of a format (its delegations, observers and secretariat)",
)
def list_announcements(request: HttpRequest, slug: str) -> list[dict[str, object]]:
    fmt = format_selectors.format_get(slug)
    if not policy.can_follow_announcements(request.user, fmt):
        raise PermissionDenied(_("Announcements are for the people taking part in the format."))
    return [selectors.announcement_data(a) for a in selectors.announcement_list(fmt)]


@router.post(
    "/live/formats/{slug}/announcements",
    response={201: AnnouncementOut},
    auth=django_auth,  # a signed-in session, and its CSRF token (X-CSRFToken) for this write
    summary="Send an announcement live to everyone following the format (secretariat only)",
)
def send_announcement(
    request: HttpRequest, slug: str, payload: AnnouncementIn
) -> Status[dict[str, object]]:
    fmt = format_selectors.format_get(slug)
    announcement = services.announcement_send(actor=request.user, fmt=fmt, text=payload.text)
    return Status(201, selectors.announcement_data(announcement))
