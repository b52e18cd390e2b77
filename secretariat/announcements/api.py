"""HTTP API of announcements: a format's recent announcements, and sending one."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.responses import Status
from ninja.security import django_auth

from secretariat.announcements import policy, selectors
from secretariat.announcements.commands import commands
from secretariat.announcements.models import Announcement
from secretariat.announcements.schemas import AnnouncementIn, AnnouncementOut
from secretariat.core.errors import PermissionDenied
from secretariat.core.types import AuthenticatedRequest
from secretariat.formats import selectors as format_selectors

router = Router(tags=["announcements"])


@router.get(
    "/live/formats/{slug}/announcements",
    response=list[AnnouncementOut],
    summary="Recent announcements of a format (its delegations, observers and secretariat)",
)
def list_announcements(request: HttpRequest, slug: str) -> list[AnnouncementOut]:
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
    request: AuthenticatedRequest, slug: str, payload: AnnouncementIn
) -> Status[AnnouncementOut]:
    fmt = format_selectors.format_get(slug)
    announcement, _message = commands.execute("send", actor=request.user, target=fmt, data=payload)
    assert isinstance(announcement, Announcement)  # what the command returns
    return Status(201, selectors.announcement_data(announcement))
