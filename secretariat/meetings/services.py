"""Every change to meetings goes through here.

Each service checks the actor's permission through `secretariat.meetings.policy`
(actor=None is the system, e.g. the demo loader), validates (`full_clean`), writes in one
transaction with the meeting row locked, appends to the audit trail, and publishes the live
event of the change (`events.emit`), which the live transport sends once it commits. Edits
others may race on take the `expected_version` the editor saw and fail with a clear
conflict instead of losing an update.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.formats.models import Delegation, DialogueFormat, MemberState
from secretariat.meetings import events, policy
from secretariat.meetings.conference import provider_get
from secretariat.meetings.models import (
    AgendaItem,
    CalendarToken,
    Decision,
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesResponse,
    MinutesRevision,
    Participant,
    PressStatement,
    Speaker,
)

SYSTEM = None  # actor for the demo loader and management commands


def _system(actor: Any) -> bool:
    return actor is None


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _lock(meeting: Meeting) -> Meeting:
    """Re-read the meeting with its row locked: concurrent actions on one meeting queue."""
    return Meeting.objects.select_for_update().select_related("format").get(pk=meeting.pk)


def _check_version(current: int, expected: int | None, what: str) -> None:
    if expected is not None and expected != current:
        raise ConflictError(
            _(
                "Someone else changed this %(what)s since you opened it (version %(expected)s, "
                "now %(current)s). Reload to see their change, then make yours again."
            )
            % {"what": what, "expected": expected, "current": current}
        )


def _transition(meeting: Meeting, method_name: str) -> None:
    method = getattr(meeting, method_name)
    if not can_proceed(method):
        raise ConflictError(
            _("A meeting that is %(status)s cannot do this.")
            % {"status": meeting.get_status_display()}
        )
    method()


def _must_manage(actor: Any, meeting: Meeting) -> None:
    _require(
        _system(actor) or policy.can_manage_meeting(actor, meeting),
        _("Only the secretariat of %(format)s manages its meetings.") % {"format": meeting.format},
    )


def _must_run(actor: Any, meeting: Meeting) -> None:
    _require(
        _system(actor) or policy.can_run_session(actor, meeting),
        _("Only the chair and the secretariat run the session."),
    )


def _emit(meeting: Meeting, action: str, keys: set[str]) -> None:
    """Publish the live event inside the transaction: the live transport bumps the topic's
    version with the change and sends the event only once it commits."""
    events.emit(meeting, action, keys)


# --- Meetings --------------------------------------------------------------------------------

MEETING_FIELDS = (
    "kind", "number", "title", "mode", "host_state", "venue", "chair_state", "starts_at",
    "ends_at", "is_public", "speaking_time",
)  # fmt: skip


def _validate_states(
    fmt: DialogueFormat, host: MemberState | None, chair: MemberState | None
) -> None:
    ids = set(fmt.memberships.filter(kind="member").values_list("state_id", flat=True))
    if chair is not None and chair.pk not in ids:
        raise ValidationError({"chair_state": _("The chair must be a member state of the format.")})
    if host is not None and host.pk not in ids:
        raise ValidationError({"host_state": _("The host must be a member state of the format.")})


@transaction.atomic
def meeting_create(
    *,
    actor: Any,
    fmt: DialogueFormat,
    kind: str,
    mode: str,
    starts_at: datetime,
    ends_at: datetime,
    number: int | None = None,
    title: str = "",
    host_state: MemberState | None = None,
    venue: str = "",
    chair_state: MemberState | None = None,
    is_public: bool = False,
    speaking_time: int = 180,
) -> Meeting:
    """The secretariat plans a meeting; it stays internal until announced."""
    _require(
        _system(actor) or policy.can_create_meeting(actor, fmt),
        _("Only the secretariat of %(format)s plans its meetings.") % {"format": fmt},
    )
    meeting = Meeting(
        format=fmt, kind=kind, number=number, title=title, mode=mode, host_state=host_state,
        venue=venue, chair_state=chair_state, starts_at=starts_at, ends_at=ends_at,
        is_public=is_public, speaking_time=speaking_time,
    )  # fmt: skip
    _validate_meeting(meeting)
    meeting.save()
    audit_record(actor=actor, action="meeting.create", target=meeting, summary=str(meeting))
    return meeting


def _validate_meeting(meeting: Meeting) -> None:
    if meeting.starts_at and meeting.ends_at and meeting.ends_at <= meeting.starts_at:
        raise ValidationError({"ends_at": _("A meeting ends after it starts.")})
    if meeting.speaking_time is not None and not 15 <= meeting.speaking_time <= 3600:
        raise ValidationError(
            {"speaking_time": _("Speaking time is between 15 seconds and one hour.")}
        )
    _validate_states(meeting.format, meeting.host_state, meeting.chair_state)
    meeting.full_clean()


@transaction.atomic
def meeting_update(
    *, actor: Any, meeting: Meeting, expected_version: int | None = None, **changes: Any
) -> Meeting:
    """Edit a meeting's facts before it is held; the times of a held meeting stay as held."""
    meeting = _lock(meeting)
    _must_manage(actor, meeting)
    _check_version(meeting.version, expected_version, _("meeting"))
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field(s): %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.MINUTES_APPROVED,
                          MeetingStatus.CANCELLED) and changes:  # fmt: skip
        raise ConflictError(
            _("A meeting that is %(status)s can no longer be edited.")
            % {"status": meeting.get_status_display()}
        )
    for name, value in changes.items():
        setattr(meeting, name, value)
    _validate_meeting(meeting)
    meeting.version += 1
    meeting.save()
    audit_record(
        actor=actor, action="meeting.update", target=meeting, summary=str(meeting),
        fields=sorted(changes),
    )  # fmt: skip
    _emit(meeting, "meeting.updated", {"speaking_time", "status"})
    return meeting


