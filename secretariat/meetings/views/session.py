"""The live session console (chair, delegations, secretariat) and the public outcomes view;
both get their updates over the live transport (see static meetings/meetings.js)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from secretariat.formats.models import Delegation
from secretariat.meetings import forms, policy, selectors
from secretariat.meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    MeetingStatus,
    PressStatement,
    Speaker,
)
from secretariat.meetings.rules import opens_early
from secretariat.meetings.services.session import EarlyOpening
from secretariat.meetings.views._common import forbidden, visible


def _labels(meeting: Meeting) -> dict[str, Any]:
    delegations = Delegation.objects.filter(format_id=meeting.format_id).select_related("state")
    return {
        "states": {d.state.iso2: str(d.state.name) for d in delegations},
        "status": {k: str(v) for k, v in MeetingStatus.choices},
        "kind": {k: str(v) for k, v in AgendaItem.Kind.choices},
        "decision": {k: str(v) for k, v in Decision.Kind.choices},
        "speaker": {k: str(v) for k, v in Speaker.Status.choices},
        "flags": {
            d.state.iso2: f"/static/secretariat/flags/{d.state.iso2.lower()}.svg"
            for d in delegations
        },
    }


def _live_text() -> dict[str, str]:
    return {
        "nobody": _("Nobody has the floor."),
        "open": _("open"),
        "closed": _("closed"),
        "empty": _("Nobody on the list."),
        "give": _("Give the floor"),
        "goto": _("Go to this item"),
        "current": _("now"),
        "withdraw": _("Withdraw"),
        "live": _("live"),
        "offline": _("reconnecting…"),
        "present": _("Present"),
        "quorum": _("All member delegations present: consensus possible."),
        "noquorum": _("Not every member delegation is present."),
        "nodecisions": _("No decisions yet."),
        "speaking": _("has the floor"),
        "overtime": _("over time"),
    }


@require_GET
def meeting_live(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible(request, pk)
    if not policy.can_view_internal_record(request.user, meeting):
        if policy.can_view_outcomes(request.user, meeting):
            return redirect("meetings:outcomes", meeting.pk)
        return forbidden(request, _("The session is for member delegations and the secretariat."))
    own = list(
        Delegation.objects.filter(
            pk__in=policy.own_member_delegations(request.user, meeting.format_id)
        ).select_related("state")
    )
    now = timezone.now()
    return render(
        request,
        "meetings/meeting_live.html",
        {
            "meeting": meeting,
            "fmt": meeting.format,
            "state": selectors.live_state(meeting),
            "labels": _labels(meeting),
            "text": _live_text(),
            "may_run": policy.can_run_session(request.user, meeting),
            "own_delegations": own,
            "own_iso2": [d.state.iso2 for d in own],
            "decision_form": forms.DecisionForm(),
            "participants": selectors.participants(meeting),
            # Opening long before the scheduled time asks first (the server refuses without).
            "early_opening": str(EarlyOpening(meeting, now))
            if opens_early(now, meeting.starts_at)
            else "",
        },
    )


@require_GET
def meeting_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = visible(request, pk)
    statement = PressStatement.objects.filter(meeting=meeting, status="published").first()
    return render(
        request,
        "meetings/meeting_outcomes.html",
        {
            "meeting": meeting,
            "fmt": meeting.format,
            "state": selectors.outcomes_state(meeting),
            "labels": _labels(meeting),
            "text": _live_text(),
            "statement": statement,
        },
    )
