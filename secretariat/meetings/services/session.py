"""The live session: opening and closing, the current item, the list of speakers, the
floor, and the decisions recorded on each item."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation
from secretariat.meetings import events, policy, selectors
from secretariat.meetings.events import MeetingAction
from secretariat.meetings.models import AgendaItem, Decision, Meeting, Speaker
from secretariat.meetings.rules import opens_early
from secretariat.meetings.services._common import (
    in_session,
    lock,
    must_run,
    person,
    require,
    same_format,
    transition,
)

if TYPE_CHECKING:
    from secretariat.negotiation.models import Document


def _agenda(meeting: Meeting) -> list[AgendaItem]:
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))


def _end_floor(meeting: Meeting, now: datetime) -> None:
    Speaker.objects.filter(meeting=meeting, status=Speaker.Status.SPEAKING).update(
        status=Speaker.Status.DONE, ended_at=now
    )


def _on_agenda(meeting: Meeting, item: AgendaItem) -> None:
    if item.meeting_id != meeting.pk:
        raise ValidationError(_("That item is on the agenda of another meeting."))


class EarlyOpening(ConflictError):
    """The session is scheduled much later: opening it now needs a confirmation."""

    def __init__(self, meeting: Meeting, now: datetime) -> None:
        starts = meeting.starts_at.astimezone(UTC)
        super().__init__(
            _(
                "The session is scheduled to open on %(date)s at %(time)s UTC, in %(delay)s. "
                "Confirm to open it now."
            )
            % {
                "date": date_format(starts, "DATE_FORMAT"),
                "time": starts.strftime("%H:%M"),
                "delay": timeuntil(starts, now),
            }
        )
        self.meeting = meeting


@transaction.atomic
def session_open(*, actor: Actor | None, meeting: Meeting, confirm_early: bool = False) -> Meeting:
    """Open the session: the agenda is approved as it stands, the first item comes up.
    Opening more than `rules.EARLY_OPENING` before the scheduled start is refused
    (`EarlyOpening`) unless `confirm_early`; the record keeps the actual opening time."""
    meeting = lock(meeting)
    must_run(actor, meeting)
    items = _agenda(meeting)
    if not items:
        raise ConflictError(_("Draft the agenda before opening the session."))
    transition(actor, meeting, "open_session")
    now = timezone.now()
    if opens_early(now, meeting.starts_at) and not confirm_early:
        raise EarlyOpening(meeting, now)  # the transaction rolls back the transition
    meeting.agenda_approved_at = now
    meeting.opened_at = now
    meeting.current_item = items[0]
    meeting.speakers_open = False
    meeting.version += 1
    meeting.save()
    audit_record(actor=actor, action="session.open", target=meeting, summary=str(meeting))
    events.emit(
        meeting,
        MeetingAction.SESSION_OPENED,
        changed={"status", "agenda_approved_at", "opened_at", "current_item", "speakers_open"},
    )
    return meeting


@transaction.atomic
def session_item_set(*, actor: Actor | None, meeting: Meeting, item: AgendaItem) -> Meeting:
    """Move to an agenda item; whoever had the floor ends, the list of speakers closes."""
    meeting = lock(meeting)
    must_run(actor, meeting)
    in_session(meeting)
    _on_agenda(meeting, item)
    _end_floor(meeting, timezone.now())
    meeting.current_item = item
    meeting.speakers_open = False
    meeting.version += 1
    meeting.save()
    audit_record(actor=actor, action="session.item", target=meeting, summary=item.title)
    events.emit(
        meeting, MeetingAction.SESSION_ITEM, changed={"current_item", "speakers_open", "speakers"}
    )
    return meeting


@transaction.atomic
def session_item_next(*, actor: Actor | None, meeting: Meeting) -> Meeting:
    """Move to the item after the current one."""
    meeting = lock(meeting)
    items = _agenda(meeting)
    ids = [i.pk for i in items]
    if meeting.current_item_id in ids and ids.index(meeting.current_item_id) + 1 < len(ids):
        return session_item_set(
            actor=actor, meeting=meeting, item=items[ids.index(meeting.current_item_id) + 1]
        )
    raise ConflictError(_("This is the last item of the agenda."))


@transaction.atomic
def speakers_set_open(*, actor: Actor | None, meeting: Meeting, is_open: bool) -> Meeting:
    """Open or close the list of speakers on the current item."""
    meeting = lock(meeting)
    must_run(actor, meeting)
    in_session(meeting)
    meeting.speakers_open = is_open
    meeting.version += 1
    meeting.save()
    audit_record(
        actor=actor, action="speakers.open" if is_open else "speakers.close", target=meeting
    )
    action = MeetingAction.SPEAKERS_OPENED if is_open else MeetingAction.SPEAKERS_CLOSED
    events.emit(meeting, action, changed={"speakers_open"})
    return meeting


@transaction.atomic
def floor_request(*, actor: Actor | None, meeting: Meeting, delegation: Delegation) -> Speaker:
    """A member delegation asks for the floor on the current item; once at a time."""
    meeting = lock(meeting)
    require(
        actor is None or policy.can_request_floor(actor, delegation),
        _("Only the head or a delegate of a member delegation asks for the floor for it."),
    )
    same_format(meeting, delegation)
    in_session(meeting)
    if not meeting.speakers_open or meeting.current_item_id is None:
        raise ConflictError(_("The list of speakers is closed."))
    if Speaker.objects.filter(
        agenda_item_id=meeting.current_item_id,
        delegation=delegation,
        status=Speaker.Status.WAITING,
    ).exists():
        raise ConflictError(
            _("%(state)s is already on the list of speakers.") % {"state": delegation.state}
        )
    speaker = Speaker.objects.create(
        meeting=meeting,
        agenda_item_id=meeting.current_item_id,
        delegation=delegation,
        requested_by=person(actor),
    )
    audit_record(actor=actor, action="floor.request", target=meeting, summary=str(delegation.state))
    events.emit(meeting, MeetingAction.FLOOR_REQUESTED, changed={"speakers"})
    return speaker


@transaction.atomic
def floor_withdraw(*, actor: Actor | None, speaker: Speaker) -> Speaker:
    """A waiting delegation (or the chair for it) takes its name off the list."""
    meeting = lock(speaker.meeting)
    speaker = Speaker.objects.select_related("delegation__state").get(pk=speaker.pk)
    require(
        actor is None
        or policy.can_request_floor(actor, speaker.delegation)
        or policy.can_run_session(actor, meeting),
        _("Only the delegation itself or the chair takes a name off the list."),
    )
    if speaker.status != Speaker.Status.WAITING:
        raise ConflictError(_("Only a waiting speaker can withdraw."))
    speaker.status = Speaker.Status.WITHDRAWN
    speaker.save(update_fields=["status"])
    audit_record(
        actor=actor, action="floor.withdraw", target=meeting, summary=str(speaker.delegation.state)
    )
    events.emit(meeting, MeetingAction.FLOOR_WITHDRAWN, changed={"speakers"})
    return speaker


@transaction.atomic
def floor_give(*, actor: Actor | None, meeting: Meeting, speaker: Speaker | None = None) -> Speaker:
    """Give the floor to a waiting speaker (default: the first on the list); whoever
    spoke before is done."""
    meeting = lock(meeting)
    must_run(actor, meeting)
    in_session(meeting)
    waiting = Speaker.objects.select_for_update().filter(
        meeting=meeting, agenda_item_id=meeting.current_item_id, status=Speaker.Status.WAITING
    )
    chosen = (
        waiting.filter(pk=speaker.pk).first()
        if speaker
        else waiting.order_by("requested_at", "pk").first()
    )
    if chosen is None:
        raise ConflictError(
            _("That delegation is not waiting for the floor.")
            if speaker
            else _("Nobody is waiting for the floor.")
        )
    now = timezone.now()
    _end_floor(meeting, now)
    chosen.status = Speaker.Status.SPEAKING
    chosen.started_at = now
    chosen.save(update_fields=["status", "started_at"])
    audit_record(
        actor=actor, action="floor.give", target=meeting, summary=str(chosen.delegation.state)
    )
    events.emit(meeting, MeetingAction.FLOOR_GIVEN, changed={"speakers"})
    return chosen


@transaction.atomic
def floor_end(*, actor: Actor | None, meeting: Meeting) -> Meeting:
    """Whoever has the floor is done."""
    meeting = lock(meeting)
    must_run(actor, meeting)
    in_session(meeting)
    if not Speaker.objects.filter(meeting=meeting, status=Speaker.Status.SPEAKING).exists():
        raise ConflictError(_("Nobody has the floor."))
    _end_floor(meeting, timezone.now())
    audit_record(actor=actor, action="floor.end", target=meeting)
    events.emit(meeting, MeetingAction.FLOOR_ENDED, changed={"speakers"})
    return meeting


def _adoption_is_true(document: Document) -> None:
    """A decision "adopted by consensus" on an item whose linked document is not adopted
    through Negotiation is refused: the minutes would state an adoption that did not
    happen. (Adopting it with the decision, `adopt_document`, checks consensus there.)"""
    title = document.title
    if document.is_adopted():
        if document.adoption_method == "silence" or not document.adopted_at:
            deadline = document.adopted_on()
            raise ConflictError(
                _(
                    "“%(title)s” was adopted by silence procedure (deadline %(deadline)s UTC), "
                    "not by consensus at a meeting: record the decision as taken note."
                )
                % {"title": title, "deadline": f"{deadline:%Y-%m-%d %H:%M}" if deadline else ""}
            )
        return
    holds, detail = selectors.document_consensus(document)
    if not holds:
        raise ConflictError(
            _(
                "“%(title)s” has no consensus (%(detail)s): the decision cannot say it was "
                "adopted by consensus."
            )
            % {"title": title, "detail": detail}
        )
    raise ConflictError(
        _(
            "“%(title)s” is not adopted yet: record the decision with “Adopt the linked "
            "document” to adopt it through Negotiation."
        )
        % {"title": title}
    )


@transaction.atomic
def decision_record(
    *,
    actor: Actor | None,
    meeting: Meeting,
    item: AgendaItem,
    kind: str,
    text: str,
    adopt_document: bool = False,
) -> Decision:
    """Record a decision on an agenda item. "Adopted by consensus" needs every member
    delegation present (the consensus quorum); on an item with a linked document it adopts
    that document through the Negotiation services (`adopt_document`, with the meeting as
    reference), or the document must already be adopted by consensus at a meeting."""
    meeting = lock(meeting)
    must_run(actor, meeting)
    in_session(meeting)
    _on_agenda(meeting, item)
    if kind not in Decision.Kind.values:
        raise ValidationError({"kind": _("Choose decision, adopted by consensus or taken note.")})
    text = text.strip()
    document = item.document
    if kind == Decision.Kind.ADOPTED_BY_CONSENSUS:
        attendance = selectors.attendance(meeting)
        if not attendance.quorum:
            raise ConflictError(
                _("Consensus needs every member delegation present; absent: %(absent)s.")
                % {"absent": ", ".join(str(d.state) for d in attendance.absent)}
            )
        if adopt_document and document is None:
            raise ValidationError(_("This agenda item has no linked document to adopt."))
        if document is not None and not adopt_document:
            _adoption_is_true(document)
        if not text and document is not None:
            text = _("%(document)s adopted by consensus.") % {"document": document}
    if not text:
        raise ValidationError({"text": _("Write the decision.")})
    decision = Decision(
        meeting=meeting, agenda_item=item, kind=kind, text=text, recorded_by=person(actor)
    )
    decision.full_clean()
    if kind == Decision.Kind.ADOPTED_BY_CONSENSUS and adopt_document and document is not None:
        from secretariat.negotiation.services import document_adopt_by_consensus

        # Only the chair or the secretariat records a decision (checked above): a person.
        assert actor is not None
        document_adopt_by_consensus(actor=actor, document=document, reference=str(meeting))
        decision.document = document
    decision.save()
    audit_record(actor=actor, action="decision.record", target=meeting, summary=text, kind=kind)
    events.emit(meeting, MeetingAction.DECISION_RECORDED, changed={"decisions"})
    return decision


@transaction.atomic
def session_close(*, actor: Actor | None, meeting: Meeting) -> Meeting:
    """Close the session: the floor ends, waiting speakers are withdrawn, the record is
    complete for the minutes."""
    meeting = lock(meeting)
    must_run(actor, meeting)
    transition(actor, meeting, "close_session")
    now = timezone.now()
    _end_floor(meeting, now)
    Speaker.objects.filter(meeting=meeting, status=Speaker.Status.WAITING).update(
        status=Speaker.Status.WITHDRAWN
    )
    meeting.closed_at = now
    meeting.speakers_open = False
    meeting.version += 1
    meeting.save()
    audit_record(actor=actor, action="session.close", target=meeting, summary=str(meeting))
    events.emit(
        meeting,
        MeetingAction.SESSION_CLOSED,
        changed={"status", "closed_at", "speakers_open", "speakers"},
    )
    return meeting
