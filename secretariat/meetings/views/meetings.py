"""The meetings of a format (list, slot finder, planning) and the meeting page."""

from __future__ import annotations

import zoneinfo
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_fsm import has_transition_perm

from secretariat.core.types import Actor
from secretariat.formats import selectors as format_selectors
from secretariat.formats.models import Delegation, DialogueFormat
from secretariat.meetings import forms, policy, selectors
from secretariat.meetings.commands import format_commands
from secretariat.meetings.models import (
    Decision,
    Meeting,
    MeetingStatus,
    Minutes,
    PressStatement,
)
from secretariat.meetings.scheduling import candidate_slots
from secretariat.meetings.views._common import forbidden, form_data, localise, perform, visible
from secretariat.policy import standing

TRANSITIONS = ("announce", "postpone", "cancel")
REGISTRATION_OPEN = (
    MeetingStatus.PLANNED,
    MeetingStatus.ANNOUNCED,
    MeetingStatus.POSTPONED,
    MeetingStatus.IN_SESSION,
)
EDITABLE = (MeetingStatus.PLANNED, MeetingStatus.ANNOUNCED, MeetingStatus.POSTPONED)


def _list_context(
    request: HttpRequest, fmt: DialogueFormat, form: forms.MeetingForm | None = None
) -> dict[str, Any]:
    meetings = list(selectors.meeting_list(fmt, request.user))
    now = timezone.now()
    may_create = policy.can_create_meeting(request.user, fmt)
    slots_form = forms.SlotsForm(request.GET or None)
    slots = []
    states = selectors.member_states(fmt)
    if slots_form.is_bound and slots_form.is_valid():
        slots = candidate_slots(
            [s.time_zone for s in states],
            duration=timedelta(minutes=slots_form.cleaned_data["duration"]),
            start_on=slots_form.start_date(),
            days=21,
            limit=40,
        )
    return {
        "fmt": fmt,
        "upcoming": [m for m in meetings if m.ends_at >= now][::-1],
        "past": [m for m in meetings if m.ends_at < now],
        "may_create": may_create,
        "form": form or (forms.MeetingForm(fmt=fmt) if may_create else None),
        "slots_form": slots_form,
        "slots": slots,
        # Columns from east to west would surprise; list capitals by UTC offset, west first.
        "states": sorted(
            states, key=lambda s: zoneinfo.ZoneInfo(s.time_zone).utcoffset(now) or timedelta()
        ),
    }


@require_GET
def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    fmt = format_selectors.format_get(slug)
    return render(request, "meetings/meeting_list.html", _list_context(request, fmt))


@require_POST
def meeting_create(request: HttpRequest, slug: str) -> HttpResponse:
    fmt = format_selectors.format_get(slug)
    if not policy.can_create_meeting(request.user, fmt):
        return forbidden(
            request, _("Only the secretariat of %(format)s plans its meetings.") % {"format": fmt}
        )
    outcome = perform(
        request,
        format_commands,
        "plan",
        fmt,
        lambda: format_commands.parse_form(
            "plan", localise(form_data(request), "starts_at", "ends_at")
        ),
    )
    if outcome.ok:
        assert isinstance(outcome.result, Meeting)
        messages.success(request, outcome.message)
        return redirect("meetings:detail", outcome.result.pk)
    form = forms.MeetingForm(request.POST, fmt=fmt)
    form.add_error(None, outcome.message)
    return render(
        request, "meetings/meeting_list.html", _list_context(request, fmt, form), status=422
    )


def edit_form(meeting: Meeting) -> forms.MeetingForm:
    local = timezone.get_current_timezone()
    return forms.MeetingForm(
        fmt=meeting.format,
        initial={
            "kind": meeting.kind,
            "number": meeting.number,
            "title": meeting.title,
            "mode": meeting.mode,
            "starts_at": meeting.starts_at.astimezone(local),
            "ends_at": meeting.ends_at.astimezone(local),
            "host_state": meeting.host_state.iso2 if meeting.host_state else "",
            "venue": meeting.venue,
            "chair_state": meeting.chair_state.iso2 if meeting.chair_state else "",
            "is_public": meeting.is_public,
            "speaking_time": meeting.speaking_time,
        },
    )


def _documents(meeting: Meeting, user: Actor) -> list[tuple[str, str]]:
    """The documents an agenda item may link to: those of the format the person may see."""
    from secretariat.negotiation.models import Document
    from secretariat.negotiation.policy import can_view_document

    documents = Document.objects.filter(format_id=meeting.format_id).order_by("title")
    return [(d.slug, d.title) for d in documents if can_view_document(user, d)]


def _registrable(user: Actor, meeting: Meeting) -> list[Delegation]:
    delegations = Delegation.objects.filter(format_id=meeting.format_id).select_related("state")
    if standing(user, meeting.format_id).secretariat:
        return list(delegations)
    return list(delegations.filter(pk__in=policy.registrable_delegations(user, meeting.format_id)))


def _forms(request: HttpRequest, meeting: Meeting, own: list[Delegation]) -> dict[str, Any]:
    """The forms of the meeting page, each only for whoever may use it now."""
    user = request.user
    may_manage = policy.can_manage_meeting(user, meeting)
    agenda_editable = (
        may_manage and meeting.agenda_approved_at is None and meeting.status in EDITABLE
    )
    return {
        "agenda_editable": agenda_editable,
        "agenda_form": forms.AgendaItemForm(documents=_documents(meeting, user))
        if agenda_editable
        else None,
        "participant_form": forms.ParticipantForm(
            delegations=[(d.pk, str(d.state.name)) for d in own],
            initial={"name": getattr(user, "full_name", "")},
        )
        if own and meeting.status in REGISTRATION_OPEN
        else None,
        "conference_form": forms.ConferenceForm(initial={"provider": meeting.conference_provider})
        if may_manage and meeting.is_online
        else None,
        "edit_form": edit_form(meeting) if may_manage and meeting.status in EDITABLE else None,
    }


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible(request, pk)
    user = request.user
    internal = policy.can_view_internal_record(user, meeting)
    own = _registrable(user, meeting)
    minutes = Minutes.objects.filter(meeting=meeting).first()
    statement = PressStatement.objects.filter(meeting=meeting).first()
    context = {
        "meeting": meeting,
        "fmt": meeting.format,
        "capitals": selectors.capital_times(meeting, selectors.member_states(meeting.format_id)),
        "agenda": selectors.agenda_rows(meeting, user),
        "internal": internal,
        "participants": selectors.participants(meeting) if internal else [],
        "attendance": selectors.attendance(meeting) if internal else None,
        "may_manage": policy.can_manage_meeting(user, meeting),
        "may_run": policy.can_run_session(user, meeting),
        "transitions": [
            name for name in TRANSITIONS if has_transition_perm(getattr(meeting, name), user)
        ],
        "may_reschedule": has_transition_perm(meeting.reschedule, user),
        "may_see_link": policy.can_see_conference_link(user, meeting),
        "own_delegation_ids": {d.pk for d in own},
        "minutes": minutes if minutes and policy.can_view_minutes(user, minutes) else None,
        "statement": statement
        if statement and policy.can_view_statement(user, meeting, statement.status == "published")
        else None,
        "decisions": list(Decision.objects.filter(meeting=meeting).select_related("agenda_item")),
        "viewer_zone": timezone.get_current_timezone_name(),
        **_forms(request, meeting, own),
    }
    return render(request, "meetings/meeting_detail.html", context)
