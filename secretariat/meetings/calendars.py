"""iCalendar (RFC 5545) for meetings, with the `icalendar` library.

Each event carries its start and end in the zone of the host state's capital (or UTC for a
meeting without a host), with the matching VTIMEZONE built from the tz database, so every
calendar client shows the right instant and the organisers' local time.
"""

from __future__ import annotations

import zoneinfo
from collections.abc import Iterable
from datetime import UTC

from django.utils import timezone
from icalendar import Calendar, Event

from secretariat.meetings.models import Meeting, MeetingStatus

PRODID = "-//Secretariat//Meetings//EN"
UID_DOMAIN = "meetings.secretariat"


def meeting_zone(meeting: Meeting) -> zoneinfo.ZoneInfo:
    if meeting.host_state is not None:
        return zoneinfo.ZoneInfo(meeting.host_state.time_zone)
    return zoneinfo.ZoneInfo("UTC")


def _event(meeting: Meeting, *, base_url: str, with_link: bool) -> Event:
    zone = meeting_zone(meeting)
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{UID_DOMAIN}")
    event.add("dtstamp", timezone.now().astimezone(UTC))
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", f"{meeting.display_name} — {meeting.format.short_name}")
    location = ", ".join(
        part
        for part in [meeting.venue, str(meeting.host_state.name) if meeting.host_state else ""]
        if part
    ) or str(meeting.get_mode_display())
    event.add("location", location)
    url = f"{base_url}/meetings/{meeting.pk}/"
    event.add("url", url)
    description = [str(meeting.format.name), url]
    if with_link and meeting.conference_url:
        description.append(meeting.conference_url)
    event.add("description", "\n".join(description))
    event.add("sequence", meeting.version)
    event.add(
        "status",
        {
            MeetingStatus.CANCELLED: "CANCELLED",
            MeetingStatus.PLANNED: "TENTATIVE",
            MeetingStatus.POSTPONED: "TENTATIVE",
        }.get(MeetingStatus(meeting.status), "CONFIRMED"),
    )
    return event


def calendar_for(
    meetings: Iterable[Meeting], *, name: str, base_url: str, links_for: set[int] | None = None
) -> bytes:
    """A VCALENDAR of the meetings; `links_for` lists meetings whose video link may go in."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    for meeting in meetings:
        cal.add_component(
            _event(meeting, base_url=base_url, with_link=meeting.pk in (links_for or set()))
        )
    cal.add_missing_timezones()
    body: bytes = cal.to_ical()
    return body
