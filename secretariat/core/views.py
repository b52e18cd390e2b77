from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from secretariat.core.middleware import cache_public
from secretariat.formats.selectors import delegation_seats_for, format_list


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
