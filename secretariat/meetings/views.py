"""Meeting pages. Views parse input, ask the policy, call services and render; the live
console gets its updates over the live transport (see static js/meetings.js)."""

from __future__ import annotations

import zoneinfo
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_fsm import has_transition_perm

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.formats import selectors as format_selectors
from secretariat.formats.models import Delegation
from secretariat.meetings import calendars, exports, forms, policy, selectors, services
from secretariat.meetings.models import (
    AgendaItem,
    CalendarToken,
    Decision,
    Meeting,
    MeetingStatus,
    Minutes,
    Participant,
    PressStatement,
    Speaker,
)
from secretariat.meetings.scheduling import candidate_slots
from secretariat.policy import standing

# --- helpers ---------------------------------------------------------------------------------


def _forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "core/forbidden.html", {"message": message}, status=403)


def _visible(request: HttpRequest, pk: int) -> Meeting:
    meeting = selectors.meeting_get(pk)
    if not policy.can_view_meeting(request.user, meeting):
        raise Http404
    return meeting


def _language_names(codes: list[str]) -> list[tuple[str, str]]:
    from django.utils.translation import get_language_info

    names = []
    for code in codes:
        try:
            names.append((code, str(get_language_info(code)["name_translated"])))
        except KeyError:
            names.append((code, code))
    return names


def _documents(meeting: Meeting) -> list[tuple[str, str]]:
    from secretariat.negotiation.models import Document

    return [
        (d.slug, d.title)
        for d in Document.objects.filter(format_id=meeting.format_id).order_by("title")
    ]


def _back(request: HttpRequest, meeting: Meeting) -> HttpResponseRedirect:
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or reverse("meetings:detail", args=[meeting.pk]))


# --- list and scheduling ---------------------------------------------------------------------


