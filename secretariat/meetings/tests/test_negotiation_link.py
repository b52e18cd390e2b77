"""Recording "adopted by consensus" for a linked document adopts it through Negotiation."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from secretariat.core.errors import ConflictError
from secretariat.meetings import services
from secretariat.meetings.tests.support import unchanged
from secretariat.negotiation import services as negotiation
from secretariat.negotiation.models import DocumentState
from secretariat.negotiation.tests.factories import agree_all, make_document


@pytest.fixture
def document(world):
    return make_document(world, text="Noting,\n1. Agreed text.\n2. More agreed text.\n")


def _linked_session(world, meeting, document):
    item = services.agenda_item_add(
        actor=world.secretariat,
        meeting=meeting,
        title=document.title,
        kind="decision",
        document=document,
    )
    for delegation, person in [
        (world.jp, world.chair),
        (world.kz, world.head_kz),
        (world.tm, world.delegate_tm),
    ]:
        services.participant_register(
            actor=person, meeting=meeting, delegation=delegation, name="", user=person
        )
    services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    services.roll_call_record(
        actor=world.chair, meeting=meeting, present={p.pk: True for p in meeting.participants.all()}
    )
    return item


def test_adoption_through_negotiation(world, meeting, document):
    item = _linked_session(world, meeting, document)
    negotiation.document_finalise(actor=world.chair, document=document)
    agree_all(world, document)
    decision = services.decision_record(
        actor=world.chair, meeting=meeting, item=item, kind="adopted", text="", adopt_document=True
    )
    document.refresh_from_db()
    assert document.state == DocumentState.ADOPTED
    assert decision.document_id == document.pk
    assert "adopted by consensus" in decision.text


def test_failed_adoption_records_nothing(world, meeting, document):
    item = _linked_session(world, meeting, document)
    with unchanged(), pytest.raises(ConflictError):  # still under negotiation
        services.decision_record(
            actor=world.chair,
            meeting=meeting,
            item=item,
            kind="adopted",
            text="",
            adopt_document=True,
        )
    assert not meeting.decisions.exists()
    document.refresh_from_db()
    assert document.state == DocumentState.NEGOTIATION


def test_adopt_needs_a_linked_document(world, in_session):
    with unchanged(), pytest.raises(ValidationError, match="no linked document"):
        services.decision_record(
            actor=world.chair,
            meeting=in_session,
            item=in_session.current_item,
            kind="adopted",
            text="x",
            adopt_document=True,
        )


def test_document_of_another_format_refused(world, meeting):
    from secretariat.formats.models import DialogueFormat

    other = DialogueFormat.objects.get(slug="other")
    doc = make_document(world)
    doc.format = other
    doc.save()
    with unchanged(), pytest.raises(ValidationError, match="another format"):
        services.agenda_item_add(
            actor=world.secretariat, meeting=meeting, title="X", kind="decision", document=doc
        )
