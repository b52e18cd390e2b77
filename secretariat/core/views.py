from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from secretariat.core import timezones
from secretariat.core.middleware import cache_public
from secretariat.formats.models import DialogueFormat
from secretariat.formats.selectors import delegation_seats_for, format_list, member_delegations


@require_GET
@cache_public()
def home(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/home.html",
        {"formats": format_list(), "my_seats": delegation_seats_for(request.user)},
    )


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    """Liveness probe; also the trivial view the benchmarks compare pages against."""
    return HttpResponse("ok", content_type="text/plain")


def api_not_found(request: HttpRequest, path: str = "") -> HttpResponse:
    from django.http import JsonResponse

    return JsonResponse({"detail": f"No API endpoint at /{request.path.lstrip('/')}."}, status=404)


def _typed(data: QueryDict, key: str) -> str:
    name = data.get(key, "")
    return data.get(name, "") if name else ""


def _preview(data: QueryDict) -> dict[str, Any]:
    """The typed time(s) read in the typed zone; `error` says what is wrong with them."""
    zone = _typed(data, "preview_zone") or data.get("zone", "")
    zone = zone or timezones.zone_name(timezone.get_current_timezone())
    value = _typed(data, "preview_field") or data.get("at", "")
    end_value = _typed(data, "preview_until") or data.get("until", "")
    result: dict[str, Any] = {"zone": zone, "instant": None, "end": None, "error": ""}
    if not value.strip():
        return result
    try:
        instant: datetime = timezones.parse_local(value, zone)
        end = timezones.parse_local(end_value, zone) if end_value.strip() else None
    except ValidationError as exc:
        result["error"] = " ".join(exc.messages)
        return result
    if end is not None and end <= instant:
        result["error"] = _("The end must come after the start.")
        return result
    result.update(instant=instant, end=end, past=instant < timezone.now())
    return result


@require_http_methods(["GET", "POST"])
def time_preview(request: HttpRequest) -> HttpResponse:
    """A typed date and time (and zone) as the instant it names, in the viewer's zone, in
    UTC and in every member capital of the format: what the chair sees before circulating
    a text under silence or planning a meeting. A read: nothing is saved. htmx asks for
    the rows as the chair types; without JavaScript the form posts here and gets a page."""
    data = request.POST if request.method == "POST" else request.GET
    slug = data.get("preview_format") or data.get("format") or ""
    fmt = get_object_or_404(DialogueFormat, slug=slug) if slug else None
    context = _preview(data)
    context["fmt"] = fmt
    context["states"] = [d.state for d in member_delegations(fmt)] if fmt else []
    back = data.get("preview_back", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    context["back"] = back if back and safe else "/"
    status = 422 if context["error"] else 200
    if getattr(request, "htmx", False):
        return render(request, "core/includes/time_preview_rows.html", context, status=status)
    return render(request, "core/time_preview.html", context, status=status)