def _list_context(request: HttpRequest, fmt: Any, form: Any = None) -> dict[str, Any]:
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
        return _forbidden(
            request, _("Only the secretariat of %(format)s plans its meetings.") % {"format": fmt}
        )
    form = forms.MeetingForm(request.POST, fmt=fmt)
    if form.is_valid():
        try:
            meeting = services.meeting_create(actor=request.user, fmt=fmt, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Meeting planned. Draft its agenda, then announce it."))
            return redirect("meetings:detail", meeting.pk)
    return render(
        request, "meetings/meeting_list.html", _list_context(request, fmt, form), status=422
    )


def _form_errors(form: Any) -> str:
    return " ".join(str(e) for errs in form.errors.values() for e in errs)


def _add_errors(form: Any, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- meeting page ----------------------------------------------------------------------------


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible(request, pk)
    user = request.user
    s = standing(user, meeting.format_id)
    states = selectors.member_states(meeting.format_id)
    internal = policy.can_view_internal_record(user, meeting)
    may_manage = policy.can_manage_meeting(user, meeting)
    may_run = policy.can_run_session(user, meeting)
    own = list(Delegation.objects.filter(
            pk__in=policy.registrable_delegations(user, meeting.format_id)
        ).select_related("state"))  # fmt: skip
    if s.secretariat:
        own = list(Delegation.objects.filter(format_id=meeting.format_id).select_related("state"))
    transitions = [
        name for name in ("announce", "postpone", "cancel")
        if has_transition_perm(getattr(meeting, name), user)
    ]  # fmt: skip
    minutes = Minutes.objects.filter(meeting=meeting).first()
    statement = PressStatement.objects.filter(meeting=meeting).first()
    agenda_editable = may_manage and meeting.agenda_approved_at is None and meeting.status in (
        MeetingStatus.PLANNED, MeetingStatus.ANNOUNCED, MeetingStatus.POSTPONED
    )  # fmt: skip
    context = {
        "meeting": meeting,
        "fmt": meeting.format,
        "capitals": selectors.capital_times(meeting, states),
        "agenda": selectors.agenda(meeting),
        "internal": internal,
        "participants": selectors.participants(meeting) if internal else [],
        "attendance": selectors.attendance(meeting) if internal else None,
        "may_manage": may_manage,
        "may_run": may_run,
        "transitions": transitions,
        "may_see_link": policy.can_see_conference_link(user, meeting),
        "agenda_editable": agenda_editable,
        "agenda_form": forms.AgendaItemForm(documents=_documents(meeting))
        if agenda_editable
        else None,
        "participant_form": forms.ParticipantForm(
            delegations=[(d.pk, str(d.state.name)) for d in own],
            initial={"name": getattr(user, "full_name", "")},
        )
        if own
        and meeting.status
        in (
            MeetingStatus.PLANNED,
            MeetingStatus.ANNOUNCED,
            MeetingStatus.POSTPONED,
            MeetingStatus.IN_SESSION,
        )
        else None,
        "own_delegation_ids": {d.pk for d in own},
        "conference_form": forms.ConferenceForm(initial={"provider": meeting.conference_provider})
        if may_manage and meeting.is_online
        else None,
        "minutes": minutes if minutes and policy.can_view_minutes(user, minutes) else None,
        "statement": statement
        if statement and policy.can_view_statement(user, meeting, statement.status == "published")
        else None,
        "decisions": list(Decision.objects.filter(meeting=meeting).select_related("agenda_item")),
        "viewer_zone": timezone.get_current_timezone_name(),
        "edit_form": _edit_form(meeting)
        if may_manage
        and meeting.status
        in (MeetingStatus.PLANNED, MeetingStatus.ANNOUNCED, MeetingStatus.POSTPONED)
        else None,
    }
    return render(request, "meetings/meeting_detail.html", context)


# --- actions (forms and htmx) ----------------------------------------------------------------

Action = Callable[[HttpRequest, Meeting], str | None]


def _act_lifecycle(name: str) -> Action:
    service = {
        "announce": services.meeting_announce,
        "postpone": services.meeting_postpone,
        "cancel": services.meeting_cancel,
    }[name]

    def act(request: HttpRequest, meeting: Meeting) -> str:
        service(actor=request.user, meeting=meeting)
        return _("The meeting is now %(status)s.") % {
            "status": Meeting.objects.get(pk=meeting.pk).get_status_display()
        }

    return act


def _act_reschedule(request: HttpRequest, meeting: Meeting) -> str:
    form = forms.MeetingForm(
        {**_meeting_initial(meeting), **request.POST.dict()}, fmt=meeting.format
    )
    if not form.is_valid():
        raise ValidationError(_form_errors(form))
    services.meeting_reschedule(
        actor=request.user, meeting=meeting, starts_at=form.cleaned_data["starts_at"],
        ends_at=form.cleaned_data["ends_at"],
    )  # fmt: skip
    return _("New times set; the meeting is announced again.")


def _meeting_initial(meeting: Meeting) -> dict[str, Any]:
    return {"kind": meeting.kind, "mode": meeting.mode, "speaking_time": meeting.speaking_time}


def _edit_form(meeting: Meeting) -> forms.MeetingForm:
    local = timezone.get_current_timezone()
    return forms.MeetingForm(
        fmt=meeting.format,
        initial={
            "kind": meeting.kind, "number": meeting.number, "title": meeting.title,
            "mode": meeting.mode, "starts_at": meeting.starts_at.astimezone(local),
            "ends_at": meeting.ends_at.astimezone(local), "host_state": meeting.host_state_id,
            "venue": meeting.venue, "chair_state": meeting.chair_state_id,
            "is_public": meeting.is_public, "speaking_time": meeting.speaking_time,
        },
    )  # fmt: skip


def _act_edit(request: HttpRequest, meeting: Meeting) -> str:
    form = forms.MeetingForm(request.POST, fmt=meeting.format)
    if not form.is_valid():
        raise ValidationError(_form_errors(form))
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        raise ValidationError(_("Reload the page and try again.")) from None
    services.meeting_update(
        actor=request.user, meeting=meeting, expected_version=version, **form.cleaned_data
    )
    return _("Meeting updated.")


def _act_agenda_add(request: HttpRequest, meeting: Meeting) -> str:
    form = forms.AgendaItemForm(request.POST, documents=_documents(meeting))
    if not form.is_valid():
        raise ValidationError(_form_errors(form))
    document = None
    if form.cleaned_data.get("document"):
        from secretariat.negotiation.models import Document

        document = Document.objects.filter(
            format_id=meeting.format_id, slug=form.cleaned_data["document"]
        ).first()
    services.agenda_item_add(
        actor=request.user, meeting=meeting, title=form.cleaned_data["title"],
        kind=form.cleaned_data["kind"], description=form.cleaned_data["description"],
        document=document,
    )  # fmt: skip
    return _("Agenda item added.")


def _item_of(request: HttpRequest, meeting: Meeting) -> AgendaItem:
    try:
        return AgendaItem.objects.get(pk=int(request.POST.get("item", "")), meeting=meeting)
    except (ValueError, AgendaItem.DoesNotExist):
        raise ValidationError(_("Choose an item of this meeting's agenda.")) from None


def _act_agenda_move(request: HttpRequest, meeting: Meeting) -> str:
    item = _item_of(request, meeting)
    try:
        position = int(request.POST.get("position", ""))
    except ValueError:
        raise ValidationError(_("Give a position.")) from None
    services.agenda_item_move(actor=request.user, item=item, position=position)
    return _("Agenda reordered.")


def _act_agenda_remove(request: HttpRequest, meeting: Meeting) -> str:
    services.agenda_item_remove(actor=request.user, item=_item_of(request, meeting))
    return _("Agenda item removed.")


def _act_register(request: HttpRequest, meeting: Meeting) -> str:
    delegation_ids = policy.registrable_delegations(request.user, meeting.format_id)
    choices = Delegation.objects.filter(format_id=meeting.format_id)
    if not standing(request.user, meeting.format_id).secretariat:
        choices = choices.filter(pk__in=delegation_ids)
    form = forms.ParticipantForm(
        request.POST, delegations=[(d.pk, str(d)) for d in choices.select_related("state")]
    )
    if not form.is_valid():
        raise ValidationError(_form_errors(form))
    delegation = Delegation.objects.select_related("state").get(pk=form.cleaned_data["delegation"])
    # Registering oneself under one's own name links the seat, so the video link shows.
    actor_id = int(request.user.pk or 0)
    is_self = form.cleaned_data["name"].strip() == getattr(request.user, "full_name", None)
    user = (
        request.user if is_self and delegation.members.filter(user_id=actor_id).exists() else None
    )
    services.participant_register(
        actor=request.user, meeting=meeting, delegation=delegation,
        name=form.cleaned_data["name"], function=form.cleaned_data["function"], user=user,
    )  # fmt: skip
    return _("Participant registered.")


def _act_unregister(request: HttpRequest, meeting: Meeting) -> str:
    participant = get_object_or_404(
        Participant.objects.select_related("delegation__state"),
        pk=request.POST.get("participant") or 0, meeting=meeting,
    )  # fmt: skip
    services.participant_remove(actor=request.user, participant=participant)
    return _("Registration withdrawn.")


def _act_conference(request: HttpRequest, meeting: Meeting) -> str:
    form = forms.ConferenceForm(request.POST)
    form.is_valid()
    services.meeting_set_conference(
        actor=request.user, meeting=meeting, provider=form.cleaned_data.get("provider", ""),
        link=form.cleaned_data.get("link", ""),
    )  # fmt: skip
    return _("Video conference set.")


def _act_roll_call(request: HttpRequest, meeting: Meeting) -> str:
    present = {
        p.pk: request.POST.get(f"present_{p.pk}") == "on"
        for p in Participant.objects.filter(meeting=meeting)
    }
    services.roll_call_record(actor=request.user, meeting=meeting, present=present)
    return _("Roll call recorded.")


def _act_open(request: HttpRequest, meeting: Meeting) -> str:
    services.session_open(actor=request.user, meeting=meeting)
    return _("Session opened; the agenda is approved.")


def _act_close(request: HttpRequest, meeting: Meeting) -> str:
    services.session_close(actor=request.user, meeting=meeting)
    return _("Session closed.")


def _act_item(request: HttpRequest, meeting: Meeting) -> str:
    services.session_item_set(actor=request.user, meeting=meeting, item=_item_of(request, meeting))
    return _("Moved to the item.")


def _act_next(request: HttpRequest, meeting: Meeting) -> str:
    services.session_item_next(actor=request.user, meeting=meeting)
    return _("Moved to the next item.")


def _act_speakers(is_open: bool) -> Action:
    def act(request: HttpRequest, meeting: Meeting) -> str:
        services.speakers_set_open(actor=request.user, meeting=meeting, is_open=is_open)
        return _("List of speakers opened.") if is_open else _("List of speakers closed.")

    return act


def _own_delegation(request: HttpRequest, meeting: Meeting) -> Delegation:
    ids = policy.own_member_delegations(request.user, meeting.format_id)
    wanted = request.POST.get("delegation")
    if wanted:
        ids = [i for i in ids if str(i) == wanted]
    delegation = Delegation.objects.select_related("state").filter(pk__in=ids).first()
    if delegation is None:
        raise PermissionDenied(
            _("Only the head or a delegate of a member delegation asks for the floor for it.")
        )
    return delegation


def _act_request_floor(request: HttpRequest, meeting: Meeting) -> str:
    services.floor_request(
        actor=request.user, meeting=meeting, delegation=_own_delegation(request, meeting)
    )
    return _("You are on the list of speakers.")


def _act_withdraw(request: HttpRequest, meeting: Meeting) -> str:
    speaker = get_object_or_404(
        Speaker.objects.select_related("delegation__state"),
        pk=request.POST.get("speaker") or 0, meeting=meeting,
    )  # fmt: skip
    services.floor_withdraw(actor=request.user, speaker=speaker)
    return _("Taken off the list of speakers.")


def _act_give_floor(request: HttpRequest, meeting: Meeting) -> str:
    speaker = None
    if request.POST.get("speaker"):
        speaker = get_object_or_404(Speaker, pk=request.POST["speaker"], meeting=meeting)
    given = services.floor_give(actor=request.user, meeting=meeting, speaker=speaker)
    return _("%(state)s has the floor.") % {"state": given.delegation.state}


def _act_end_floor(request: HttpRequest, meeting: Meeting) -> str:
    services.floor_end(actor=request.user, meeting=meeting)
    return _("The speaker is done.")


def _act_decision(request: HttpRequest, meeting: Meeting) -> str:
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        raise ValidationError(_form_errors(form))
    current = Meeting.objects.get(pk=meeting.pk).current_item
    item = _item_of(request, meeting) if request.POST.get("item") else current
    if item is None:
        raise ValidationError(_("Choose an item of this meeting's agenda."))
    services.decision_record(
        actor=request.user, meeting=meeting, item=item, kind=form.cleaned_data["kind"],
        text=form.cleaned_data["text"], adopt_document=form.cleaned_data["adopt_document"],
    )  # fmt: skip
    return _("Decision recorded.")


ACTIONS: dict[str, Action] = {
    "announce": _act_lifecycle("announce"),
    "postpone": _act_lifecycle("postpone"),
    "cancel": _act_lifecycle("cancel"),
    "reschedule": _act_reschedule,
    "edit": _act_edit,
    "agenda-add": _act_agenda_add,
    "agenda-move": _act_agenda_move,
    "agenda-remove": _act_agenda_remove,
    "register": _act_register,
    "unregister": _act_unregister,
    "conference": _act_conference,
    "roll-call": _act_roll_call,
    "open": _act_open,
    "close": _act_close,
    "item": _act_item,
    "next": _act_next,
    "speakers-open": _act_speakers(True),
    "speakers-close": _act_speakers(False),
    "request-floor": _act_request_floor,
    "withdraw": _act_withdraw,
    "give-floor": _act_give_floor,
    "end-floor": _act_end_floor,
    "decision": _act_decision,
}


@require_POST
def meeting_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    """Every button of the meeting pages and the console posts here. Without JavaScript it
    redirects back with a message; through htmx it answers 204 (the live view updates
    itself) or the error text with its status, which the page shows in a live region."""
    meeting = _visible(request, pk)
    act = ACTIONS.get(action)
    if act is None:
        raise Http404
    htmx = bool(getattr(request, "htmx", False))
    try:
        message = act(request, meeting)
    except (PermissionDenied, ConflictError, ValidationError) as exc:
        status = (
            403
            if isinstance(exc, PermissionDenied)
            else 409
            if isinstance(exc, ConflictError)
            else 422
        )
        text = " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        if htmx:
            return HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
        messages.error(request, text)
        return _back(request, meeting)
    if htmx:
        return HttpResponse(message or "", status=200, content_type="text/plain; charset=utf-8")
    if message:
        messages.success(request, message)
    return _back(request, meeting)


# --- live console and outcomes ---------------------------------------------------------------


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
    meeting = _visible(request, pk)
    if not policy.can_view_internal_record(request.user, meeting):
        if policy.can_view_outcomes(request.user, meeting):
            return redirect("meetings:outcomes", meeting.pk)
        return _forbidden(request, _("The session is for member delegations and the secretariat."))
    own = list(
        Delegation.objects.filter(
            pk__in=policy.own_member_delegations(request.user, meeting.format_id)
        ).select_related("state")
    )
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
        },
    )


