"""iCalendar feeds (a meeting, a format's public meetings, a person's private feed) and the
page of a person's calendar address."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from secretariat.formats import selectors as format_selectors
from secretariat.meetings import calendars, policy, selectors, services
from secretariat.meetings.models import CalendarToken
from secretariat.meetings.views._common import visible


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible(request, pk)
    links = {meeting.pk} if policy.can_see_conference_link(request.user, meeting) else set()
    body = calendars.calendar_for(
        [meeting], name=str(meeting), base_url=_base_url(request), links_for=links
    )
    return _ics(body, f"meeting-{meeting.pk}.ics")


@require_GET
def format_ics(request: HttpRequest, slug: str) -> HttpResponse:
    """The public calendar of a format: its public, announced meetings."""
    fmt = format_selectors.format_get(slug)
    body = calendars.calendar_for(
        selectors.public_meetings(fmt), name=str(fmt.name), base_url=_base_url(request)
    )
    return _ics(body, f"{fmt.slug}.ics")


@require_GET
def personal_ics(request: HttpRequest, token: str) -> HttpResponse:
    """A person's private feed: the secret in the URL stands in for signing in."""
    owner = CalendarToken.objects.select_related("user").filter(token=token).first()
    if owner is None or not owner.user.is_active:
        raise Http404
    user = owner.user
    meetings = list(selectors.meetings_for_person(user))
    links = {m.pk for m in meetings if policy.can_see_conference_link(user, m)}
    body = calendars.calendar_for(
        meetings,
        name=_("Meetings of %(name)s") % {"name": user.full_name},
        base_url=_base_url(request),
        links_for=links,
    )
    return _ics(body, "my-meetings.ics")


@require_http_methods(["GET", "HEAD", "POST"])
def my_calendar(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    if request.method == "POST":
        services.calendar_token_reset(user=user)
        messages.success(request, _("New calendar address made; the old one no longer works."))
        return redirect("meetings:my_calendar")
    token = services.calendar_token_get(user=user)
    feed = request.build_absolute_uri(reverse("meetings:personal_ics", args=[token.token]))
    return render(
        request,
        "meetings/my_calendar.html",
        {"feed": feed, "meetings": list(selectors.meetings_for_person(user))},
    )
