"""Who may see and do what: the one place every capability asks.

A person's *standing* in a format is derived from the facts stored in `formats`:
secretariat staff, delegation seats (head, delegate, expert) in member or observer
states, individual observer seats, and the chairing state for today. Views, API and
services ask the questions below; none of them decides on its own.

Superusers administer the platform but gain no standing in a format from that alone:
a draft is visible to a format's member delegations and secretariat, and nobody else.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

if TYPE_CHECKING:
    from secretariat.formats.models import Delegation, DialogueFormat


class Visibility(enum.StrEnum):
    """Who may see a thing that belongs to a format."""

    PUBLIC = "public"  # anyone, signed in or not
    OBSERVERS = "observers"  # shared with observers, and everyone below
    MEMBERS = "members"  # member delegations and the secretariat
    DELEGATION = "delegation"  # one delegation and the secretariat
    SECRETARIAT = "secretariat"  # the format's secretariat only


@dataclass(frozen=True)
class Seat:
    delegation_id: int
    state_id: int
    role: str  # DelegationMember.Role value
    member_state: bool  # False when the state is only an observer of the format


@dataclass(frozen=True)
class Standing:
    """What one person is in one format."""

    format_id: int
    authenticated: bool = False
    secretariat: bool = False
    individual_observer: bool = False
    chair_state_id: int | None = None
    seats: tuple[Seat, ...] = field(default_factory=tuple)

    @property
    def member(self) -> bool:
        """Sits in the delegation of a member state."""
        return any(seat.member_state for seat in self.seats)

    @property
    def observer(self) -> bool:
        return self.individual_observer or any(not seat.member_state for seat in self.seats)

    @property
    def chair(self) -> bool:
        """Head or delegate of the state chairing the format today."""
        return any(
            seat.state_id == self.chair_state_id and seat.role in ("head", "delegate")
            for seat in self.seats
        )

    def seat_in(self, delegation_id: int) -> Seat | None:
        return next((s for s in self.seats if s.delegation_id == delegation_id), None)

    def may_see(self, level: Visibility, delegation_id: int | None = None) -> bool:
        if level is Visibility.PUBLIC:
            return True
        if self.secretariat:
            return True
        if level is Visibility.OBSERVERS:
            return self.member or self.observer
        if level is Visibility.MEMBERS:
            return self.member
        if level is Visibility.DELEGATION:
            return delegation_id is not None and self.seat_in(delegation_id) is not None
        return False


_CACHE_ATTR = "_secretariat_standing_cache"


def standing(user: Any, fmt: DialogueFormat | int) -> Standing:
    """The person's standing in the format, computed once per user object (i.e. per request)."""
    from secretariat.formats.models import (
        Chairmanship,
        DelegationMember,
        DialogueFormat,
        Membership,
        Observer,
        SecretariatMember,
    )

    format_id = fmt if isinstance(fmt, int) else fmt.pk
    if user is None or not user.is_authenticated or not user.is_active:
        return Standing(format_id=format_id)
    cache: dict[int, Standing] = user.__dict__.setdefault(_CACHE_ATTR, {})
    if format_id in cache:
        return cache[format_id]

    kind = Membership.objects.filter(
        format_id=format_id, state_id=OuterRef("delegation__state_id")
    ).values("kind")[:1]
    seats = tuple(
        Seat(
            delegation_id=row["delegation_id"],
            state_id=row["delegation__state_id"],
            role=row["role"],
            member_state=row["kind"] == Membership.Kind.MEMBER,
        )
        for row in DelegationMember.objects.filter(user=user, delegation__format_id=format_id)
        .annotate(kind=Subquery(kind))
        .values("delegation_id", "delegation__state_id", "role", "kind")
    )
    # The format-level facts in one row: secretariat seat, observer seat, today's chair.
    today = timezone.localdate()
    chair = (
        Chairmanship.objects.filter(format_id=OuterRef("pk"), starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .order_by("-starts_on")
        .values("state_id")[:1]
    )
    facts = (
        DialogueFormat.objects.filter(pk=format_id)
        .annotate(
            is_secretariat=Exists(
                SecretariatMember.objects.filter(format_id=OuterRef("pk"), user=user)
            ),
            is_observer=Exists(Observer.objects.filter(format_id=OuterRef("pk"), user=user)),
            chair_state_id=Subquery(chair),
        )
        .values("is_secretariat", "is_observer", "chair_state_id")
        .first()
    ) or {"is_secretariat": False, "is_observer": False, "chair_state_id": None}
    result = Standing(
        format_id=format_id,
        authenticated=True,
        secretariat=facts["is_secretariat"],
        individual_observer=facts["is_observer"],
        chair_state_id=facts["chair_state_id"],
        seats=seats,
    )
    cache[format_id] = result
    return result


def forget_standing(user: Any) -> None:
    """Drop cached standings after the facts behind them changed."""
    user.__dict__.pop(_CACHE_ATTR, None)


# --- Formats and delegations ----------------------------------------------------------------


def can_manage_format(user: Any, fmt: DialogueFormat) -> bool:
    """Secretariat staff set up a format: memberships, delegations, seats, chairmanships."""
    return standing(user, fmt).secretariat


def can_view_delegation_internal(user: Any, delegation: Delegation) -> bool:
    """A delegation's internal page (its people, roles and functions): own delegation and
    the format's secretariat only; other delegations, observers and the public must not."""
    return standing(user, delegation.format_id).may_see(Visibility.DELEGATION, delegation.pk)


def can_speak_for(user: Any, delegation: Delegation) -> bool:
    """Heads of delegation and delegates of a member state speak for it; experts do not."""
    seat = standing(user, delegation.format_id).seat_in(delegation.pk)
    return seat is not None and seat.member_state and seat.role in ("head", "delegate")


def can_act_as_chair(user: Any, fmt: DialogueFormat) -> bool:
    return standing(user, fmt).chair
