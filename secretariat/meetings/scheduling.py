"""Scheduling help: start times within working hours in every member capital at once.

Offsets come from the tz database (zoneinfo), evaluated on each candidate day, so daylight
saving and Kazakhstan's 2024 move to one zone are right without any hard-coded offset.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

WORKDAY_START = time(9, 0)
WORKDAY_END = time(18, 0)
STEP = timedelta(minutes=30)


@dataclass(frozen=True)
class Slot:
    starts_at: datetime  # UTC
    ends_at: datetime
    local: dict[str, datetime]  # zone -> local start


def _fits(start: datetime, end: datetime, zone: zoneinfo.ZoneInfo) -> bool:
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    if local_start.date() != local_end.date() and local_end.time() != time(0, 0):
        return False
    if local_start.weekday() >= 5:  # Saturday, Sunday
        return False
    end_time = local_end.time() if local_end.date() == local_start.date() else time(23, 59, 59)
    return local_start.time() >= WORKDAY_START and end_time <= WORKDAY_END


def candidate_slots(
    zones: list[str],
    *,
    duration: timedelta,
    start_on: date,
    days: int = 21,
    limit: int = 60,
) -> list[Slot]:
    """Start times (every 30 minutes, UTC) from `start_on` for `days` days at which a
    meeting of `duration` starts and ends within 9:00-18:00 on a weekday in every zone."""
    if duration <= timedelta(0) or duration > timedelta(hours=9):
        raise ValueError("duration must be between a minute and nine hours")
    tzs = [zoneinfo.ZoneInfo(z) for z in dict.fromkeys(zones)]
    slots: list[Slot] = []
    moment = datetime.combine(start_on, time(0, 0), tzinfo=UTC)
    stop = moment + timedelta(days=days)
    while moment < stop and len(slots) < limit:
        end = moment + duration
        if all(_fits(moment, end, tz) for tz in tzs):
            slots.append(Slot(moment, end, {tz.key: moment.astimezone(tz) for tz in tzs}))
        moment += STEP
    return slots
