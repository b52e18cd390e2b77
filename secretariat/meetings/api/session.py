"""The live session: its state, the chair's actions, the floor and the decisions."""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Status
from ninja.security import django_auth

from secretariat.meetings import selectors
from secretariat.meetings.api._common import internal, router, run, visible_meeting
from secretariat.meetings.events import LiveOutcomes, LiveSession
from secretariat.meetings.models import Speaker
from secretariat.meetings.schemas import (
    CurrentItemIn,
    DecisionIn,
    DecisionOut,
    EmptyIn,
    GiveFloorIn,
    MeetingsDelegationIn,
    SessionAction,
    SessionOpenIn,
    SpeakerOut,
    SpeakerRef,
)

#: The API's session actions and the commands they run.
SESSION_COMMANDS = {
    SessionAction.OPEN: "open",
    SessionAction.CLOSE: "close",
    SessionAction.NEXT: "next",
    SessionAction.SPEAKERS_OPEN: "speakers-open",
    SessionAction.SPEAKERS_CLOSE: "speakers-close",
    SessionAction.FLOOR_END: "end-floor",
}


def _speaker_out(speaker: Speaker) -> SpeakerOut:
    return SpeakerOut(
        id=speaker.pk, delegation=speaker.delegation.state.iso2, status=speaker.status
    )


@router.get(
    "/meetings/{meeting_id}/live",
    response=LiveSession,
    summary="The live session state (what WebSocket clients get as snapshot)",
)
def live(request: HttpRequest, meeting_id: int) -> Any:
    meeting = visible_meeting(request, meeting_id)
    internal(request, meeting)
    return selectors.live_state(meeting)


@router.get(
    "/meetings/{meeting_id}/outcomes",
    response=LiveOutcomes,
    summary="Outcomes: status, agenda, decisions",
)
def outcomes(request: HttpRequest, meeting_id: int) -> Any:
    meeting = visible_meeting(request, meeting_id)
    return selectors.outcomes_state(meeting)


@router.post(
    "/meetings/{meeting_id}/session/{action}",
    response=LiveSession,
    auth=django_auth,
    summary="open, close, next, speakers-open, speakers-close, floor-end",
)
def session_action(
    request: HttpRequest,
    meeting_id: int,
    action: SessionAction,
    confirm_early: Annotated[
        bool,
        Query(description="For open: open although it is scheduled more than an hour later"),
    ] = False,
) -> Any:
    """No body. Opening more than an hour before the scheduled start is refused (409)
    unless `?confirm_early=true`."""
    meeting = visible_meeting(request, meeting_id)
    name = SESSION_COMMANDS[action]
    if action == SessionAction.OPEN:
        run(request, name, meeting, SessionOpenIn(confirm_early=confirm_early))
    else:
        run(request, name, meeting, EmptyIn())
    return selectors.live_state(meeting)


@router.post(
    "/meetings/{meeting_id}/current-item",
    response=LiveSession,
    auth=django_auth,
    summary="Move to an agenda item",
)
def session_item(request: HttpRequest, meeting_id: int, payload: CurrentItemIn) -> Any:
    meeting = visible_meeting(request, meeting_id)
    run(request, "item", meeting, payload)
    return selectors.live_state(meeting)


@router.post(
    "/meetings/{meeting_id}/floor/request",
    response={201: SpeakerOut},
    auth=django_auth,
    summary="Ask for the floor for one's delegation",
)
def request_floor(request: HttpRequest, meeting_id: int, payload: MeetingsDelegationIn) -> Any:
    speaker = run(request, "request-floor", visible_meeting(request, meeting_id), payload)
    return Status(201, _speaker_out(speaker))


@router.post(
    "/meetings/{meeting_id}/floor/give",
    response=SpeakerOut,
    auth=django_auth,
    summary="Give the floor (default: first waiting)",
)
def give_floor(request: HttpRequest, meeting_id: int, payload: GiveFloorIn) -> Any:
    return _speaker_out(run(request, "give-floor", visible_meeting(request, meeting_id), payload))


@router.post(
    "/speakers/{speaker_id}/withdraw",
    response=SpeakerOut,
    auth=django_auth,
    summary="Take a name off the list of speakers",
)
def withdraw(request: HttpRequest, speaker_id: int) -> Any:
    speaker = get_object_or_404(Speaker.objects.only("pk", "meeting_id"), pk=speaker_id)
    meeting = visible_meeting(request, speaker.meeting_id)
    return _speaker_out(run(request, "withdraw", meeting, SpeakerRef(speaker_id=speaker.pk)))


@router.post(
    "/meetings/{meeting_id}/decisions",
    response={201: DecisionOut},
    auth=django_auth,
    summary="Record a decision (chair or secretariat)",
)
def record_decision(request: HttpRequest, meeting_id: int, payload: DecisionIn) -> Any:
    decision = run(request, "decision", visible_meeting(request, meeting_id), payload)
    return Status(
        201,
        DecisionOut(
            id=decision.pk, item=decision.agenda_item_id, kind=decision.kind, text=decision.text
        ),
    )
