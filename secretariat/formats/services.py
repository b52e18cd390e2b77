"""Every change to formats, memberships, delegations and seats goes through here.

Each service validates (`full_clean`), checks the rule it states, writes in one
transaction and appends to the audit trail. Permission checks sit in the view or API,
which asks `secretariat.policy`; the management command that loads the demo calls the
services directly as the system (actor=None).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.formats.models import (
    Chairmanship,
    Delegation,
    DelegationMember,
    DialogueFormat,
    Membership,
    MemberState,
    Observer,
    SecretariatMember,
)


@transaction.atomic
def state_create(
    *,
    actor: Any,
    iso2: str,
    iso3: str,
    name: str,
    capital: str,
    time_zone: str,
    **translations: str,
) -> MemberState:
    state = MemberState(
        iso2=iso2.upper(),
        iso3=iso3.upper(),
        name=name,
        capital=capital,
        time_zone=time_zone,
        **translations,
    )
    state.full_clean()
    state.save()
    audit_record(actor=actor, action="state.create", target=state, summary=state.name)
    return state


@transaction.atomic
def format_create(
    *,
    actor: Any,
    slug: str,
    name: str,
    short_name: str,
    founded_year: int,
    working_languages: list[str],
    description: str = "",
    **translations: str,
) -> DialogueFormat:
    fmt = DialogueFormat(
        slug=slug,
        name=name,
        short_name=short_name,
        founded_year=founded_year,
        working_languages=working_languages,
        description=description,
        **translations,
    )
    fmt.full_clean()
    fmt.save()
    audit_record(actor=actor, action="format.create", target=fmt, summary=fmt.name)
    return fmt


@transaction.atomic
def membership_add(
    *, actor: Any, fmt: DialogueFormat, state: MemberState, kind: str, since: date
) -> Membership:
    """A state joins a format as member or observer; it gets its delegation at once."""
    membership = Membership(format=fmt, state=state, kind=kind, since=since)
    membership.full_clean()
    membership.save()
    Delegation.objects.get_or_create(format=fmt, state=state)
    audit_record(
        actor=actor, action="membership.add", target=membership, summary=str(membership), kind=kind
    )
    return membership


@transaction.atomic
def delegation_member_add(
    *, actor: Any, delegation: Delegation, user: Any, role: str, function: str = ""
) -> DelegationMember:
    """Seat a person in a delegation. A delegation has at most one head; observer states'
    delegations seat delegates and experts, but their people never take positions."""
    seat = DelegationMember(delegation=delegation, user=user, role=role, function=function)
    seat.full_clean()
    seat.save()
    audit_record(
        actor=actor, action="delegation.member_add", target=delegation, summary=str(seat), role=role
    )
    return seat


@transaction.atomic
def delegation_member_remove(*, actor: Any, seat: DelegationMember) -> None:
    delegation = seat.delegation
    summary = str(seat)
    seat.delete()
    audit_record(actor=actor, action="delegation.member_remove", target=delegation, summary=summary)


@transaction.atomic
def secretariat_member_add(
    *, actor: Any, fmt: DialogueFormat, user: Any, function: str = ""
) -> SecretariatMember:
    seat = SecretariatMember(format=fmt, user=user, function=function)
    seat.full_clean()
    seat.save()
    audit_record(actor=actor, action="secretariat.member_add", target=fmt, summary=str(seat))
    return seat


@transaction.atomic
def observer_add(*, actor: Any, fmt: DialogueFormat, user: Any, organisation: str = "") -> Observer:
    seat = Observer(format=fmt, user=user, organisation=organisation)
    seat.full_clean()
    seat.save()
    audit_record(actor=actor, action="observer.add", target=fmt, summary=str(seat))
    return seat


@transaction.atomic
def chairmanship_set(
    *, actor: Any, fmt: DialogueFormat, state: MemberState, starts_on: date, ends_on: date | None
) -> Chairmanship:
    """Only a member state (not an observer) chairs, and terms of one format never overlap."""
    if not Membership.objects.filter(format=fmt, state=state, kind=Membership.Kind.MEMBER).exists():
        raise ValidationError(
            _("%(state)s is not a member of %(format)s and cannot chair it.")
            % {"state": state, "format": fmt}
        )
    term = Chairmanship(format=fmt, state=state, starts_on=starts_on, ends_on=ends_on)
    term.full_clean()
    overlapping = Chairmanship.objects.select_for_update().filter(format=fmt)
    for other in overlapping:
        other_end = other.ends_on or date.max
        this_end = ends_on or date.max
        if other.starts_on <= this_end and starts_on <= other_end:
            raise ValidationError(
                _("This term overlaps the chairmanship of %(state)s from %(start)s.")
                % {"state": other.state, "start": other.starts_on}
            )
    term.save()
    audit_record(actor=actor, action="chairmanship.set", target=fmt, summary=str(term))
    return term
