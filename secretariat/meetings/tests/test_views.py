from __future__ import annotations

import pytest

from secretariat.meetings import services
from secretariat.meetings.models import Meeting, Speaker
from tests.support.queries import query_count


def test_meeting_list_page(client, world, meeting):
    response = client.get("/formats/caj/meetings/")
    assert response.status_code == 200
    assert "8th meeting of the Foreign Ministers" in response.content.decode()
    assert "Plan a meeting" not in response.content.decode()


def test_secretariat_plans_from_the_page(client, world):
    client.force_login(world.secretariat)
    page = client.get("/formats/caj/meetings/?duration=120&start=2026-03-02")
    assert "Plan a meeting" in page.content.decode()
    assert "Find a time" in page.content.decode()
    response = client.post(
        "/formats/caj/meetings/new/",
        {
            "kind": "senior_officials",
            "mode": "online",
            "number": "3",
            "starts_at": "2030-02-02T10:00",
            "ends_at": "2030-02-02T12:00",
        },
    )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{meeting.pk}/"
    bad = client.post(
        "/formats/caj/meetings/new/",
        {
            "kind": "senior_officials",
            "mode": "online",
            "number": "3",
            "starts_at": "2030-02-02T10:00",
            "ends_at": "2030-02-02T12:00",
        },
    )
    assert bad.status_code == 422
    assert Meeting.objects.count() == 1


def test_only_secretariat_posts_plans(client, world):
    client.force_login(world.chair)
    response = client.post("/formats/caj/meetings/new/", {"kind": "summit"})
    assert response.status_code == 403
    assert not Meeting.objects.exists()


def test_meeting_page_shows_times_in_each_capital(client, world, meeting):
    client.force_login(world.head_kz)
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "14:00" in html  # Tokyo
    assert "10:00" in html  # Astana and Ashgabat
    assert "Register a participant" in html


@pytest.mark.parametrize("who", ["delegate_kz", "observer", "anonymous"])
def test_video_link_not_on_page_for_unregistered(client, world, meeting, who):
    services.meeting_set_conference(actor=world.secretariat, meeting=meeting, provider="jitsi")
    meeting.refresh_from_db()
    if who != "anonymous":
        client.force_login(getattr(world, who))
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert meeting.conference_url not in html
    assert "The link is for registered participants" in html


def test_registered_participant_sees_video_link(client, world, meeting):
    services.meeting_set_conference(actor=world.secretariat, meeting=meeting, provider="jitsi")
    meeting.refresh_from_db()
    client.force_login(world.delegate_kz)
    response = client.post(
        f"/meetings/{meeting.pk}/do/register/",
        {
            "delegation": world.kz.pk,
            "name": world.delegate_kz.full_name,
            "function": "Counsellor",
        },
    )
    assert response.status_code == 302
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert meeting.conference_url in html


@pytest.mark.parametrize("who", ["observer", "observer_state_delegate", "anonymous"])
def test_internal_record_not_on_page(client, world, in_session, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    html = client.get(f"/meetings/{in_session.pk}/").content.decode()
    assert world.head_kz.full_name not in html
    assert "Participants" not in html
    response = client.get(f"/meetings/{in_session.pk}/live/")
    assert response.status_code == 302
    assert response["Location"] == f"/meetings/{in_session.pk}/outcomes/"


def test_planned_meeting_is_404_for_the_public(client, world):
    from datetime import UTC, datetime

    meeting = services.meeting_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="summit",
        mode="online",
        is_public=True,
        starts_at=datetime(2030, 1, 1, tzinfo=UTC),
        ends_at=datetime(2030, 1, 1, 1, tzinfo=UTC),
    )
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404
    assert client.get(f"/meetings/{meeting.pk}/meeting.ics").status_code == 404
    client.force_login(world.observer)
    assert client.get(f"/meetings/{meeting.pk}/").status_code == 404


