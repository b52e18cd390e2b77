"""The page an export refused for its characters answers with (422; the API's JSON comes
from its ValidationError handler)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from secretariat.core.exports.errors import UnprintableText


def export_refused(request: HttpRequest, error: UnprintableText) -> HttpResponse:
    response = render(
        request, "core/export_refused.html", {"error_messages": error.messages}, status=422
    )
    response["Cache-Control"] = "private, no-store"
    return response
