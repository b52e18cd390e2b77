"""The HTTP API under /api/ (OpenAPI at /api/docs). Errors are JSON: {"detail": "..."}."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError

from secretariat.accounts.api import router as accounts_router
from secretariat.announcements.api import router as announcements_router
from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.formats.api import router as formats_router
from secretariat.meetings.api import router as meetings_router
from secretariat.negotiation.api import router as negotiation_router

api = NinjaAPI(
    title="Secretariat API",
    version="1",
    description=(
        "Formats, delegations and the people in them. Public data needs no sign-in; "
        "anything else uses the session cookie of a signed-in person (send the CSRF token "
        "in X-CSRFToken for writes). Errors come as JSON with a `detail` message."
    ),
    urls_namespace="api",
)
api.add_router("/", formats_router)
api.add_router("/", accounts_router)
api.add_router("/", negotiation_router)
api.add_router("/", meetings_router)
api.add_router("/", announcements_router)


def _validation_message(exc: ValidationError) -> str:
    if hasattr(exc, "message_dict"):
        return "; ".join(
            f"{field}: {' '.join(messages)}" if field != "__all__" else " ".join(messages)
            for field, messages in exc.message_dict.items()
        )
    return " ".join(exc.messages)


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, {"detail": _validation_message(exc)}, status=422)


@api.exception_handler(NinjaValidationError)
def on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    parts = []
    for error in exc.errors:
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "payload"))
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", ""))
    return api.create_response(
        request, {"detail": "; ".join(parts) or "Invalid input.", "errors": exc.errors}, status=422
    )


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=403)


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": "Sign in to use this endpoint."}, status=401)


@api.exception_handler(ConflictError)
def on_conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
    return api.create_response(request, {"detail": str(exc)}, status=409)