def _lifecycle(actor: Any, meeting: Meeting, method: str, action: str) -> Meeting:
    meeting = _lock(meeting)
    _must_manage(actor, meeting)
    _transition(meeting, method)
    meeting.version += 1
    meeting.save()
    audit_record(actor=actor, action=action, target=meeting, summary=str(meeting))
    _emit(meeting, action, {"status"})
    return meeting


@transaction.atomic
def meeting_announce(*, actor: Any, meeting: Meeting) -> Meeting:
    return _lifecycle(actor, meeting, "announce", "meeting.announce")


@transaction.atomic
def meeting_postpone(*, actor: Any, meeting: Meeting) -> Meeting:
    return _lifecycle(actor, meeting, "postpone", "meeting.postpone")


@transaction.atomic
def meeting_cancel(*, actor: Any, meeting: Meeting) -> Meeting:
    return _lifecycle(actor, meeting, "cancel", "meeting.cancel")


@transaction.atomic
def meeting_reschedule(
    *, actor: Any, meeting: Meeting, starts_at: datetime, ends_at: datetime
) -> Meeting:
    """A postponed meeting gets new times and is announced again."""
    meeting = _lock(meeting)
    _must_manage(actor, meeting)
    _transition(meeting, "reschedule")
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    _validate_meeting(meeting)
    meeting.version += 1
    meeting.save()
    audit_record(actor=actor, action="meeting.reschedule", target=meeting, summary=str(meeting))
    _emit(meeting, "meeting.reschedule", {"status"})
    return meeting


@transaction.atomic
def meeting_set_conference(
    *, actor: Any, meeting: Meeting, provider: str, link: str = ""
) -> Meeting:
    """Give an online or hybrid meeting its video-conference link through a provider;
    an empty provider removes the link."""
    meeting = _lock(meeting)
    _must_manage(actor, meeting)
    if provider and not meeting.is_online:
        raise ValidationError(_("Only online and hybrid meetings have a video conference."))
    meeting.conference_provider = provider
    meeting.conference_url = (
        provider_get(provider).create_room(meeting, link=link) if provider else ""
    )
    meeting.full_clean()
    meeting.version += 1
    meeting.save()
    # The link itself never goes into the audit trail or a live event: it is a secret.
    audit_record(actor=actor, action="meeting.conference", target=meeting, provider=provider)
    return meeting


# --- Agenda ----------------------------------------------------------------------------------


def _agenda_editable(meeting: Meeting) -> None:
    if meeting.agenda_approved_at is not None or meeting.status not in (
        MeetingStatus.PLANNED, MeetingStatus.ANNOUNCED, MeetingStatus.POSTPONED,
    ):  # fmt: skip
        raise ConflictError(_("The agenda was approved at the opening; it no longer changes."))


