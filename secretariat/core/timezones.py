"""Time zones from the tz database (zoneinfo + tzdata); never hard-coded offsets.

Every time a person reads is one stored UTC instant shown in a named zone and labelled
with it: `format_instant` is the one function that turns an instant into words (pages
through the `{% when %}` tag, e-mails, exports), and `parse_local` the one that turns a
typed wall-clock time in a chosen zone back into an instant.
"""

from __future__ import annotations

import functools
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

Style = Literal["datetime", "date", "time", "weekday", "day", "month"]

#: One pattern per style, looked up in the active language's format module
#: (secretariat/core/formats/<lang>/formats.py), so every page, mail and export agrees.
STYLE_FORMATS: dict[str, str] = {
    "datetime": "DATETIME_FORMAT",
    "date": "DATE_FORMAT",
    "time": "TIME_FORMAT",
    "month": "YEAR_MONTH_FORMAT",
}
UNLABELLED_STYLES = frozenset({"date", "weekday", "day", "month"})


@functools.cache
def available_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in available_time_zones():
        raise ValidationError(
            gettext_lazy("“%(value)s” is not a time zone of the tz database (e.g. Asia/Tokyo)."),
            code="invalid_time_zone",
            params={"value": value},
        )


def zone_of(value: object = None) -> tzinfo:
    """The zone named by `value`: a tz database name, a tzinfo, anything with a `time_zone`
    attribute (a state, a person), or None for the zone of the person viewing."""
    if value is None or value == "":
        return timezone.get_current_timezone()
    if isinstance(value, tzinfo):
        return value
    name = str(getattr(value, "time_zone", value))
    if name not in available_time_zones():
        raise ValueError(f"not a time zone of the tz database: {name!r}")
    return zoneinfo.ZoneInfo(name)


def zone_name(zone: tzinfo) -> str:
    return str(getattr(zone, "key", None) or zone.tzname(None) or "UTC")


def local_time(zone_name: str, at: datetime | None = None) -> datetime:
    """The instant `at` (default: now) as wall-clock time in the named zone."""
    return (at or timezone.now()).astimezone(zoneinfo.ZoneInfo(zone_name))


def utc_offset_label(moment: datetime) -> str:
    """“UTC+9”, “UTC+5:30”, “UTC” for an aware datetime."""
    offset = moment.utcoffset()
    if offset is None or not offset:
        return "UTC"
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours}" + (f":{mins:02d}" if mins else "")


def zone_label(moment: datetime) -> str:
    """How a time says its zone: “JST (UTC+9)”, “EST (UTC-5)”, “UTC+5”, “UTC”.

    The tz database's abbreviation is shown only where it is a name (JST, EDT, CET); many
    zones have none ("+05"), and the offset always follows, so the label is unambiguous.
    """
    offset = utc_offset_label(moment)
    abbreviation = moment.tzname() or ""
    if abbreviation in ("UTC", "Z") or not (abbreviation.isalpha() and abbreviation.isupper()):
        return offset
    return f"{abbreviation} ({offset})"


def iso_utc(moment: datetime) -> str:
    """The machine-readable instant for `<time datetime>` and feeds: 2026-12-22T05:00:00Z."""
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def _pattern(style: str, moment: datetime) -> str:
    if style == "weekday":
        return formats.date_format(moment, "D")
    if style == "day":
        return formats.date_format(moment, "j")
    return formats.date_format(moment, STYLE_FORMATS[style])


def _range(start: datetime, end: datetime, style: str, label: bool) -> str:
    if style == "date":
        first_day = _pattern("date", start)
        return first_day if start.date() == end.date() else f"{first_day} – {_pattern('date', end)}"
    same_day = start.date() == end.date()
    head = _pattern(style, start)
    tail = _pattern("time" if same_day else "datetime", end)  # across midnight: both dates
    joined = f"{head}–{tail}" if same_day else f"{head} – {tail}"
    if not label:
        return joined
    first, second = zone_label(start), zone_label(end)
    if first != second:  # the clocks change in between
        return f"{head} {first} – {tail} {second}"
    return f"{joined} {first}"


def format_instant(
    moment: datetime,
    zone: object = None,
    *,
    style: Style = "datetime",
    until: datetime | None = None,
    label: bool = True,
    language: str | None = None,
) -> str:
    """The instant as people read it, in `zone` (default: the viewer's) and in the active
    language (or `language`): “22 December 2026, 14:00 JST (UTC+9)”. With `until`, a span:
    “22 December 2026, 14:00–16:00 JST (UTC+9)”. Dates, weekdays and months carry no label.

    Exports and e-mails call this too, so a deadline reads the same on the page, in the
    mail and on paper.
    """
    if timezone.is_naive(moment):
        raise ValueError("an instant needs its zone: stored times are aware (UTC)")
    if language:
        with translation.override(language):
            return format_instant(moment, zone, style=style, until=until, label=label)
    tz = zone_of(zone)
    local = moment.astimezone(tz)
    if until is not None:
        return _range(local, until.astimezone(tz), style, label)
    text = _pattern(style, local)
    if label and style not in UNLABELLED_STYLES:
        text = f"{text} {zone_label(local)}"
    return text


