"""Two people acting on one meeting at the same instant never lose an update: threads
with their own database connections, on PostgreSQL (SQLite serialises writers)."""

from __future__ import annotations

from secretariat.core.errors import ConflictError
from secretariat.meetings import services
from secretariat.meetings.models import Meeting, Speaker
from tests.support.concurrency import POSTGRES_CONCURRENCY, run_together

pytestmark = POSTGRES_CONCURRENCY


def test_two_delegations_ask_at_once_both_are_listed(world, in_session):
    services.speakers_set_open(actor=world.chair, meeting=in_session, is_open=True)
    fresh = lambda: Meeting.objects.get(pk=in_session.pk)  # noqa: E731
    results = run_together(
        lambda: services.floor_request(actor=world.head_kz, meeting=fresh(), delegation=world.kz),
        lambda: services.floor_request(
            actor=world.delegate_tm, meeting=fresh(), delegation=world.tm
        ),
    )
    assert all(isinstance(r, Speaker) for r in results), results
    assert Speaker.objects.filter(status="waiting").count() == 2


def test_same_delegation_twice_at_once_is_listed_once(world, in_session):
    services.speakers_set_open(actor=world.chair, meeting=in_session, is_open=True)
    fresh = lambda: Meeting.objects.get(pk=in_session.pk)  # noqa: E731
    results = run_together(
        lambda: services.floor_request(actor=world.head_kz, meeting=fresh(), delegation=world.kz),
        lambda: services.floor_request(
            actor=world.delegate_kz, meeting=fresh(), delegation=world.kz
        ),
    )
    assert sum(isinstance(r, Speaker) for r in results) == 1
    assert sum(isinstance(r, ConflictError) for r in results) == 1
    assert Speaker.objects.count() == 1


def test_two_edits_of_the_same_version_one_wins_one_is_told(world, meeting):
    version = meeting.version
    results = run_together(
        lambda: services.meeting_update(
            actor=world.secretariat, meeting=meeting, expected_version=version, venue="Tokyo"
        ),
        lambda: services.meeting_update(
            actor=world.secretariat, meeting=meeting, expected_version=version, venue="Astana"
        ),
    )
    assert sum(isinstance(r, Meeting) for r in results) == 1
    assert sum(isinstance(r, ConflictError) for r in results) == 1
    meeting.refresh_from_db()
    assert meeting.version == version + 1


def test_two_chairs_give_the_floor_at_once_one_speaker(world, in_session):
    services.speakers_set_open(actor=world.chair, meeting=in_session, is_open=True)
    services.floor_request(actor=world.head_kz, meeting=in_session, delegation=world.kz)
    services.floor_request(actor=world.delegate_tm, meeting=in_session, delegation=world.tm)
    run_together(
        lambda: services.floor_give(actor=world.chair, meeting=in_session),
        lambda: services.floor_give(actor=world.secretariat, meeting=in_session),
    )
    assert Speaker.objects.filter(status="speaking").count() == 1
    assert Speaker.objects.filter(status="done").count() == 1


def test_ten_first_visits_of_the_calendar_page_at_once_get_one_address(world):
    from django.test import Client

    from secretariat.meetings.models import CalendarToken

    clients = []
    for _n in range(10):
        client = Client()
        client.force_login(world.head_kz)
        clients.append(client)
    responses = run_together(*[lambda c=c: c.get("/meetings/calendar/") for c in clients])
    assert [getattr(r, "status_code", r) for r in responses] == [200] * 10
    token = CalendarToken.objects.get(user=world.head_kz).token
    assert all(token in r.content.decode() for r in responses)


def test_two_resets_at_once_leave_one_working_address(world):
    from secretariat.meetings.models import CalendarToken

    services.calendar_token_get(user=world.head_kz)
    results = run_together(
        lambda: services.calendar_token_reset(user=world.head_kz),
        lambda: services.calendar_token_reset(user=world.head_kz),
    )
    assert all(isinstance(r, CalendarToken) for r in results), results
    assert CalendarToken.objects.filter(user=world.head_kz).count() == 1
