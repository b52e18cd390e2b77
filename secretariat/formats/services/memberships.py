"""Which states belong to a format, as members or observers, and which one chairs it."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.services import model_update
from secretariat.core.types import Actor
from secretariat.formats.models import (
    Chairmanship,
    Delegation,
    DialogueFormat,
    Membership,
    MemberState,
)


@transaction.atomic
def membership_add(
    *, actor: Actor | None, fmt: DialogueFormat, state: MemberState, kind: str, since: date
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
def membership_update(
    *, actor: Actor | None, membership: Membership, data: dict[str, Any]
) -> Membership:
    """A member becomes an observer (or back), or the date it joined is corrected. A state
    that chairs the format now or later stays a member."""
    if data.get("kind", membership.kind) != Membership.Kind.MEMBER:
        today = timezone.now().date()
        chairs = Chairmanship.objects.filter(format_id=membership.format_id, state=membership.state)
        if chairs.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today)).exists():
            raise ValidationError(
                _("%(state)s chairs %(format)s, so it stays a member.")
                % {"state": membership.state, "format": membership.format}
            )
    changes = model_update(membership, data)
    if changes:
        audit_record(
            actor=actor,
            action="membership.update",
            target=membership,
            summary=str(membership),
            changes=changes,
        )
    return membership


@transaction.atomic
def membership_remove(*, actor: Actor | None, membership: Membership) -> None:
    """The state leaves the format; its delegation and past terms stay on record."""
    audit_record(
        actor=actor, action="membership.remove", target=membership, summary=str(membership)
    )
    membership.delete()


def chairmanship_check(
    *,
    fmt: DialogueFormat,
    state: MemberState,
    starts_on: date,
    ends_on: date | None,
    exclude_pk: int | None = None,
) -> None:
    """Only a member state (not an observer) chairs, and terms of one format never overlap.
    The admin's form asks this before saving; the services ask it again, under a lock."""
    if not Membership.objects.filter(format=fmt, state=state, kind=Membership.Kind.MEMBER).exists():
        raise ValidationError(
            _("%(state)s is not a member of %(format)s and cannot chair it.")
            % {"state": state, "format": fmt}
        )
    others = Chairmanship.objects.select_for_update().filter(format=fmt).exclude(pk=exclude_pk or 0)
    this_end = ends_on or date.max
    for other in others.select_related("state"):
        if other.starts_on <= this_end and starts_on <= (other.ends_on or date.max):
            raise ValidationError(
                _("This term overlaps the chairmanship of %(state)s from %(start)s.")
                % {"state": other.state, "start": other.starts_on}
            )


@transaction.atomic
def chairmanship_set(
    *,
    actor: Actor | None,
    fmt: DialogueFormat,
    state: MemberState,
    starts_on: date,
    ends_on: date | None,
) -> Chairmanship:
    """A new term: only a member state chairs, and terms of one format never overlap."""
    chairmanship_check(fmt=fmt, state=state, starts_on=starts_on, ends_on=ends_on)
    term = Chairmanship(format=fmt, state=state, starts_on=starts_on, ends_on=ends_on)
    term.full_clean()
    term.save()
    audit_record(actor=actor, action="chairmanship.set", target=fmt, summary=str(term))
    return term


@transaction.atomic
def chairmanship_update(
    *, actor: Actor | None, term: Chairmanship, data: dict[str, Any]
) -> Chairmanship:
    """A term's state or dates change, under the same rules as a new term."""
    merged = {f: data.get(f, getattr(term, f)) for f in ("format", "state", "starts_on", "ends_on")}
    chairmanship_check(
        fmt=merged["format"],
        state=merged["state"],
        starts_on=merged["starts_on"],
        ends_on=merged["ends_on"],
        exclude_pk=term.pk,
    )
    changes = model_update(term, data)
    if changes:
        audit_record(
            actor=actor,
            action="chairmanship.update",
            target=term.format,
            summary=str(term),
            changes=changes,
        )
    return term


@transaction.atomic
def chairmanship_remove(*, actor: Actor | None, term: Chairmanship) -> None:
    audit_record(actor=actor, action="chairmanship.remove", target=term.format, summary=str(term))
    term.delete()
