"""The silence procedure.

Refusals name what is wrong and leave the database as it was (`unchanged`).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.negotiation import selectors, services
from secretariat.negotiation.models import (
    DocumentState,
    FinalMode,
)
from secretariat.negotiation.tests.factories import agree_all, make_document
from secretariat.negotiation.tests.support import (
    CLEAN_TEXT,
    clean_document,
    fresh,
    in_hours,
    unchanged,
)

pytestmark = pytest.mark.django_db


# --- silence procedure --------------------------------------------------------------------
def test_silence_adopts_at_deadline_without_any_job(world):
    doc = clean_document(world)
    procedure = services.silence_procedure_start(
        actor=world.chair, document=doc, deadline=in_hours(48)
    )
    doc = fresh(doc)
    assert doc.effective_state() == DocumentState.FINAL
    later = procedure.deadline + timedelta(seconds=1)
    assert doc.effective_state(later) == DocumentState.ADOPTED
    assert doc.adopted_on(later) == procedure.deadline
    # a late objection is refused and records nothing
    with pytest.raises(ConflictError, match="Too late"):
        services.silence_break(
            actor=world.head_kz,
            document=doc,
            delegation=world.kz,
            kind="objection",
            reason="r",
            now=later,
        )
    assert services.silence_settle(document=doc, now=later)
    doc = fresh(doc)
    assert doc.state == DocumentState.ADOPTED
    assert doc.adopted_at == procedure.deadline


def test_silence_broken_before_deadline_returns_to_negotiation(world):
    doc = clean_document(world)
    services.silence_procedure_start(actor=world.chair, document=doc, deadline=in_hours(24))
    with pytest.raises(PermissionDenied):
        services.silence_break(
            actor=world.observer_state_delegate,
            document=doc,
            delegation=world.us,
            kind="objection",
            reason="r",
        )
    services.silence_break(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="amendment",
        reason="OP2 should mention diagnostics.",
    )
    doc = fresh(doc)
    assert doc.state == DocumentState.NEGOTIATION
    assert doc.effective_state(in_hours(100)) == DocumentState.NEGOTIATION


def test_silence_start_rules(world):
    doc = make_document(world)  # has an open bracket
    with pytest.raises(PermissionDenied):
        services.silence_procedure_start(actor=world.head_kz, document=doc, deadline=in_hours(24))
    with pytest.raises(ValidationError, match="one hour"):
        services.silence_procedure_start(
            actor=world.chair, document=doc, deadline=timezone.now() + timedelta(minutes=5)
        )
    with pytest.raises(ValidationError, match="time zone"):
        services.silence_procedure_start(
            actor=world.chair,
            document=doc,
            deadline=datetime(2030, 1, 1, 12),  # noqa: DTZ001
        )
    with pytest.raises(ConflictError, match="bracket"):
        services.silence_procedure_start(actor=world.chair, document=doc, deadline=in_hours(24))


def test_silence_deadline_is_stored_in_utc(world):
    import zoneinfo

    doc = clean_document(world)
    tokyo = (timezone.now() + timedelta(days=3)).astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    procedure = services.silence_procedure_start(actor=world.chair, document=doc, deadline=tokyo)
    procedure.refresh_from_db()
    assert procedure.deadline == tokyo
    assert procedure.deadline.astimezone(UTC).utcoffset() == timedelta(0)
    view = selectors.silence_view(fresh(doc))
    assert view is not None
    assert {c.iso2 for c in view.capitals} == {"JP", "KZ", "TM"}
    assert next(c for c in view.capitals if c.iso2 == "JP").offset == "UTC+9"


# --- silence procedure: refusals ----------------------------------------------------------
def test_positions_and_adoption_refused_under_silence(world):
    doc = clean_document(world)
    agree_all(world, doc)
    services.silence_procedure_start(actor=world.chair, document=doc, deadline=in_hours(24))
    with unchanged(doc), pytest.raises(ConflictError, match="object by breaking the silence"):
        services.position_record(
            actor=world.head_kz, document=doc, delegation=world.kz, stance="object", reason="No."
        )
    with unchanged(doc), pytest.raises(ConflictError, match="under silence procedure until"):
        services.document_adopt_by_consensus(actor=world.chair, document=doc)


def test_draft_cannot_go_under_silence(world):
    doc = make_document(world, text=CLEAN_TEXT, state="draft")
    with unchanged(doc), pytest.raises(ConflictError, match="be put under silence procedure"):
        services.silence_procedure_start(actor=world.chair, document=doc, deadline=in_hours(24))


def test_final_text_awaiting_a_meeting_may_go_under_silence(world):
    doc = clean_document(world)
    services.document_finalise(actor=world.chair, document=doc)
    procedure = services.silence_procedure_start(
        actor=world.chair, document=doc, deadline=in_hours(24)
    )
    doc = fresh(doc)
    assert doc.state == DocumentState.FINAL
    assert doc.final_mode == FinalMode.SILENCE
    assert doc.silence_deadline == procedure.deadline
    assert procedure.revision_number == doc.current_revision


def test_breaking_a_silence_that_is_not_running(world):
    doc = clean_document(world)
    kwargs = {"actor": world.head_kz, "document": doc, "delegation": world.kz}
    with unchanged(doc), pytest.raises(ConflictError, match="No silence procedure is running"):
        services.silence_break(**kwargs, kind="objection", reason="No.")


def test_breaking_the_silence_needs_a_kind_and_a_reason(world):
    doc = clean_document(world)
    services.silence_procedure_start(actor=world.chair, document=doc, deadline=in_hours(24))
    kwargs = {"actor": world.head_kz, "document": doc, "delegation": world.kz}
    with unchanged(doc), pytest.raises(ValidationError, match="objection or an amendment"):
        services.silence_break(**kwargs, kind="complaint", reason="No.")
    with unchanged(doc), pytest.raises(ValidationError, match="Say why the silence is broken"):
        services.silence_break(**kwargs, kind="objection", reason="  ")
    assert fresh(doc).final_mode == FinalMode.SILENCE


def test_settling_before_the_deadline_records_nothing(world):
    doc = clean_document(world)
    with unchanged(doc):
        assert services.silence_settle(document=doc) is False
    procedure = services.silence_procedure_start(
        actor=world.chair, document=doc, deadline=in_hours(24)
    )
    with unchanged(doc):
        just_before = procedure.deadline - timedelta(seconds=1)
        assert services.silence_settle(document=doc, now=just_before) is False
    assert fresh(doc).state == DocumentState.FINAL
