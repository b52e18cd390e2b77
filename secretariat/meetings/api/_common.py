"""What the meetings endpoints share: the router, visibility (404 before anything else),
and the outputs built from models."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Router

from secretariat.core.errors import PermissionDenied
from secretariat.core.schemas import InputSchema
from secretariat.meetings import policy, selectors
from secretariat.meetings.commands import commands
from secretariat.meetings.models import Meeting
from secretariat.meetings.schemas import (
    AgendaItemOut,
    CapitalTimeOut,
    MeetingDetailOut,
    MeetingOut,
)

router = Router(tags=["meetings"])


def visible_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    """404 for a meeting the person may not know of: a planned meeting does not leak."""
    meeting = selectors.meeting_get(meeting_id)
    if not policy.can_view_meeting(request.user, meeting):
        raise Http404
    return meeting


def internal(request: HttpRequest, meeting: Meeting) -> None:
    if not policy.can_view_internal_record(request.user, meeting):
        raise PermissionDenied(
            _("The record of the session is for member delegations and the secretariat.")
        )


def run(request: HttpRequest, name: str, meeting: Meeting, data: InputSchema) -> Any:
    """Run the meetings command `name` for the signed-in person; refusals propagate to the
    API's handlers (403, 409, 422)."""
    result, _message = commands.execute(name, actor=request.user, target=meeting, data=data)
    return result


def meeting_out(meeting: Meeting) -> dict[str, Any]:
    return dict(
        id=meeting.pk,
        format=meeting.format.slug,
        name=meeting.display_name,
        kind=meeting.kind,
        number=meeting.number,
        title=meeting.title,
        mode=meeting.mode,
        host_state=meeting.host_state.iso2 if meeting.host_state else None,
        venue=meeting.venue,
        chair_state=meeting.chair_state.iso2 if meeting.chair_state else None,
        starts_at=meeting.starts_at,
        ends_at=meeting.ends_at,
        is_public=meeting.is_public,
        status=meeting.status,
        version=meeting.version,
        conference_provider=meeting.conference_provider,
        agenda_approved_at=meeting.agenda_approved_at,
        opened_at=meeting.opened_at,
        closed_at=meeting.closed_at,
    )


def agenda_out(row: selectors.AgendaRow) -> AgendaItemOut:
    return AgendaItemOut(
        id=row.pk,
        position=row.position,
        title=row.title,
        kind=row.kind,
        description=row.description,
        document=row.document.slug if row.document is not None else None,
        version=row.version,
    )


def detail(request: HttpRequest, meeting: Meeting) -> MeetingDetailOut:
    meeting = selectors.meeting_get(meeting.pk)  # fresh: a command may have changed it
    states = selectors.member_states(meeting.format_id)
    may_link = policy.can_see_conference_link(request.user, meeting)
    return MeetingDetailOut(
        **meeting_out(meeting),
        capitals=[
            CapitalTimeOut(
                state=row.state.iso2,
                capital=str(row.state.capital),
                time_zone=row.state.time_zone,
                starts=row.starts,
                ends=row.ends,
                utc_offset=row.offset_label,
            )
            for row in selectors.capital_times(meeting, states)
        ],
        agenda=[agenda_out(row) for row in selectors.agenda_rows(meeting, request.user)],
        may_see_conference_link=may_link,
        conference_url=(meeting.conference_url or None) if may_link else None,
    )


__all__ = ["MeetingOut", "router"]
