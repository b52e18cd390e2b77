"""The actions of meetings, each declared once: name, input schema (the API's), the service
it calls and the message a person reads. The page buttons (`views.actions`) and the API
endpoints (`api/`) both dispatch through these tables; refusals propagate as the services
raise them and become a 4xx in one place (`core.commands.refusal_*` for pages, the API's
handlers in `secretariat/api.py`).

Inputs name the objects they act on by id (`item_id`, `speaker_id`...); a command looks each
up within the meeting, so an id of another meeting is refused like a missing one (422).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secretariat.core.commands import CommandTable
from secretariat.core.errors import PermissionDenied
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation, DialogueFormat, MemberState
from secretariat.meetings import policy, services
from secretariat.meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    Minutes,
    MinutesResponse,
    Participant,
    PressStatement,
    Speaker,
)
from secretariat.meetings.schemas import (
    AgendaItemIn,
    AgendaItemMoveIn,
    AgendaItemRef,
    AgendaItemUpdateIn,
    ConferenceIn,
    CurrentItemIn,
    DecisionIn,
    EmptyIn,
    GiveFloorIn,
    MeetingIn,
    MeetingPatch,
    MeetingRescheduleIn,
    MeetingsDelegationIn,
    MinutesCirculateIn,
    MinutesEditIn,
    MinutesResponseIn,
    ParticipantIn,
    ParticipantRef,
    RollCallIn,
    SessionOpenIn,
    SpeakerRef,
    StatementEditIn,
)

if TYPE_CHECKING:
    from secretariat.accounts.models import User
    from secretariat.negotiation.models import Document

#: Every action on a meeting.
commands = CommandTable[Meeting]("meetings")
#: Actions on a format's meetings as a whole: planning one (there is no meeting yet).
format_commands = CommandTable[DialogueFormat]("meetings")


# --- looking up what an input names -------------------------------------------------------------


def state_by_code(code: str | None) -> MemberState | None:
    if not code:
        return None
    state = MemberState.objects.filter(iso2=code.upper()).first()
    if state is None:
        raise ValidationError(_("Unknown state code “%(code)s”.") % {"code": code})
    return state


def _document(meeting: Meeting, slug: str | None) -> Document | None:
    if not slug:
        return None
    from secretariat.negotiation.models import Document

    document = Document.objects.filter(format_id=meeting.format_id, slug=slug).first()
    if document is None:
        raise ValidationError(_("No document “%(slug)s” in this format.") % {"slug": slug})
    return document


def _item(meeting: Meeting, item_id: int) -> AgendaItem:
    item = AgendaItem.objects.select_related("meeting__format").filter(pk=item_id, meeting=meeting)
    found = item.first()
    if found is None:
        raise ValidationError(_("Choose an item of this meeting's agenda."))
    return found


def _delegation(meeting: Meeting, delegation_id: int) -> Delegation:
    found = (
        Delegation.objects.select_related("state")
        .filter(pk=delegation_id, format_id=meeting.format_id)
        .first()
    )
    if found is None:
        raise ValidationError(_("Choose a delegation of this format."))
    return found


def _participant(meeting: Meeting, participant_id: int) -> Participant:
    found = (
        Participant.objects.select_related("delegation__state", "meeting")
        .filter(pk=participant_id, meeting=meeting)
        .first()
    )
    if found is None:
        raise ValidationError(_("Choose a participant of this meeting."))
    return found


def _speaker(meeting: Meeting, speaker_id: int) -> Speaker:
    found = (
        Speaker.objects.select_related("delegation__state", "meeting")
        .filter(pk=speaker_id, meeting=meeting)
        .first()
    )
    if found is None:
        raise ValidationError(_("Choose a speaker on this meeting's list."))
    return found


def _user_by_email(email: str | None) -> User | None:
    if not email:
        return None
    from secretariat.accounts.models import User

    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        raise ValidationError(_("Nobody signs in with that e-mail address."))
    return user


def _minutes(meeting: Meeting) -> Minutes:
    found = Minutes.objects.filter(meeting=meeting).select_related("meeting__format").first()
    if found is None:
        raise ValidationError(_("Draft the minutes first."))
    return found


def _statement(meeting: Meeting) -> PressStatement:
    found = PressStatement.objects.filter(meeting=meeting).select_related("meeting").first()
    if found is None:
        raise ValidationError(_("Draft the statement first."))
    return found


# --- planning and the meeting's facts ---------------------------------------------------------


@format_commands.command(
    "plan", MeetingIn, message=gettext_lazy("Meeting planned. Draft its agenda, then announce it.")
)
def _plan(actor: Actor, fmt: DialogueFormat, data: MeetingIn) -> Meeting:
    fields = data.model_dump(exclude={"host_state", "chair_state"})
    return services.meeting_create(
        actor=actor,
        fmt=fmt,
        host_state=state_by_code(data.host_state),
        chair_state=state_by_code(data.chair_state),
        **fields,
    )


def _now_status(meeting: object) -> str:
    assert isinstance(meeting, Meeting)
    return _("The meeting is now %(status)s.") % {"status": meeting.get_status_display()}


@commands.command("announce", EmptyIn, message=_now_status)
def _announce(actor: Actor, meeting: Meeting, data: EmptyIn) -> Meeting:
    return services.meeting_announce(actor=actor, meeting=meeting)


@commands.command("postpone", EmptyIn, message=_now_status)
def _postpone(actor: Actor, meeting: Meeting, data: EmptyIn) -> Meeting:
    return services.meeting_postpone(actor=actor, meeting=meeting)


@commands.command("cancel", EmptyIn, message=_now_status)
def _cancel(actor: Actor, meeting: Meeting, data: EmptyIn) -> Meeting:
    return services.meeting_cancel(actor=actor, meeting=meeting)


@commands.command(
    "reschedule",
    MeetingRescheduleIn,
    message=gettext_lazy("New times set; the meeting is announced again."),
)
def _reschedule(actor: Actor, meeting: Meeting, data: MeetingRescheduleIn) -> Meeting:
    return services.meeting_reschedule(
        actor=actor, meeting=meeting, starts_at=data.starts_at, ends_at=data.ends_at
    )


@commands.command("edit", MeetingPatch, message=gettext_lazy("Meeting updated."))
def _edit(actor: Actor, meeting: Meeting, data: MeetingPatch) -> Meeting:
    changes = data.model_dump(exclude_unset=True, exclude={"version"})
    for key in ("host_state", "chair_state"):
        if key in changes:
            changes[key] = state_by_code(changes[key])
    return services.meeting_update(
        actor=actor, meeting=meeting, expected_version=data.version, **changes
    )


@commands.command("conference", ConferenceIn, message=gettext_lazy("Video conference set."))
def _conference(actor: Actor, meeting: Meeting, data: ConferenceIn) -> Meeting:
    return services.meeting_set_conference(
        actor=actor, meeting=meeting, provider=data.provider, link=data.link
    )


# --- agenda -----------------------------------------------------------------------------------


@commands.command("agenda-add", AgendaItemIn, message=gettext_lazy("Agenda item added."))
def _agenda_add(actor: Actor, meeting: Meeting, data: AgendaItemIn) -> AgendaItem:
    return services.agenda_item_add(
        actor=actor,
        meeting=meeting,
        title=data.title,
        kind=data.kind,
        description=data.description,
        document=_document(meeting, data.document),
    )


@commands.command("agenda-update", AgendaItemUpdateIn, message=gettext_lazy("Agenda item saved."))
def _agenda_update(actor: Actor, meeting: Meeting, data: AgendaItemUpdateIn) -> AgendaItem:
    return services.agenda_item_update(
        actor=actor,
        item=_item(meeting, data.item_id),
        expected_version=data.version,
        title=data.title,
        kind=data.kind,
        description=data.description,
    )


@commands.command("agenda-move", AgendaItemMoveIn, message=gettext_lazy("Agenda reordered."))
def _agenda_move(actor: Actor, meeting: Meeting, data: AgendaItemMoveIn) -> list[AgendaItem]:
    return services.agenda_item_move(
        actor=actor, item=_item(meeting, data.item_id), position=data.position
    )


@commands.command("agenda-remove", AgendaItemRef, message=gettext_lazy("Agenda item removed."))
def _agenda_remove(actor: Actor, meeting: Meeting, data: AgendaItemRef) -> None:
    services.agenda_item_remove(actor=actor, item=_item(meeting, data.item_id))


# --- participation ----------------------------------------------------------------------------


@commands.command("register", ParticipantIn, message=gettext_lazy("Participant registered."))
def _register(actor: Actor, meeting: Meeting, data: ParticipantIn) -> Participant:
    return services.participant_register(
        actor=actor,
        meeting=meeting,
        delegation=_delegation(meeting, data.delegation_id),
        name=data.name,
        function=data.function,
        user=_user_by_email(data.user_email),
    )


@commands.command("unregister", ParticipantRef, message=gettext_lazy("Registration withdrawn."))
def _unregister(actor: Actor, meeting: Meeting, data: ParticipantRef) -> None:
    services.participant_remove(actor=actor, participant=_participant(meeting, data.participant_id))


@commands.command("roll-call", RollCallIn, message=gettext_lazy("Roll call recorded."))
def _roll_call(actor: Actor, meeting: Meeting, data: RollCallIn) -> Meeting:
    return services.roll_call_record(actor=actor, meeting=meeting, present=data.present)


# --- the session ------------------------------------------------------------------------------


@commands.command(
    "open", SessionOpenIn, message=gettext_lazy("Session opened; the agenda is approved.")
)
def _open(actor: Actor, meeting: Meeting, data: SessionOpenIn) -> Meeting:
    return services.session_open(actor=actor, meeting=meeting, confirm_early=data.confirm_early)


@commands.command("close", EmptyIn, message=gettext_lazy("Session closed."))
def _close(actor: Actor, meeting: Meeting, data: EmptyIn) -> Meeting:
    return services.session_close(actor=actor, meeting=meeting)


@commands.command("item", CurrentItemIn, message=gettext_lazy("Moved to the item."))
def _current_item(actor: Actor, meeting: Meeting, data: CurrentItemIn) -> Meeting:
    return services.session_item_set(
        actor=actor, meeting=meeting, item=_item(meeting, data.item_id)
    )


@commands.command("next", EmptyIn, message=gettext_lazy("Moved to the next item."))
def _next(actor: Actor, meeting: Meeting, data: EmptyIn) -> Meeting:
    return services.session_item_next(actor=actor, meeting=meeting)


@commands.command("speakers-open", EmptyIn, message=gettext_lazy("List of speakers opened."))
def _speakers_open(actor: Actor, meeting: Meeting, data: EmptyIn) -> Meeting:
    return services.speakers_set_open(actor=actor, meeting=meeting, is_open=True)


@commands.command("speakers-close", EmptyIn, message=gettext_lazy("List of speakers closed."))
def _speakers_close(actor: Actor, meeting: Meeting, data: EmptyIn) -> Meeting:
    return services.speakers_set_open(actor=actor, meeting=meeting, is_open=False)


def _own_delegation(actor: Actor, meeting: Meeting, delegation_id: int | None) -> Delegation:
    """The member delegation the person asks for: the one named, or the first they speak for."""
    if delegation_id is not None:
        return _delegation(meeting, delegation_id)
    ids = policy.own_member_delegations(actor, meeting.format_id)
    delegation = Delegation.objects.select_related("state").filter(pk__in=ids).first()
    if delegation is None:
        raise PermissionDenied(
            _("Only the head or a delegate of a member delegation asks for the floor for it.")
        )
    return delegation


@commands.command(
    "request-floor", MeetingsDelegationIn, message=gettext_lazy("You are on the list of speakers.")
)
def _request_floor(actor: Actor, meeting: Meeting, data: MeetingsDelegationIn) -> Speaker:
    return services.floor_request(
        actor=actor, meeting=meeting, delegation=_own_delegation(actor, meeting, data.delegation_id)
    )


@commands.command("withdraw", SpeakerRef, message=gettext_lazy("Taken off the list of speakers."))
def _withdraw(actor: Actor, meeting: Meeting, data: SpeakerRef) -> Speaker:
    return services.floor_withdraw(actor=actor, speaker=_speaker(meeting, data.speaker_id))


def _has_the_floor(speaker: object) -> str:
    assert isinstance(speaker, Speaker)
    return _("%(state)s has the floor.") % {"state": speaker.delegation.state}


@commands.command("give-floor", GiveFloorIn, message=_has_the_floor)
def _give_floor(actor: Actor, meeting: Meeting, data: GiveFloorIn) -> Speaker:
    speaker = None if data.speaker_id is None else _speaker(meeting, data.speaker_id)
    return services.floor_give(actor=actor, meeting=meeting, speaker=speaker)


@commands.command("end-floor", EmptyIn, message=gettext_lazy("The speaker is done."))
def _end_floor(actor: Actor, meeting: Meeting, data: EmptyIn) -> Meeting:
    return services.floor_end(actor=actor, meeting=meeting)


@commands.command("decision", DecisionIn, message=gettext_lazy("Decision recorded."))
def _decision(actor: Actor, meeting: Meeting, data: DecisionIn) -> Decision:
    if data.item_id is not None:
        item = _item(meeting, data.item_id)
    else:
        current = Meeting.objects.select_related("current_item").get(pk=meeting.pk).current_item
        if current is None:
            raise ValidationError(_("Choose an item of this meeting's agenda."))
        item = current
    return services.decision_record(
        actor=actor,
        meeting=meeting,
        item=item,
        kind=data.kind,
        text=data.text,
        adopt_document=data.adopt_document,
    )


# --- minutes ----------------------------------------------------------------------------------


@commands.command(
    "minutes-generate",
    EmptyIn,
    message=gettext_lazy("Draft minutes written from the session record."),
)
def _minutes_generate(actor: Actor, meeting: Meeting, data: EmptyIn) -> Minutes:
    return services.minutes_generate(actor=actor, meeting=meeting)


@commands.command("minutes-edit", MinutesEditIn, message=gettext_lazy("Saved as a new revision."))
def _minutes_edit(actor: Actor, meeting: Meeting, data: MinutesEditIn) -> Minutes:
    return services.minutes_edit(
        actor=actor,
        minutes=_minutes(meeting),
        texts=data.texts,
        note=data.note,
        expected_version=data.version,
    )


@commands.command(
    "minutes-circulate",
    MinutesCirculateIn,
    message=gettext_lazy("Circulated to the delegations for approval."),
)
def _minutes_circulate(actor: Actor, meeting: Meeting, data: MinutesCirculateIn) -> Minutes:
    return services.minutes_circulate(
        actor=actor, minutes=_minutes(meeting), deadline=data.deadline
    )


@commands.command("minutes-reopen", EmptyIn, message=gettext_lazy("Taken back to draft."))
def _minutes_reopen(actor: Actor, meeting: Meeting, data: EmptyIn) -> Minutes:
    return services.minutes_reopen(actor=actor, minutes=_minutes(meeting))


@commands.command(
    "minutes-respond",
    MinutesResponseIn,
    message=gettext_lazy("Your delegation's response is recorded."),
)
def _minutes_respond(actor: Actor, meeting: Meeting, data: MinutesResponseIn) -> MinutesResponse:
    return services.minutes_respond(
        actor=actor,
        minutes=_minutes(meeting),
        delegation=_delegation(meeting, data.delegation_id),
        kind=data.kind,
        text=data.text,
    )


@commands.command(
    "minutes-finalise", EmptyIn, message=gettext_lazy("The minutes are final and frozen.")
)
def _minutes_finalise(actor: Actor, meeting: Meeting, data: EmptyIn) -> Minutes:
    return services.minutes_finalise(actor=actor, minutes=_minutes(meeting))


# --- the joint press statement ----------------------------------------------------------------


@commands.command(
    "statement-generate", EmptyIn, message=gettext_lazy("Statement drafted from the outcomes.")
)
def _statement_generate(actor: Actor, meeting: Meeting, data: EmptyIn) -> PressStatement:
    return services.statement_generate(actor=actor, meeting=meeting)


@commands.command("statement-edit", StatementEditIn, message=gettext_lazy("Statement saved."))
def _statement_edit(actor: Actor, meeting: Meeting, data: StatementEditIn) -> PressStatement:
    return services.statement_edit(
        actor=actor,
        statement=_statement(meeting),
        texts=data.texts,
        expected_version=data.version,
    )


@commands.command("statement-publish", EmptyIn, message=gettext_lazy("Statement published."))
def _statement_publish(actor: Actor, meeting: Meeting, data: EmptyIn) -> PressStatement:
    return services.statement_publish(actor=actor, statement=_statement(meeting))