def test_console_and_htmx_actions(client, world, in_session):
    client.force_login(world.chair)
    html = client.get(f"/meetings/{in_session.pk}/live/").content.decode()
    assert "Give the floor to the next speaker" in html
    assert 'id="live-initial"' in html
    response = client.post(f"/meetings/{in_session.pk}/do/speakers-open/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    client.force_login(world.head_kz)
    html = client.get(f"/meetings/{in_session.pk}/live/").content.decode()
    assert "Request the floor for Kazakhstan" in html
    assert "Give the floor to the next speaker" not in html
    response = client.post(
        f"/meetings/{in_session.pk}/do/request-floor/",
        {"delegation": world.kz.pk},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    again = client.post(
        f"/meetings/{in_session.pk}/do/request-floor/",
        {"delegation": world.kz.pk},
        HTTP_HX_REQUEST="true",
    )
    assert again.status_code == 409
    assert "already on the list" in again.content.decode()
    denied = client.post(f"/meetings/{in_session.pk}/do/give-floor/", HTTP_HX_REQUEST="true")
    assert denied.status_code == 403
    client.force_login(world.chair)
    given = client.post(f"/meetings/{in_session.pk}/do/give-floor/")
    assert given.status_code == 302
    assert Speaker.objects.get().status == "speaking"
    assert client.post(f"/meetings/{in_session.pk}/do/nonsense/").status_code == 404


def test_roll_call_from_the_page(client, world, in_session):
    client.force_login(world.chair)
    jp = in_session.participants.get(delegation=world.jp)
    client.post(f"/meetings/{in_session.pk}/do/roll-call/", {f"present_{jp.pk}": "on"})
    assert set(in_session.participants.filter(present=True).values_list("pk", flat=True)) == {jp.pk}


def test_lifecycle_buttons(client, world, meeting):
    client.force_login(world.secretariat)
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Postpone" in html
    client.post(f"/meetings/{meeting.pk}/do/postpone/")
    meeting.refresh_from_db()
    assert meeting.status == "postponed"
    client.post(
        f"/meetings/{meeting.pk}/do/reschedule/",
        {
            "starts_at": "2030-05-01T10:00",
            "ends_at": "2030-05-01T11:00",
        },
    )
    meeting.refresh_from_db()
    assert meeting.status == "announced"


def test_agenda_from_the_page(client, world, meeting):
    client.force_login(world.secretariat)
    client.post(f"/meetings/{meeting.pk}/do/agenda-add/", {"title": "AOB", "kind": "information"})
    item = meeting.agenda_items.get(title="AOB")
    client.post(f"/meetings/{meeting.pk}/do/agenda-move/", {"item": item.pk, "position": 1})
    item.refresh_from_db()
    assert item.position == 1
    client.post(f"/meetings/{meeting.pk}/do/agenda-remove/", {"item": item.pk})
    assert not meeting.agenda_items.filter(title="AOB").exists()


def test_minutes_pages(client, world, in_session):
    closed = services.session_close(actor=world.chair, meeting=in_session)
    url = f"/meetings/{closed.pk}/minutes/"
    client.force_login(world.observer)
    assert client.get(url).status_code == 403
    client.force_login(world.secretariat)
    client.post(url, {"action": "generate"})
    html = client.get(url).content.decode()
    assert "Took the floor" in html or "No delegation took the floor" in html
    client.post(url, {"action": "circulate", "deadline": "2099-01-01T10:00"})
    client.force_login(world.head_kz)
    client.post(
        url,
        {
            "action": "respond",
            "delegation": world.kz.pk,
            "kind": "comment",
            "text": "Please add our minister's name.",
        },
    )
    assert "Please add our minister" in client.get(url).content.decode()
    client.force_login(world.observer)
    assert client.get(url).status_code == 403


def test_statement_page_and_outcomes(client, world, in_session):
    closed = services.session_close(actor=world.chair, meeting=in_session)
    client.force_login(world.secretariat)
    client.post(f"/meetings/{closed.pk}/statement/", {"action": "generate"})
    client.logout()
    assert client.get(f"/meetings/{closed.pk}/statement/").status_code == 403
    client.force_login(world.secretariat)
    client.post(f"/meetings/{closed.pk}/statement/", {"action": "publish"})
    client.logout()
    assert client.get(f"/meetings/{closed.pk}/statement/").status_code == 200
    outcomes = client.get(f"/meetings/{closed.pk}/outcomes/").content.decode()
    assert "Read the statement" in outcomes


def test_my_calendar_page(client, world, meeting):
    assert client.get("/meetings/calendar/").status_code == 302
    client.force_login(world.head_kz)
    html = client.get("/meetings/calendar/").content.decode()
    assert "/meetings/calendar/" in html
    assert ".ics" in html
    old = world.head_kz.meeting_calendar.token
    client.post("/meetings/calendar/")
    world.head_kz.refresh_from_db()
    assert world.head_kz.meeting_calendar.token != old


def test_pages_in_russian_and_japanese(client, world, meeting):
    client.force_login(world.head_kz)
    ru = client.get(f"/meetings/{meeting.pk}/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    assert "Повестка дня" in ru
    ja = client.get("/formats/caj/meetings/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "第8回外相会合" in ja


def test_meeting_page_queries_do_not_grow_with_the_meeting(client, world, in_session):
    from secretariat.formats.tests.factories import DelegationMemberFactory

    client.force_login(world.secretariat)
    pages = (
        f"/meetings/{in_session.pk}/",
        f"/meetings/{in_session.pk}/live/",
        "/formats/caj/meetings/",
    )

    def counts() -> list[int]:
        return [query_count(lambda page=page: client.get(page)) for page in pages]

    small = counts()
    for n in range(15):
        person = DelegationMemberFactory(delegation=world.kz, role="expert").user
        services.participant_register(
            actor=world.head_kz, meeting=in_session, delegation=world.kz, name=f"P{n}", user=person
        )
    large = counts()
    assert all(client.get(page).status_code == 200 for page in pages)
    assert [big <= few for big, few in zip(large, small, strict=True)] == [True, True, True], (
        small,
        large,
    )


def test_edit_meeting_from_the_page_with_version(client, world, meeting):
    client.force_login(world.secretariat)
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Edit the meeting" in html
    data = {
        "kind": "foreign_ministers",
        "number": "8",
        "mode": "hybrid",
        "venue": "Tokyo",
        "starts_at": "2030-03-04T05:00",
        "ends_at": "2030-03-04T07:00",
        "speaking_time": "240",
        "version": str(meeting.version),
    }
    client.post(f"/meetings/{meeting.pk}/do/edit/", data)
    meeting.refresh_from_db()
    assert (meeting.venue, meeting.mode, meeting.speaking_time) == ("Tokyo", "hybrid", 240)
    stale = client.post(
        f"/meetings/{meeting.pk}/do/edit/", {**data, "venue": "Astana"}, follow=True
    )
    assert "Someone else changed" in stale.content.decode()
    meeting.refresh_from_db()
    assert meeting.venue == "Tokyo"
    client.force_login(world.chair)
    assert "Edit the meeting" not in client.get(f"/meetings/{meeting.pk}/").content.decode()
