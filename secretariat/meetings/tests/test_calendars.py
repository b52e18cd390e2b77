"""iCalendar feeds, read back with a second, independent parser (vobject)."""

from __future__ import annotations

import zoneinfo
from datetime import UTC, datetime

import pytest
import vobject

from secretariat.meetings import services
from secretariat.meetings.models import CalendarToken


def _events(body: bytes) -> list:
    calendar = vobject.readOne(body.decode())
    return list(getattr(calendar, "vevent_list", []))


def test_meeting_ics_has_right_instant_and_vtimezone(client, world, meeting):
    meeting.host_state = world.tm.state
    meeting.venue = "Ashgabat"
    meeting.save()
    response = client.get(f"/meetings/{meeting.pk}/meeting.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    assert b"BEGIN:VTIMEZONE" in body
    assert b"TZID:Asia/Ashgabat" in body
    (event,) = _events(body)
    start = event.dtstart.value
    assert start.astimezone(UTC) == datetime(2030, 3, 4, 5, 0, tzinfo=UTC)
    assert start.utcoffset().total_seconds() == 5 * 3600  # Ashgabat wall clock, 10:00
    assert event.dtend.value.astimezone(UTC) == datetime(2030, 3, 4, 7, 0, tzinfo=UTC)
    assert "8th meeting of the Foreign Ministers" in event.summary.value
    assert event.uid.value == f"meeting-{meeting.pk}@meetings.secretariat"
    assert event.status.value == "CONFIRMED"


def test_meeting_without_host_is_in_utc(client, world, meeting):
    (event,) = _events(client.get(f"/meetings/{meeting.pk}/meeting.ics").content)
    assert event.dtstart.value == datetime(2030, 3, 4, 5, 0, tzinfo=UTC).astimezone(
        event.dtstart.value.tzinfo
    )
    assert event.dtstart.value.utcoffset().total_seconds() == 0


def test_public_feed_lists_only_public_announced_meetings(client, world, meeting):
    hidden = services.meeting_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="expert_group",
        mode="online",
        starts_at=datetime(2030, 5, 1, 5, tzinfo=UTC),
        ends_at=datetime(2030, 5, 1, 6, tzinfo=UTC),
    )
    services.meeting_announce(actor=world.secretariat, meeting=hidden)  # not public
    services.meeting_create(  # public but still planned
        actor=world.secretariat,
        fmt=world.fmt,
        kind="summit",
        mode="in_person",
        is_public=True,
        starts_at=datetime(2030, 6, 1, 5, tzinfo=UTC),
        ends_at=datetime(2030, 6, 1, 6, tzinfo=UTC),
    )
    events = _events(client.get("/formats/caj/meetings.ics").content)
    assert [e.uid.value for e in events] == [f"meeting-{meeting.pk}@meetings.secretariat"]


def test_personal_feed_by_token_with_link_only_where_registered(client, world, meeting):
    services.meeting_set_conference(actor=world.secretariat, meeting=meeting, provider="jitsi")
    meeting.refresh_from_db()
    other = services.meeting_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="expert_group",
        mode="online",
        starts_at=datetime(2030, 5, 1, 5, tzinfo=UTC),
        ends_at=datetime(2030, 5, 1, 6, tzinfo=UTC),
    )
    token = services.calendar_token_get(user=world.head_kz).token
    body = client.get(f"/meetings/calendar/{token}.ics").content
    uids = {e.uid.value for e in _events(body)}
    assert uids == {
        f"meeting-{meeting.pk}@meetings.secretariat",
        f"meeting-{other.pk}@meetings.secretariat",
    }
    assert meeting.conference_url.encode() not in body  # not registered yet
    services.participant_register(
        actor=world.head_kz, meeting=meeting, delegation=world.kz, name="", user=world.head_kz
    )
    body = client.get(f"/meetings/calendar/{token}.ics").content
    assert meeting.conference_url in body.decode().replace("\r\n ", "")


def test_personal_feed_of_observer_and_outsider(client, world, meeting):
    observer_token = services.calendar_token_get(user=world.observer).token
    assert len(_events(client.get(f"/meetings/calendar/{observer_token}.ics").content)) == 1
    outsider_token = services.calendar_token_get(user=world.outsider).token
    assert _events(client.get(f"/meetings/calendar/{outsider_token}.ics").content) == []


def test_unknown_or_reset_token_is_404(client, world):
    assert client.get("/meetings/calendar/not-a-token.ics").status_code == 404
    old = services.calendar_token_get(user=world.head_kz).token
    services.calendar_token_reset(user=world.head_kz)
    assert client.get(f"/meetings/calendar/{old}.ics").status_code == 404
    assert CalendarToken.objects.count() == 1


def test_cancelled_meeting_is_marked_cancelled(client, world, meeting):
    services.meeting_cancel(actor=world.secretariat, meeting=meeting)
    (event,) = _events(client.get(f"/meetings/{meeting.pk}/meeting.ics").content)
    assert event.status.value == "CANCELLED"


@pytest.mark.parametrize("zone", ["Asia/Tokyo", "Asia/Almaty", "America/New_York"])
def test_vtimezone_matches_tz_database(client, world, meeting, zone):
    world.jp.state.time_zone = zone
    world.jp.state.save()
    meeting.host_state = world.jp.state
    meeting.save()
    (event,) = _events(client.get(f"/meetings/{meeting.pk}/meeting.ics").content)
    expected = meeting.starts_at.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset()
    assert event.dtstart.value.utcoffset() == expected
