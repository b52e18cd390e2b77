"""The announcements page: a live feed for a format's participants, a form for its
secretariat."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from secretariat.core.errors import PermissionDenied
from secretariat.formats import selectors as format_selectors
from secretariat.live import policy, selectors, services
from secretariat.live.events import ANNOUNCEMENTS
from secretariat.live.forms import AnnouncementForm


@require_http_methods(["GET", "POST"])
def announcements(request: HttpRequest, slug: str) -> HttpResponse:
    fmt = format_selectors.format_get(slug)
    if not policy.can_follow_announcements(request.user, fmt):
        return render(
            request,
            "core/forbidden.html",
            {
                "message": _(
                    "Announcements of %(format)s are for its delegations, observers and "
                    "secretariat."
                )
                % {"format": fmt.short_name or fmt.name}
            },
            status=403,
        )
    may_send = policy.can_send_announcement(request.user, fmt)
    is_htmx = bool(getattr(request, "htmx", False))
    form = AnnouncementForm(request.POST or None) if may_send else None
    if request.method == "POST":
        if form is None:
            return render(
                request,
                "core/forbidden.html",
                {"message": _("Only the secretariat sends announcements.")},
                status=403,
            )
        if form.is_valid():
            try:
                services.announcement_send(
                    actor=request.user, fmt=fmt, text=form.cleaned_data["text"]
                )
            except (ValidationError, PermissionDenied) as exc:
                form.add_error(
                    "text", exc.messages if isinstance(exc, ValidationError) else str(exc)
                )
            else:
                if is_htmx:  # the live feed shows it; just hand back an empty form
                    return render(
                        request,
                        "live/includes/announcement_form.html",
                        {"fmt": fmt, "form": AnnouncementForm()},
                    )
                messages.success(request, _("Announcement sent."))
                return redirect("live:announcements", slug=fmt.slug)
        if is_htmx:
            return render(
                request, "live/includes/announcement_form.html", {"fmt": fmt, "form": form}
            )
    return render(
        request,
        "live/announcements.html",
        {
            "fmt": fmt,
            "form": form,
            "topic": ANNOUNCEMENTS,
            "initial": selectors.announcement_list(fmt),
        },
        status=422 if form is not None and form.errors else 200,
    )