@require_GET
def meeting_outcomes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible(request, pk)
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


# --- minutes and statement -------------------------------------------------------------------


def _minutes_or_404(request: HttpRequest, meeting: Meeting) -> Minutes | None:
    return Minutes.objects.filter(meeting=meeting).select_related("meeting__format").first()


def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible(request, pk)
    minutes = _minutes_or_404(request, meeting)
    user = request.user
    may_manage = policy.can_manage_meeting(user, meeting)
    if minutes is None:
        if not policy.can_view_internal_record(user, meeting):
            return _forbidden(
                request, _("Draft minutes are for member delegations and the secretariat.")
            )
    elif not policy.can_view_minutes(user, minutes):
        return _forbidden(
            request, _("Draft minutes are for member delegations and the secretariat.")
        )
    languages = _language_names(meeting.format.working_languages)
    if request.method == "POST":
        return _minutes_post(request, meeting, minutes, languages)
    approval = selectors.minutes_approval(minutes) if minutes else None
    revision = approval.revision if approval else None
    own = list(Delegation.objects.filter(
            pk__in=policy.own_member_delegations(user, meeting.format_id)
        ).select_related("state"))  # fmt: skip
    edit_form = None
    if minutes and may_manage and minutes.status == Minutes.Status.DRAFT and revision:
        edit_form = forms.TextsForm(
            languages=languages,
            initial={
                "version": minutes.version,
                **{f"text_{c}": revision.texts.get(c, "") for c, _n in languages},
            },
        )
    return render(
        request,
        "meetings/meeting_minutes.html",
        {
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
        },
    )


