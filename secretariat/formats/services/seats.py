"""Who sits where: delegations and their people, secretariat seats, individual observers.
Seats decide who may speak for a state, so every change is audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secretariat.accounts.models import User
from secretariat.core.audit import audit_record
from secretariat.core.services import model_update
from secretariat.core.types import Actor
from secretariat.formats.models import (
    Delegation,
    DelegationMember,
    DialogueFormat,
    MemberState,
    Observer,
    SecretariatMember,
)


@transaction.atomic
def delegation_create(
    *, actor: Actor | None, fmt: DialogueFormat, state: MemberState
) -> Delegation:
    delegation = Delegation(format=fmt, state=state)
    delegation.full_clean()
    delegation.save()
    audit_record(
        actor=actor, action="delegation.create", target=delegation, summary=str(delegation)
    )
    return delegation


@transaction.atomic
def delegation_update(
    *, actor: Actor | None, delegation: Delegation, data: dict[str, Any]
) -> Delegation:
    changes = model_update(delegation, data)
    if changes:
        audit_record(
            actor=actor,
            action="delegation.update",
            target=delegation,
            summary=str(delegation),
            changes=changes,
        )
    return delegation


@transaction.atomic
def delegation_delete(*, actor: Actor | None, delegation: Delegation) -> None:
    """The delegation goes with its seats (listed in the entry)."""
    seats = [str(seat) for seat in delegation.members.select_related("user")]
    audit_record(
        actor=actor,
        action="delegation.delete",
        target=delegation,
        summary=str(delegation),
        seats=seats,
    )
    delegation.delete()


def _one_head(delegation: Delegation, role: str, exclude_pk: int | None = None) -> None:
    if role != DelegationMember.Role.HEAD:
        return
    head = (
        DelegationMember.objects.select_for_update()
        .filter(delegation=delegation, role=DelegationMember.Role.HEAD)
        .exclude(pk=exclude_pk or 0)
        .select_related("user")
        .first()
    )
    if head is not None:
        raise ValidationError(
            _("%(delegation)s already has a head of delegation: %(name)s.")
            % {"delegation": delegation, "name": head.user}
        )


@transaction.atomic
def delegation_member_add(
    *, actor: Actor | None, delegation: Delegation, user: User, role: str, function: str = ""
) -> DelegationMember:
    """Seat a person in a delegation. A delegation has at most one head; observer states'
    delegations seat delegates and experts, but their people never take positions."""
    _one_head(delegation, role)
    seat = DelegationMember(delegation=delegation, user=user, role=role, function=function)
    seat.full_clean()
    seat.save()
    audit_record(
        actor=actor, action="delegation.member_add", target=delegation, summary=str(seat), role=role
    )
    return seat


@transaction.atomic
def delegation_member_update(
    *, actor: Actor | None, seat: DelegationMember, data: dict[str, Any]
) -> DelegationMember:
    """A seat's role or function changes (a delegate becomes head, under the same rule)."""
    _one_head(data.get("delegation", seat.delegation), data.get("role", seat.role), seat.pk)
    changes = model_update(seat, data)
    if changes:
        audit_record(
            actor=actor,
            action="delegation.member_update",
            target=seat.delegation,
            summary=str(seat),
            changes=changes,
        )
    return seat


@transaction.atomic
def delegation_member_remove(*, actor: Actor | None, seat: DelegationMember) -> None:
    delegation = seat.delegation
    summary = str(seat)
    seat.delete()
    audit_record(actor=actor, action="delegation.member_remove", target=delegation, summary=summary)


@transaction.atomic
def secretariat_member_add(
    *, actor: Actor | None, fmt: DialogueFormat, user: User, function: str = ""
) -> SecretariatMember:
    seat = SecretariatMember(format=fmt, user=user, function=function)
    seat.full_clean()
    seat.save()
    audit_record(actor=actor, action="secretariat.member_add", target=fmt, summary=str(seat))
    return seat


@transaction.atomic
def secretariat_member_update(
    *, actor: Actor | None, seat: SecretariatMember, data: dict[str, Any]
) -> SecretariatMember:
    changes = model_update(seat, data)
    if changes:
        audit_record(
            actor=actor,
            action="secretariat.member_update",
            target=seat.format,
            summary=str(seat),
            changes=changes,
        )
    return seat


@transaction.atomic
def secretariat_member_remove(*, actor: Actor | None, seat: SecretariatMember) -> None:
    fmt, summary = seat.format, str(seat)
    seat.delete()
    audit_record(actor=actor, action="secretariat.member_remove", target=fmt, summary=summary)


@transaction.atomic
def observer_add(
    *, actor: Actor | None, fmt: DialogueFormat, user: User, organisation: str = ""
) -> Observer:
    seat = Observer(format=fmt, user=user, organisation=organisation)
    seat.full_clean()
    seat.save()
    audit_record(actor=actor, action="observer.add", target=fmt, summary=str(seat))
    return seat


@transaction.atomic
def observer_update(*, actor: Actor | None, seat: Observer, data: dict[str, Any]) -> Observer:
    changes = model_update(seat, data)
    if changes:
        audit_record(
            actor=actor,
            action="observer.update",
            target=seat.format,
            summary=str(seat),
            changes=changes,
        )
    return seat


@transaction.atomic
def observer_remove(*, actor: Actor | None, seat: Observer) -> None:
    fmt, summary = seat.format, str(seat)
    seat.delete()
    audit_record(actor=actor, action="observer.remove", target=fmt, summary=summary)
