"""Meetings of a format: list, plan, read, edit, lifecycle, the video conference, and the
slot finder."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Status
from ninja.security import django_auth

from secretariat.core.errors import PermissionDenied
from secretariat.formats import selectors as format_selectors
from secretariat.meetings import policy, selectors
from secretariat.meetings.api._common import detail, meeting_out, router, run, visible_meeting
from secretariat.meetings.commands import format_commands
from secretariat.meetings.models import Meeting
from secretariat.meetings.scheduling import candidate_slots
from secretariat.meetings.schemas import (
    ConferenceIn,
    ConferenceOut,
    EmptyIn,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    MeetingRescheduleIn,
    MeetingTransition,
    SlotOut,
    SlotsQuery,
)


@router.get("/formats/{slug}/meetings", response=list[MeetingOut], summary="Meetings of a format")
def list_meetings(request: HttpRequest, slug: str) -> list[MeetingOut]:
    fmt = format_selectors.format_get(slug)
    return [MeetingOut(**meeting_out(m)) for m in selectors.meeting_list(fmt, request.user)]


@router.post(
    "/formats/{slug}/meetings",
    response={201: MeetingDetailOut},
    auth=django_auth,
    summary="Plan a meeting (secretariat)",
)
def create_meeting(request: HttpRequest, slug: str, payload: MeetingIn) -> Any:
    fmt = format_selectors.format_get(slug)
    meeting, _message = format_commands.execute(
        "plan", actor=request.user, target=fmt, data=payload
    )
    assert isinstance(meeting, Meeting)
    return Status(201, detail(request, meeting))


@router.get(
    "/formats/{slug}/meeting-slots",
    response=list[SlotOut],
    summary="Start times within working hours in every member capital",
)
def meeting_slots(request: HttpRequest, slug: str, query: Query[SlotsQuery]) -> list[SlotOut]:
    fmt = format_selectors.format_get(slug)
    zones = [s.time_zone for s in selectors.member_states(fmt)]
    slots = candidate_slots(
        zones,
        duration=timedelta(minutes=query.duration_minutes),
        start_on=query.start or timezone.now().date() + timedelta(days=1),
        days=query.days,
    )
    return [SlotOut(starts_at=s.starts_at, ends_at=s.ends_at, local=s.local) for s in slots]


@router.get("/meetings/{meeting_id}", response=MeetingDetailOut, summary="A meeting")
def get_meeting(request: HttpRequest, meeting_id: int) -> MeetingDetailOut:
    return detail(request, visible_meeting(request, meeting_id))


@router.patch(
    "/meetings/{meeting_id}",
    response=MeetingDetailOut,
    auth=django_auth,
    summary="Edit a meeting (secretariat; send the version you saw)",
)
def update_meeting(request: HttpRequest, meeting_id: int, payload: MeetingPatch) -> Any:
    meeting = visible_meeting(request, meeting_id)
    return detail(request, run(request, "edit", meeting, payload))


@router.post(
    "/meetings/{meeting_id}/transitions/{name}",
    response=MeetingDetailOut,
    auth=django_auth,
    summary="announce, postpone or cancel (secretariat)",
)
def transition(request: HttpRequest, meeting_id: int, name: MeetingTransition) -> Any:
    meeting = visible_meeting(request, meeting_id)
    return detail(request, run(request, name.value, meeting, EmptyIn()))


@router.post(
    "/meetings/{meeting_id}/reschedule",
    response=MeetingDetailOut,
    auth=django_auth,
    summary="New times for a postponed meeting; it is announced again",
)
def reschedule(request: HttpRequest, meeting_id: int, payload: MeetingRescheduleIn) -> Any:
    meeting = visible_meeting(request, meeting_id)
    return detail(request, run(request, "reschedule", meeting, payload))


@router.post(
    "/meetings/{meeting_id}/conference",
    response=ConferenceOut,
    auth=django_auth,
    summary="Set the video conference through a provider (secretariat)",
)
def set_conference(request: HttpRequest, meeting_id: int, payload: ConferenceIn) -> Any:
    meeting = run(request, "conference", visible_meeting(request, meeting_id), payload)
    return ConferenceOut(provider=meeting.conference_provider, url=meeting.conference_url)


@router.get(
    "/meetings/{meeting_id}/conference",
    response=ConferenceOut,
    auth=django_auth,
    summary="The video link: registered participants and the secretariat only",
)
def get_conference(request: HttpRequest, meeting_id: int) -> Any:
    meeting = visible_meeting(request, meeting_id)
    if not policy.can_see_conference_link(request.user, meeting):
        raise PermissionDenied(
            _("The link is for registered participants and the secretariat only.")
        )
    return ConferenceOut(provider=meeting.conference_provider, url=meeting.conference_url)
