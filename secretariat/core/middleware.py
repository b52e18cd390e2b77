"""Activates the signed-in person's own time zone for rendering."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone


class ViewerTimeZoneMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        zone = getattr(user, "time_zone", None) if user and user.is_authenticated else None
        if zone:
            timezone.activate(zoneinfo.ZoneInfo(zone))
        else:
            timezone.deactivate()
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()  # a worker thread serves other people next


class ApiJsonErrorsMiddleware:
    """Every error under /api/ is JSON with a `detail` message, including the ones Django or
    django-ninja answer before a view runs (405 method not allowed, 403 CSRF failure)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            detail = {
                403: "Forbidden: sign in, and send the CSRF token in X-CSRFToken for writes.",
                405: f"Method {request.method} is not allowed here.",
            }.get(response.status_code, response.reason_phrase)
            json_response = JsonResponse({"detail": detail}, status=response.status_code)
            if response.has_header("Allow"):
                json_response["Allow"] = response["Allow"]
            return json_response
        return response
