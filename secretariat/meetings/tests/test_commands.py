"""One command table serves the pages and the API: each surface reaches every action
through it (a spy on `CommandTable.execute` records what ran), and a page form is parsed
with the API's input schema."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from secretariat.core.commands import CommandTable
from secretariat.meetings.commands import commands, format_commands
from secretariat.meetings.models import Meeting, Participant, Speaker

#: Actions only the API offers (the page has no form to edit an agenda item in place).
API_ONLY = {"agenda-update"}


@pytest.fixture
def ran(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    names: list[str] = []
    original = CommandTable.execute

    def spy(self: CommandTable[Any], name: str, **kwargs: Any) -> Any:
        names.append(name)
        return original(self, name, **kwargs)

    monkeypatch.setattr(CommandTable, "execute", spy)
    return names


def every_action() -> set[str]:
    return set(commands) | set(format_commands)


class Api:
    def __init__(self, client: Client) -> None:
        self.client = client

    def __call__(self, method: str, path: str, body: Any = None, status: int = 200) -> Any:
        response = getattr(self.client, method)(
            f"/api{path}", data=json.dumps(body or {}), content_type="application/json"
        )
        assert response.status_code in (status, 201, 204), (path, response.content)
        return response.json() if response.content else None


def test_the_api_runs_every_action_through_the_table(client, world, ran):
    api = Api(client)
    client.force_login(world.secretariat)
    plan = {
        "kind": "foreign_ministers",
        "number": 9,
        "mode": "online",
        "starts_at": "2030-09-01T05:00:00Z",
        "ends_at": "2030-09-01T07:00:00Z",
    }
    meeting = api("post", "/formats/caj/meetings", plan)
    pk = meeting["id"]
    meeting = api("patch", f"/meetings/{pk}", {"version": meeting["version"], "venue": "Online"})
    api("post", f"/meetings/{pk}/conference", {"provider": "jitsi"})
    first = api("post", f"/meetings/{pk}/agenda", {"title": "Opening", "kind": "information"})
    second = api("post", f"/meetings/{pk}/agenda", {"title": "Roadmap", "kind": "decision"})
    extra = api("post", f"/meetings/{pk}/agenda", {"title": "AOB", "kind": "information"})
    api("patch", f"/agenda-items/{second['id']}", {"version": second["version"], "title": "Plan"})
    api("post", f"/agenda-items/{extra['id']}/move", {"position": 1})
    api("delete", f"/agenda-items/{extra['id']}")
    for name in ("announce", "postpone"):
        api("post", f"/meetings/{pk}/transitions/{name}")
    api(
        "post",
        f"/meetings/{pk}/reschedule",
        {"starts_at": "2030-09-02T05:00:00Z", "ends_at": "2030-09-02T07:00:00Z"},
    )
    guest = api("post", f"/meetings/{pk}/participants", {"delegation_id": world.kz.pk, "name": "G"})
    api("delete", f"/participants/{guest['id']}")
    for person, delegation in [
        (world.chair, world.jp),
        (world.head_kz, world.kz),
        (world.delegate_tm, world.tm),
    ]:
        api(
            "post",
            f"/meetings/{pk}/participants",
            {"delegation_id": delegation.pk, "user_email": person.email},
        )
    client.force_login(world.chair)
    api("post", f"/meetings/{pk}/session/open?confirm_early=true")
    present = {str(p.pk): True for p in Participant.objects.filter(meeting_id=pk)}
    api("post", f"/meetings/{pk}/roll-call", {"present": present})
    api("post", f"/meetings/{pk}/session/speakers-open")
    client.force_login(world.head_kz)
    speaker = api("post", f"/meetings/{pk}/floor/request", {"delegation_id": world.kz.pk})
    api("post", f"/speakers/{speaker['id']}/withdraw")
    api("post", f"/meetings/{pk}/floor/request", {})
    client.force_login(world.chair)
    api("post", f"/meetings/{pk}/floor/give", {})
    api("post", f"/meetings/{pk}/session/floor-end")
    api("post", f"/meetings/{pk}/session/speakers-close")
    api("post", f"/meetings/{pk}/session/next")
    api("post", f"/meetings/{pk}/current-item", {"item_id": first["id"]})
    api("post", f"/meetings/{pk}/decisions", {"kind": "noted", "text": "Noted."})
    api("post", f"/meetings/{pk}/session/close")
    client.force_login(world.secretariat)
    minutes = api("post", f"/meetings/{pk}/minutes")
    minutes = api(
        "put",
        f"/meetings/{pk}/minutes",
        {"version": minutes["version"], "texts": {"en": "E", "ru": "R"}},
    )
    deadline = {"deadline": "2099-01-01T00:00:00Z"}
    api("post", f"/meetings/{pk}/minutes/circulate", deadline)
    api("post", f"/meetings/{pk}/minutes/reopen")
    api("post", f"/meetings/{pk}/minutes/circulate", deadline)
    for person, delegation in [
        (world.chair, world.jp),
        (world.head_kz, world.kz),
        (world.delegate_tm, world.tm),
    ]:
        client.force_login(person)
        api(
            "post",
            f"/meetings/{pk}/minutes/responses",
            {"delegation_id": delegation.pk, "kind": "approve"},
        )
    client.force_login(world.secretariat)
    api("post", f"/meetings/{pk}/minutes/finalise")
    statement = api("post", f"/meetings/{pk}/statement")
    api(
        "put",
        f"/meetings/{pk}/statement",
        {"version": statement["version"], "texts": {"en": "E", "ru": "R"}},
    )
    api("post", f"/meetings/{pk}/statement/publish")
    other = api("post", "/formats/caj/meetings", {**plan, "number": 10})
    api("post", f"/meetings/{other['id']}/transitions/cancel")
    assert set(ran) == every_action()


def test_the_pages_run_every_action_through_the_table(client, world, ran):
    client.force_login(world.secretariat)
    form = {
        "kind": "foreign_ministers",
        "number": "9",
        "mode": "online",
        "starts_at": "2030-09-01T10:00",
        "ends_at": "2030-09-01T12:00",
    }
    assert client.post("/formats/caj/meetings/new/", form).status_code == 302
    meeting = Meeting.objects.get()
    pk = meeting.pk

    def do(action: str, data: dict[str, Any] | None = None) -> None:
        response = client.post(f"/meetings/{pk}/do/{action}/", data or {}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200, (action, response.content)

    do("edit", {**form, "venue": "Online", "version": meeting.version})
    do("conference", {"provider": "jitsi"})
    for title in ("Opening", "Roadmap", "AOB"):
        do("agenda-add", {"title": title, "kind": "information"})
    aob = meeting.agenda_items.get(title="AOB")
    do("agenda-move", {"item": aob.pk, "position": 1})
    do("agenda-remove", {"item": aob.pk})
    do("announce")
    do("postpone")
    do("reschedule", {"starts_at": "2030-09-02T10:00", "ends_at": "2030-09-02T12:00"})
    do("register", {"delegation": world.kz.pk, "name": "Guest"})
    do("unregister", {"participant": Participant.objects.get(name="Guest").pk})
    for person, delegation in [
        (world.chair, world.jp),
        (world.head_kz, world.kz),
        (world.delegate_tm, world.tm),
    ]:
        client.force_login(person)
        do("register", {"delegation": delegation.pk, "name": person.full_name})
    assert Participant.objects.filter(user__isnull=False).count() == 3
    client.force_login(world.chair)
    do("open", {"confirm_early": "1"})
    do("roll-call", {f"present_{p.pk}": "on" for p in Participant.objects.all()})
    do("speakers-open")
    client.force_login(world.head_kz)
    do("request-floor", {"delegation": world.kz.pk})
    do("withdraw", {"speaker": Speaker.objects.get().pk})
    do("request-floor")
    client.force_login(world.chair)
    do("give-floor")
    do("end-floor")
    do("speakers-close")
    do("next")
    do("item", {"item": meeting.agenda_items.get(title="Opening").pk})
    do("decision", {"kind": "noted", "text": "Noted."})
    do("close")
    client.force_login(world.secretariat)
    minutes_url = f"/meetings/{pk}/minutes/"
    deadline = {"action": "circulate", "deadline": "2099-01-01T10:00"}
    client.post(minutes_url, {"action": "generate"})
    client.post(
        minutes_url,
        {
            "action": "edit",
            "version": meeting.minutes.version,
            "text_en": "E",
            "text_ru": "R",
            "note": "",
        },
    )
    client.post(minutes_url, deadline)
    client.post(minutes_url, {"action": "reopen"})
    client.post(minutes_url, deadline)
    for person, delegation in [
        (world.chair, world.jp),
        (world.head_kz, world.kz),
        (world.delegate_tm, world.tm),
    ]:
        client.force_login(person)
        client.post(
            minutes_url,
            {"action": "respond", "delegation": delegation.pk, "kind": "approve", "text": ""},
        )
    client.force_login(world.secretariat)
    client.post(minutes_url, {"action": "finalise"})
    meeting.refresh_from_db()
    assert meeting.status == "minutes_approved"
    statement_url = f"/meetings/{pk}/statement/"
    client.post(statement_url, {"action": "generate"})
    client.post(
        statement_url,
        {"action": "edit", "version": meeting.statement.version, "text_en": "E", "text_ru": "R"},
    )
    client.post(statement_url, {"action": "publish"})
    assert client.post("/formats/caj/meetings/new/", {**form, "number": "10"}).status_code == 302
    pk = Meeting.objects.get(number=10).pk
    do("cancel")
    assert set(ran) == every_action() - API_ONLY


def test_a_page_form_is_parsed_with_the_api_schema(client, world, meeting):
    client.force_login(world.secretariat)
    item = meeting.agenda_items.first()
    response = client.post(
        f"/meetings/{meeting.pk}/do/agenda-move/",
        {"item": item.pk, "position": "first"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "position" in response.content.decode()
    response = client.post(
        f"/meetings/{meeting.pk}/do/agenda-move/",
        {"item": item.pk, "position": "0"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422  # the API's range (ge=1), before the service
    item.refresh_from_db()
    assert item.position == 1


def test_an_unknown_field_is_refused_by_the_api(client, world, meeting):
    client.force_login(world.secretariat)
    response = client.post(
        f"/api/meetings/{meeting.pk}/agenda",
        data=json.dumps({"title": "X", "kind": "decision", "documents": ["a"]}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert meeting.agenda_items.count() == 2


def test_page_times_are_read_in_the_zone_the_form_says(client, world):
    from datetime import UTC, datetime

    client.force_login(world.secretariat)  # the viewer's own zone: UTC here
    form = {
        "kind": "summit",
        "mode": "online",
        "starts_at": "2030-02-02T10:00",
        "ends_at": "2030-02-02T12:00",
    }
    assert client.post("/formats/caj/meetings/new/", form).status_code == 302
    assert Meeting.objects.get().starts_at == datetime(2030, 2, 2, 10, tzinfo=UTC)
    tokyo = {**form, "kind": "expert_group", "zone": "Asia/Tokyo"}
    assert client.post("/formats/caj/meetings/new/", tokyo).status_code == 302
    assert Meeting.objects.get(kind="expert_group").starts_at == datetime(2030, 2, 2, 1, tzinfo=UTC)
    bad = client.post("/formats/caj/meetings/new/", {**form, "zone": "Mars/Olympus"})
    assert bad.status_code == 422
    assert Meeting.objects.count() == 2
