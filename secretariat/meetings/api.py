"""Meetings API: the same services and policy as the pages. Reads of public meetings need
no sign-in; writes use the session cookie (CSRF token in X-CSRFToken)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from ninja.security import django_auth

from secretariat.core.errors import PermissionDenied
from secretariat.formats import selectors as format_selectors
from secretariat.formats.models import Delegation, MemberState
from secretariat.meetings import policy, selectors, services
from secretariat.meetings.models import (
    AgendaItem,
    Meeting,
    Minutes,
    Participant,
    PressStatement,
    Speaker,
)
from secretariat.meetings.scheduling import candidate_slots
from secretariat.meetings.schemas import (
    AgendaItemIn,
    AgendaItemOut,
    AgendaItemPatch,
    CapitalTimeOut,
    CirculateIn,
    ConferenceIn,
    ConferenceOut,
    DecisionIn,
    DecisionOut,
    DelegationIn,
    GiveFloorIn,
    ItemIn,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    MinutesEditIn,
    MinutesOut,
    MoveIn,
    ParticipantIn,
    ParticipantOut,
    RescheduleIn,
    ResponseIn,
    RollCallIn,
    SlotOut,
    SlotsQuery,
    SpeakerOut,
    StatementEditIn,
    StatementOut,
)

router = Router(tags=["meetings"])


# --- helpers ---------------------------------------------------------------------------------


def _visible_meeting(request: HttpRequest, meeting_id: int) -> Meeting:
    """404 for a meeting the person may not know of: a planned meeting does not leak."""
    meeting = selectors.meeting_get(meeting_id)
    if not policy.can_view_meeting(request.user, meeting):
        raise Http404
    return meeting


def _internal(request: HttpRequest, meeting: Meeting) -> None:
    if not policy.can_view_internal_record(request.user, meeting):
        raise PermissionDenied(
            _("The record of the session is for member delegations and the secretariat.")
        )


def _state(code: str | None) -> MemberState | None:
    if not code:
        return None
    state = MemberState.objects.filter(iso2=code.upper()).first()
    if state is None:
        raise ValidationError(_("Unknown state code “%(code)s”.") % {"code": code})
    return state


def _document(meeting: Meeting, slug: str | None) -> Any:
    if not slug:
        return None
    from secretariat.negotiation.models import Document

    document = Document.objects.filter(format_id=meeting.format_id, slug=slug).first()
    if document is None:
        raise ValidationError(_("No document “%(slug)s” in this format.") % {"slug": slug})
    return document


def _meeting_out(meeting: Meeting) -> dict[str, Any]:
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
    )


def _item_out(item: AgendaItem) -> AgendaItemOut:
    document = item.document
    return AgendaItemOut(
        id=item.pk,
        position=item.position,
        title=item.title,
        kind=item.kind,
        description=item.description,
        document=getattr(document, "slug", None),
        version=item.version,
    )


def _detail(request: HttpRequest, meeting: Meeting) -> MeetingDetailOut:
    states = selectors.member_states(meeting.format_id)
    may_link = policy.can_see_conference_link(request.user, meeting)
    return MeetingDetailOut(
        **_meeting_out(meeting),
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
        agenda=[_item_out(i) for i in selectors.agenda(meeting)],
        may_see_conference_link=may_link,
        conference_url=(meeting.conference_url or None) if may_link else None,
    )


def _delegation(meeting: Meeting, delegation_id: int) -> Delegation:
    return get_object_or_404(
        Delegation.objects.select_related("state"), pk=delegation_id, format_id=meeting.format_id
    )


# --- meetings --------------------------------------------------------------------------------


@router.get("/formats/{slug}/meetings", response=list[MeetingOut], summary="Meetings of a format")
def list_meetings(request: HttpRequest, slug: str) -> list[MeetingOut]:
    fmt = format_selectors.format_get(slug)
    return [MeetingOut(**_meeting_out(m)) for m in selectors.meeting_list(fmt, request.user)]


@router.post(
    "/formats/{slug}/meetings", response={201: MeetingDetailOut}, auth=django_auth,
    summary="Plan a meeting (secretariat)",
)  # fmt: skip
def create_meeting(request: HttpRequest, slug: str, payload: MeetingIn) -> Any:
    fmt = format_selectors.format_get(slug)
    data = payload.dict()
    data["host_state"] = _state(data.pop("host_state"))
    data["chair_state"] = _state(data.pop("chair_state"))
    meeting = services.meeting_create(actor=request.user, fmt=fmt, **data)
    return Status(201, _detail(request, meeting))


@router.get(
    "/formats/{slug}/meeting-slots", response=list[SlotOut],
    summary="Start times within working hours in every member capital",
)  # fmt: skip
def meeting_slots(request: HttpRequest, slug: str, query: Query[SlotsQuery]) -> list[SlotOut]:
    fmt = format_selectors.format_get(slug)
    if not 15 <= query.duration_minutes <= 540:
        raise ValidationError(_("The duration is between 15 minutes and 9 hours."))
    if not 1 <= query.days <= 90:
        raise ValidationError(_("Look between 1 and 90 days ahead."))
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
    return _detail(request, _visible_meeting(request, meeting_id))


@router.patch(
    "/meetings/{meeting_id}", response=MeetingDetailOut, auth=django_auth,
    summary="Edit a meeting (secretariat; send the version you saw)",
)  # fmt: skip
def update_meeting(request: HttpRequest, meeting_id: int, payload: MeetingPatch) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    changes = payload.dict(exclude_unset=True)
    version = changes.pop("version")
    for key in ("host_state", "chair_state"):
        if key in changes:
            changes[key] = _state(changes[key])
    meeting = services.meeting_update(
        actor=request.user, meeting=meeting, expected_version=version, **changes
    )
    return _detail(request, meeting)


TRANSITIONS = {
    "announce": services.meeting_announce,
    "postpone": services.meeting_postpone,
    "cancel": services.meeting_cancel,
}


@router.post(
    "/meetings/{meeting_id}/transitions/{name}", response=MeetingDetailOut, auth=django_auth,
    summary="announce, postpone or cancel (secretariat)",
)  # fmt: skip
def transition(request: HttpRequest, meeting_id: int, name: str) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    if name not in TRANSITIONS:
        raise ValidationError(
            _("Unknown transition “%(name)s”; use one of: %(known)s.")
            % {"name": name, "known": ", ".join(TRANSITIONS)}
        )
    return _detail(request, TRANSITIONS[name](actor=request.user, meeting=meeting))


@router.post(
    "/meetings/{meeting_id}/reschedule", response=MeetingDetailOut, auth=django_auth,
    summary="New times for a postponed meeting; it is announced again",
)  # fmt: skip
def reschedule(request: HttpRequest, meeting_id: int, payload: RescheduleIn) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    meeting = services.meeting_reschedule(
        actor=request.user, meeting=meeting, starts_at=payload.starts_at, ends_at=payload.ends_at
    )
    return _detail(request, meeting)


@router.post(
    "/meetings/{meeting_id}/conference", response=ConferenceOut, auth=django_auth,
    summary="Set the video conference through a provider (secretariat)",
)  # fmt: skip
def set_conference(request: HttpRequest, meeting_id: int, payload: ConferenceIn) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    meeting = services.meeting_set_conference(
        actor=request.user, meeting=meeting, provider=payload.provider, link=payload.link
    )
    return ConferenceOut(provider=meeting.conference_provider, url=meeting.conference_url)


@router.get(
    "/meetings/{meeting_id}/conference", response=ConferenceOut, auth=django_auth,
    summary="The video link: registered participants and the secretariat only",
)  # fmt: skip
def get_conference(request: HttpRequest, meeting_id: int) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    if not policy.can_see_conference_link(request.user, meeting):
        raise PermissionDenied(
            _("The link is for registered participants and the secretariat only.")
        )
    return ConferenceOut(provider=meeting.conference_provider, url=meeting.conference_url)


# --- agenda ----------------------------------------------------------------------------------


@router.get("/meetings/{meeting_id}/agenda", response=list[AgendaItemOut], summary="Agenda")
def get_agenda(request: HttpRequest, meeting_id: int) -> list[AgendaItemOut]:
    meeting = _visible_meeting(request, meeting_id)
    return [_item_out(i) for i in selectors.agenda(meeting)]


@router.post(
    "/meetings/{meeting_id}/agenda", response={201: AgendaItemOut}, auth=django_auth,
    summary="Add an agenda item (secretariat, before the opening)",
)  # fmt: skip
def add_agenda_item(request: HttpRequest, meeting_id: int, payload: AgendaItemIn) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    item = services.agenda_item_add(
        actor=request.user, meeting=meeting, title=payload.title, kind=payload.kind,
        description=payload.description, document=_document(meeting, payload.document),
    )  # fmt: skip
    return Status(201, _item_out(item))


def _item(request: HttpRequest, item_id: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__format"), pk=item_id)
    _visible_meeting(request, item.meeting_id)
    return item


@router.patch("/agenda-items/{item_id}", response=AgendaItemOut, auth=django_auth,
              summary="Edit an agenda item")  # fmt: skip
def update_agenda_item(request: HttpRequest, item_id: int, payload: AgendaItemPatch) -> Any:
    item = _item(request, item_id)
    item = services.agenda_item_update(
        actor=request.user, item=item, expected_version=payload.version, title=payload.title,
        kind=payload.kind, description=payload.description,
    )  # fmt: skip
    return _item_out(item)


@router.post("/agenda-items/{item_id}/move", response=list[AgendaItemOut], auth=django_auth,
             summary="Move an agenda item to a position")  # fmt: skip
def move_agenda_item(request: HttpRequest, item_id: int, payload: MoveIn) -> Any:
    items = services.agenda_item_move(
        actor=request.user, item=_item(request, item_id), position=payload.position
    )
    return [_item_out(i) for i in items]


@router.delete("/agenda-items/{item_id}", response={204: None}, auth=django_auth,
               summary="Remove an agenda item")  # fmt: skip
def remove_agenda_item(request: HttpRequest, item_id: int) -> Any:
    services.agenda_item_remove(actor=request.user, item=_item(request, item_id))
    return Status(204, None)


# --- participants ----------------------------------------------------------------------------


def _participant_out(p: Participant) -> ParticipantOut:
    return ParticipantOut(
        id=p.pk, delegation=p.delegation.state.iso2, name=p.name, function=p.function,
        present=p.present, user_email=p.user.email if p.user else None,
    )  # fmt: skip


@router.get("/meetings/{meeting_id}/participants", response=list[ParticipantOut],
            summary="Participants and roll call (members and secretariat)")  # fmt: skip
def list_participants(request: HttpRequest, meeting_id: int) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    _internal(request, meeting)
    return [_participant_out(p) for p in selectors.participants(meeting)]


@router.post("/meetings/{meeting_id}/participants", response={201: ParticipantOut},
             auth=django_auth, summary="Register a participant of one's delegation")  # fmt: skip
def register_participant(request: HttpRequest, meeting_id: int, payload: ParticipantIn) -> Any:
    from secretariat.accounts.models import User

    meeting = _visible_meeting(request, meeting_id)
    delegation = _delegation(meeting, payload.delegation_id)
    user = None
    if payload.user_email:
        user = User.objects.filter(email__iexact=payload.user_email).first()
        if user is None:
            raise ValidationError(_("Nobody signs in with that e-mail address."))
    participant = services.participant_register(
        actor=request.user, meeting=meeting, delegation=delegation, name=payload.name,
        function=payload.function, user=user,
    )  # fmt: skip
    return Status(201, _participant_out(participant))


@router.delete("/participants/{participant_id}", response={204: None}, auth=django_auth,
               summary="Withdraw a registration")  # fmt: skip
def remove_participant(request: HttpRequest, participant_id: int) -> Any:
    participant = get_object_or_404(
        Participant.objects.select_related("delegation__state", "meeting"), pk=participant_id
    )
    _visible_meeting(request, participant.meeting_id)
    services.participant_remove(actor=request.user, participant=participant)
    return Status(204, None)


@router.post("/meetings/{meeting_id}/roll-call", response=dict, auth=django_auth,
             summary="Record who is present (chair or secretariat)")  # fmt: skip
def roll_call(request: HttpRequest, meeting_id: int, payload: RollCallIn) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    services.roll_call_record(actor=request.user, meeting=meeting, present=payload.present)
    return selectors.live_state(meeting, keys={"attendance"})["attendance"]


# --- live session ----------------------------------------------------------------------------


@router.get("/meetings/{meeting_id}/live", response=dict,
            summary="The live session state (what WebSocket clients get as snapshot)")  # fmt: skip
def live(request: HttpRequest, meeting_id: int) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    _internal(request, meeting)
    return selectors.live_state(meeting)


@router.get("/meetings/{meeting_id}/outcomes", response=dict,
            summary="Outcomes: status, agenda, decisions")  # fmt: skip
def outcomes(request: HttpRequest, meeting_id: int) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    return selectors.outcomes_state(meeting)


SESSION_ACTIONS = {
    "open": lambda user, m: services.session_open(actor=user, meeting=m),
    "close": lambda user, m: services.session_close(actor=user, meeting=m),
    "next": lambda user, m: services.session_item_next(actor=user, meeting=m),
    "speakers-open": lambda user, m: services.speakers_set_open(
        actor=user, meeting=m, is_open=True
    ),
    "speakers-close": lambda user, m: services.speakers_set_open(
        actor=user, meeting=m, is_open=False
    ),
    "floor-end": lambda user, m: services.floor_end(actor=user, meeting=m),
}


@router.post("/meetings/{meeting_id}/session/{action}", response=dict, auth=django_auth,
             summary="open, close, next, speakers-open, speakers-close, floor-end")  # fmt: skip
def session_action(request: HttpRequest, meeting_id: int, action: str) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    if action not in SESSION_ACTIONS:
        raise ValidationError(
            _("Unknown action “%(name)s”; use one of: %(known)s.")
            % {"name": action, "known": ", ".join(SESSION_ACTIONS)}
        )
    SESSION_ACTIONS[action](request.user, meeting)
    return selectors.live_state(meeting)


@router.post("/meetings/{meeting_id}/current-item", response=dict, auth=django_auth,
             summary="Move to an agenda item")  # fmt: skip
def session_item(request: HttpRequest, meeting_id: int, payload: ItemIn) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    item = get_object_or_404(AgendaItem, pk=payload.item_id, meeting=meeting)
    services.session_item_set(actor=request.user, meeting=meeting, item=item)
    return selectors.live_state(meeting)


@router.post("/meetings/{meeting_id}/floor/request", response={201: SpeakerOut},
             auth=django_auth, summary="Ask for the floor for one's delegation")  # fmt: skip
def request_floor(request: HttpRequest, meeting_id: int, payload: DelegationIn) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    speaker = services.floor_request(
        actor=request.user, meeting=meeting, delegation=_delegation(meeting, payload.delegation_id)
    )
    out = SpeakerOut(id=speaker.pk, delegation=speaker.delegation.state.iso2, status=speaker.status)
    return Status(201, out)


@router.post("/meetings/{meeting_id}/floor/give", response=SpeakerOut, auth=django_auth,
             summary="Give the floor (default: first waiting)")  # fmt: skip
def give_floor(request: HttpRequest, meeting_id: int, payload: GiveFloorIn) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    speaker = None
    if payload.speaker_id is not None:
        speaker = get_object_or_404(Speaker, pk=payload.speaker_id, meeting=meeting)
    given = services.floor_give(actor=request.user, meeting=meeting, speaker=speaker)
    return SpeakerOut(id=given.pk, delegation=given.delegation.state.iso2, status=given.status)


@router.post("/speakers/{speaker_id}/withdraw", response=SpeakerOut, auth=django_auth,
             summary="Take a name off the list of speakers")  # fmt: skip
def withdraw(request: HttpRequest, speaker_id: int) -> Any:
    speaker = get_object_or_404(Speaker.objects.select_related("delegation__state"), pk=speaker_id)
    _visible_meeting(request, speaker.meeting_id)
    speaker = services.floor_withdraw(actor=request.user, speaker=speaker)
    return SpeakerOut(id=speaker.pk, delegation=speaker.delegation.state.iso2,
                      status=speaker.status)  # fmt: skip


@router.post("/meetings/{meeting_id}/decisions", response={201: DecisionOut}, auth=django_auth,
             summary="Record a decision (chair or secretariat)")  # fmt: skip
def record_decision(request: HttpRequest, meeting_id: int, payload: DecisionIn) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    item = get_object_or_404(AgendaItem, pk=payload.item_id, meeting=meeting)
    decision = services.decision_record(
        actor=request.user, meeting=meeting, item=item, kind=payload.kind, text=payload.text,
        adopt_document=payload.adopt_document,
    )  # fmt: skip
    return Status(
        201, DecisionOut(id=decision.pk, item=item.pk, kind=decision.kind, text=decision.text)
    )


# --- minutes and statement -------------------------------------------------------------------


def _minutes(request: HttpRequest, meeting_id: int) -> Minutes:
    meeting = _visible_meeting(request, meeting_id)
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


@router.get("/meetings/{meeting_id}/minutes", response=MinutesOut, summary="Minutes")
def get_minutes(request: HttpRequest, meeting_id: int) -> Any:
    return _minutes_out(_minutes(request, meeting_id))


@router.post("/meetings/{meeting_id}/minutes", response={201: MinutesOut}, auth=django_auth,
             summary="Draft the minutes from the session record (secretariat)")  # fmt: skip
def generate_minutes(request: HttpRequest, meeting_id: int) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    return Status(201, _minutes_out(services.minutes_generate(actor=request.user, meeting=meeting)))


@router.put("/meetings/{meeting_id}/minutes", response=MinutesOut, auth=django_auth,
            summary="Edit the draft: a new revision (secretariat)")  # fmt: skip
def edit_minutes(request: HttpRequest, meeting_id: int, payload: MinutesEditIn) -> Any:
    minutes = _minutes(request, meeting_id)
    minutes = services.minutes_edit(
        actor=request.user, minutes=minutes, texts=payload.texts, note=payload.note,
        expected_version=payload.version,
    )  # fmt: skip
    return _minutes_out(minutes)


@router.post("/meetings/{meeting_id}/minutes/circulate", response=MinutesOut, auth=django_auth,
             summary="Circulate for approval with a deadline")  # fmt: skip
def circulate_minutes(request: HttpRequest, meeting_id: int, payload: CirculateIn) -> Any:
    minutes = services.minutes_circulate(
        actor=request.user, minutes=_minutes(request, meeting_id), deadline=payload.deadline
    )
    return _minutes_out(minutes)


@router.post("/meetings/{meeting_id}/minutes/reopen", response=MinutesOut, auth=django_auth,
             summary="Take circulated minutes back to draft")  # fmt: skip
def reopen_minutes(request: HttpRequest, meeting_id: int) -> Any:
    minutes = services.minutes_reopen(actor=request.user, minutes=_minutes(request, meeting_id))
    return _minutes_out(minutes)


@router.post("/meetings/{meeting_id}/minutes/responses", response=MinutesOut, auth=django_auth,
             summary="A delegation approves or comments")  # fmt: skip
def respond_to_minutes(request: HttpRequest, meeting_id: int, payload: ResponseIn) -> Any:
    minutes = _minutes(request, meeting_id)
    services.minutes_respond(
        actor=request.user, minutes=minutes,
        delegation=_delegation(minutes.meeting, payload.delegation_id), kind=payload.kind,
        text=payload.text,
    )  # fmt: skip
    minutes.refresh_from_db()
    return _minutes_out(minutes)


@router.post("/meetings/{meeting_id}/minutes/finalise", response=MinutesOut, auth=django_auth,
             summary="Make the minutes final and frozen")  # fmt: skip
def finalise_minutes(request: HttpRequest, meeting_id: int) -> Any:
    minutes = services.minutes_finalise(actor=request.user, minutes=_minutes(request, meeting_id))
    return _minutes_out(minutes)


def _statement_out(statement: PressStatement) -> StatementOut:
    return StatementOut(
        status=statement.status, version=statement.version, texts=statement.texts,
        published_at=statement.published_at,
    )  # fmt: skip


def _statement(request: HttpRequest, meeting_id: int) -> PressStatement:
    meeting = _visible_meeting(request, meeting_id)
    statement = PressStatement.objects.filter(meeting=meeting).first()
    published = statement is not None and statement.status == PressStatement.Status.PUBLISHED
    if not policy.can_view_statement(request.user, meeting, published):
        raise PermissionDenied(
            _("The draft statement is for member delegations and the secretariat.")
        )
    if statement is None:
        raise Http404
    return statement


@router.get("/meetings/{meeting_id}/statement", response=StatementOut,
            summary="Joint press statement (public once published)")  # fmt: skip
def get_statement(request: HttpRequest, meeting_id: int) -> Any:
    return _statement_out(_statement(request, meeting_id))


@router.post("/meetings/{meeting_id}/statement", response={201: StatementOut}, auth=django_auth,
             summary="Draft the statement from the outcomes (secretariat)")  # fmt: skip
def generate_statement(request: HttpRequest, meeting_id: int) -> Any:
    meeting = _visible_meeting(request, meeting_id)
    return Status(
        201, _statement_out(services.statement_generate(actor=request.user, meeting=meeting))
    )


@router.put("/meetings/{meeting_id}/statement", response=StatementOut, auth=django_auth,
            summary="Edit the draft statement")  # fmt: skip
def edit_statement(request: HttpRequest, meeting_id: int, payload: StatementEditIn) -> Any:
    statement = services.statement_edit(
        actor=request.user, statement=_statement(request, meeting_id), texts=payload.texts,
        expected_version=payload.version,
    )  # fmt: skip
    return _statement_out(statement)


@router.post("/meetings/{meeting_id}/statement/publish", response=StatementOut,
             auth=django_auth, summary="Publish the statement")  # fmt: skip
def publish_statement(request: HttpRequest, meeting_id: int) -> Any:
    statement = services.statement_publish(
        actor=request.user, statement=_statement(request, meeting_id)
    )
    return _statement_out(statement)
