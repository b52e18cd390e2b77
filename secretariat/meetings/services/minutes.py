"""Minutes: drafted from the session record in every working language, edited in immutable
revisions, circulated with a deadline, approved by the delegations (or by silence), then
final and frozen with the SHA-256 of their text."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django_fsm import can_proceed

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation
from secretariat.meetings import events, policy, selectors
from secretariat.meetings.events import MeetingAction
from secretariat.meetings.models import (
    Meeting,
    MeetingStatus,
    Minutes,
    MinutesResponse,
    MinutesRevision,
)
from secretariat.meetings.rules import FIRST_YEAR, LAST_YEAR, within_calendar
from secretariat.meetings.services._common import (
    check_version,
    lock,
    must_manage,
    person,
    require,
    same_format,
    transition,
)


def default_minutes_deadline() -> datetime:
    return timezone.now() + timedelta(days=7)


def _minutes_hash(texts: dict[str, str]) -> str:
    canonical = json.dumps(texts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _lock_minutes(minutes: Minutes) -> Minutes:
    return Minutes.objects.select_for_update().select_related("meeting__format").get(pk=minutes.pk)


def _add_revision(
    actor: Actor | None, minutes: Minutes, texts: dict[str, str], note: str
) -> Minutes:
    number = (minutes.revisions.aggregate(m=Max("number"))["m"] or 0) + 1
    MinutesRevision.objects.create(
        minutes=minutes, number=number, texts=texts, author=person(actor), note=note[:300]
    )
    minutes.version += 1
    minutes.save()
    audit_record(actor=actor, action="minutes.revision", target=minutes, revision=number)
    return minutes


@transaction.atomic
def minutes_generate(*, actor: Actor | None, meeting: Meeting) -> Minutes:
    """Draft minutes from the session record in each working language (revision 1), or a
    new revision regenerated from the record while the minutes are a draft."""
    from secretariat.meetings.minutes_text import minutes_texts

    meeting = lock(meeting)
    must_manage(actor, meeting)
    if meeting.status != MeetingStatus.CLOSED:
        raise ConflictError(_("Minutes are drafted once the session is closed."))
    minutes, _created = Minutes.objects.get_or_create(meeting=meeting)
    if minutes.status != Minutes.Status.DRAFT:
        raise ConflictError(_("Minutes under approval or final are not regenerated."))
    texts = minutes_texts(meeting)
    return _add_revision(actor, minutes, texts, _("Drafted from the session record."))


@transaction.atomic
def minutes_edit(
    *,
    actor: Actor | None,
    minutes: Minutes,
    texts: dict[str, str],
    note: str = "",
    expected_version: int | None = None,
) -> Minutes:
    """The secretariat edits the draft; every edit is a new, immutable revision."""
    minutes = _lock_minutes(minutes)
    must_manage(actor, minutes.meeting)
    check_version(minutes.version, expected_version, _("minutes"))
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
def minutes_circulate(*, actor: Actor | None, minutes: Minutes, deadline: datetime) -> Minutes:
    """Circulate the draft to the delegations, who approve or comment by `deadline`."""
    minutes = _lock_minutes(minutes)
    must_manage(actor, minutes.meeting)
    if not within_calendar(deadline):
        raise ValidationError(
            {
                "deadline": _("Give a date between %(first)s and %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            }
        )
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline must lie in the future.")})
    transition(actor, minutes, "circulate", _("Only draft minutes are circulated."))
    minutes.deadline = deadline
    minutes.version += 1
    minutes.save()
    audit_record(
        actor=actor, action="minutes.circulate", target=minutes, deadline=deadline.isoformat()
    )
    return minutes


@transaction.atomic
def minutes_reopen(*, actor: Actor | None, minutes: Minutes) -> Minutes:
    """Take circulated minutes back to draft to revise them after comments."""
    minutes = _lock_minutes(minutes)
    must_manage(actor, minutes.meeting)
    transition(actor, minutes, "reopen", _("Only circulated minutes are taken back."))
    minutes.deadline = None
    minutes.version += 1
    minutes.save()
    audit_record(actor=actor, action="minutes.reopen", target=minutes)
    return minutes


@transaction.atomic
def minutes_respond(
    *,
    actor: Actor | None,
    minutes: Minutes,
    delegation: Delegation,
    kind: str,
    text: str = "",
) -> MinutesResponse:
    """A member delegation approves the circulated revision, or comments, before the
    deadline."""
    minutes = _lock_minutes(minutes)
    require(
        actor is None or policy.can_respond_to_minutes(actor, delegation),
        _("Only the head or a delegate of a member delegation responds for it."),
    )
    same_format(minutes.meeting, delegation)
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
        minutes=minutes,
        revision=revision,
        delegation=delegation,
        kind=kind,
        text=text.strip(),
        author=person(actor),
    )
    audit_record(
        actor=actor, action=f"minutes.{kind}", target=minutes, summary=str(delegation.state)
    )
    return response


@transaction.atomic
def minutes_finalise(*, actor: Actor | None, minutes: Minutes) -> Minutes:
    """Final and frozen once every member delegation approved the circulated text, or the
    deadline passed without an open comment. The meeting becomes "minutes approved"."""
    minutes = _lock_minutes(minutes)
    meeting = lock(minutes.meeting)
    must_manage(actor, meeting)
    approval = selectors.minutes_approval(minutes)
    refused = _("Only circulated minutes become final.")
    if not can_proceed(minutes.finalise):
        raise ConflictError(refused)
    if not approval.may_finalise or approval.revision is None:
        raise ConflictError(
            _(
                "Not yet: every member delegation must approve, or the deadline must pass "
                "without an open comment."
            )
        )
    transition(actor, minutes, "finalise", refused)
    minutes.final_hash = _minutes_hash(approval.revision.texts)
    minutes.finalised_at = timezone.now()
    minutes.version += 1
    minutes.save()
    transition(actor, meeting, "approve_minutes")
    meeting.version += 1
    meeting.save()
    audit_record(actor=actor, action="minutes.final", target=minutes, hash=minutes.final_hash)
    events.emit(meeting, MeetingAction.MINUTES_APPROVED, changed={"status"})
    return minutes
