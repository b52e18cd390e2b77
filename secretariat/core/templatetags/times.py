"""Times in templates, all through `core.timezones.format_instant` (loaded with
`{% load secretariat %}`): no template formats a time by hand.

    {% when meeting.starts_at %}                  in the viewer's zone, labelled
    {% when deadline state %}                     in a state's capital (or "Asia/Tokyo")
    {% when starts until=ends %}                  a span
    {% when at zone style="time" %}               styles: datetime, date, time, weekday, day, month
    {{ doc.adopted_on|instant }}                  the same words without the <time> element
    {% capital_times_table deadline states %}     the instant in every capital
    {% time_zone_select "deadline_zone" fmt %}    the zone a typed time is in
    {% time_preview fmt "deadline" zone="deadline_zone" %}  live preview in every capital
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime, time
from typing import Any

from django import template
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import format_html, json_script
from django.utils.safestring import SafeString

from secretariat.core import timezones

register = template.Library()


def _instant_text(moment: Any, zone: object, style: str, until: Any, label: bool) -> str:
    return timezones.format_instant(
        moment,
        zone or None,
        style=style,  # type: ignore[arg-type]
        until=until or None,
        label=label,
    )


@register.simple_tag
def when(
    moment: Any,
    zone: object = None,
    *,
    style: str = "datetime",
    until: Any = None,
    label: bool = True,
) -> SafeString:
    """`<time datetime="…Z">22 December 2026, 14:00 JST (UTC+9)</time>`; empty for None.
    A calendar date (no time of day) prints in the date format, with no zone."""
    if moment is None or moment == "":
        return SafeString("")
    if isinstance(moment, date) and not isinstance(moment, datetime):
        return format_html(
            '<time datetime="{}">{}</time>',
            moment.isoformat(),
            formats.date_format(moment, "DATE_FORMAT"),
        )
    tz = timezones.zone_of(zone or None)
    return format_html(
        '<time datetime="{}" data-zone="{}">{}</time>',
        timezones.iso_utc(moment),
        timezones.zone_name(tz),
        _instant_text(moment, tz, style, until, label),
    )


@register.filter
def instant(moment: Any, zone: object = None) -> str:
    """The words of `{% when %}` as text, for `blocktranslate with` and attributes."""
    if moment is None or moment == "":
        return ""
    if isinstance(moment, date) and not isinstance(moment, datetime):
        return formats.date_format(moment, "DATE_FORMAT")
    return _instant_text(moment, zone, "datetime", None, True)


@register.simple_tag
def instant_now() -> datetime:
    """The present instant, for `{% instant_now as now %}{% when now %}`."""
    return timezone.now()


@register.simple_tag
def viewer_zone_label() -> str:
    """“Asia/Tokyo, JST (UTC+9)”: the zone the viewer's times are shown in, as of now."""
    now = timezone.localtime()
    return f"{timezones.zone_name(now.tzinfo or timezone.get_current_timezone())}, " + (
        timezones.zone_label(now)
    )


@register.inclusion_tag("core/includes/capital_times.html")
def capital_times_table(
    moment: datetime | None, states: Any, *, until: datetime | None = None, caption: str = ""
) -> dict[str, Any]:
    """The instant (or span) in every capital of `states` (states, or delegations)."""
    states = [getattr(s, "state", s) for s in states or []]
    rows = timezones.capital_times(moment, states, until=until) if moment else []
    return {"rows": rows, "caption": caption, "until": until}


def _member_states(fmt: Any) -> list[Any]:
    if fmt is None or fmt == "":
        return []
    from secretariat.formats.selectors import member_delegations

    return [d.state for d in member_delegations(fmt)]


@register.inclusion_tag("core/includes/time_zone_select.html")
def time_zone_select(
    name: str, fmt: Any = None, *, selected: str = "", label: str = "", field_id: str = ""
) -> dict[str, Any]:
    """The zone a typed time is in: the viewer's own (preselected), UTC, each capital's."""
    choices = timezones.zone_choices(_member_states(fmt))
    return {
        "name": name,
        "id": field_id or f"id_{name}",
        "choices": choices,
        "selected": selected or choices[0][0],
        "label": label,
    }


def _page_address(request: Any) -> str:
    """Where the form is: the page itself, also when htmx re-rendered part of it after an
    action (then the request went to the action's address, not the page's)."""
    if request is None:
        return ""
    return str(request.headers.get("HX-Current-URL") or request.get_full_path())


@register.inclusion_tag("core/includes/time_preview.html", takes_context=True)
def time_preview(
    context: template.Context,
    fmt: Any,
    field: str,
    *,
    zone: str = "zone",
    until: str = "",
    box: str = "",
) -> dict[str, Any]:
    """A “Preview in every capital” button and the box it fills: an htmx GET to the
    preview endpoint as the chair types; without JavaScript, a page of its own."""
    slug = getattr(fmt, "slug", fmt) or ""
    return {
        "url": reverse("core:time_preview"),
        "box_id": f"preview-{box or field}",
        "field": field,
        "zone": zone,
        "until": until,
        "format": slug,
        "back": _page_address(context.get("request")),
    }


@functools.lru_cache(maxsize=512)
def _when_config(language: str, zone_key: str, day: date) -> dict[str, Any]:
    """The script settings of one language and zone; they change at most once a day."""
    from django.utils.dateformat import format as date_pattern

    year = [datetime(2026, month, 1, 12, tzinfo=UTC) for month in range(1, 13)]
    week = [datetime(2026, 6, weekday, 12, tzinfo=UTC) for weekday in range(1, 8)]  # Mon..
    return {
        "zone": zone_key,
        "labels": timezones.zone_abbreviations(zone_key, datetime.combine(day, time(12), UTC)),
        "patterns": {
            name: str(formats.get_format(setting))
            for name, setting in timezones.STYLE_FORMATS.items()
        },
        "months": [date_pattern(m, "F") for m in year],
        "monthsGenitive": [date_pattern(m, "E") for m in year],
        "weekdays": [date_pattern(d, "D") for d in week],
    }


@register.simple_tag
def when_config() -> SafeString:
    """What scripts need to write a new instant as the server would (language patterns,
    month and weekday names, the viewer's zone and its labels), as a JSON script element."""
    zone = timezones.zone_name(timezone.get_current_timezone())
    config = _when_config(translation.get_language() or "en", zone, timezone.now().date())
    return json_script(config, "secretariat-when")


@register.inclusion_tag("core/includes/clock.html")
def clock(moment: datetime, zone: object, *, css: str = "clock") -> dict[str, Any]:
    """A capital's clock: time, weekday and zone label all in that capital's zone, right
    without JavaScript (app.js only ticks it on). The viewer's own clock is `own-clock`."""
    tz = timezones.zone_of(zone)
    local = moment.astimezone(tz)
    offset = local.utcoffset()
    return {
        "css": css,
        "zone": timezones.zone_name(tz),
        "iso": timezones.iso_utc(moment),
        "offset": int(offset.total_seconds() // 60) if offset else 0,
        "hm": timezones.format_instant(moment, tz, style="time", label=False),
        "weekday": timezones.format_instant(moment, tz, style="weekday"),
        "label": timezones.zone_label(local),
    }
