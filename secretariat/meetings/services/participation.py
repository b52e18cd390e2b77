"""Who takes part: delegations register their people; the chair takes the roll call."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation
from secretariat.meetings import events, policy
from secretariat.meetings.events import MeetingAction
from secretariat.meetings.models import Meeting, MeetingStatus, Participant
from secretariat.meetings.services._common import (
    HELD_OR_CANCELLED,
    NOT_YET_OPEN,
    lock,
    must_run,
    require,
    same_format,
)

if TYPE_CHECKING:
    from secretariat.accounts.models import User


def _may_register(actor: Actor | None, delegation: Delegation) -> None:
    require(
        actor is None or policy.can_register_participants(actor, delegation),
        _("Only the head or a delegate of %(state)s registers its participants.")
        % {"state": delegation.state},
    )


@transaction.atomic
def participant_register(
    *,
    actor: Actor | None,
    meeting: Meeting,
    delegation: Delegation,
    name: str,
    function: str = "",
    user: User | None = None,
) -> Participant:
    """A delegation registers one of its people (or a named guest of the delegation)."""
    meeting = lock(meeting)
    _may_register(actor, delegation)
    same_format(meeting, delegation)
    if meeting.status in HELD_OR_CANCELLED:
        raise ConflictError(_("Registration is closed for this meeting."))
    if user is not None and not delegation.members.filter(user=user).exists():
        raise ValidationError(
            _("%(person)s does not sit in the delegation of %(state)s.")
            % {"person": user, "state": delegation.state}
        )
    if user is not None and Participant.objects.filter(meeting=meeting, user=user).exists():
        raise ConflictError(_("This person is already registered."))
    participant = Participant(
        meeting=meeting,
        delegation=delegation,
        user=user,
        name=(name or (user.full_name if user else "")).strip(),
        function=function.strip(),
    )
    participant.full_clean()
    participant.save()  # the meeting row is locked: no second registration can race this one
    audit_record(
        actor=actor,
        action="participant.register",
        target=meeting,
        summary=participant.name,
        delegation=delegation.pk,
    )
    return participant


@transaction.atomic
def participant_remove(*, actor: Actor | None, participant: Participant) -> None:
    """A registration is withdrawn before the session; afterwards it stays on record."""
    meeting = lock(participant.meeting)
    _may_register(actor, participant.delegation)
    if meeting.status not in NOT_YET_OPEN:
        raise ConflictError(_("Participants of a session that has started stay on record."))
    name = participant.name
    participant.delete()
    audit_record(actor=actor, action="participant.remove", target=meeting, summary=name)


@transaction.atomic
def roll_call_record(*, actor: Actor | None, meeting: Meeting, present: dict[int, bool]) -> Meeting:
    """The chair or secretariat records who is present (participant id -> present)."""
    meeting = lock(meeting)
    must_run(actor, meeting)
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
    audit_record(
        actor=actor,
        action="meeting.roll_call",
        target=meeting,
        present=len([v for v in present.values() if v]),
    )
    events.emit(meeting, MeetingAction.ATTENDANCE_CHANGED, changed={"participants"})
    return meeting
