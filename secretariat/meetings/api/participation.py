"""Participants and the roll call."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Status
from ninja.security import django_auth

from secretariat.meetings import selectors
from secretariat.meetings.api._common import internal, router, run, visible_meeting
from secretariat.meetings.events import LiveAttendance
from secretariat.meetings.models import Participant
from secretariat.meetings.schemas import (
    ParticipantIn,
    ParticipantOut,
    ParticipantRef,
    RollCallIn,
)


def _participant_out(p: Participant) -> ParticipantOut:
    return ParticipantOut(
        id=p.pk,
        delegation=p.delegation.state.iso2,
        name=p.name,
        function=p.function,
        present=p.present,
        user_email=p.user.email if p.user else None,
    )


@router.get(
    "/meetings/{meeting_id}/participants",
    response=list[ParticipantOut],
    summary="Participants and roll call (members and secretariat)",
)
def list_participants(request: HttpRequest, meeting_id: int) -> Any:
    meeting = visible_meeting(request, meeting_id)
    internal(request, meeting)
    return [_participant_out(p) for p in selectors.participants(meeting)]


@router.post(
    "/meetings/{meeting_id}/participants",
    response={201: ParticipantOut},
    auth=django_auth,
    summary="Register a participant of one's delegation",
)
def register_participant(request: HttpRequest, meeting_id: int, payload: ParticipantIn) -> Any:
    participant = run(request, "register", visible_meeting(request, meeting_id), payload)
    return Status(201, _participant_out(participant))


@router.delete(
    "/participants/{participant_id}",
    response={204: None},
    auth=django_auth,
    summary="Withdraw a registration",
)
def remove_participant(request: HttpRequest, participant_id: int) -> Any:
    participant = get_object_or_404(Participant.objects.only("pk", "meeting_id"), pk=participant_id)
    meeting = visible_meeting(request, participant.meeting_id)
    run(request, "unregister", meeting, ParticipantRef(participant_id=participant.pk))
    return Status(204, None)


@router.post(
    "/meetings/{meeting_id}/roll-call",
    response=LiveAttendance,
    auth=django_auth,
    summary="Record who is present (chair or secretariat)",
)
def roll_call(request: HttpRequest, meeting_id: int, payload: RollCallIn) -> Any:
    meeting = run(request, "roll-call", visible_meeting(request, meeting_id), payload)
    return selectors.live_state(meeting, keys={"attendance"})["attendance"]
