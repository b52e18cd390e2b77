"""The minutes say what happened: which texts were adopted, how, when, with the hash of the
adopted text; an adoption that did not happen cannot be recorded; the session's actual
opening and closing are recorded with their dates."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from secretariat.core.errors import ConflictError
from secretariat.meetings import services
from secretariat.meetings.models import Meeting
from secretariat.meetings.tests.support import unchanged
from secretariat.negotiation import services as negotiation
from secretariat.negotiation.models import FrozenText
from secretariat.negotiation.tests.factories import agree_all, make_document

TEXT = "Noting,\n1. Agreed text.\n2. More agreed text.\n"


def _open_with(world: Any, meeting: Meeting, *documents: Any) -> list[Any]:
    items = [
        services.agenda_item_add(
            actor=world.secretariat,
            meeting=meeting,
            title=f"Item on {d.title}",
            kind="decision",
            document=d,
        )
        for d in documents
    ]
    for delegation, person in [
        (world.jp, world.chair),
        (world.kz, world.head_kz),
        (world.tm, world.delegate_tm),
    ]:
        services.participant_register(
            actor=person, meeting=meeting, delegation=delegation, name="", user=person
        )
    services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    present = {p.pk: True for p in meeting.participants.all()}
    services.roll_call_record(actor=world.chair, meeting=meeting, present=present)
    return items


def _minutes_en(world: Any, meeting: Meeting) -> str:
    closed = services.session_close(actor=world.chair, meeting=meeting)
    minutes = services.minutes_generate(actor=world.secretariat, meeting=closed)
    return str(minutes.revisions.get().texts["en"])


def _silence_adopted(world: Any, title: str) -> Any:
    """Adopted by a silence procedure whose deadline passed yesterday, unbroken."""
    document = make_document(world, title=title, text=TEXT)
    started = timezone.now() - timedelta(days=3)
    negotiation.silence_procedure_start(
        actor=world.chair, document=document, deadline=started + timedelta(days=2), now=started
    )
    document.refresh_from_db()
    assert document.is_adopted()
    return document


def test_minutes_cite_a_text_adopted_at_the_meeting(world, meeting):
    document = make_document(world, title="Programme of joint efforts", text=TEXT)
    (item,) = _open_with(world, meeting, document)
    negotiation.document_finalise(actor=world.chair, document=document)
    agree_all(world, document)
    services.decision_record(
        actor=world.chair,
        meeting=meeting,
        item=item,
        kind="adopted",
        text="",
        adopt_document=True,
    )
    en = _minutes_en(world, meeting)
    document.refresh_from_db()
    frozen = FrozenText.objects.get(document=document, language="en")
    assert "## Texts adopted" in en
    line = next(line for line in en.splitlines() if "“Programme of joint efforts”" in line)
    assert "adopted by consensus at this meeting" in line
    assert date_format(document.adopted_at, "DATE_FORMAT") in line
    assert f"revision {document.adopted_revision}" in line
    assert f"SHA-256 en: {frozen.sha256}" in line


def test_minutes_cite_a_text_adopted_by_silence_with_its_deadline(world, meeting):
    document = _silence_adopted(world, "Joint statement on water")
    _open_with(world, meeting, document)
    en = _minutes_en(world, meeting)
    line = next(line for line in en.splitlines() if "“Joint statement on water”" in line)
    assert "adopted by silence procedure" in line
    assert date_format(document.silence_deadline, "DATE_FORMAT") in line
    assert document.silence_deadline.strftime("%H:%M UTC") in line
    sha = FrozenText.objects.get(document=document, language="en").sha256
    assert sha in line


def test_an_adoption_without_consensus_cannot_be_recorded(world, meeting):
    document = make_document(world, title="Roadmap", text=TEXT)
    (item,) = _open_with(world, meeting, document)
    services.speakers_set_open(actor=world.chair, meeting=meeting, is_open=False)
    with unchanged(meeting), pytest.raises(ConflictError, match="“Roadmap” has no consensus"):
        services.decision_record(
            actor=world.chair, meeting=meeting, item=item, kind="adopted", text="Adopted."
        )
    agree_all(world, document)  # consensus, yet nobody adopted it through Negotiation
    with unchanged(meeting), pytest.raises(ConflictError, match="not adopted yet"):
        services.decision_record(
            actor=world.chair, meeting=meeting, item=item, kind="adopted", text="Adopted."
        )
    # Taking note of it is true and may be recorded.
    services.decision_record(
        actor=world.chair, meeting=meeting, item=item, kind="noted", text="Noted the roadmap."
    )


def test_a_text_adopted_by_silence_is_not_recorded_as_adopted_by_consensus(world, meeting):
    document = _silence_adopted(world, "Joint statement on water")
    (item,) = _open_with(world, meeting, document)
    with unchanged(meeting), pytest.raises(ConflictError, match="by silence procedure"):
        services.decision_record(
            actor=world.chair, meeting=meeting, item=item, kind="adopted", text="Adopted."
        )


def test_the_page_refuses_it_with_the_reason(client, world, meeting):
    document = make_document(world, title="Roadmap", text=TEXT)
    _open_with(world, meeting, document)
    client.force_login(world.chair)
    item = meeting.agenda_items.get(document=document)
    with unchanged(meeting):
        response = client.post(
            f"/meetings/{meeting.pk}/do/decision/",
            {"item": item.pk, "kind": "adopted", "text": "Adopted."},
            HTTP_HX_REQUEST="true",
        )
    assert response.status_code == 409
    assert "has no consensus" in response.content.decode()


def test_minutes_record_the_actual_opening_and_closing_with_their_dates(client, world, meeting):
    _open_with(world, meeting)  # 2030-03-04 05:00 UTC, opened today after confirmation
    en = _minutes_en(world, meeting)
    meeting.refresh_from_db()
    scheduled = date_format(meeting.starts_at, "DATE_FORMAT")
    assert f"Scheduled for {scheduled}, 05:00–07:00 UTC." in en
    opened, closed = meeting.opened_at, meeting.closed_at
    assert (
        f"The chair opened the session on {date_format(opened, 'DATE_FORMAT')} at "
        f"{opened:%H:%M} UTC." in en
    )
    assert (
        f"The chair closed the session on {date_format(closed, 'DATE_FORMAT')} at "
        f"{closed:%H:%M} UTC." in en
    )
    client.force_login(world.head_kz)
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert "Session opened" in html
    assert f"{opened:%H:%M} UTC" in html


def test_a_refused_adoption_names_who_objects(world, meeting):
    document = make_document(world, title="Concept", text=TEXT)
    (item,) = _open_with(world, meeting, document)
    services.speakers_set_open(actor=world.chair, meeting=meeting, is_open=False)
    negotiation.position_record(
        actor=world.head_kz,
        document=document,
        delegation=world.kz,
        stance="object",
        reason="Paragraph 2 is not acceptable.",
    )
    with unchanged(meeting), pytest.raises(ConflictError, match="objecting: KZ"):
        services.decision_record(
            actor=world.chair, meeting=meeting, item=item, kind="adopted", text="Adopted."
        )