def _minutes_post(
    request: HttpRequest,
    meeting: Meeting,
    minutes: Minutes | None,
    languages: list[tuple[str, str]],
) -> HttpResponse:
    action = request.POST.get("action", "")
    try:
        if action == "generate":
            services.minutes_generate(actor=request.user, meeting=meeting)
            messages.success(request, _("Draft minutes written from the session record."))
        elif minutes is None:
            raise ValidationError(_("Draft the minutes first."))
        elif action == "edit":
            form = forms.TextsForm(request.POST, languages=languages)
            if not form.is_valid():
                raise ValidationError(_("Give the text in every working language."))
            services.minutes_edit(
                actor=request.user, minutes=minutes, texts=form.texts(),
                note=form.cleaned_data["note"], expected_version=form.cleaned_data["version"],
            )  # fmt: skip
            messages.success(request, _("Saved as a new revision."))
        elif action == "circulate":
            circulate = forms.CirculateForm(request.POST)
            if not circulate.is_valid():
                raise ValidationError(_("Give a deadline."))
            services.minutes_circulate(
                actor=request.user, minutes=minutes, deadline=circulate.cleaned_data["deadline"]
            )
            messages.success(request, _("Circulated to the delegations for approval."))
        elif action == "reopen":
            services.minutes_reopen(actor=request.user, minutes=minutes)
            messages.success(request, _("Taken back to draft."))
        elif action == "respond":
            response = forms.ResponseForm(request.POST)
            if not response.is_valid():
                raise ValidationError(_("Approve or comment."))
            delegation = (
                Delegation.objects.select_related("state")
                .filter(pk=request.POST.get("delegation") or 0, format_id=meeting.format_id)
                .first()
            )
            if delegation is None:
                raise ValidationError(_("Choose your delegation."))
            services.minutes_respond(
                actor=request.user, minutes=minutes, delegation=delegation,
                kind=response.cleaned_data["kind"], text=response.cleaned_data["text"],
            )  # fmt: skip
            messages.success(request, _("Your delegation's response is recorded."))
        elif action == "finalise":
            services.minutes_finalise(actor=request.user, minutes=minutes)
            messages.success(request, _("The minutes are final and frozen."))
        else:
            raise ValidationError(_("Unknown action."))
    except (PermissionDenied, ConflictError, ValidationError) as exc:
        messages.error(
            request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        )
    return redirect("meetings:minutes", meeting.pk)


