"""The joint press statement: drafted from the outcomes in every working language, edited
while a draft, then published (and no longer changed)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.meetings.models import Meeting, MeetingStatus, PressStatement
from secretariat.meetings.services._common import check_version, lock, must_manage, transition


def _lock_statement(statement: PressStatement) -> PressStatement:
    return (
        PressStatement.objects.select_for_update()
        .select_related("meeting__format")
        .get(pk=statement.pk)
    )


@transaction.atomic
def statement_generate(*, actor: Actor | None, meeting: Meeting) -> PressStatement:
    """Draft the joint press statement from the outcomes, in each working language."""
    from secretariat.meetings.minutes_text import statement_texts

    meeting = lock(meeting)
    must_manage(actor, meeting)
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
    actor: Actor | None,
    statement: PressStatement,
    texts: dict[str, str],
    expected_version: int | None = None,
) -> PressStatement:
    """Edit the draft statement, in every working language."""
    statement = _lock_statement(statement)
    must_manage(actor, statement.meeting)
    check_version(statement.version, expected_version, _("statement"))
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
def statement_publish(*, actor: Actor | None, statement: PressStatement) -> PressStatement:
    """Publish the statement; from then on it is public with the meeting and frozen."""
    statement = _lock_statement(statement)
    must_manage(actor, statement.meeting)
    transition(actor, statement, "publish", _("The statement is already published."))
    statement.published_at = timezone.now()
    statement.version += 1
    statement.save()
    audit_record(actor=actor, action="statement.publish", target=statement.meeting)
    return statement
