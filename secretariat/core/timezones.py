"""Time zones from the tz database (zoneinfo + tzdata); never hard-coded offsets."""

from __future__ import annotations

import functools
import zoneinfo
from datetime import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


@functools.cache
def available_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def validate_time_zone(value: str) -> None:
    if value not in available_time_zones():
        raise ValidationError(
            _("“%(value)s” is not a time zone of the tz database (e.g. Asia/Tokyo)."),
            code="invalid_time_zone",
            params={"value": value},
        )


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
