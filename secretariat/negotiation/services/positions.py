"""Positions: a member delegation states its position on the current revision (agree,
ad referendum, reserve, object) and confirms an ad referendum agreement."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation
from secretariat.negotiation import events
from secretariat.negotiation.events import emit
from secretariat.negotiation.models import (
    Document,
    DocumentState,
    FinalMode,
    Position,
    PositionStance,
)
from secretariat.negotiation.services._common import (
    check_delegation,
    lock_document,
    transition_refused,
    user_of,
)


@transaction.atomic
def position_record(
    *,
    actor: Actor,
    document: Document,
    delegation: Delegation,
    stance: str,
    reason: str = "",
    expected_version: int | None = None,
) -> Position:
    """A member delegation states its position on the current revision. An objection
    needs a reason; observers and non-members take no position. `expected_version` is
    the version of the delegation's position as read."""
    doc = lock_document(document, None)
    check_delegation(doc, delegation, actor)
    if doc.effective_state() not in (DocumentState.NEGOTIATION, DocumentState.FINAL):
        raise transition_refused(doc, _("take positions"))
    if doc.final_mode == FinalMode.SILENCE:
        raise ConflictError(
            _("The text is under silence procedure: object by breaking the silence.")
        )
    if stance not in PositionStance.values:
        raise ValidationError(_("Unknown position: %(stance)s.") % {"stance": stance})
    if stance == PositionStance.OBJECT and not reason.strip():
        raise ValidationError(_("An objection needs a reason."))
    existing = Position.objects.select_for_update().filter(document=doc, delegation=delegation)
    position = existing.first()
    if position and expected_version is not None and position.version != expected_version:
        raise ConflictError(
            _("The position of %(state)s was changed by someone else; reload and try again.")
            % {"state": delegation.state}
        )
    if position is None:
        position = Position(document=doc, delegation=delegation)
    else:
        position.version += 1
    position.stance = stance
    position.reason = reason.strip()
    position.revision_number = doc.current_revision
    position.recorded_at = timezone.now()
    position.recorded_by = user_of(actor)
    position.confirmed_at = None
    position.confirmed_by = None
    position.full_clean()
    position.save()
    emit(events.PositionRecorded, doc, actor)
    audit_record(
        actor=actor,
        action="position.record",
        target=doc,
        summary=f"{delegation.state.iso2}: {stance}",
        revision=doc.current_revision,
    )
    return position


@transaction.atomic
def position_confirm(*, actor: Actor, document: Document, delegation: Delegation) -> Position:
    """The capital confirmed an ad referendum agreement."""
    doc = lock_document(document, None)
    check_delegation(doc, delegation, actor)
    position = (
        Position.objects.select_for_update().filter(document=doc, delegation=delegation).first()
    )
    if position is None or position.stance != PositionStance.AD_REFERENDUM:
        raise ConflictError(_("There is no ad referendum agreement to confirm."))
    if position.revision_number != doc.current_revision:
        raise ConflictError(
            _("That agreement concerned Rev.%(n)s; the text has changed since.")
            % {"n": position.revision_number}
        )
    if position.confirmed_at:
        raise ConflictError(_("The agreement is already confirmed."))
    position.confirmed_at = timezone.now()
    position.confirmed_by = user_of(actor)
    position.version += 1
    position.save()
    emit(events.PositionConfirmed, doc, actor)
    audit_record(actor=actor, action="position.confirm", target=doc, summary=delegation.state.iso2)
    return position
