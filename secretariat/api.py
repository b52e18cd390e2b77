"""The HTTP API under /api/ (OpenAPI at /api/docs). Errors are JSON: {"detail": "..."}.

Input is checked before any endpoint runs: the body must be strict JSON in UTF-8 (no NaN,
no invalid bytes), and no string anywhere in the body, the query or a form may hold a
character `secretariat.core.text` refuses (`CleanInputMiddleware` for bodies, the parser
below for query strings and forms, `InputSchema` for every input schema). Every refusal is
a 422 naming the field.
"""

from __future__ import annotations

from typing import Any

import pydantic
from django.http import HttpRequest, HttpResponse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.parser import Parser

from secretariat.accounts.api import router as accounts_router
from secretariat.announcements.api import router as announcements_router
from secretariat.core.commands import REFUSALS, refusal_status
from secretariat.core.commands import refusal_message as refusal_message_of
from secretariat.core.middleware import parse_json_body
from secretariat.core.openapi import ContractOpenAPISchema
from secretariat.core.text import querydict_refusals, refusal_message
from secretariat.formats.api import router as formats_router
from secretariat.meetings.api import router as meetings_router
from secretariat.negotiation.api import router as negotiation_router


def _refuse_characters(data: MultiValueDict[str, Any], source: str) -> None:
    errors = [
        {
            "loc": [source, *refusal.where.split(".")],
            "msg": refusal_message(refusal.found),
            "type": "forbidden_character",
        }
        for refusal in querydict_refusals(data)
    ]
    if errors:
        raise NinjaValidationError(errors)


class CheckedParser(Parser):
    """Strict JSON, and the character rule on every query string and form a schema reads.
    (Bodies are checked before ninja sees them, by `CleanInputMiddleware`: ninja turns any
    parser error on a body into a 400, and invalid input is a 422 here.)"""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data: dict[str, Any] = parse_json_body(request.body)
        return data

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        _refuse_characters(data, "query" if data is request.GET else "form")
        return super().parse_querydict(data, list_fields, request)


class SecretariatAPI(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> ContractOpenAPISchema:
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        return ContractOpenAPISchema(self, path_prefix)


api = SecretariatAPI(
    title="Secretariat API",
    version="1",
    description=(
        "Formats, delegations and the people in them. Public data needs no sign-in; "
        "anything else uses the session cookie of a signed-in person (send the CSRF token "
        "in X-CSRFToken for writes). Errors come as JSON with a `detail` message. Every "
        "operation may answer 401, 403, 404, 409 or 422 with that body. Texts refuse "
        "direction controls, invisible characters, control characters and lone surrogates "
        "(see docs/api.md)."
    ),
    urls_namespace="api",
    parser=CheckedParser(),
)
api.add_router("/", formats_router)
api.add_router("/", accounts_router)
api.add_router("/", negotiation_router)
api.add_router("/", meetings_router)
api.add_router("/", announcements_router)


def on_refusal(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A service's refusal (the same mapping as the pages': core.commands): 403 for
    PermissionDenied, 409 for ConflictError, 422 for ValidationError, with its reason."""
    return api.create_response(
        request, {"detail": refusal_message_of(exc)}, status=refusal_status(exc)
    )


for _refusal in REFUSALS:
    # ninja's stubs also admit the class; it always hands the raised instance.
    api.add_exception_handler(_refusal, on_refusal)  # type: ignore[arg-type]


_SOURCES = ("body", "payload", "query", "path", "form", "file", "header", "cookie")


def schema_error_message(error: dict[str, Any]) -> str:
    """One problem of a 422, in words: 'field titles is not accepted here'."""
    loc = [str(part) for part in error.get("loc", ())]
    where = ".".join(part for part in loc if part not in _SOURCES)
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return _("field %(field)s is not accepted here") % {"field": where}
    if kind == "missing":
        return _("field %(field)s is required") % {"field": where}
    message = str(error.get("msg") or _("invalid"))
    return f"{where}: {message}" if where else message


@api.exception_handler(pydantic.ValidationError)
def on_command_input_error(request: HttpRequest, exc: pydantic.ValidationError) -> HttpResponse:
    """A command's input built from the path and the body (a bracket index below 0, say)
    is refused like any other invalid input: 422 naming the field, nothing changed."""
    errors = [dict(error) for error in exc.errors()]
    detail = "; ".join(schema_error_message(error) for error in errors)
    return api.create_response(
        request,
        {"detail": detail or _("Invalid input."), "errors": exc.errors(include_context=False)},
        status=422,
    )


@api.exception_handler(NinjaValidationError)
def on_schema_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    detail = "; ".join(schema_error_message(error) for error in exc.errors)
    return api.create_response(
        request, {"detail": detail or _("Invalid input."), "errors": exc.errors}, status=422
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(request, {"detail": _("Sign in to use this endpoint.")}, status=401)
