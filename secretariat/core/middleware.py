"""Middleware every request passes: the viewer's time zone, JSON errors under /api/, who may
cache a response, and the character rule on every page form (the API checks its own input)."""

from __future__ import annotations

import functools
import json
import zoneinfo
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from secretariat.core.text import (
    Refusal,
    forbidden_characters,
    payload_refusals,
    querydict_refusals,
)

Get = Callable[[HttpRequest], HttpResponse]
View = TypeVar("View", bound=Callable[..., Any])


class ViewerTimeZoneMiddleware:
    def __init__(self, get_response: Get) -> None:
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

    def __init__(self, get_response: Get) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith("/api/")
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            detail = {
                403: _("Forbidden: sign in, and send the CSRF token in X-CSRFToken for writes."),
                405: _("Method %(method)s is not allowed here.") % {"method": request.method},
            }.get(response.status_code, response.reason_phrase)
            json_response = JsonResponse({"detail": detail}, status=response.status_code)
            for header in ("Allow", "Cache-Control"):
                if response.has_header(header):
                    json_response[header] = response[header]
            return json_response
        return response


# --- caching ---------------------------------------------------------------------------------

PUBLIC_MAX_AGE = 60
PRIVATE = "private, no-store"


def cache_public(max_age: int = PUBLIC_MAX_AGE) -> Callable[[View], View]:
    """Marks a view whose answer to an anonymous visitor is the same for everyone (public
    formats, adopted texts). Shared caches may keep it for `max_age` seconds; anything
    not so marked is `private, no-store`. For an API operation: `@decorate_view(cache_public())`.
    """

    def decorator(view: View) -> View:
        @functools.wraps(view)
        def marked(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            request.cache_public = max_age  # type: ignore[attr-defined]
            return view(request, *args, **kwargs)

        return marked  # type: ignore[return-value]

    return decorator


def response_is_public(request: HttpRequest, response: HttpResponse) -> bool:
    """Public only when the view says so, nobody is signed in, the answer is a plain 200 to
    a read, and it sets no cookie (a CSRF or session cookie is one visitor's)."""
    user = getattr(request, "user", None)
    return (
        getattr(request, "cache_public", None) is not None
        and request.method in ("GET", "HEAD")
        and response.status_code == 200
        and not (user is not None and user.is_authenticated)
        and not response.cookies
    )


class CacheControlMiddleware:
    """Decides centrally who may store a response: drafts, anything for a signed-in person,
    errors and every view not marked `cache_public` get `Cache-Control: private, no-store`.
    Static files keep WhiteNoise's own headers."""

    def __init__(self, get_response: Get) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.path.startswith(f"/{settings.STATIC_URL.strip('/')}/"):
            return response
        if response_is_public(request, response):
            max_age = request.cache_public  # type: ignore[attr-defined]
            response["Cache-Control"] = f"public, max-age={max_age}"
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
        else:
            response["Cache-Control"] = PRIVATE
        return response


# --- the character rule on pages and the admin ----------------------------------------------


#: Passwords are never shown and only their hash is stored, so they cannot spoof anyone; a
#: character a password manager chose must not lock its owner out.
def _is_password(field: str) -> bool:
    return "password" in field.lower()


FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _strict_constant(name: str) -> float:
    raise ValueError(_("%(name)s is not a JSON number") % {"name": name})


def parse_json_body(body: bytes) -> Any:
    """Strict JSON in UTF-8: a ValueError names what is wrong (no NaN, no invalid bytes)."""
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ValueError(_("the body is not UTF-8")) from exc
    return json.loads(text, parse_constant=_strict_constant)


def input_refusals(request: HttpRequest) -> list[Refusal]:
    """What a page request would store that the character rule refuses: query parameters,
    form fields (passwords excepted) and JSON bodies of writes."""
    refusals = list(querydict_refusals(request.GET))
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return refusals
    if request.content_type == "application/json":
        try:
            data = parse_json_body(request.body)
        except ValueError:  # the view answers invalid JSON itself
            return refusals
        return refusals + list(payload_refusals(data))
    if request.method == "POST":
        refusals += querydict_refusals(request.POST, skip=_is_password)
    return refusals


def api_body_refusal(request: HttpRequest) -> JsonResponse | None:
    """The API reads any non-form body as JSON: it must be strict UTF-8 JSON whose strings
    obey the character rule, or the answer is a 422 before an endpoint runs."""
    if not request.body or request.content_type in FORM_TYPES:
        return None
    try:
        data = parse_json_body(request.body)
    except ValueError as exc:
        message = _("The body is not valid JSON: %(reason)s.") % {"reason": exc}
        errors = [{"loc": ["body"], "msg": message, "type": "invalid_json"}]
        return JsonResponse({"detail": message, "errors": errors}, status=422)
    refusals = list(payload_refusals(data))
    if not refusals:
        return None
    errors = [
        {"loc": ["body", *r.where.split(".")], "msg": r.message(), "type": "forbidden_character"}
        for r in refusals
    ]
    detail = "; ".join(r.message() for r in refusals)
    return JsonResponse({"detail": detail, "errors": errors}, status=422)


class CleanInputMiddleware:
    """No page form, htmx action or admin save stores a character the rule refuses: the
    request is answered 422 with the message, before the view runs (and after the CSRF
    check). A path holding one names nothing, so it is a 404. Under /api/ the body must be
    strict JSON too; the API's parser applies the same rule to query strings and forms."""

    def __init__(self, get_response: Get) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        is_api = request.path.startswith("/api/")
        if forbidden_characters(request.path):
            if is_api:
                return JsonResponse({"detail": _("Not Found")}, status=404)
            raise Http404
        if is_api:
            return api_body_refusal(request)
        refusals = input_refusals(request)
        if not refusals:
            return None
        message = " ".join(refusal.message() for refusal in refusals)
        if request.content_type == "application/json":
            return JsonResponse({"detail": message}, status=422)
        template = "core/refused_input.html"
        if getattr(request, "htmx", False):
            template = "core/includes/refused_input.html"
        response = render(request, template, {"message": message}, status=422)
        response["X-Refused-Input"] = "1"  # app.js lets htmx show this 422 in the page
        if getattr(request, "htmx", False):
            response["HX-Retarget"] = "#main"
            response["HX-Reswap"] = "afterbegin"
        return response
