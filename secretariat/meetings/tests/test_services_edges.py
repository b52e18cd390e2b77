"""The refusals the main service tests do not reach: each changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.formats.models import Delegation, DialogueFormat
from secretariat.meetings import policy, services
from secretariat.meetings.models import Participant
from secretariat.meetings.tests.conftest import later
from secretariat.meetings.tests.support import unchanged


@pytest.fixture
def other_delegation(world):
    return Delegation.objects.get(format=DialogueFormat.objects.get(slug="other"))


@pytest.fixture
def other_meeting(world):
    m = services.meeting_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="expert_group",
        mode="online",
        starts_at=datetime(2030, 1, 1, 5, tzinfo=UTC),
        ends_at=datetime(2030, 1, 1, 6, tzinfo=UTC),
    )
    services.agenda_item_add(actor=world.secretariat, meeting=m, title="X", kind="information")
    return m


def test_host_must_be_member(world):
    with unchanged(), pytest.raises(ValidationError, match="host"):
        services.meeting_create(
            actor=world.secretariat,
            fmt=world.fmt,
            kind="summit",
            mode="in_person",
            starts_at=datetime(2030, 1, 1, tzinfo=UTC),
            ends_at=datetime(2030, 1, 2, tzinfo=UTC),
            host_state=world.us.state,
        )


def test_held_meeting_is_not_edited(world, in_session):
    closed = services.session_close(actor=world.chair, meeting=in_session)
    with unchanged(), pytest.raises(ConflictError, match="no longer be edited"):
        services.meeting_update(actor=world.secretariat, meeting=closed, venue="Elsewhere")


def test_agenda_item_update_all_fields(world, meeting):
    item = meeting.agenda_items.first()
    item = services.agenda_item_update(
        actor=world.secretariat, item=item, kind="decision", description="Why", document=None
    )
    assert (item.kind, item.description, item.document) == ("decision", "Why", None)


def test_other_formats_delegations_and_items_refused(
    world, meeting, other_meeting, other_delegation
):
    with unchanged(), pytest.raises(ValidationError, match="another format"):
        services.participant_register(
            actor=None, meeting=meeting, delegation=other_delegation, name="X"
        )
    services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    services.speakers_set_open(actor=world.chair, meeting=meeting, is_open=True)
    with unchanged(), pytest.raises(ValidationError, match="another format"):
        services.floor_request(actor=None, meeting=meeting, delegation=other_delegation)
    foreign_item = other_meeting.agenda_items.get()
    with unchanged(), pytest.raises(ValidationError, match="another meeting"):
        services.session_item_set(actor=world.chair, meeting=meeting, item=foreign_item)
    with unchanged(), pytest.raises(ValidationError, match="another meeting"):
        services.decision_record(
            actor=world.chair, meeting=meeting, item=foreign_item, kind="noted", text="x"
        )


def test_registration_closed_and_withdrawal(world, meeting):
    p = services.participant_register(
        actor=world.head_kz, meeting=meeting, delegation=world.kz, name="Guest"
    )
    with unchanged(), pytest.raises(PermissionDenied):
        services.participant_remove(actor=world.delegate_tm, participant=p)
    services.participant_remove(actor=world.delegate_kz, participant=p)
    assert not Participant.objects.exists()
    kept = services.participant_register(
        actor=world.head_kz, meeting=meeting, delegation=world.kz, name="Guest"
    )
    services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    with unchanged(), pytest.raises(ConflictError, match="stay on record"):
        services.participant_remove(actor=world.head_kz, participant=kept)
    services.session_close(actor=world.chair, meeting=meeting)
    with unchanged(), pytest.raises(ConflictError, match="Registration is closed"):
        services.participant_register(
            actor=world.head_kz, meeting=meeting, delegation=world.kz, name="Late"
        )


def test_minutes_refusals(world, in_session, other_delegation):
    closed = services.session_close(actor=world.chair, meeting=in_session)
    minutes = services.minutes_generate(actor=world.secretariat, meeting=closed)
    latest = minutes.revisions.first()
    assert latest is not None
    text = latest.texts
    with unchanged(), pytest.raises(ValidationError, match="Nothing changed"):
        services.minutes_edit(actor=world.secretariat, minutes=minutes, texts=text)
    with unchanged(), pytest.raises(ConflictError, match="Only circulated minutes become final"):
        services.minutes_finalise(actor=world.secretariat, minutes=minutes)
    minutes = services.minutes_circulate(actor=world.secretariat, minutes=minutes, deadline=later())
    with unchanged(), pytest.raises(ConflictError, match="Only draft minutes are circulated"):
        services.minutes_circulate(actor=world.secretariat, minutes=minutes, deadline=later(2))
    with unchanged(), pytest.raises(ConflictError, match="not regenerated"):
        services.minutes_generate(actor=world.secretariat, meeting=closed)
    with unchanged(), pytest.raises(ValidationError, match="another format"):
        services.minutes_respond(
            actor=None, minutes=minutes, delegation=other_delegation, kind="approve"
        )
    with unchanged(), pytest.raises(ValidationError, match="Approve or comment"):
        services.minutes_respond(
            actor=world.head_kz, minutes=minutes, delegation=world.kz, kind="x"
        )


def test_statement_regenerated_while_draft_and_publish_once(world, in_session):
    closed = services.session_close(actor=world.chair, meeting=in_session)
    first = services.statement_generate(actor=world.secretariat, meeting=closed)
    again = services.statement_generate(actor=world.secretariat, meeting=closed)
    assert again.pk == first.pk
    assert again.version == first.version + 1
    with unchanged(), pytest.raises(ValidationError, match="every working language"):
        services.statement_edit(actor=world.secretariat, statement=again, texts={"en": "only"})
    services.statement_publish(actor=world.secretariat, statement=again)
    with unchanged(), pytest.raises(ConflictError, match="already published"):
        services.statement_publish(actor=world.secretariat, statement=again)


def test_secretariat_registers_for_any_delegation(world, meeting):
    assert policy.can_register_participants(world.secretariat, world.tm)
    assert not policy.can_register_participants(world.expert_kz, world.kz)
    services.participant_register(
        actor=world.secretariat,
        meeting=meeting,
        delegation=world.tm,
        name="Interpreter",
        function="Interpreter",
    )


def test_reschedule_validates_times(world, meeting):
    services.meeting_postpone(actor=world.secretariat, meeting=meeting)
    with unchanged(), pytest.raises(ValidationError, match="ends after it starts"):
        services.meeting_reschedule(
            actor=world.secretariat,
            meeting=meeting,
            starts_at=meeting.starts_at,
            ends_at=meeting.starts_at - timedelta(hours=1),
        )
