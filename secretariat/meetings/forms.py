"""Forms label and render the pages' inputs; the command's input schema (the API's own)
parses what they post (`secretariat.meetings.commands`), and services decide and write."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secretariat.core.timeinput import LocalDateTimeField, ZonedForm
from secretariat.formats.models import DialogueFormat, MemberState
from secretariat.meetings.models import (
    AgendaItem,
    ConferenceProviderChoice,
    Decision,
    MeetingKind,
    MeetingMode,
    MinutesResponse,
)


def _member_states(fmt: DialogueFormat) -> list[tuple[str, str]]:
    """(ISO code, name) of the format's member states: the API's codes, so the page posts
    what the API takes."""
    states = MemberState.objects.filter(memberships__format=fmt, memberships__kind="member")
    return [("", "—"), *((s.iso2, str(s.name)) for s in states)]


class MeetingForm(ZonedForm):
    zoned_fields = ("starts_at", "ends_at")
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    number = forms.IntegerField(
        label=_("Ordinal number"),
        required=False,
        min_value=1,
        help_text=_("The 8 of “8th meeting”; leave empty if unnumbered."),
    )
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    mode = forms.ChoiceField(label=_("Mode"), choices=MeetingMode.choices)
    starts_at = LocalDateTimeField(label=_("Starts"))
    ends_at = LocalDateTimeField(label=_("Ends"))
    host_state = forms.ChoiceField(label=_("Host state"), required=False)
    venue = forms.CharField(label=_("Venue"), max_length=200, required=False)
    chair_state = forms.ChoiceField(label=_("Chair"), required=False)
    is_public = forms.BooleanField(label=_("Public meeting"), required=False)
    speaking_time = forms.IntegerField(
        label=_("Speaking time per speaker (seconds)"),
        min_value=15,
        max_value=3600,
        initial=180,
        required=False,
    )

    def clean_speaking_time(self) -> int:
        return self.cleaned_data.get("speaking_time") or 180

    def __init__(self, *args: Any, fmt: DialogueFormat, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        states = _member_states(fmt)
        for name in ("host_state", "chair_state"):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = states
        self.set_zones(
            MemberState.objects.filter(memberships__format=fmt, memberships__kind="member")
        )


class SlotsForm(forms.Form):
    duration = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=15, max_value=540, initial=120
    )
    start = forms.DateField(
        label=_("From (a date in UTC)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def start_date(self) -> Any:
        # The slots are listed by UTC day, so the default is tomorrow in UTC.
        return self.cleaned_data.get("start") or timezone.now().date() + timedelta(days=1)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Item"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind"), choices=AgendaItem.Kind.choices)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    document = forms.ChoiceField(label=_("Document to adopt"), required=False)

    def __init__(self, *args: Any, documents: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["document"].choices = [("", "—"), *documents]  # type: ignore[attr-defined]
        if not documents:
            del self.fields["document"]


class ParticipantForm(forms.Form):
    delegation = forms.TypedChoiceField(label=_("Delegation"), coerce=int)
    name = forms.CharField(label=_("Name"), max_length=200)
    function = forms.CharField(label=_("Function"), max_length=200, required=False)

    def __init__(self, *args: Any, delegations: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delegation"].choices = delegations  # type: ignore[attr-defined]


class ConferenceForm(forms.Form):
    provider = forms.ChoiceField(
        label=_("Video conference"), choices=ConferenceProviderChoice.choices, required=False
    )
    link = forms.CharField(label=_("Link (external provider only)"), required=False, max_length=500)


class DecisionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=Decision.Kind.choices)
    text = forms.CharField(
        label=_("Decision"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    adopt_document = forms.BooleanField(
        label=_("Adopt the linked document through Negotiation"), required=False
    )


class CirculateForm(ZonedForm):
    zoned_fields = ("deadline",)
    deadline = LocalDateTimeField(label=_("Approve or comment by"))


class ResponseForm(forms.Form):
    kind = forms.ChoiceField(label=_("Response"), choices=MinutesResponse.Kind.choices)
    text = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class TextsForm(forms.Form):
    """One text area per working language of the format."""

    note = forms.CharField(label=_("What changed"), max_length=300, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, languages: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, label in languages:
            self.fields[f"text_{code}"] = forms.CharField(
                label=label, widget=forms.Textarea(attrs={"rows": 16, "lang": code})
            )
        self.languages = [code for code, _label in languages]

    def texts(self) -> dict[str, str]:
        return {code: self.cleaned_data[f"text_{code}"] for code in self.languages}
