"""Typed times in forms: a date and time as the person types it, plus the zone it is in.

A form lists its date-time fields in `zoned_fields` and gets a `zone` choice (the
viewer's own zone first, then UTC and the member capitals'); `clean()` turns each typed
wall-clock time into an instant with `core.timezones.make_aware_in`, which refuses a time
the clocks skip or pass twice. `zone` leaves `cleaned_data`, so services get instants only.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, ClassVar

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secretariat.core import timezones

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=DATETIME_LOCAL)


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock date and time without a zone (the form's `zone` field says which)."""

    widget = LocalDateTimeInput
    input_formats = [DATETIME_LOCAL, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]

    def to_python(self, value: Any) -> datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return timezone.make_naive(value) if timezone.is_aware(value) else value
        text = str(value).strip()
        for pattern in self.input_formats:
            try:
                return datetime.strptime(text, pattern)  # noqa: DTZ007 - the form's zone applies
            except ValueError:
                continue
        raise ValidationError(self.error_messages["invalid"], code="invalid")


class ZoneChoiceField(forms.ChoiceField):
    """A zone of the tz database: the select offers a few, any valid name is accepted."""

    def valid_value(self, value: Any) -> bool:
        return str(value) in timezones.available_time_zones()


class ZonedForm(forms.Form):
    """A form whose `zoned_fields` are typed in the zone chosen in its `zone` field."""

    zoned_fields: ClassVar[tuple[str, ...]] = ()
    zone = ZoneChoiceField(
        label=_("Time zone of the times you type"),
        required=False,
        help_text=_("Your own zone unless you choose another."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.set_zones()
        for name in self.zoned_fields:
            field = self.fields[name]
            field.help_text = field.help_text or _("In the time zone chosen above.")

    def set_zones(self, states: Iterable[Any] = ()) -> None:
        """Offer the viewer's zone, UTC and the capitals of `states`, just before the first
        date-time field."""
        choices = timezones.zone_choices(states)
        field = self.fields["zone"]
        field.choices = choices  # type: ignore[attr-defined]
        field.initial = choices[0][0]
        names = [name for name in self.fields if name != "zone"]
        at = names.index(self.zoned_fields[0]) if self.zoned_fields else 0
        self.order_fields([*names[:at], "zone", *names[at:]])

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        zone = cleaned.pop("zone", "") or None  # empty: the viewer's own zone
        for name in self.zoned_fields:
            typed = cleaned.get(name)
            if isinstance(typed, datetime) and timezone.is_naive(typed):
                try:
                    cleaned[name] = timezones.make_aware_in(typed, zone)
                except ValidationError as exc:
                    self.add_error(name, exc)
        return cleaned
