"""A draft linked to an agenda item appears only to those who may see the draft (Negotiation's
policy): no title, slug or link on any page, API field, feed or export for anyone else."""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

import pytest

from secretariat.meetings import services
from secretariat.meetings.models import Meeting
from secretariat.meetings.tests.conftest import later
from secretariat.negotiation.tests.factories import make_document

TITLE = "Confidential roadmap on water sharing"


@pytest.fixture
def linked(world: Any, meeting: Meeting) -> tuple[Meeting, Any]:
    """The public meeting's agenda links a draft under negotiation (not shared with
    observers); the agenda item has a title of its own."""
    draft = make_document(world, title=TITLE, text="Noting,\n1. Agreed text.\n")
    services.agenda_item_add(
        actor=world.secretariat,
        meeting=meeting,
        title="Cooperation on water",
        kind="decision",
        document=draft,
    )
    return meeting, draft


def _surfaces(client: Any, meeting: Meeting) -> dict[str, str]:
    pk = meeting.pk
    return {
        "page": client.get(f"/meetings/{pk}/").content.decode(),
        "outcomes page": client.get(f"/meetings/{pk}/outcomes/").content.decode(),
        "api meeting": client.get(f"/api/meetings/{pk}").content.decode(),
        "api agenda": client.get(f"/api/meetings/{pk}/agenda").content.decode(),
        "api outcomes": client.get(f"/api/meetings/{pk}/outcomes").content.decode(),
        "meeting feed": client.get(f"/meetings/{pk}/meeting.ics").content.decode(),
        "format feed": client.get("/formats/caj/meetings.ics").content.decode(),
    }


def _leaks(texts: dict[str, str], draft: Any) -> dict[str, list[str]]:
    found = {}
    for where, text in texts.items():
        hits = [needle for needle in (draft.title, draft.slug) if needle in text]
        if hits:
            found[where] = hits
    return found


@pytest.mark.parametrize("who", ["anonymous", "outsider", "observer", "observer_state_delegate"])
def test_whoever_may_not_see_the_draft_learns_nothing_of_it(client, world, linked, who):
    meeting, draft = linked
    if who != "anonymous":
        client.force_login(getattr(world, who))
    assert _leaks(_surfaces(client, meeting), draft) == {}
    agenda = client.get(f"/api/meetings/{meeting.pk}/agenda").json()
    assert [item["document"] for item in agenda] == [None, None, None]


@pytest.mark.parametrize("who", ["secretariat", "head_kz", "expert_kz"])
def test_the_format_sees_its_draft_linked(client, world, linked, who):
    meeting, draft = linked
    client.force_login(getattr(world, who))
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert f'href="/formats/caj/documents/{draft.slug}/"' in html
    assert TITLE in html
    agenda = client.get(f"/api/meetings/{meeting.pk}/agenda").json()
    assert agenda[-1]["document"] == draft.slug


def test_a_draft_shared_with_observers_is_linked_for_them(client, world, linked):
    meeting, draft = linked
    from secretariat.negotiation.models import Document

    Document.objects.filter(pk=draft.pk).update(shared_with_observers=True)
    client.force_login(world.observer)
    assert client.get(f"/api/meetings/{meeting.pk}/agenda").json()[-1]["document"] == draft.slug
    client.logout()
    assert client.get(f"/api/meetings/{meeting.pk}/agenda").json()[-1]["document"] is None


def _docx_text(body: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(body)) as docx:
        return docx.read("word/document.xml").decode()


def test_final_minutes_and_statement_do_not_name_the_draft(client, world, linked):
    meeting, draft = linked
    for delegation, person in [
        (world.jp, world.chair),
        (world.kz, world.head_kz),
        (world.tm, world.delegate_tm),
    ]:
        services.participant_register(
            actor=person, meeting=meeting, delegation=delegation, name="", user=person
        )
    services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    closed = services.session_close(actor=world.chair, meeting=meeting)
    minutes = services.minutes_generate(actor=world.secretariat, meeting=closed)
    minutes = services.minutes_circulate(actor=world.secretariat, minutes=minutes, deadline=later())
    for person, delegation in [
        (world.chair, world.jp),
        (world.head_kz, world.kz),
        (world.delegate_tm, world.tm),
    ]:
        services.minutes_respond(
            actor=person, minutes=minutes, delegation=delegation, kind="approve"
        )
    services.minutes_finalise(actor=world.secretariat, minutes=minutes)
    statement = services.statement_generate(actor=world.secretariat, meeting=closed)
    services.statement_publish(actor=world.secretariat, statement=statement)
    client.force_login(world.observer)
    texts = {
        "minutes page": client.get(f"/meetings/{closed.pk}/minutes/").content.decode(),
        "api minutes": json.dumps(client.get(f"/api/meetings/{closed.pk}/minutes").json()),
        "minutes docx": _docx_text(client.get(f"/meetings/{closed.pk}/minutes.docx").content),
        "statement docx": _docx_text(client.get(f"/meetings/{closed.pk}/statement.docx").content),
        **_surfaces(client, closed),
    }
    assert "Cooperation on water" in texts["minutes page"]  # the agenda item is named
    assert _leaks(texts, draft) == {}