def _check_document(meeting: Meeting, document: Any) -> None:
    if document is not None and document.format_id != meeting.format_id:
        raise ValidationError({"document": _("The document belongs to another format.")})


@transaction.atomic
def agenda_item_add(
    *,
    actor: Any,
    meeting: Meeting,
    title: str,
    kind: str,
    description: str = "",
    document: Any = None,
) -> AgendaItem:
    """Add an item at the end of the draft agenda."""
    meeting = _lock(meeting)
    _must_manage(actor, meeting)
    _agenda_editable(meeting)
    _check_document(meeting, document)
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0
    item = AgendaItem(
        meeting=meeting, position=last + 1, title=title.strip(), kind=kind,
        description=description, document=document,
    )  # fmt: skip
    item.full_clean()
    item.save()
    audit_record(actor=actor, action="agenda.add", target=meeting, summary=item.title)
    _emit(meeting, "agenda.changed", {"agenda"})
    return item


@transaction.atomic
def agenda_item_update(
    *,
    actor: Any,
    item: AgendaItem,
    expected_version: int | None = None,
    title: str | None = None,
    kind: str | None = None,
    description: str | None = None,
    document: Any = ...,
) -> AgendaItem:
    meeting = _lock(item.meeting)
    _must_manage(actor, meeting)
    _agenda_editable(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    _check_version(item.version, expected_version, _("agenda item"))
    if title is not None:
        item.title = title.strip()
    if kind is not None:
        item.kind = kind
    if description is not None:
        item.description = description
    if document is not ...:
        _check_document(meeting, document)
        item.document = document
    item.full_clean()
    item.version += 1
    item.save()
    audit_record(actor=actor, action="agenda.update", target=meeting, summary=item.title)
    _emit(meeting, "agenda.changed", {"agenda"})
    return item


@transaction.atomic
def agenda_item_move(*, actor: Any, item: AgendaItem, position: int) -> list[AgendaItem]:
    """Put the item at `position` (1-based) and renumber the others in order."""
    meeting = _lock(item.meeting)
    _must_manage(actor, meeting)
    _agenda_editable(meeting)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    if not 1 <= position <= len(items):
        raise ValidationError(_("Give a position between 1 and %(n)s.") % {"n": len(items)})
    moving = next(i for i in items if i.pk == item.pk)
    items.remove(moving)
    items.insert(position - 1, moving)
    for index, each in enumerate(items, start=1):
        if each.position != index:
            each.position = index
            each.save(update_fields=["position"])
    audit_record(actor=actor, action="agenda.move", target=meeting, summary=moving.title)
    _emit(meeting, "agenda.changed", {"agenda"})
    return items


@transaction.atomic
def agenda_item_remove(*, actor: Any, item: AgendaItem) -> None:
    meeting = _lock(item.meeting)
    _must_manage(actor, meeting)
    _agenda_editable(meeting)
    title = item.title
    item.delete()
    for index, each in enumerate(AgendaItem.objects.filter(meeting=meeting), start=1):
        if each.position != index:
            each.position = index
            each.save(update_fields=["position"])
    audit_record(actor=actor, action="agenda.remove", target=meeting, summary=title)
    _emit(meeting, "agenda.changed", {"agenda"})


# --- Participation ---------------------------------------------------------------------------


@transaction.atomic
def participant_register(
    *,
    actor: Any,
    meeting: Meeting,
    delegation: Delegation,
    name: str,
    function: str = "",
    user: Any = None,
) -> Participant:
    """A delegation registers one of its people (or a named guest of the delegation)."""
    meeting = _lock(meeting)
    _require(
        _system(actor) or policy.can_register_participants(actor, delegation),
        _("Only the head or a delegate of %(state)s registers its participants.")
        % {"state": delegation.state},
    )
    if delegation.format_id != meeting.format_id:
        raise ValidationError(_("That delegation belongs to another format."))
    if meeting.status in (MeetingStatus.CLOSED, MeetingStatus.MINUTES_APPROVED,
                          MeetingStatus.CANCELLED):  # fmt: skip
        raise ConflictError(_("Registration is closed for this meeting."))
    if user is not None and not delegation.members.filter(user=user).exists():
        raise ValidationError(
            _("%(person)s does not sit in the delegation of %(state)s.")
            % {"person": user, "state": delegation.state}
        )
    if user is not None and Participant.objects.filter(meeting=meeting, user=user).exists():
        raise ConflictError(_("This person is already registered."))
    participant = Participant(
        meeting=meeting, delegation=delegation, user=user,
        name=(name or (user.full_name if user else "")).strip(), function=function.strip(),
    )  # fmt: skip
    participant.full_clean()
    participant.save()  # the meeting row is locked: no second registration can race this one
    audit_record(
        actor=actor, action="participant.register", target=meeting, summary=participant.name,
        delegation=delegation.pk,
    )  # fmt: skip
    return participant


@transaction.atomic
def participant_remove(*, actor: Any, participant: Participant) -> None:
    meeting = _lock(participant.meeting)
    _require(
        _system(actor) or policy.can_register_participants(actor, participant.delegation),
        _("Only the head or a delegate of %(state)s registers its participants.")
        % {"state": participant.delegation.state},
    )
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.ANNOUNCED,
                              MeetingStatus.POSTPONED):  # fmt: skip
        raise ConflictError(_("Participants of a session that has started stay on record."))
    name = participant.name
    participant.delete()
    audit_record(actor=actor, action="participant.remove", target=meeting, summary=name)


