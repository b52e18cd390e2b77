from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from secretariat import policy
from secretariat.core.middleware import cache_public
from secretariat.formats import selectors


@require_GET
@cache_public()
def format_detail(request: HttpRequest, slug: str) -> HttpResponse:
    fmt = selectors.format_get(slug)
    overview = selectors.format_overview(fmt)
    standing = policy.standing(request.user, fmt)
    return render(
        request,
        "formats/format_detail.html",
        {"overview": overview, "fmt": fmt, "standing": standing},
    )


@require_GET
@cache_public()
def delegation_detail(request: HttpRequest, slug: str, iso2: str) -> HttpResponse:
    fmt = selectors.format_get(slug)
    delegation = selectors.delegation_get(fmt, iso2)
    may_see_internal = policy.can_view_delegation_internal(request.user, delegation)
    overview = selectors.format_overview(fmt)
    row = next(
        r for r in [*overview.members, *overview.observers] if r.state.pk == delegation.state_id
    )
    return render(
        request,
        "formats/delegation_detail.html",
        {
            "fmt": fmt,
            "delegation": delegation,
            "row": row,
            "may_see_internal": may_see_internal,
            "members": selectors.delegation_members(delegation) if may_see_internal else None,
        },
    )


@require_GET
def delegation_internal(request: HttpRequest, slug: str, iso2: str) -> HttpResponse:
    fmt = selectors.format_get(slug)
    delegation = selectors.delegation_get(fmt, iso2)
    if not policy.can_view_delegation_internal(request.user, delegation):
        return render(
            request,
            "core/forbidden.html",
            {
                "message": _(
                    "Only the delegation of %(state)s and the secretariat of %(format)s "
                    "see this page."
                )
                % {"state": delegation.state, "format": fmt}
            },
            status=403,
        )
    return render(
        request,
        "formats/delegation_internal.html",
        {
            "fmt": fmt,
            "delegation": delegation,
            "members": selectors.delegation_members(delegation),
        },
    )
