from __future__ import annotations

import json

import pytest

from secretariat.meetings import services
from secretariat.meetings.models import Meeting, Speaker


def post(client, url, data=None, method="post"):
    return getattr(client, method)(
        url, data=json.dumps(data or {}), content_type="application/json"
    )


PLAN = {
    "kind": "foreign_ministers",
    "number": 9,
    "mode": "hybrid",
    "starts_at": "2030-09-01T05:00:00Z",
    "ends_at": "2030-09-01T08:00:00Z",
    "host_state": "KZ",
    "venue": "Astana",
    "chair_state": "JP",
}


def test_secretariat_plans_and_reads_a_meeting(client, world):
    client.force_login(world.secretariat)
    response = post(client, "/api/formats/caj/meetings", PLAN)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["name"] == "9th meeting of the Foreign Ministers"
    assert data["status"] == "planned"
    capitals = {c["state"]: c for c in data["capitals"]}
    assert capitals["JP"]["utc_offset"] == "UTC+9"
    assert capitals["JP"]["starts"].startswith("2030-09-01T14:00:00+09:00")
    assert capitals["KZ"]["starts"].startswith("2030-09-01T10:00:00+05:00")


@pytest.mark.parametrize("who", ["chair", "head_kz", "observer"])
def test_others_cannot_plan(client, world, who):
    client.force_login(getattr(world, who))
    response = post(client, "/api/formats/caj/meetings", PLAN)
    assert response.status_code == 403
    assert "secretariat" in response.json()["detail"]
    assert not Meeting.objects.exists()


def test_anonymous_write_is_401(client, world):
    assert post(client, "/api/formats/caj/meetings", PLAN).status_code == 401


def test_bad_input_is_422_with_message(client, world):
    client.force_login(world.secretariat)
    bad = {**PLAN, "ends_at": "2030-09-01T04:00:00Z"}
    response = post(client, "/api/formats/caj/meetings", bad)
    assert response.status_code == 422
    assert "ends after it starts" in response.json()["detail"]
    response = post(client, "/api/formats/caj/meetings", {**PLAN, "host_state": "ZZ"})
    assert response.status_code == 422
    assert "Unknown state code" in response.json()["detail"]
    assert not Meeting.objects.exists()


def test_planned_meeting_is_404_for_observers_and_public(client, world):
    meeting = services.meeting_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="summit",
        mode="online",
        starts_at="2030-01-01T05:00Z",
        ends_at="2030-01-01T06:00Z",
    )
    assert client.get(f"/api/meetings/{meeting.pk}").status_code == 404
    assert client.get("/api/formats/caj/meetings").json() == []
    client.force_login(world.observer)
    assert client.get(f"/api/meetings/{meeting.pk}").status_code == 404
    client.force_login(world.delegate_tm)
    assert client.get(f"/api/meetings/{meeting.pk}").status_code == 200


def test_patch_with_stale_version_is_409(client, world, meeting):
    client.force_login(world.secretariat)
    url = f"/api/meetings/{meeting.pk}"
    ok = post(client, url, {"version": meeting.version, "venue": "Online"}, method="patch")
    assert ok.status_code == 200
    stale = post(client, url, {"version": meeting.version, "venue": "Tokyo"}, method="patch")
    assert stale.status_code == 409
    assert "Someone else changed" in stale.json()["detail"]


def test_transitions_and_unknown_transition(client, world, meeting):
    client.force_login(world.secretariat)
    response = post(client, f"/api/meetings/{meeting.pk}/transitions/postpone")
    assert response.json()["status"] == "postponed"
    response = post(client, f"/api/meetings/{meeting.pk}/transitions/fly")
    assert response.status_code == 422
    response = post(client, f"/api/meetings/{meeting.pk}/transitions/postpone")
    assert response.status_code == 409
    response = post(
        client,
        f"/api/meetings/{meeting.pk}/reschedule",
        {"starts_at": "2030-04-01T05:00Z", "ends_at": "2030-04-01T06:00Z"},
    )
    assert response.json()["status"] == "announced"


