from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router
from ninja.decorators import decorate_view

from secretariat import policy
from secretariat.core.middleware import cache_public
from secretariat.formats import selectors
from secretariat.formats.models import Delegation, Membership, MemberState
from secretariat.formats.schemas import (
    ChairOut,
    DelegationMemberOut,
    DelegationOut,
    FormatDetailOut,
    FormatOut,
    StateInFormatOut,
    StateOut,
)
from secretariat.formats.selectors import FormatOverview, StateRow

router = Router(tags=["formats"])


def _state(state: MemberState) -> StateOut:
    return StateOut(
        iso2=state.iso2,
        iso3=state.iso3,
        name=state.name,
        capital=state.capital,
        time_zone=state.time_zone,
        flag=state.flag,
    )


def _state_row(row: StateRow) -> StateInFormatOut:
    return StateInFormatOut(
        **_state(row.state).dict(),
        kind=row.kind,
        since=row.since,
        local_time=row.local_now,
        utc_offset=row.offset_label,
        delegation_id=row.delegation.pk if row.delegation else None,
        head_of_delegation=row.head_name,
    )


def _format_detail(overview: FormatOverview) -> FormatDetailOut:
    fmt = overview.format
    chair = overview.chair
    return FormatDetailOut(
        **FormatOut.from_orm(fmt).dict(),
        states=[_state_row(r) for r in [*overview.members, *overview.observers]],
        chair=ChairOut(state=_state(chair.state), starts_on=chair.starts_on, ends_on=chair.ends_on)
        if chair
        else None,
    )


@router.get("/formats", response=list[FormatOut], summary="List dialogue formats")
@decorate_view(cache_public())
def list_formats(request: HttpRequest) -> list[FormatOut]:
    return [FormatOut.from_orm(f) for f in selectors.format_list()]


@router.get("/formats/{slug}", response=FormatDetailOut, summary="A format with its states")
@decorate_view(cache_public())
def get_format(request: HttpRequest, slug: str) -> FormatDetailOut:
    return _format_detail(selectors.format_overview(selectors.format_get(slug)))


@router.get("/states", response=list[StateOut], summary="List states")
@decorate_view(cache_public())
def list_states(request: HttpRequest) -> list[StateOut]:
    return [_state(s) for s in selectors.state_list()]


@router.get(
    "/formats/{slug}/delegations", response=list[DelegationOut], summary="Delegations of a format"
)
@decorate_view(cache_public())
def list_delegations(request: HttpRequest, slug: str) -> list[DelegationOut]:
    overview = selectors.format_overview(selectors.format_get(slug))
    return [
        DelegationOut(
            id=row.delegation.pk,
            format=slug,
            state=_state(row.state),
            kind=row.kind,
            head_of_delegation=row.head_name,
        )
        for row in [*overview.members, *overview.observers]
        if row.delegation
    ]


@router.get(
    "/delegations/{delegation_id}",
    response=DelegationOut,
    summary="A delegation; its people only for itself and the secretariat",
)
@decorate_view(cache_public())
def get_delegation(request: HttpRequest, delegation_id: int) -> DelegationOut:
    delegation = get_object_or_404(
        Delegation.objects.select_related("format", "state"), pk=delegation_id
    )
    members = None
    if policy.can_view_delegation_internal(request.user, delegation):
        members = [
            DelegationMemberOut(
                full_name=m.user.full_name, email=m.user.email, role=m.role, function=m.function
            )
            for m in selectors.delegation_members(delegation)
        ]
    seats = selectors.delegation_members(delegation).filter(role="head")
    head = seats.first()
    kind = (
        Membership.objects.filter(format_id=delegation.format_id, state_id=delegation.state_id)
        .values_list("kind", flat=True)
        .first()
    )
    return DelegationOut(
        id=delegation.pk,
        format=delegation.format.slug,
        state=_state(delegation.state),
        kind=kind or "",
        head_of_delegation=head.user.full_name if head else "",
        members=members,
    )