@transaction.atomic
def roll_call_record(*, actor: Any, meeting: Meeting, present: dict[int, bool]) -> Meeting:
    """The chair or secretariat records who is present (participant id -> present)."""
    meeting = _lock(meeting)
    _must_run(actor, meeting)
    if meeting.status != MeetingStatus.IN_SESSION:
        raise ConflictError(_("The roll call is taken during the session."))
    rows = {p.pk: p for p in Participant.objects.filter(meeting=meeting, pk__in=list(present))}
    missing = set(present) - set(rows)
    if missing:
        raise ValidationError(
            _("Not a participant of this meeting: %(ids)s.")
            % {"ids": ", ".join(map(str, sorted(missing)))}
        )
    for pk, is_present in present.items():
        rows[pk].present = bool(is_present)
        rows[pk].save(update_fields=["present"])
    audit_record(actor=actor, action="meeting.roll_call", target=meeting, present=len(
        [v for v in present.values() if v]
    ))  # fmt: skip
    _emit(meeting, "attendance.changed", {"attendance"})
    return meeting


# --- The live session ------------------------------------------------------------------------


@transaction.atomic
def session_open(*, actor: Any, meeting: Meeting) -> Meeting:
    """Open the session: the agenda is approved as it stands, the first item comes up."""
    meeting = _lock(meeting)
    _must_run(actor, meeting)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    if not items:
        raise ConflictError(_("Draft the agenda before opening the session."))
    _transition(meeting, "open_session")
    now = timezone.now()
    meeting.agenda_approved_at = now
    meeting.opened_at = now
    meeting.current_item = items[0]
    meeting.speakers_open = False
    meeting.version += 1
    meeting.save()
    audit_record(actor=actor, action="session.open", target=meeting, summary=str(meeting))
    _emit(meeting, "session.opened", set(events.SESSION_KEYS))
    return meeting