@pytest.mark.parametrize("who", ["delegate_kz", "observer", "anonymous", "outsider"])
def test_video_link_hidden_from_unregistered(client, world, meeting, who):
    services.meeting_set_conference(actor=world.secretariat, meeting=meeting, provider="jitsi")
    if who != "anonymous":
        client.force_login(getattr(world, who))
    data = client.get(f"/api/meetings/{meeting.pk}").json()
    assert data["conference_url"] is None
    assert data["may_see_conference_link"] is False
    assert client.get(f"/api/meetings/{meeting.pk}/conference").status_code in (401, 403)


def test_video_link_for_registered_participant(client, world, meeting):
    client.force_login(world.secretariat)
    link = post(client, f"/api/meetings/{meeting.pk}/conference", {"provider": "jitsi"}).json()
    client.force_login(world.delegate_kz)
    response = post(
        client,
        f"/api/meetings/{meeting.pk}/participants",
        {"delegation_id": world.kz.pk, "user_email": world.delegate_kz.email},
    )
    assert response.status_code == 201
    data = client.get(f"/api/meetings/{meeting.pk}").json()
    assert data["conference_url"] == link["url"]
    assert client.get(f"/api/meetings/{meeting.pk}/conference").json()["url"] == link["url"]


def test_agenda_api(client, world, meeting):
    client.force_login(world.secretariat)
    response = post(
        client,
        f"/api/meetings/{meeting.pk}/agenda",
        {"title": "Roadmap on high technologies", "kind": "decision"},
    )
    assert response.status_code == 201
    item = response.json()
    moved = post(client, f"/api/agenda-items/{item['id']}/move", {"position": 1}).json()
    assert moved[0]["title"] == "Roadmap on high technologies"
    patch = post(
        client,
        f"/api/agenda-items/{item['id']}",
        {"version": item["version"], "title": "Roadmap"},
        method="patch",
    )
    assert patch.json()["title"] == "Roadmap"
    assert client.delete(f"/api/agenda-items/{item['id']}").status_code == 204
    assert len(client.get(f"/api/meetings/{meeting.pk}/agenda").json()) == 2
    response = post(
        client,
        f"/api/meetings/{meeting.pk}/agenda",
        {"title": "X", "kind": "decision", "document": "no-such-doc"},
    )
    assert response.status_code == 422


def test_session_through_the_api(client, world, in_session):
    pk = in_session.pk
    client.force_login(world.chair)
    assert post(client, f"/api/meetings/{pk}/session/speakers-open").json()["speakers_open"]
    client.force_login(world.head_kz)
    response = post(client, f"/api/meetings/{pk}/floor/request", {"delegation_id": world.kz.pk})
    assert response.status_code == 201
    response = post(client, f"/api/meetings/{pk}/floor/give", {})
    assert response.status_code == 403
    client.force_login(world.chair)
    given = post(client, f"/api/meetings/{pk}/floor/give", {}).json()
    assert given == {"id": Speaker.objects.get().pk, "delegation": "KZ", "status": "speaking"}
    state = client.get(f"/api/meetings/{pk}/live").json()
    assert state["floor"]["delegation"] == "KZ"
    item = in_session.agenda_items.last()
    state = post(client, f"/api/meetings/{pk}/current-item", {"item_id": item.pk})
    assert state.json()["current_item"] == item.pk
    decision = post(
        client,
        f"/api/meetings/{pk}/decisions",
        {"item_id": item.pk, "kind": "adopted", "text": "Adopted."},
    )
    assert decision.status_code == 201
    assert post(client, f"/api/meetings/{pk}/session/jump").status_code == 422
    assert post(client, f"/api/meetings/{pk}/session/close").json()["status"] == "closed"
    outcomes = client.get(f"/api/meetings/{pk}/outcomes").json()
    assert outcomes["decisions"][0]["text"] == "Adopted."


