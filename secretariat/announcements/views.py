"""The announcements page: a live feed for a format's participants, a form for its
secretariat. The form posts through the same command as the API."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secretariat.announcements import policy, selectors
from secretariat.announcements.commands import commands
from secretariat.announcements.events import ANNOUNCEMENTS
from secretariat.announcements.forms import AnnouncementForm
from secretariat.core.commands import REFUSALS, refusal_status
from secretariat.formats import selectors as format_selectors
from secretariat.formats.models import DialogueFormat

FORM_TEMPLATE = "announcements/includes/announcement_form.html"


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "core/forbidden.html", {"message": message}, status=403)


@require_http_methods(["GET", "POST"])
def announcement_list(request: HttpRequest, slug: str) -> HttpResponse:
    fmt = format_selectors.format_get(slug)
    if not policy.can_follow_announcements(request.user, fmt):
        return _forbidden(
            request,
            _("Announcements of %(format)s are for its delegations, observers and secretariat.")
            % {"format": fmt.short_name or fmt.name},
        )
    may_send = policy.can_send_announcement(request.user, fmt)
    if request.method == "POST":
        if not may_send:
            return _forbidden(request, _("Only the secretariat sends announcements."))
        return _send(request, fmt)
    return _page(request, fmt, AnnouncementForm() if may_send else None)


def _send(request: HttpRequest, fmt: DialogueFormat) -> HttpResponse:
    is_htmx = bool(getattr(request, "htmx", False))
    form = AnnouncementForm(request.POST)
    try:
        data = commands.parse_form("send", request.POST)
        _result, message = commands.execute("send", actor=request.user, target=fmt, data=data)
    except REFUSALS as exc:
        form.add_error("text", _field_messages(exc))
        if is_htmx:  # htmx swaps only a 2xx; the form comes back with its messages
            return render(request, FORM_TEMPLATE, {"fmt": fmt, "form": form})
        return _page(request, fmt, form, status=refusal_status(exc))
    if is_htmx:  # the live feed shows it; just hand back an empty form
        return render(request, FORM_TEMPLATE, {"fmt": fmt, "form": AnnouncementForm()})
    messages.success(request, message)
    return redirect("announcements:list", slug=fmt.slug)


def _field_messages(exc: Exception) -> list[str]:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "message_dict"):
            return [m for messages_ in exc.message_dict.values() for m in messages_]
        return list(exc.messages)
    return [str(exc)]


def _page(
    request: HttpRequest, fmt: DialogueFormat, form: AnnouncementForm | None, *, status: int = 200
) -> HttpResponse:
    return render(
        request,
        "announcements/announcement_list.html",
        {
            "fmt": fmt,
            "form": form,
            "topic": ANNOUNCEMENTS,
            "initial": selectors.announcement_list(fmt),
        },
        status=status,
    )