def meeting_statement(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible(request, pk)
    statement = PressStatement.objects.filter(meeting=meeting).first()
    published = statement is not None and statement.status == PressStatement.Status.PUBLISHED
    if not policy.can_view_statement(request.user, meeting, published):
        return _forbidden(
            request, _("The draft statement is for member delegations and the secretariat.")
        )
    may_manage = policy.can_manage_meeting(request.user, meeting)
    languages = _language_names(meeting.format.working_languages)
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "generate":
                services.statement_generate(actor=request.user, meeting=meeting)
                messages.success(request, _("Statement drafted from the outcomes."))
            elif statement is None:
                raise ValidationError(_("Draft the statement first."))
            elif action == "edit":
                form = forms.TextsForm(request.POST, languages=languages)
                if not form.is_valid():
                    raise ValidationError(_("Give the text in every working language."))
                services.statement_edit(
                    actor=request.user, statement=statement, texts=form.texts(),
                    expected_version=form.cleaned_data["version"],
                )  # fmt: skip
                messages.success(request, _("Statement saved."))
            elif action == "publish":
                services.statement_publish(actor=request.user, statement=statement)
                messages.success(request, _("Statement published."))
            else:
                raise ValidationError(_("Unknown action."))
        except (PermissionDenied, ConflictError, ValidationError) as exc:
            messages.error(
                request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
            )
        return redirect("meetings:statement", meeting.pk)
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
            "edit_form": edit_form,
            "can_generate": may_manage and not published and meeting.status in (
                MeetingStatus.CLOSED, MeetingStatus.MINUTES_APPROVED
            ),
        },
    )  # fmt: skip


