"""What the meeting pages share: visibility, running a command from a form, the viewer's
zone for the times a form posts, exports."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from secretariat.core import timezones
from secretariat.core.commands import REFUSALS, CommandTable, refusal_message, refusal_status
from secretariat.core.exports import UnprintableText
from secretariat.core.exports.responses import export_refused
from secretariat.core.schemas import InputSchema
from secretariat.meetings import exports, policy, selectors
from secretariat.meetings.models import Meeting

#: The pages' form field names that differ from the API's (buttons and console post them).
FORM_NAMES = {
    "item": "item_id",
    "speaker": "speaker_id",
    "participant": "participant_id",
    "delegation": "delegation_id",
}

EXPORT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def forbidden(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "core/forbidden.html", {"message": message}, status=403)


def visible(request: HttpRequest, pk: int) -> Meeting:
    meeting = selectors.meeting_get(pk)
    if not policy.can_view_meeting(request.user, meeting):
        raise Http404
    return meeting


def language_names(codes: list[str]) -> list[tuple[str, str]]:
    names = []
    for code in codes:
        try:
            names.append((code, str(get_language_info(code)["name_translated"])))
        except KeyError:
            names.append((code, code))
    return names


def back(request: HttpRequest, meeting: Meeting) -> HttpResponseRedirect:
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = ""
    return redirect(target or reverse("meetings:detail", args=[meeting.pk]))


def form_data(request: HttpRequest) -> QueryDict:
    """The posted form with the API's field names."""
    data = request.POST.copy()
    for old, new in FORM_NAMES.items():
        if old in data and new not in data:
            data.setlist(new, data.getlist(old))
    return data


def form_zone(data: QueryDict) -> tzinfo:
    """The zone the form's times are typed in: its `zone` field when it has one, else the
    viewer's own zone (as the time fields' labels say)."""
    name = str(data.get("zone") or "")
    if not name:
        return timezone.get_current_timezone()
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise ValidationError(_("Unknown time zone “%(zone)s”.") % {"zone": name}) from None


def local_instant(value: str, zone: tzinfo) -> str:
    """A `datetime-local` value ("2030-03-04T10:00", a wall clock in `zone`) as an instant
    with its offset, as the API takes it. Anything else is handed on unchanged for the
    schema to refuse."""
    try:
        naive = datetime.strptime(value, "%Y-%m-%dT%H:%M")  # noqa: DTZ007 - zone added below
    except ValueError:
        return value
    try:
        # A time the clocks skip or pass twice is refused here, as on every time input.
        return timezones.make_aware_in(naive, zone).isoformat()
    except ValidationError as exc:
        if exc.code != "out_of_range":
            raise
        # Attach, never convert: year 1 or 9999 overflows; the schema then refuses the date.
        return naive.replace(tzinfo=zone).isoformat()


def localise(data: QueryDict, *names: str) -> QueryDict:
    zone = form_zone(data)
    for name in names:
        if data.get(name):
            data[name] = local_instant(str(data[name]), zone)
    return data


def texts_from(data: QueryDict, languages: list[tuple[str, str]]) -> dict[str, str]:
    """The text areas of a multilingual form (`text_<language>`)."""
    return {code: str(data.get(f"text_{code}", "")) for code, _name in languages}


@dataclass(frozen=True)
class Outcome:
    """What a page action came to: the result and message, or the refusal's status."""

    status: int
    message: str
    result: object = None
    refusal: Exception | None = None

    @property
    def ok(self) -> bool:
        return self.refusal is None


def perform(
    request: HttpRequest,
    table: CommandTable[Any],
    name: str,
    target: object,
    read: Any,
) -> Outcome:
    """Read the form (`read()` returns the command's input) and run the command; a refusal,
    including invalid input, becomes its status and message (one place for every page)."""
    try:
        data: InputSchema = read()
        result, message = table.execute(name, actor=request.user, target=target, data=data)
    except REFUSALS as exc:
        return Outcome(refusal_status(exc), refusal_message(exc), refusal=exc)
    return Outcome(200, message, result)


def export_response(
    request: HttpRequest,
    texts: dict[str, str],
    lang: str,
    title: str,
    filename: str,
    fmt: str,
    footer: str,
) -> HttpResponse:
    """A minutes or statement text as PDF or DOCX, in `lang` when there is such a version;
    a character no embedded font has refuses the export by name (422)."""
    if fmt not in EXPORT_TYPES:
        raise Http404
    text_lang = lang if texts.get(lang) else next(iter(texts), lang)
    text = texts.get(text_lang, "")
    render_fn = exports.render_pdf if fmt == "pdf" else exports.render_docx
    try:
        body = render_fn(title, text, footer=footer, language=text_lang)
    except UnprintableText as exc:
        return export_refused(request, exc)
    response = HttpResponse(body, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}-{lang}.{fmt}"'
    return response