def _in_session(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.IN_SESSION:
        raise ConflictError(_("The session is not open."))


def _end_floor(meeting: Meeting, now: datetime) -> None:
    Speaker.objects.filter(meeting=meeting, status=Speaker.Status.SPEAKING).update(
        status=Speaker.Status.DONE, ended_at=now
    )


@transaction.atomic
def session_item_set(*, actor: Any, meeting: Meeting, item: AgendaItem) -> Meeting:
    """Move to an agenda item; whoever had the floor ends, the list of speakers closes."""
    meeting = _lock(meeting)
    _must_run(actor, meeting)
    _in_session(meeting)
    if item.meeting_id != meeting.pk:
        raise ValidationError(_("That item is on the agenda of another meeting."))
    _end_floor(meeting, timezone.now())
    meeting.current_item = item
    meeting.speakers_open = False
    meeting.version += 1
    meeting.save()
    audit_record(actor=actor, action="session.item", target=meeting, summary=item.title)
    _emit(meeting, "session.item", {"current_item", "speakers_open", "speakers", "floor"})
    return meeting


@transaction.atomic
def session_item_next(*, actor: Any, meeting: Meeting) -> Meeting:
    meeting = _lock(meeting)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    ids = [i.pk for i in items]
    if meeting.current_item_id in ids and ids.index(meeting.current_item_id) + 1 < len(ids):
        return session_item_set(
            actor=actor, meeting=meeting, item=items[ids.index(meeting.current_item_id) + 1]
        )
    raise ConflictError(_("This is the last item of the agenda."))


@transaction.atomic
def speakers_set_open(*, actor: Any, meeting: Meeting, is_open: bool) -> Meeting:
    meeting = _lock(meeting)
    _must_run(actor, meeting)
    _in_session(meeting)
    meeting.speakers_open = is_open
    meeting.version += 1
    meeting.save()
    audit_record(
        actor=actor, action="speakers.open" if is_open else "speakers.close", target=meeting
    )
    _emit(meeting, "speakers.opened" if is_open else "speakers.closed", {"speakers_open"})
    return meeting


@transaction.atomic
def floor_request(*, actor: Any, meeting: Meeting, delegation: Delegation) -> Speaker:
    """A member delegation asks for the floor on the current item; once at a time."""
    meeting = _lock(meeting)
    _require(
        _system(actor) or policy.can_request_floor(actor, delegation),
        _("Only the head or a delegate of a member delegation asks for the floor for it."),
    )
    if delegation.format_id != meeting.format_id:
        raise ValidationError(_("That delegation belongs to another format."))
    _in_session(meeting)
    if not meeting.speakers_open or meeting.current_item_id is None:
        raise ConflictError(_("The list of speakers is closed."))
    if Speaker.objects.filter(
        agenda_item_id=meeting.current_item_id, delegation=delegation,
        status=Speaker.Status.WAITING,
    ).exists():  # fmt: skip
        raise ConflictError(
            _("%(state)s is already on the list of speakers.") % {"state": delegation.state}
        )
    speaker = Speaker.objects.create(
        meeting=meeting, agenda_item_id=meeting.current_item_id, delegation=delegation,
        requested_by=actor,
    )  # fmt: skip
    audit_record(actor=actor, action="floor.request", target=meeting, summary=str(delegation.state))
    _emit(meeting, "floor.requested", {"speakers"})
    return speaker


@transaction.atomic
def floor_withdraw(*, actor: Any, speaker: Speaker) -> Speaker:
    meeting = _lock(speaker.meeting)
    speaker = Speaker.objects.select_related("delegation__state").get(pk=speaker.pk)
    _require(
        _system(actor)
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
    _emit(meeting, "floor.withdrawn", {"speakers"})
    return speaker


@transaction.atomic
def floor_give(*, actor: Any, meeting: Meeting, speaker: Speaker | None = None) -> Speaker:
    """Give the floor to a waiting speaker (default: the first on the list); whoever
    spoke before is done."""
    meeting = _lock(meeting)
    _must_run(actor, meeting)
    _in_session(meeting)
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
    _emit(meeting, "floor.given", {"speakers", "floor"})
    return chosen


@transaction.atomic
def floor_end(*, actor: Any, meeting: Meeting) -> Meeting:
    meeting = _lock(meeting)
    _must_run(actor, meeting)
    _in_session(meeting)
    if not Speaker.objects.filter(meeting=meeting, status=Speaker.Status.SPEAKING).exists():
        raise ConflictError(_("Nobody has the floor."))
    _end_floor(meeting, timezone.now())
    audit_record(actor=actor, action="floor.end", target=meeting)
    _emit(meeting, "floor.ended", {"speakers", "floor"})
    return meeting


@transaction.atomic
def decision_record(
    *,
    actor: Any,
    meeting: Meeting,
    item: AgendaItem,
    kind: str,
    text: str,
    adopt_document: bool = False,
) -> Decision:
    """Record a decision on an agenda item. "Adopted by consensus" on an item with a linked
    document adopts that document through the Negotiation services, with the meeting as
    reference; it needs every member delegation present (the consensus quorum)."""
    from secretariat.meetings import selectors

    meeting = _lock(meeting)
    _must_run(actor, meeting)
    _in_session(meeting)
    if item.meeting_id != meeting.pk:
        raise ValidationError(_("That item is on the agenda of another meeting."))
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
        if not text and document is not None:
            text = _("%(document)s adopted by consensus.") % {"document": document}
    if not text:
        raise ValidationError({"text": _("Write the decision.")})
    decision = Decision(meeting=meeting, agenda_item=item, kind=kind, text=text, recorded_by=actor)
    decision.full_clean()
    if kind == Decision.Kind.ADOPTED_BY_CONSENSUS and adopt_document and document is not None:
        from secretariat.negotiation.services import document_adopt_by_consensus

        document_adopt_by_consensus(actor=actor, document=document, reference=str(meeting))
        decision.document = document
    decision.save()
    audit_record(actor=actor, action="decision.record", target=meeting, summary=text, kind=kind)
    _emit(meeting, "decision.recorded", {"decisions"})
    return decision


@transaction.atomic
def session_close(*, actor: Any, meeting: Meeting) -> Meeting:
    meeting = _lock(meeting)
    _must_run(actor, meeting)
    _transition(meeting, "close_session")
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
    _emit(meeting, "session.closed", {"status", "speakers_open", "speakers", "floor"})
    return meeting


# --- Minutes ---------------------------------------------------------------------------------


def _minutes_hash(texts: dict[str, str]) -> str:
    canonical = json.dumps(texts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


@transaction.atomic
def minutes_generate(*, actor: Any, meeting: Meeting) -> Minutes:
    """Draft minutes from the session record in each working language (revision 1), or a
    new revision regenerated from the record while the minutes are a draft."""
    from secretariat.meetings.minutes_text import minutes_texts

    meeting = _lock(meeting)
    _must_manage(actor, meeting)
    if meeting.status != MeetingStatus.CLOSED:
        raise ConflictError(_("Minutes are drafted once the session is closed."))
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    if minutes.status != Minutes.Status.DRAFT:
        raise ConflictError(_("Minutes under approval or final are not regenerated."))
    texts = minutes_texts(meeting)
    return _add_revision(actor, minutes, texts, _("Drafted from the session record."))


def _add_revision(actor: Any, minutes: Minutes, texts: dict[str, str], note: str) -> Minutes:
    number = (minutes.revisions.aggregate(m=Max("number"))["m"] or 0) + 1
    MinutesRevision.objects.create(
        minutes=minutes, number=number, texts=texts, author=actor, note=note[:300]
    )
    minutes.version += 1
    minutes.save()
    audit_record(actor=actor, action="minutes.revision", target=minutes, revision=number)
    return minutes


@transaction.atomic
def minutes_edit(
    *,
    actor: Any,
    minutes: Minutes,
    texts: dict[str, str],
    note: str = "",
    expected_version: int | None = None,
) -> Minutes:
    """The secretariat edits the draft; every edit is a new, immutable revision."""
    minutes = (
        Minutes.objects.select_for_update().select_related("meeting__format").get(pk=minutes.pk)
    )
    _must_manage(actor, minutes.meeting)
    _check_version(minutes.version, expected_version, _("minutes"))
    if minutes.status != Minutes.Status.DRAFT:
        raise ConflictError(_("Only draft minutes are edited; take them back first."))
    languages = minutes.meeting.format.working_languages
    cleaned = {lang: (texts.get(lang) or "").strip() for lang in languages}
    empty = [lang for lang, text in cleaned.items() if not text]
    if empty:
        raise ValidationError(
            _("Give the text in every working language; missing: %(langs)s.")
            % {"langs": ", ".join(empty)}
        )
    latest = minutes.revisions.first()
    if latest is not None and {k: str(v).strip() for k, v in latest.texts.items()} == cleaned:
        raise ValidationError(_("Nothing changed."))
    return _add_revision(actor, minutes, cleaned, note or _("Edited."))


@transaction.atomic
def minutes_circulate(*, actor: Any, minutes: Minutes, deadline: datetime) -> Minutes:
    minutes = (
        Minutes.objects.select_for_update().select_related("meeting__format").get(pk=minutes.pk)
    )
    _must_manage(actor, minutes.meeting)
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline must lie in the future.")})
    if not can_proceed(minutes.circulate):
        raise ConflictError(_("Only draft minutes are circulated."))
    minutes.circulate()
    minutes.deadline = deadline
    minutes.version += 1
    minutes.save()
    audit_record(
        actor=actor, action="minutes.circulate", target=minutes, deadline=deadline.isoformat()
    )
    return minutes


@transaction.atomic
def minutes_reopen(*, actor: Any, minutes: Minutes) -> Minutes:
    minutes = (
        Minutes.objects.select_for_update().select_related("meeting__format").get(pk=minutes.pk)
    )
    _must_manage(actor, minutes.meeting)
    if not can_proceed(minutes.reopen):
        raise ConflictError(_("Only circulated minutes are taken back."))
    minutes.reopen()
    minutes.deadline = None
    minutes.version += 1
    minutes.save()
    audit_record(actor=actor, action="minutes.reopen", target=minutes)
    return minutes


@transaction.atomic
def minutes_respond(
    *, actor: Any, minutes: Minutes, delegation: Delegation, kind: str, text: str = ""
) -> MinutesResponse:
    """A member delegation approves the circulated revision, or comments, before the
    deadline."""
    minutes = (
        Minutes.objects.select_for_update().select_related("meeting__format").get(pk=minutes.pk)
    )
    _require(
        _system(actor) or policy.can_respond_to_minutes(actor, delegation),
        _("Only the head or a delegate of a member delegation responds for it."),
    )
    if delegation.format_id != minutes.meeting.format_id:
        raise ValidationError(_("That delegation belongs to another format."))
    if minutes.status != Minutes.Status.CIRCULATED:
        raise ConflictError(_("These minutes are not circulated for approval."))
    if minutes.deadline and timezone.now() > minutes.deadline:
        raise ConflictError(_("The deadline for responses has passed."))
    if kind not in MinutesResponse.Kind.values:
        raise ValidationError({"kind": _("Approve or comment.")})
    if kind == MinutesResponse.Kind.COMMENT and not text.strip():
        raise ValidationError({"text": _("Write your comment.")})
    revision = minutes.revisions.first()
    assert revision is not None  # circulated minutes always have a revision
    if (
        kind == MinutesResponse.Kind.APPROVE
        and MinutesResponse.objects.filter(
            revision=revision, delegation=delegation, kind=kind
        ).exists()
    ):
        raise ConflictError(
            _("%(state)s has already approved this text.") % {"state": delegation.state}
        )
    response = MinutesResponse.objects.create(
        minutes=minutes, revision=revision, delegation=delegation, kind=kind,
        text=text.strip(), author=actor,
    )  # fmt: skip
    audit_record(
        actor=actor, action=f"minutes.{kind}", target=minutes, summary=str(delegation.state)
    )
    return response


def minutes_approval_state(minutes: Minutes) -> dict[str, Any]:
    """Derived from stored facts whenever read (never from a job having run)."""
    from secretariat.formats.selectors import member_delegations

    revision = minutes.revisions.first()
    responses = list(MinutesResponse.objects.filter(revision=revision)) if revision else []
    approved = {r.delegation_id for r in responses if r.kind == MinutesResponse.Kind.APPROVE}
    commented = {r.delegation_id for r in responses if r.kind == MinutesResponse.Kind.COMMENT}
    delegations = member_delegations(minutes.meeting.format_id)
    all_approved = bool(delegations) and all(d.pk in approved for d in delegations)
    deadline_passed = minutes.deadline is not None and timezone.now() > minutes.deadline
    return {
        "revision": revision,
        "approved": approved,
        "commented": commented,
        "delegations": delegations,
        "all_approved": all_approved,
        "deadline_passed": deadline_passed,
        # Silence means approval: after the deadline, a text nobody commented on is final.
        "may_finalise": minutes.status == Minutes.Status.CIRCULATED
        and (all_approved or (deadline_passed and not (commented - approved))),
    }


@transaction.atomic
def minutes_finalise(*, actor: Any, minutes: Minutes) -> Minutes:
    """Final and frozen once every member delegation approved the circulated text, or the
    deadline passed without an open comment. The meeting becomes "minutes approved"."""
    minutes = (
        Minutes.objects.select_for_update().select_related("meeting__format").get(pk=minutes.pk)
    )
    meeting = _lock(minutes.meeting)
    _must_manage(actor, meeting)
    state = minutes_approval_state(minutes)
    if minutes.status != Minutes.Status.CIRCULATED:
        raise ConflictError(_("Only circulated minutes become final."))
    if not state["may_finalise"]:
        raise ConflictError(
            _(
                "Not yet: every member delegation must approve, or the deadline must pass "
                "without an open comment."
            )
        )
    minutes.finalise()
    minutes.final_hash = _minutes_hash(state["revision"].texts)
    minutes.finalised_at = timezone.now()
    minutes.version += 1
    minutes.save()
    _transition(meeting, "approve_minutes")
    meeting.version += 1
    meeting.save()
    audit_record(actor=actor, action="minutes.final", target=minutes, hash=minutes.final_hash)
    _emit(meeting, "minutes.approved", {"status"})
    return minutes


# --- Joint press statement -------------------------------------------------------------------


@transaction.atomic
def statement_generate(*, actor: Any, meeting: Meeting) -> PressStatement:
    """Draft the joint press statement from the outcomes, in each working language."""
    from secretariat.meetings.minutes_text import statement_texts

    meeting = _lock(meeting)
    _must_manage(actor, meeting)
    if meeting.status not in (MeetingStatus.CLOSED, MeetingStatus.MINUTES_APPROVED):
        raise ConflictError(_("The statement is drafted once the session is closed."))
    statement = PressStatement.objects.filter(meeting=meeting).first()
    if statement is not None and statement.status == PressStatement.Status.PUBLISHED:
        raise ConflictError(_("The statement is published; it no longer changes."))
    texts = statement_texts(meeting)
    if statement is None:
        statement = PressStatement.objects.create(meeting=meeting, texts=texts)
    else:
        statement.texts = texts
        statement.version += 1
        statement.save()
    audit_record(actor=actor, action="statement.draft", target=meeting)
    return statement


@transaction.atomic
def statement_edit(
    *,
    actor: Any,
    statement: PressStatement,
    texts: dict[str, str],
    expected_version: int | None = None,
) -> PressStatement:
    statement = (
        PressStatement.objects.select_for_update()
        .select_related("meeting__format")
        .get(pk=statement.pk)
    )
    _must_manage(actor, statement.meeting)
    _check_version(statement.version, expected_version, _("statement"))
    if statement.status == PressStatement.Status.PUBLISHED:
        raise ConflictError(_("The statement is published; it no longer changes."))
    languages = statement.meeting.format.working_languages
    cleaned = {lang: (texts.get(lang) or "").strip() for lang in languages}
    if any(not text for text in cleaned.values()):
        raise ValidationError(_("Give the text in every working language."))
    statement.texts = cleaned
    statement.version += 1
    statement.save()
    audit_record(actor=actor, action="statement.edit", target=statement.meeting)
    return statement


@transaction.atomic
def statement_publish(*, actor: Any, statement: PressStatement) -> PressStatement:
    statement = (
        PressStatement.objects.select_for_update()
        .select_related("meeting__format")
        .get(pk=statement.pk)
    )
    _must_manage(actor, statement.meeting)
    if statement.status == PressStatement.Status.PUBLISHED:
        raise ConflictError(_("The statement is already published."))
    statement.status = PressStatement.Status.PUBLISHED
    statement.published_at = timezone.now()
    statement.version += 1
    statement.save()
    audit_record(actor=actor, action="statement.publish", target=statement.meeting)
    return statement


# --- Calendars -------------------------------------------------------------------------------


@transaction.atomic
def calendar_token_get(*, user: Any) -> CalendarToken:
    token = CalendarToken.objects.filter(user=user).first()
    if token is None:
        token = CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))
    return token


@transaction.atomic
def calendar_token_reset(*, user: Any) -> CalendarToken:
    """A new secret; the old feed URL stops working at once."""
    CalendarToken.objects.filter(user=user).delete()
    token = CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))
    audit_record(actor=user, action="calendar.reset", target=token)
    return token


def default_minutes_deadline() -> datetime:
    return timezone.now() + timedelta(days=7)