@pytest.mark.parametrize("who", ["observer", "observer_state_delegate", "outsider", "anonymous"])
def test_internal_record_is_403(client, world, in_session, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    assert client.get(f"/api/meetings/{in_session.pk}/participants").status_code == 403
    assert client.get(f"/api/meetings/{in_session.pk}/live").status_code == 403
    assert client.get(f"/api/meetings/{in_session.pk}/outcomes").status_code == 200


def test_minutes_and_statement_api(client, world, in_session):
    pk = in_session.pk
    services.session_close(actor=world.chair, meeting=in_session)
    client.force_login(world.observer)
    assert client.get(f"/api/meetings/{pk}/minutes").status_code == 403
    client.force_login(world.secretariat)
    minutes = post(client, f"/api/meetings/{pk}/minutes").json()
    assert minutes["status"] == "draft"
    assert set(minutes["texts"]) == {"en", "ru"}
    edited = post(
        client,
        f"/api/meetings/{pk}/minutes",
        {"version": minutes["version"], "texts": {"en": "E", "ru": "R"}},
        method="put",
    )
    assert edited.json()["revision"] == 2
    circulated = post(
        client, f"/api/meetings/{pk}/minutes/circulate", {"deadline": "2099-01-01T00:00:00Z"}
    )
    assert circulated.json()["status"] == "circulated"
    for person, delegation in [
        (world.chair, world.jp),
        (world.head_kz, world.kz),
        (world.delegate_tm, world.tm),
    ]:
        client.force_login(person)
        response = post(
            client,
            f"/api/meetings/{pk}/minutes/responses",
            {"delegation_id": delegation.pk, "kind": "approve"},
        )
        assert response.status_code == 200
    assert response.json()["may_finalise"] is True
    client.force_login(world.secretariat)
    final = post(client, f"/api/meetings/{pk}/minutes/finalise").json()
    assert final["status"] == "final"
    assert len(final["final_hash"]) == 64
    client.force_login(world.observer)
    assert client.get(f"/api/meetings/{pk}/minutes").json()["status"] == "final"
    client.logout()
    assert client.get(f"/api/meetings/{pk}/minutes").status_code == 403
    client.force_login(world.secretariat)
    statement = post(client, f"/api/meetings/{pk}/statement").json()
    client.logout()
    assert client.get(f"/api/meetings/{pk}/statement").status_code == 403
    client.force_login(world.secretariat)
    post(
        client,
        f"/api/meetings/{pk}/statement",
        {"version": statement["version"], "texts": {"en": "E", "ru": "R"}},
        method="put",
    )
    assert post(client, f"/api/meetings/{pk}/statement/publish").json()["status"] == "published"
    client.logout()
    assert client.get(f"/api/meetings/{pk}/statement").json()["texts"]["en"] == "E"


def test_slots_api(client, world):
    data = client.get("/api/formats/caj/meeting-slots?duration_minutes=120&start=2026-03-02&days=1")
    starts = [s["starts_at"][11:16] for s in data.json()]
    # JP (UTC+9), KZ and TM (UTC+5): 04:00-09:00 UTC is common working time.
    assert starts == ["04:00", "04:30", "05:00", "05:30", "06:00", "06:30", "07:00"]
    bad = client.get("/api/formats/caj/meeting-slots?duration_minutes=5")
    assert bad.status_code == 422


@pytest.mark.parametrize("who", ["observer", "observer_state_delegate", "outsider", "anonymous"])
def test_closed_meetings_internal_record_stays_internal(client, world, in_session, who):
    services.speakers_set_open(actor=world.chair, meeting=in_session, is_open=True)
    services.floor_request(actor=world.head_kz, meeting=in_session, delegation=world.kz)
    closed = services.session_close(actor=world.chair, meeting=in_session)
    services.minutes_generate(actor=world.secretariat, meeting=closed)
    if who != "anonymous":
        client.force_login(getattr(world, who))
    for path in ("participants", "live", "minutes"):
        assert client.get(f"/api/meetings/{closed.pk}/{path}").status_code == 403, path
    page = client.get(f"/meetings/{closed.pk}/").content.decode()
    assert world.head_kz.full_name not in page
    assert client.get(f"/meetings/{closed.pk}/minutes/").status_code == 403
    assert client.get(f"/meetings/{closed.pk}/minutes.pdf").status_code == 403
    # What the public may know: the outcomes.
    assert client.get(f"/api/meetings/{closed.pk}/outcomes").json()["status"] == "closed"