EXPORT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _export(texts: dict[str, str], lang: str, title: str, filename: str, fmt: str,
            footer: str) -> HttpResponse:  # fmt: skip
    if fmt not in EXPORT_TYPES:
        raise Http404
    text = texts.get(lang) or next(iter(texts.values()), "")
    render_fn = exports.render_pdf if fmt == "pdf" else exports.render_docx
    body = render_fn(title, text, footer=footer)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}-{lang}.{fmt}"'
    return response


@require_GET
def minutes_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = _visible(request, pk)
    minutes = _minutes_or_404(request, meeting)
    if minutes is None:
        raise Http404
    if not policy.can_view_minutes(request.user, minutes):
        return _forbidden(
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
    return _export(revision.texts, lang, str(meeting), f"minutes-{meeting.pk}", fmt, footer)


@require_GET
def statement_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    meeting = _visible(request, pk)
    statement = PressStatement.objects.filter(meeting=meeting).first()
    if statement is None:
        raise Http404
    published = statement.status == PressStatement.Status.PUBLISHED
    if not policy.can_view_statement(request.user, meeting, published):
        return _forbidden(
            request, _("The draft statement is for member delegations and the secretariat.")
        )
    lang = request.GET.get("lang") or translation.get_language()
    footer = "" if published else str(_("Draft"))
    return _export(statement.texts, lang, str(meeting), f"statement-{meeting.pk}", fmt, footer)


# --- calendars -------------------------------------------------------------------------------


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


@require_GET
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible(request, pk)
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
        meetings, name=_("Meetings of %(name)s") % {"name": user.full_name},
        base_url=_base_url(request), links_for=links,
    )  # fmt: skip
    return _ics(body, "my-meetings.ics")


def my_calendar(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={request.path}")
    if request.method == "POST":
        services.calendar_token_reset(user=request.user)
        messages.success(request, _("New calendar address made; the old one no longer works."))
        return redirect("meetings:my_calendar")
    token = services.calendar_token_get(user=request.user)
    feed = request.build_absolute_uri(reverse("meetings:personal_ics", args=[token.token]))
    return render(
        request,
        "meetings/my_calendar.html",
        {"feed": feed, "meetings": list(selectors.meetings_for_person(request.user))},
    )
