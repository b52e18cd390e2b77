"""Meetings' typed times are read in the zone chosen beside them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from secretariat.meetings import services

pytestmark = pytest.mark.django_db


def test_minutes_deadline_in_a_chosen_zone(client, world, meeting):
    """The secretariat in UTC gives the approval deadline as Tokyo reads it."""
    services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    services.session_close(actor=world.chair, meeting=meeting)
    minutes = services.minutes_generate(actor=world.secretariat, meeting=meeting)
    client.force_login(world.secretariat)  # in UTC
    client.post(
        f"/meetings/{meeting.pk}/minutes/",
        {"action": "circulate", "deadline": "2030-03-20T18:30", "zone": "Asia/Tokyo"},
    )
    minutes.refresh_from_db()
    assert minutes.deadline == datetime(2030, 3, 20, 9, 30, tzinfo=UTC)


def test_reschedule_form_and_edit_form_name_their_zone(client, world, meeting):
    services.meeting_postpone(actor=world.secretariat, meeting=meeting)
    client.force_login(world.secretariat)
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert 'id="rs-zone"' in html
    assert 'id="preview-reschedule"' in html
    assert 'id="preview-edit"' in html
    client.post(
        f"/meetings/{meeting.pk}/do/reschedule/",
        {"starts_at": "2030-04-01T09:00", "ends_at": "2030-04-01T11:00", "zone": "Asia/Almaty"},
    )
    meeting.refresh_from_db()
    assert meeting.starts_at == datetime(2030, 4, 1, 4, 0, tzinfo=UTC)