# --- typed times --------------------------------------------------------------------------

INPUT_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S")


def make_aware_in(naive: datetime, zone: object) -> datetime:
    """A wall-clock time in `zone` as an instant (UTC). A time the clocks skip, or one they
    pass twice, is refused: a deadline must name one instant."""
    tz = zone_of(zone)
    name = zone_name(tz)
    shown = naive.isoformat(sep=" ", timespec="minutes")
    try:
        aware = naive.replace(tzinfo=tz)
        instant = aware.astimezone(UTC)
        back = instant.astimezone(tz).replace(tzinfo=None)
        other = naive.replace(tzinfo=tz, fold=1).astimezone(UTC)
    except OverflowError as exc:
        raise ValidationError(
            _("%(time)s is out of range for %(zone)s.") % {"time": shown, "zone": name},
            code="out_of_range",
        ) from exc
    if back != naive:
        raise ValidationError(
            _("%(time)s does not exist in %(zone)s: the clocks move forward then.")
            % {"time": shown, "zone": name},
            code="nonexistent_time",
        )
    if other != instant:
        raise ValidationError(
            _("%(time)s happens twice in %(zone)s: the clocks go back then. Choose another time.")
            % {"time": shown, "zone": name},
            code="ambiguous_time",
        )
    return instant


def parse_local(value: str, zone: object) -> datetime:
    """A date and time as typed (`2026-12-22T14:00`, as a datetime-local field sends it),
    read in the named zone, as an instant. A value with its own offset keeps it."""
    value = (value or "").strip()
    if isinstance(zone, str) and zone and zone not in available_time_zones():
        raise ValidationError(
            _("“%(value)s” is not a time zone of the tz database (e.g. Asia/Tokyo).")
            % {"value": zone},
            code="invalid_time_zone",
        )
    if not value:
        raise ValidationError(_("Give a date and time."), code="required")
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None:
        for pattern in INPUT_FORMATS:
            try:
                moment = datetime.strptime(value, pattern)  # noqa: DTZ007 - zone applied below
                break
            except ValueError:
                continue
    if moment is None:
        raise ValidationError(
            _("Give the date and time as YYYY-MM-DD HH:MM (e.g. 2026-12-22 14:00)."),
            code="invalid",
        )
    if timezone.is_aware(moment):
        return moment.astimezone(UTC)
    return make_aware_in(moment, zone)


# --- many zones at once -------------------------------------------------------------------


@dataclass(frozen=True)
class CapitalTime:
    """An instant (or a span) in one state's capital."""

    state: Any
    capital: str
    state_name: str
    time_zone: str
    local: datetime
    local_end: datetime | None
    label: str


def capital_times(
    moment: datetime, states: Iterable[Any], *, until: datetime | None = None
) -> list[CapitalTime]:
    """`moment` in each state's capital (objects with `capital`, `name` or `state_name`,
    `time_zone`), west to east, each with its own zone label."""
    rows = []
    for state in states:
        tz = zone_of(state.time_zone)
        local = moment.astimezone(tz)
        rows.append(
            CapitalTime(
                state=state,
                capital=str(state.capital),
                state_name=str(getattr(state, "name", None) or getattr(state, "state_name", "")),
                time_zone=str(state.time_zone),
                local=local,
                local_end=until.astimezone(tz) if until else None,
                label=zone_label(local),
            )
        )
    return sorted(rows, key=lambda r: (r.local.utcoffset() or timedelta(), r.state_name))


def zone_choices(states: Iterable[Any] = (), *, viewer: object = None) -> list[tuple[str, str]]:
    """The zones a time may be typed in: the viewer's own, UTC, and each capital's."""
    own = zone_name(zone_of(viewer))
    choices: dict[str, str] = {own: _("%(zone)s (your time zone)") % {"zone": own}}
    choices.setdefault("UTC", "UTC")
    for state in sorted(states, key=lambda s: str(s.capital)):
        name = str(state.time_zone)
        choices.setdefault(name, f"{name} — {state.capital}")
    return list(choices.items())


def zone_abbreviations(zone: object, around: datetime | None = None) -> dict[str, str]:
    """Offset (minutes, as text) -> abbreviation of the zone over the year around `around`,
    for scripts that format a new instant the way the server does (JS has no tz names)."""
    tz = zone_of(zone)
    start = around or timezone.now()
    names: dict[str, str] = {}
    for week in range(-26, 27, 2):
        local = (start + timedelta(weeks=week)).astimezone(tz)
        offset = local.utcoffset() or timedelta()
        names.setdefault(str(int(offset.total_seconds() // 60)), zone_label(local))
    return names
