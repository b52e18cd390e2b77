"""Every button of the meeting page and the session console posts to `meeting_action`,
which reads the form into the command's input schema (the API's) and runs the command."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from secretariat.core.commands import validate_input
from secretariat.core.schemas import InputSchema
from secretariat.meetings.commands import commands
from secretariat.meetings.models import Meeting, Participant
from secretariat.meetings.schemas import RollCallIn
from secretariat.meetings.services.session import EarlyOpening
from secretariat.meetings.views._common import back, form_data, localise, perform, visible

Reader = Callable[[HttpRequest, Meeting], InputSchema]

#: What the edit form may clear by leaving a field empty.
CLEARABLE = ("number", "title", "host_state", "venue", "chair_state", "is_public")


def _read_edit(request: HttpRequest, meeting: Meeting) -> InputSchema:
    data = localise(form_data(request), "starts_at", "ends_at")
    return commands.parse_form("edit", data, blank=CLEARABLE)


def _read_reschedule(request: HttpRequest, meeting: Meeting) -> InputSchema:
    return commands.parse_form("reschedule", localise(form_data(request), "starts_at", "ends_at"))


def _read_roll_call(request: HttpRequest, meeting: Meeting) -> InputSchema:
    """One checkbox per participant (`present_<id>`); an unchecked one is absent."""
    present = {
        p.pk: request.POST.get(f"present_{p.pk}") == "on"
        for p in Participant.objects.filter(meeting=meeting)
    }
    return validate_input(RollCallIn, {"present": present})


def _read_register(request: HttpRequest, meeting: Meeting) -> InputSchema:
    """Registering oneself under one's own name links one's account (so the video link
    shows); anyone else is registered by name."""
    data = form_data(request)
    user = request.user
    delegation_id = str(data.get("delegation_id", ""))
    if (
        user.is_authenticated
        and delegation_id.isdigit()
        and str(data.get("name", "")).strip() == user.full_name
        and user.delegation_memberships.filter(delegation_id=int(delegation_id)).exists()
    ):
        data["user_email"] = user.email
    return commands.parse_form("register", data)


READERS: dict[str, Reader] = {
    "edit": _read_edit,
    "reschedule": _read_reschedule,
    "roll-call": _read_roll_call,
    "register": _read_register,
}


def read(name: str, request: HttpRequest, meeting: Meeting) -> InputSchema:
    reader = READERS.get(name)
    if reader is not None:
        return reader(request, meeting)
    return commands.parse_form(name, form_data(request))


@require_POST
def meeting_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Without JavaScript it redirects back with a message; through htmx it answers with
    the message (200) or the refusal's text and status (403, 409, 422), which the page
    shows in a live region."""
    meeting = visible(request, pk)
    if action not in commands:
        raise Http404
    htmx = bool(getattr(request, "htmx", False))
    outcome = perform(request, commands, action, meeting, lambda: read(action, request, meeting))
    if htmx:
        return HttpResponse(
            outcome.message, status=outcome.status, content_type="text/plain; charset=utf-8"
        )
    if isinstance(outcome.refusal, EarlyOpening):  # the confirm step of an early opening
        return render(
            request,
            "meetings/confirm_open.html",
            {"meeting": meeting, "message": outcome.message, "next": back(request, meeting).url},
            status=outcome.status,
        )
    if outcome.ok:
        if outcome.message:
            messages.success(request, outcome.message)
    else:
        messages.error(request, outcome.message)
    return back(request, meeting)
