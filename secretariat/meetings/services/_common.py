"""What every meetings service shares: who acts, locking, versions, transitions.

Each service checks the actor's permission through `secretariat.meetings.policy`
(actor=None is the system, e.g. the demo loader), validates (`full_clean`), writes in one
transaction with the meeting row locked, appends to the audit trail, and sends the live
event of the change (`events.emit`), which the live transport delivers once it commits.
Edits others may race on take the `expected_version` the editor saw and fail with a clear
conflict instead of losing an update.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django_fsm import can_proceed, has_transition_perm

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation
from secretariat.meetings import policy
from secretariat.meetings.models import Meeting, MeetingStatus, Minutes, PressStatement

if TYPE_CHECKING:
    from secretariat.accounts.models import User

SYSTEM = None  # actor for the demo loader and management commands

#: A meeting in one of these states has been held (or will not be): its facts stay as held.
HELD_OR_CANCELLED = (MeetingStatus.CLOSED, MeetingStatus.MINUTES_APPROVED, MeetingStatus.CANCELLED)
#: Before the session opens: the agenda and the registrations may still change.
NOT_YET_OPEN = (MeetingStatus.PLANNED, MeetingStatus.ANNOUNCED, MeetingStatus.POSTPONED)


def person(actor: Actor | None) -> User | None:
    """Who to name in a record (author, requested by): the signed-in person, or nobody for
    the system."""
    from secretariat.accounts.models import User

    return actor if isinstance(actor, User) else None


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def lock(meeting: Meeting) -> Meeting:
    """Re-read the meeting with its row locked: concurrent actions on one meeting queue."""
    return Meeting.objects.select_for_update().select_related("format").get(pk=meeting.pk)


def check_version(current: int, expected: int | None, what: str) -> None:
    if expected is not None and expected != current:
        raise ConflictError(
            _(
                "Someone else changed this %(what)s since you opened it (version %(expected)s, "
                "now %(current)s). Reload to see their change, then make yours again."
            )
            % {"what": what, "expected": expected, "current": current}
        )


def transition(
    actor: Actor | None, record: Meeting | Minutes | PressStatement, name: str, refused: str = ""
) -> None:
    """Run the lifecycle transition `name` of a meeting, its minutes or its statement:
    refused with a conflict (`refused`, or what the meeting's state is) when the state does
    not allow it, and for a person when the transition's `permission=` says no. The only
    way any state changes."""
    method = getattr(record, name)
    if not can_proceed(method):
        if not refused and isinstance(record, Meeting):
            refused = _("A meeting that is %(status)s cannot do this.") % {
                "status": record.get_status_display()
            }
        raise ConflictError(refused or _("This cannot be done now."))
    if actor is not None and not has_transition_perm(method, actor):
        raise PermissionDenied(_("You may not do this."))
    method()


def must_manage(actor: Actor | None, meeting: Meeting) -> None:
    require(
        actor is None or policy.can_manage_meeting(actor, meeting),
        _("Only the secretariat of %(format)s manages its meetings.") % {"format": meeting.format},
    )


def must_run(actor: Actor | None, meeting: Meeting) -> None:
    require(
        actor is None or policy.can_run_session(actor, meeting),
        _("Only the chair and the secretariat run the session."),
    )


def clean(record: Meeting | Minutes | PressStatement) -> None:
    """`full_clean` but for the state, which only its transitions set (the field is
    protected: even `full_clean` may not write it)."""
    record.full_clean(exclude=["status"])


def same_format(meeting: Meeting, delegation: Delegation) -> None:
    if delegation.format_id != meeting.format_id:
        raise ValidationError(_("That delegation belongs to another format."))


def in_session(meeting: Meeting) -> None:
    if meeting.status != MeetingStatus.IN_SESSION:
        raise ConflictError(_("The session is not open."))
