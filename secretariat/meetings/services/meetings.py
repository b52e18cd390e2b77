"""Meetings: planning, facts, lifecycle (announce, postpone, reschedule, cancel) and the
video conference."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.formats.models import DialogueFormat, MemberState
from secretariat.meetings import events, policy
from secretariat.meetings.conference import provider_get
from secretariat.meetings.events import MeetingAction
from secretariat.meetings.models import Meeting
from secretariat.meetings.rules import FIRST_YEAR, LAST_YEAR, within_calendar
from secretariat.meetings.services._common import (
    HELD_OR_CANCELLED,
    check_version,
    clean,
    lock,
    must_manage,
    require,
    transition,
)

#: The facts of a meeting its secretariat may edit (`meeting_update`).
MEETING_FIELDS = (
    "kind",
    "number",
    "title",
    "mode",
    "host_state",
    "venue",
    "chair_state",
    "starts_at",
    "ends_at",
    "is_public",
    "speaking_time",
)


TIMES = ("starts_at", "ends_at")


def _validate_states(
    fmt: DialogueFormat, host: MemberState | None, chair: MemberState | None
) -> None:
    ids = set(fmt.memberships.filter(kind="member").values_list("state_id", flat=True))
    if chair is not None and chair.pk not in ids:
        raise ValidationError({"chair_state": _("The chair must be a member state of the format.")})
    if host is not None and host.pk not in ids:
        raise ValidationError({"host_state": _("The host must be a member state of the format.")})


def _validate_meeting(meeting: Meeting) -> None:
    # The times first (parsed when given as text), checked before any zone arithmetic.
    meeting.clean_fields(exclude=[f.name for f in Meeting._meta.fields if f.name not in TIMES])
    for name in TIMES:
        if not within_calendar(getattr(meeting, name)):
            raise ValidationError(
                {
                    name: _("Give a date between %(first)s and %(last)s.")
                    % {"first": FIRST_YEAR, "last": LAST_YEAR}
                }
            )
    if meeting.ends_at <= meeting.starts_at:
        raise ValidationError({"ends_at": _("A meeting ends after it starts.")})
    if meeting.speaking_time is not None and not 15 <= meeting.speaking_time <= 3600:
        raise ValidationError(
            {"speaking_time": _("Speaking time is between 15 seconds and one hour.")}
        )
    _validate_states(meeting.format, meeting.host_state, meeting.chair_state)
    clean(meeting)


@transaction.atomic
def meeting_create(
    *,
    actor: Actor | None,
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
    require(
        actor is None or policy.can_create_meeting(actor, fmt),
        _("Only the secretariat of %(format)s plans its meetings.") % {"format": fmt},
    )
    meeting = Meeting(
        format=fmt,
        kind=kind,
        number=number,
        title=title,
        mode=mode,
        host_state=host_state,
        venue=venue,
        chair_state=chair_state,
        starts_at=starts_at,
        ends_at=ends_at,
        is_public=is_public,
        speaking_time=speaking_time,
    )
    _validate_meeting(meeting)
    meeting.save()
    audit_record(actor=actor, action="meeting.create", target=meeting, summary=str(meeting))
    return meeting


@transaction.atomic
def meeting_update(
    *, actor: Actor | None, meeting: Meeting, expected_version: int | None = None, **changes: Any
) -> Meeting:
    """Edit a meeting's facts before it is held; the times of a held meeting stay as held."""
    meeting = lock(meeting)
    must_manage(actor, meeting)
    check_version(meeting.version, expected_version, _("meeting"))
    unknown = set(changes) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown field(s): %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if meeting.status in HELD_OR_CANCELLED and changes:
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
        actor=actor,
        action="meeting.update",
        target=meeting,
        summary=str(meeting),
        fields=sorted(changes),
    )
    events.emit(meeting, MeetingAction.UPDATED, changed=changes)
    return meeting


def _lifecycle(
    actor: Actor | None, meeting: Meeting, method: str, action: MeetingAction
) -> Meeting:
    meeting = lock(meeting)
    must_manage(actor, meeting)
    transition(actor, meeting, method)
    meeting.version += 1
    meeting.save()
    audit_record(actor=actor, action=action, target=meeting, summary=str(meeting))
    events.emit(meeting, action, changed={"status"})
    return meeting


@transaction.atomic
def meeting_announce(*, actor: Actor | None, meeting: Meeting) -> Meeting:
    """Make the meeting known to the format (and the public when it is public)."""
    return _lifecycle(actor, meeting, "announce", MeetingAction.ANNOUNCED)


@transaction.atomic
def meeting_postpone(*, actor: Actor | None, meeting: Meeting) -> Meeting:
    """The meeting will not take place at the announced time."""
    return _lifecycle(actor, meeting, "postpone", MeetingAction.POSTPONED)


@transaction.atomic
def meeting_cancel(*, actor: Actor | None, meeting: Meeting) -> Meeting:
    """The meeting will not take place."""
    return _lifecycle(actor, meeting, "cancel", MeetingAction.CANCELLED)


@transaction.atomic
def meeting_reschedule(
    *, actor: Actor | None, meeting: Meeting, starts_at: datetime, ends_at: datetime
) -> Meeting:
    """A postponed meeting gets new times and is announced again."""
    meeting = lock(meeting)
    must_manage(actor, meeting)
    transition(actor, meeting, "reschedule")
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    _validate_meeting(meeting)
    meeting.version += 1
    meeting.save()
    audit_record(actor=actor, action="meeting.reschedule", target=meeting, summary=str(meeting))
    events.emit(meeting, MeetingAction.RESCHEDULED, changed={"status", "starts_at", "ends_at"})
    return meeting


@transaction.atomic
def meeting_set_conference(
    *, actor: Actor | None, meeting: Meeting, provider: str, link: str = ""
) -> Meeting:
    """Give an online or hybrid meeting its video-conference link through a provider;
    an empty provider removes the link."""
    meeting = lock(meeting)
    must_manage(actor, meeting)
    if provider and not meeting.is_online:
        raise ValidationError(_("Only online and hybrid meetings have a video conference."))
    meeting.conference_provider = provider
    meeting.conference_url = (
        provider_get(provider).create_room(meeting, link=link) if provider else ""
    )
    clean(meeting)
    meeting.version += 1
    meeting.save()
    # The link itself never goes into the audit trail or a live event: it is a secret.
    audit_record(actor=actor, action="meeting.conference", target=meeting, provider=provider)
    return meeting
