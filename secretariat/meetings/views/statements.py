"""The joint press statement page (public once published) and its exports."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from django_fsm import has_transition_perm

from secretariat.core.commands import validate_input
from secretariat.core.schemas import InputSchema
from secretariat.meetings import forms, policy
from secretariat.meetings.commands import commands
from secretariat.meetings.models import Meeting, MeetingStatus, PressStatement
from secretariat.meetings.schemas import EmptyIn, StatementEditIn
from secretariat.meetings.views._common import (
    export_response,
    forbidden,
    form_data,
    language_names,
    perform,
    texts_from,
    visible,
)

ACTIONS = ("generate", "edit", "publish")


def _read(action: str, request: HttpRequest, languages: list[tuple[str, str]]) -> InputSchema:
    if action == "edit":
        data = form_data(request)
        return validate_input(
            StatementEditIn, {"version": data.get("version"), "texts": texts_from(data, languages)}
        )
    return EmptyIn()


def _statement_post(
    request: HttpRequest, meeting: Meeting, languages: list[tuple[str, str]]
) -> HttpResponse:
    action = request.POST.get("action", "")
    if action not in ACTIONS:
        messages.error(request, _("Unknown action."))
    else:
        outcome = perform(
            request,
            commands,
            f"statement-{action}",
            meeting,
            lambda: _read(action, request, languages),
        )
        (messages.success if outcome.ok else messages.error)(request, outcome.message)
    return redirect("meetings:statement", meeting.pk)


@require_http_methods(["GET", "HEAD", "POST"])
def meeting_statement(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible(request, pk)
    statement = PressStatement.objects.filter(meeting=meeting).first()
    published = statement is not None and statement.status == PressStatement.Status.PUBLISHED
    if not policy.can_view_statement(request.user, meeting, published):
        return forbidden(
            request, _("The draft statement is for member delegations and the secretariat.")
        )
    may_manage = policy.can_manage_meeting(request.user, meeting)
    languages = language_names(meeting.format.working_languages)
    if request.method == "POST":
        return _statement_post(request, meeting, languages)
    edit_form = None
    if statement and may_manage and not published:
        edit_form = forms.TextsForm(
            languages=languages,
            initial={
                "version": statement.version,
                **{f"text_{c}": statement.texts.get(c, "") for c, _n in languages},
            },
        )
        del edit_form.fields["note"]
    return render(
        request,
        "meetings/meeting_statement.html",
        {
            "meeting": meeting,
            "fmt": meeting.format,
            "statement": statement,
            "texts": [(c, n, statement.texts.get(c, "")) for c, n in languages]
            if statement
            else [],
            "may_manage": may_manage,
            "may_publish": statement is not None
            and has_transition_perm(statement.publish, request.user),
            "edit_form": edit_form,
            "can_generate": may_manage
            and not published
            and meeting.status in (MeetingStatus.CLOSED, MeetingStatus.MINUTES_APPROVED),
        },
    )


@require_GET
def statement_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = visible(request, pk)
    statement = PressStatement.objects.filter(meeting=meeting).first()
    if statement is None:
        raise Http404
    published = statement.status == PressStatement.Status.PUBLISHED
    if not policy.can_view_statement(request.user, meeting, published):
        return forbidden(
            request, _("The draft statement is for member delegations and the secretariat.")
        )
    lang = request.GET.get("lang") or translation.get_language()
    footer = "" if published else str(_("Draft"))
    return export_response(
        request, statement.texts, lang, str(meeting), f"statement-{meeting.pk}", fmt, footer
    )
