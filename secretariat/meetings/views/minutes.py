"""The minutes page (read, draft, edit, circulate, respond, finalise) and its exports."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_fsm import has_transition_perm

from secretariat.core.commands import validate_input
from secretariat.core.schemas import InputSchema
from secretariat.formats.models import Delegation
from secretariat.meetings import forms, policy, selectors, services
from secretariat.meetings.commands import commands
from secretariat.meetings.models import Meeting, MeetingStatus, Minutes
from secretariat.meetings.schemas import MinutesEditIn
from secretariat.meetings.views._common import (
    export_response,
    forbidden,
    form_data,
    language_names,
    localise,
    perform,
    texts_from,
    visible,
)

ACTIONS = ("generate", "edit", "circulate", "reopen", "respond", "finalise")


def _minutes_of(meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).select_related("meeting__format").first()


def _may_read(request: HttpRequest, meeting: Meeting, minutes: Minutes | None) -> bool:
    if minutes is None:
        return policy.can_view_internal_record(request.user, meeting)
    return policy.can_view_minutes(request.user, minutes)


def _read(action: str, request: HttpRequest, languages: list[tuple[str, str]]) -> InputSchema:
    data = form_data(request)
    if action == "edit":
        return validate_input(
            MinutesEditIn,
            {
                "version": data.get("version"),
                "texts": texts_from(data, languages),
                "note": data.get("note", ""),
            },
        )
    if action == "circulate":
        localise(data, "deadline")
    return commands.parse_form(f"minutes-{action}", data)


def _minutes_post(
    request: HttpRequest, meeting: Meeting, languages: list[tuple[str, str]]
) -> HttpResponse:
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        messages.error(request, _("Unknown action."))
        return redirect("meetings:minutes", meeting.pk)
    outcome = perform(
        request, commands, f"minutes-{action}", meeting, lambda: _read(action, request, languages)
    )
    (messages.success if outcome.ok else messages.error)(request, outcome.message)
    return redirect("meetings:minutes", meeting.pk)


def _page_context(
    request: HttpRequest, meeting: Meeting, minutes: Minutes | None
) -> dict[str, Any]:
    user = request.user
    languages = language_names(meeting.format.working_languages)
    may_manage = policy.can_manage_meeting(user, meeting)
    approval = selectors.minutes_approval(minutes) if minutes else None
    revision = approval.revision if approval else None
    own = list(
        Delegation.objects.filter(
            pk__in=policy.own_member_delegations(user, meeting.format_id)
        ).select_related("state")
    )
    edit_form = None
    if minutes and may_manage and minutes.status == Minutes.Status.DRAFT and revision:
        edit_form = forms.TextsForm(
            languages=languages,
            initial={
                "version": minutes.version,
                **{f"text_{c}": revision.texts.get(c, "") for c, _n in languages},
            },
        )
    return {
        "meeting": meeting,
        "fmt": meeting.format,
        "minutes": minutes,
        "revision": revision,
        "texts": [(code, name, revision.texts.get(code, "")) for code, name in languages]
        if revision
        else [],
        "revisions": list(minutes.revisions.select_related("author")) if minutes else [],
        "responses": list(
            minutes.responses.select_related("delegation__state", "author", "revision")
        )
        if minutes
        else [],
        "approval": approval,
        # The buttons of the secretariat: the transitions this person may take now.
        "transitions": [
            name
            for name in ("circulate", "reopen", "finalise")
            if minutes and has_transition_perm(getattr(minutes, name), user)
        ],
        "may_manage": may_manage,
        "edit_form": edit_form,
        "circulate_form": forms.CirculateForm(
            initial={"deadline": timezone.localtime(services.default_minutes_deadline())}
        ),
        "response_form": forms.ResponseForm(),
        "own_delegations": own,
        "can_generate": may_manage
        and meeting.status == MeetingStatus.CLOSED
        and (minutes is None or minutes.status == Minutes.Status.DRAFT),
    }


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible(request, pk)
    minutes = _minutes_of(meeting)
    if not _may_read(request, meeting, minutes):
        return forbidden(
            request, _("Draft minutes are for member delegations and the secretariat.")
        )
    if request.method == "POST":
        return _minutes_post(request, meeting, language_names(meeting.format.working_languages))
    return render(
        request, "meetings/meeting_minutes.html", _page_context(request, meeting, minutes)
    )


@require_GET
def minutes_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = visible(request, pk)
    minutes = _minutes_of(meeting)
    if minutes is None:
        raise Http404
    if not policy.can_view_minutes(request.user, minutes):
        return forbidden(
            request, _("Draft minutes are for member delegations and the secretariat.")
        )
    revision = minutes.revisions.first()
    if revision is None:
        raise Http404
    lang = request.GET.get("lang") or translation.get_language()
    footer = (
        f"{_('Final')} · SHA-256 {minutes.final_hash}"
        if minutes.status == Minutes.Status.FINAL
        else f"{minutes.get_status_display()} · r{revision.number}"
    )
    return export_response(
        request, revision.texts, lang, str(meeting), f"minutes-{meeting.pk}", fmt, footer
    )
