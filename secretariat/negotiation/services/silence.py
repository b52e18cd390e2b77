"""The silence procedure: the chair circulates the final text until a deadline; a member
delegation breaks the silence before it, or the text is adopted at it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation
from secretariat.negotiation import events, policy
from secretariat.negotiation.events import emit
from secretariat.negotiation.models import Document, DocumentState, FinalMode, SilenceProcedure
from secretariat.negotiation.services._common import (
    check_delegation,
    lock_document,
    notify_silence,
    refuse_language_gaps,
    refuse_open_brackets,
    require,
    touch,
    transition_refused,
    user_of,
)
from secretariat.negotiation.services.adoption import freeze

MIN_SILENCE = timedelta(hours=1)


@transaction.atomic
def silence_procedure_start(
    *,
    actor: Actor,
    document: Document,
    deadline: datetime,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> SilenceProcedure:
    """The chair circulates the final text under silence until `deadline` (aware, stored
    in UTC). The text must be free of brackets and every language version must match it:
    at the deadline it is adopted without anyone acting. The text circulated is frozen
    now, with its hash, so that members see exactly what they stay silent on."""
    doc = lock_document(document, expected_version)
    require(
        policy.can_chair(actor, doc),
        _("Only the chair or the secretariat starts a silence procedure."),
    )
    now = now or timezone.now()
    if timezone.is_naive(deadline):
        raise ValidationError(_("Give the deadline with its time zone (e.g. in UTC)."))
    if deadline < now + MIN_SILENCE:
        raise ValidationError(_("The deadline must be at least one hour from now."))
    state = doc.effective_state()
    if not (
        state == DocumentState.NEGOTIATION
        or (state == DocumentState.FINAL and doc.final_mode == FinalMode.MEETING)
    ):
        raise transition_refused(doc, _("be put under silence procedure"))
    refuse_open_brackets(doc)
    refuse_language_gaps(doc)
    deadline = deadline.astimezone(UTC)
    doc.circulate_under_silence(deadline)
    freeze(doc)
    procedure = SilenceProcedure(
        document=doc,
        revision_number=doc.current_revision,
        started_at=now,
        started_by=user_of(actor),
        deadline=deadline,
    )
    procedure.full_clean()
    procedure.save()
    touch(doc, "state", "final_mode", "silence_deadline")
    notify_silence(procedure.pk)
    audit_record(
        actor=actor,
        action="silence.start",
        target=doc,
        summary=f"until {deadline:%Y-%m-%d %H:%M} UTC",
    )
    emit(events.SilenceStarted, doc, actor, changed=(*events.MOVED, "silence"))
    return procedure


@transaction.atomic
def silence_break(
    *,
    actor: Actor,
    document: Document,
    delegation: Delegation,
    kind: str,
    reason: str,
    now: datetime | None = None,
) -> SilenceProcedure:
    """A member delegation objects or proposes an amendment before the deadline: the
    silence is broken and the text returns to negotiation. After the deadline the text is
    adopted and a late objection is refused."""
    doc = lock_document(document, None)
    check_delegation(doc, delegation, actor)
    now = now or timezone.now()
    procedure = (
        SilenceProcedure.objects.select_for_update()
        .filter(document=doc, state=SilenceProcedure.State.RUNNING)
        .first()
    )
    if procedure is None or doc.final_mode != FinalMode.SILENCE:
        raise ConflictError(_("No silence procedure is running on this text."))
    if doc.silence_expired(now):
        raise ConflictError(
            _(
                "Too late: the silence ended at %(deadline)s UTC and the text is adopted. "
                "Nothing was recorded."
            )
            % {"deadline": f"{procedure.deadline:%Y-%m-%d %H:%M}"}
        )
    if kind not in SilenceProcedure.BreakKind.values:
        raise ValidationError(_("Break the silence with an objection or an amendment."))
    if not reason.strip():
        raise ValidationError(_("Say why the silence is broken."))
    procedure.break_silence(
        at=now, by=user_of(actor), delegation=delegation, kind=kind, reason=reason.strip()
    )
    procedure.save()
    doc.break_silence()
    touch(doc, "state", "final_mode", "silence_deadline")
    notify_silence(procedure.pk)
    audit_record(
        actor=actor,
        action="silence.break",
        target=doc,
        summary=f"{delegation.state.iso2}: {kind}",
    )
    emit(events.SilenceBroken, doc, actor, changed=(*events.MOVED, "silence"))
    return procedure


@transaction.atomic
def silence_settle(*, document: Document, now: datetime | None = None) -> bool:
    """Write down an adoption by silence whose deadline passed (the state was already
    derived from the deadline when read; this only records it). True if it did."""
    doc = lock_document(document, None)
    now = now or timezone.now()
    if not doc.silence_expired(now):
        return False
    assert doc.silence_deadline is not None
    doc.settle_silence()
    for procedure in SilenceProcedure.objects.select_for_update().filter(
        document=doc, state=SilenceProcedure.State.RUNNING
    ):
        procedure.settle()
        procedure.save(update_fields=["state"])
    doc.adopted_at = doc.silence_deadline
    doc.adopted_revision = doc.current_revision
    doc.adoption_method = "silence"
    touch(doc, "state", "adopted_at", "adopted_revision", "adoption_method")
    audit_record(actor=None, action="silence.adopted", target=doc, summary=doc.title)
    emit(events.SilenceAdopted, doc, None, changed=("version", "state", "silence"))
    return True
