"""Minutes: read them (members and secretariat; observers once final), draft, edit,
circulate, respond, finalise."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Status
from ninja.security import django_auth

from secretariat.core.errors import PermissionDenied
from secretariat.meetings import policy, selectors
from secretariat.meetings.api._common import router, run, visible_meeting
from secretariat.meetings.models import Meeting, Minutes
from secretariat.meetings.schemas import (
    EmptyIn,
    MinutesCirculateIn,
    MinutesEditIn,
    MinutesOut,
    MinutesResponseIn,
)


def _minutes(request: HttpRequest, meeting_id: int) -> Minutes:
    meeting = visible_meeting(request, meeting_id)
    minutes = Minutes.objects.filter(meeting=meeting).select_related("meeting__format").first()
    if minutes is None:
        if not policy.can_view_internal_record(request.user, meeting):
            raise PermissionDenied(
                _("Draft minutes are for member delegations and the secretariat.")
            )
        raise Http404
    if not policy.can_view_minutes(request.user, minutes):
        raise PermissionDenied(_("Draft minutes are for member delegations and the secretariat."))
    return minutes


def _minutes_out(minutes: Minutes) -> MinutesOut:
    minutes = Minutes.objects.select_related("meeting__format").get(pk=minutes.pk)
    approval = selectors.minutes_approval(minutes)
    revision = approval.revision
    names = {d.pk: d.state.iso2 for d in approval.delegations}
    return MinutesOut(
        status=minutes.status,
        version=minutes.version,
        deadline=minutes.deadline,
        revision=revision.number if revision else None,
        texts=revision.texts if revision else {},
        final_hash=minutes.final_hash,
        approved_by=sorted(names[i] for i in approval.approved if i in names),
        commented_by=sorted(names[i] for i in approval.commented if i in names),
        may_finalise=approval.may_finalise,
    )


def _act(request: HttpRequest, meeting_id: int, name: str, data: Any) -> MinutesOut:
    minutes = _minutes(request, meeting_id)
    meeting: Meeting = minutes.meeting
    run(request, name, meeting, data)
    return _minutes_out(minutes)


@router.get("/meetings/{meeting_id}/minutes", response=MinutesOut, summary="Minutes")
def get_minutes(request: HttpRequest, meeting_id: int) -> Any:
    return _minutes_out(_minutes(request, meeting_id))


@router.post(
    "/meetings/{meeting_id}/minutes",
    response={201: MinutesOut},
    auth=django_auth,
    summary="Draft the minutes from the session record (secretariat)",
)
def generate_minutes(request: HttpRequest, meeting_id: int) -> Any:
    meeting = visible_meeting(request, meeting_id)
    return Status(201, _minutes_out(run(request, "minutes-generate", meeting, EmptyIn())))


@router.put(
    "/meetings/{meeting_id}/minutes",
    response=MinutesOut,
    auth=django_auth,
    summary="Edit the draft: a new revision (secretariat)",
)
def edit_minutes(request: HttpRequest, meeting_id: int, payload: MinutesEditIn) -> Any:
    return _act(request, meeting_id, "minutes-edit", payload)


@router.post(
    "/meetings/{meeting_id}/minutes/circulate",
    response=MinutesOut,
    auth=django_auth,
    summary="Circulate for approval with a deadline",
)
def circulate_minutes(request: HttpRequest, meeting_id: int, payload: MinutesCirculateIn) -> Any:
    return _act(request, meeting_id, "minutes-circulate", payload)


@router.post(
    "/meetings/{meeting_id}/minutes/reopen",
    response=MinutesOut,
    auth=django_auth,
    summary="Take circulated minutes back to draft",
)
def reopen_minutes(request: HttpRequest, meeting_id: int) -> Any:
    return _act(request, meeting_id, "minutes-reopen", EmptyIn())


@router.post(
    "/meetings/{meeting_id}/minutes/responses",
    response=MinutesOut,
    auth=django_auth,
    summary="A delegation approves or comments",
)
def respond_to_minutes(request: HttpRequest, meeting_id: int, payload: MinutesResponseIn) -> Any:
    return _act(request, meeting_id, "minutes-respond", payload)


@router.post(
    "/meetings/{meeting_id}/minutes/finalise",
    response=MinutesOut,
    auth=django_auth,
    summary="Make the minutes final and frozen",
)
def finalise_minutes(request: HttpRequest, meeting_id: int) -> Any:
    return _act(request, meeting_id, "minutes-finalise", EmptyIn())
