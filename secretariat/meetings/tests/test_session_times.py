"""The session's record keeps its true times: opening long before the scheduled start asks
for confirmation (page: a confirm step; API: an explicit flag), and the actual opening
and closing are recorded and shown with their dates."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from secretariat.meetings import services
from secretariat.meetings.services.session import EarlyOpening
from secretariat.meetings.tests.support import unchanged


def test_opening_hours_early_is_refused_without_confirmation(world, meeting):
    with unchanged(meeting):
        try:
            services.session_open(actor=world.chair, meeting=meeting)
        except EarlyOpening as exc:
            message = str(exc)
        else:
            raise AssertionError("opened early without confirmation")
    assert "scheduled to open on" in message
    assert "05:00 UTC" in message
    opened = services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    assert opened.status == "in_session"
    assert opened.opened_at is not None


def test_opening_on_time_needs_no_confirmation(world, meeting):
    soon = timezone.now() + timedelta(minutes=30)
    meeting = services.meeting_update(
        actor=world.secretariat, meeting=meeting, starts_at=soon, ends_at=soon + timedelta(hours=2)
    )
    assert services.session_open(actor=world.chair, meeting=meeting).status == "in_session"


def test_the_api_asks_for_the_explicit_flag(client, world, meeting):
    client.force_login(world.chair)
    url = f"/api/meetings/{meeting.pk}/session/open"
    with unchanged(meeting):
        refused = client.post(url, data="{}", content_type="application/json")
        assert client.post(url).status_code == 409  # no body needed
    assert refused.status_code == 409
    assert "Confirm" in refused.json()["detail"]
    opened = client.post(f"{url}?confirm_early=true")
    assert opened.json()["status"] == "in_session"


def test_the_page_asks_in_a_confirm_step(client, world, meeting):
    client.force_login(world.chair)
    url = f"/meetings/{meeting.pk}/do/open/"
    console = client.get(f"/meetings/{meeting.pk}/live/").content.decode()
    assert 'data-confirm-field="confirm_early"' in console
    with unchanged(meeting):
        step = client.post(url, {"next": f"/meetings/{meeting.pk}/live/"})
        assert step.status_code == 409
        assert 'name="confirm_early" value="1"' in step.content.decode()
        assert client.post(url, HTTP_HX_REQUEST="true").status_code == 409
    confirmed = client.post(url, {"confirm_early": "1", "next": f"/meetings/{meeting.pk}/live/"})
    assert confirmed.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "in_session"
