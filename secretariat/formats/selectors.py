"""Reads of formats and delegations; each a constant number of queries whatever the size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from secretariat.core.timezones import local_time, utc_offset_label
from secretariat.formats.models import (
    Chairmanship,
    Delegation,
    DelegationMember,
    DialogueFormat,
    Membership,
    MemberState,
)


def format_list() -> QuerySet[DialogueFormat]:
    return DialogueFormat.objects.prefetch_related(
        Prefetch(
            "memberships",
            queryset=Membership.objects.select_related("state").order_by("state__name"),
        )
    )


def format_get(slug: str) -> DialogueFormat:
    return get_object_or_404(DialogueFormat, slug=slug)


def state_list() -> QuerySet[MemberState]:
    return MemberState.objects.all()


@dataclass(frozen=True)
class StateRow:
    """A state of a format as the format page shows it."""

    state: MemberState
    kind: str
    kind_label: str
    since: Any
    delegation: Delegation | None
    head_name: str
    local_now: datetime
    offset_label: str


@dataclass(frozen=True)
class FormatOverview:
    format: DialogueFormat
    members: list[StateRow]
    observers: list[StateRow]
    chair: Chairmanship | None


def chair_current(fmt: DialogueFormat) -> Chairmanship | None:
    today = timezone.localdate()
    return (
        Chairmanship.objects.filter(format=fmt, starts_on__lte=today)
        .exclude(ends_on__lt=today)
        .select_related("state")
        .order_by("-starts_on")
        .first()
    )


def format_overview(fmt: DialogueFormat, *, at: datetime | None = None) -> FormatOverview:
    """The format page: states (with their capital's local time), delegations, heads, chair."""
    now = at or timezone.now()
    delegations = {
        d.state_id: d
        for d in Delegation.objects.filter(format=fmt).prefetch_related(
            Prefetch(
                "members",
                queryset=DelegationMember.objects.filter(
                    role=DelegationMember.Role.HEAD
                ).select_related("user"),
                to_attr="heads",
            )
        )
    }
    members: list[StateRow] = []
    observers: list[StateRow] = []
    for membership in Membership.objects.filter(format=fmt).select_related("state"):
        delegation = delegations.get(membership.state_id)
        heads = getattr(delegation, "heads", []) if delegation else []
        moment = local_time(membership.state.time_zone, now)
        row = StateRow(
            state=membership.state,
            kind=membership.kind,
            kind_label=membership.get_kind_display(),
            since=membership.since,
            delegation=delegation,
            head_name=heads[0].user.full_name if heads else "",
            local_now=moment,
            offset_label=utc_offset_label(moment),
        )
        (members if membership.kind == Membership.Kind.MEMBER else observers).append(row)
    sort_key = lambda row: row.state.name  # noqa: E731 - sort in the active language
    return FormatOverview(
        format=fmt,
        members=sorted(members, key=sort_key),
        observers=sorted(observers, key=sort_key),
        chair=chair_current(fmt),
    )


def delegation_get(fmt: DialogueFormat, iso2: str) -> Delegation:
    return get_object_or_404(
        Delegation.objects.select_related("format", "state"), format=fmt, state__iso2=iso2.upper()
    )


def delegation_members(delegation: Delegation) -> QuerySet[DelegationMember]:
    return DelegationMember.objects.filter(delegation=delegation).select_related("user")


def delegation_seats_for(user: Any) -> QuerySet[DelegationMember]:
    """The signed-in person's own delegation seats across all formats."""
    if not user.is_authenticated:
        return DelegationMember.objects.none()
    return DelegationMember.objects.filter(user=user).select_related(
        "delegation__format", "delegation__state"
    )


def member_delegations(fmt: DialogueFormat | int) -> list[Delegation]:
    """The delegations of the format's member states (not observers), by state name: those
    who speak in negotiation and meetings."""
    format_id = fmt if isinstance(fmt, int) else fmt.pk
    member_states = Membership.objects.filter(
        format_id=format_id, kind=Membership.Kind.MEMBER
    ).values("state_id")
    return list(
        Delegation.objects.filter(format_id=format_id, state_id__in=member_states)
        .select_related("state")
        .order_by("state__name")
    )
