from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.core.models import AuditEntry
from secretariat.meetings import services
from secretariat.meetings.models import (
    AgendaItem,
    Decision,
    Meeting,
    Minutes,
    MinutesRevision,
    PressStatement,
    Speaker,
)
from secretariat.meetings.tests.conftest import later
from secretariat.meetings.tests.support import unchanged

T0 = datetime(2030, 3, 4, 5, 0, tzinfo=UTC)


def _create(world, actor=None, **extra):
    data = dict(
        fmt=world.fmt,
        kind="senior_officials",
        mode="online",
        starts_at=T0,
        ends_at=T0 + timedelta(hours=2),
    )
    data.update(extra)
    return services.meeting_create(actor=actor or world.secretariat, **data)


# --- meetings and lifecycle ------------------------------------------------------------------


def test_create_names_and_audits(world):
    meeting = _create(world, kind="foreign_ministers", number=8)
    assert meeting.status == "planned"
    assert str(meeting) == "8th meeting of the Foreign Ministers"
    assert AuditEntry.objects.filter(action="meeting.create", target_id=str(meeting.pk)).exists()


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (1, "1st"),
        (2, "2nd"),
        (3, "3rd"),
        (4, "4th"),
        (11, "11th"),
        (12, "12th"),
        (21, "21st"),
        (112, "112th"),
    ],
)
def test_english_ordinals(world, number, expected):
    assert str(_create(world, kind="summit", number=number)) == f"{expected} summit"


def test_names_in_russian_and_japanese(world):
    from django.utils import translation

    meeting = _create(world, kind="foreign_ministers", number=8)
    with translation.override("ru"):
        assert str(meeting) == "8-е совещание министров иностранных дел"
    with translation.override("ja"):
        assert str(meeting) == "第8回外相会合"


@pytest.mark.parametrize(
    "who", ["chair", "head_kz", "delegate_kz", "observer", "outsider", "anonymous"]
)
def test_only_secretariat_plans(world, who):
    with unchanged(), pytest.raises(PermissionDenied):
        _create(world, actor=getattr(world, who))
    assert not Meeting.objects.exists()


def test_bad_input_is_refused_and_changes_nothing(world):
    with unchanged(), pytest.raises(ValidationError, match="ends after it starts"):
        _create(world, ends_at=T0)
    with unchanged(), pytest.raises(ValidationError, match="member state"):
        _create(world, chair_state=world.us.state)
    with unchanged(), pytest.raises(ValidationError):
        _create(world, kind="picnic")
    with unchanged(), pytest.raises(ValidationError, match="Speaking time"):
        _create(world, speaking_time=5)
    assert not Meeting.objects.exists()


def test_ordinal_unique_per_kind(world):
    _create(world, kind="foreign_ministers", number=8)
    _create(world, kind="senior_officials", number=8)
    with unchanged(), pytest.raises(ValidationError):
        _create(world, kind="foreign_ministers", number=8)


def test_lifecycle_transitions(world):
    meeting = _create(world)
    meeting = services.meeting_announce(actor=world.secretariat, meeting=meeting)
    assert meeting.status == "announced"
    meeting = services.meeting_postpone(actor=world.secretariat, meeting=meeting)
    assert meeting.status == "postponed"
    meeting = services.meeting_reschedule(
        actor=world.secretariat,
        meeting=meeting,
        starts_at=T0 + timedelta(days=7),
        ends_at=T0 + timedelta(days=7, hours=2),
    )
    assert meeting.status == "announced"
    assert meeting.starts_at == T0 + timedelta(days=7)
    meeting = services.meeting_cancel(actor=world.secretariat, meeting=meeting)
    assert meeting.status == "cancelled"
    with unchanged(), pytest.raises(ConflictError, match="cancelled"):
        services.meeting_announce(actor=world.secretariat, meeting=meeting)


def test_transitions_need_the_secretariat(world):
    meeting = _create(world)
    for who in ("chair", "head_kz", "observer", "anonymous"):
        with unchanged(), pytest.raises(PermissionDenied):
            services.meeting_announce(actor=getattr(world, who), meeting=meeting)
    meeting.refresh_from_db()
    assert meeting.status == "planned"


def test_update_with_stale_version_conflicts(world):
    meeting = _create(world)
    services.meeting_update(
        actor=world.secretariat, meeting=meeting, expected_version=1, venue="Online"
    )
    with unchanged(), pytest.raises(ConflictError, match="Someone else changed"):
        services.meeting_update(
            actor=world.secretariat, meeting=meeting, expected_version=1, venue="Tokyo"
        )
    meeting.refresh_from_db()
    assert meeting.venue == "Online"
    assert meeting.version == 2


def test_update_rejects_unknown_fields(world):
    meeting = _create(world)
    with unchanged(), pytest.raises(ValidationError, match="Unknown field"):
        services.meeting_update(actor=world.secretariat, meeting=meeting, status="closed")


# --- conference --------------------------------------------------------------------------------


@override_settings(JITSI_SERVER="https://jitsi.example.org/")
def test_jitsi_room_is_unguessable(world):
    meeting = _create(world)
    first = services.meeting_set_conference(
        actor=world.secretariat, meeting=meeting, provider="jitsi"
    ).conference_url
    second = services.meeting_set_conference(
        actor=world.secretariat, meeting=meeting, provider="jitsi"
    ).conference_url
    assert first.startswith("https://jitsi.example.org/secretariat-caj-")
    assert first != second
    assert len(first.removeprefix("https://jitsi.example.org/secretariat-caj-")) >= 22
    entry = AuditEntry.objects.filter(action="meeting.conference").latest("id")
    assert second not in str(entry.data)  # the secret link stays out of the audit trail


def test_external_link_must_be_https(world):
    meeting = _create(world)
    with unchanged(), pytest.raises(ValidationError):
        services.meeting_set_conference(
            actor=world.secretariat, meeting=meeting, provider="external", link="http://zoom.us/j/1"
        )
    with unchanged(), pytest.raises(ValidationError, match="Paste"):
        services.meeting_set_conference(
            actor=world.secretariat, meeting=meeting, provider="external", link=" "
        )
    meeting = services.meeting_set_conference(
        actor=world.secretariat,
        meeting=meeting,
        provider="external",
        link="https://zoom.us/j/123456",
    )
    assert meeting.conference_url == "https://zoom.us/j/123456"


def test_unknown_provider_and_in_person(world):
    meeting = _create(world)
    with unchanged(), pytest.raises(ValidationError, match="Unknown video-conference provider"):
        services.meeting_set_conference(actor=world.secretariat, meeting=meeting, provider="x")
    in_person = _create(world, mode="in_person")
    with unchanged(), pytest.raises(ValidationError, match="online and hybrid"):
        services.meeting_set_conference(
            actor=world.secretariat, meeting=in_person, provider="jitsi"
        )
    with unchanged(), pytest.raises(PermissionDenied):
        services.meeting_set_conference(actor=world.chair, meeting=meeting, provider="jitsi")


# --- agenda ----------------------------------------------------------------------------------


def test_agenda_add_move_remove(world, meeting):
    third = services.agenda_item_add(
        actor=world.secretariat, meeting=meeting, title="Any other business", kind="information"
    )
    assert third.position == 3
    services.agenda_item_move(actor=world.secretariat, item=third, position=1)
    titles = list(AgendaItem.objects.filter(meeting=meeting).values_list("title", flat=True))
    assert titles == ["Any other business", "Opening", "Programme Document"]
    with unchanged(), pytest.raises(ValidationError, match="between 1 and 3"):
        services.agenda_item_move(actor=world.secretariat, item=third, position=9)
    services.agenda_item_remove(actor=world.secretariat, item=third)
    positions = list(AgendaItem.objects.filter(meeting=meeting).values_list("position", flat=True))
    assert positions == [1, 2]


def test_agenda_item_update_conflict(world, meeting):
    item = meeting.agenda_items.first()
    services.agenda_item_update(
        actor=world.secretariat, item=item, expected_version=1, title="Opening of the meeting"
    )
    with unchanged(), pytest.raises(ConflictError):
        services.agenda_item_update(
            actor=world.secretariat, item=item, expected_version=1, title="Welcome"
        )
    item.refresh_from_db()
    assert item.title == "Opening of the meeting"


def test_agenda_frozen_after_opening(world, in_session):
    with unchanged(), pytest.raises(ConflictError, match="approved at the opening"):
        services.agenda_item_add(
            actor=world.secretariat, meeting=in_session, title="Late item", kind="information"
        )
    assert in_session.agenda_approved_at is not None


def test_agenda_needs_secretariat(world, meeting):
    with unchanged(), pytest.raises(PermissionDenied):
        services.agenda_item_add(actor=world.chair, meeting=meeting, title="X", kind="information")


def test_agenda_item_kind_validated(world, meeting):
    with unchanged(), pytest.raises(ValidationError):
        services.agenda_item_add(actor=world.secretariat, meeting=meeting, title="X", kind="party")


# --- participation ---------------------------------------------------------------------------


def test_delegations_register_their_own_people(world, meeting):
    p = services.participant_register(
        actor=world.head_kz,
        meeting=meeting,
        delegation=world.kz,
        name="",
        user=world.delegate_kz,
        function="Counsellor",
    )
    assert p.name == world.delegate_kz.full_name
    with unchanged(), pytest.raises(ConflictError, match="already registered"):
        services.participant_register(
            actor=world.head_kz,
            meeting=meeting,
            delegation=world.kz,
            name="x",
            user=world.delegate_kz,
        )
    for who in ("delegate_tm", "expert_kz", "observer", "outsider"):
        with unchanged(), pytest.raises(PermissionDenied):
            services.participant_register(
                actor=getattr(world, who), meeting=meeting, delegation=world.kz, name="Someone"
            )
    with unchanged(), pytest.raises(ValidationError, match="does not sit"):
        services.participant_register(
            actor=world.head_kz,
            meeting=meeting,
            delegation=world.kz,
            name="x",
            user=world.delegate_tm,
        )


def test_quorum_needs_every_member_delegation(world, meeting):
    from secretariat.meetings import selectors

    services.participant_register(
        actor=world.chair, meeting=meeting, delegation=world.jp, name="A", user=world.chair
    )
    services.participant_register(
        actor=world.head_kz, meeting=meeting, delegation=world.kz, name="B", user=world.head_kz
    )
    services.participant_register(  # the observer state attends but does not count
        actor=world.observer_state_delegate, meeting=meeting, delegation=world.us, name="C"
    )
    services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    services.roll_call_record(
        actor=world.chair, meeting=meeting, present={p.pk: True for p in meeting.participants.all()}
    )
    attendance = selectors.attendance(meeting)
    assert not attendance.quorum
    assert [d.state.iso2 for d in attendance.absent] == ["TM"]


def test_roll_call_only_in_session_and_by_chair(world, meeting):
    p = services.participant_register(
        actor=world.chair, meeting=meeting, delegation=world.jp, name="A"
    )
    with unchanged(), pytest.raises(ConflictError):
        services.roll_call_record(actor=world.chair, meeting=meeting, present={p.pk: True})
    services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    with unchanged(), pytest.raises(PermissionDenied):
        services.roll_call_record(actor=world.head_kz, meeting=meeting, present={p.pk: True})
    with unchanged(), pytest.raises(ValidationError, match="Not a participant"):
        services.roll_call_record(actor=world.chair, meeting=meeting, present={99999: True})


# --- the live session ------------------------------------------------------------------------


def test_session_open_requires_chair_or_secretariat(world, meeting):
    for who in ("head_kz", "delegate_tm", "observer", "outsider"):
        with unchanged(), pytest.raises(PermissionDenied):
            services.session_open(actor=getattr(world, who), meeting=meeting)
    opened = services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    assert opened.status == "in_session"
    assert opened.current_item is not None
    assert opened.current_item.title == "Opening"


def test_session_cannot_open_without_agenda(world):
    meeting = services.meeting_announce(actor=world.secretariat, meeting=_create(world))
    with unchanged(), pytest.raises(ConflictError, match="agenda"):
        services.session_open(actor=world.secretariat, meeting=meeting, confirm_early=True)


def test_planned_meeting_cannot_open(world):
    meeting = _create(world)
    services.agenda_item_add(actor=world.secretariat, meeting=meeting, title="A", kind="decision")
    with unchanged(), pytest.raises(ConflictError, match="planned"):
        services.session_open(actor=world.secretariat, meeting=meeting, confirm_early=True)


def test_speakers_flow(world, in_session):
    with unchanged(), pytest.raises(ConflictError, match="closed"):
        services.floor_request(actor=world.head_kz, meeting=in_session, delegation=world.kz)
    services.speakers_set_open(actor=world.chair, meeting=in_session, is_open=True)
    kz = services.floor_request(actor=world.head_kz, meeting=in_session, delegation=world.kz)
    tm = services.floor_request(actor=world.delegate_tm, meeting=in_session, delegation=world.tm)
    with unchanged(), pytest.raises(ConflictError, match="already on the list"):
        services.floor_request(actor=world.delegate_kz, meeting=in_session, delegation=world.kz)
    given = services.floor_give(actor=world.chair, meeting=in_session)
    assert given.pk == kz.pk
    given = services.floor_give(actor=world.chair, meeting=in_session, speaker=tm)
    kz.refresh_from_db()
    assert kz.status == "done"
    assert kz.ended_at is not None
    assert given.status == "speaking"
    services.floor_end(actor=world.chair, meeting=in_session)
    with unchanged(), pytest.raises(ConflictError, match="Nobody has the floor"):
        services.floor_end(actor=world.chair, meeting=in_session)
    with unchanged(), pytest.raises(ConflictError, match="Nobody is waiting"):
        services.floor_give(actor=world.chair, meeting=in_session)


def test_only_own_delegation_requests_the_floor(world, in_session):
    services.speakers_set_open(actor=world.chair, meeting=in_session, is_open=True)
    for who, delegation in [
        ("head_kz", "tm"),
        ("expert_kz", "kz"),
        ("observer", "kz"),
        ("observer_state_delegate", "us"),
        ("outsider", "kz"),
    ]:
        with unchanged(), pytest.raises(PermissionDenied):
            services.floor_request(
                actor=getattr(world, who),
                meeting=in_session,
                delegation=getattr(world, delegation),
            )
    assert not Speaker.objects.exists()


def test_withdraw(world, in_session):
    services.speakers_set_open(actor=world.chair, meeting=in_session, is_open=True)
    speaker = services.floor_request(actor=world.head_kz, meeting=in_session, delegation=world.kz)
    with unchanged(), pytest.raises(PermissionDenied):
        services.floor_withdraw(actor=world.delegate_tm, speaker=speaker)
    services.floor_withdraw(actor=world.delegate_kz, speaker=speaker)
    speaker.refresh_from_db()
    assert speaker.status == "withdrawn"
    with unchanged(), pytest.raises(ConflictError):
        services.floor_withdraw(actor=world.head_kz, speaker=speaker)
    # It may ask again after withdrawing.
    services.floor_request(actor=world.head_kz, meeting=in_session, delegation=world.kz)


def test_only_chair_gives_floor(world, in_session):
    services.speakers_set_open(actor=world.chair, meeting=in_session, is_open=True)
    services.floor_request(actor=world.head_kz, meeting=in_session, delegation=world.kz)
    with unchanged(), pytest.raises(PermissionDenied):
        services.floor_give(actor=world.head_kz, meeting=in_session)
    services.floor_give(actor=world.secretariat, meeting=in_session)


def test_moving_item_ends_the_floor(world, in_session):
    services.speakers_set_open(actor=world.chair, meeting=in_session, is_open=True)
    services.floor_request(actor=world.head_kz, meeting=in_session, delegation=world.kz)
    services.floor_give(actor=world.chair, meeting=in_session)
    moved = services.session_item_next(actor=world.chair, meeting=in_session)
    assert moved.current_item is not None
    assert moved.current_item.title == "Programme Document"
    assert not moved.speakers_open
    assert not Speaker.objects.filter(status="speaking").exists()
    with unchanged(), pytest.raises(ConflictError, match="last item"):
        services.session_item_next(actor=world.chair, meeting=in_session)


def test_decisions(world, in_session):
    item = in_session.agenda_items.get(title="Programme Document")
    decision = services.decision_record(
        actor=world.chair,
        meeting=in_session,
        item=item,
        kind="adopted",
        text="The Programme Document was adopted by consensus.",
    )
    assert decision.kind == Decision.Kind.ADOPTED_BY_CONSENSUS
    with unchanged(), pytest.raises(ValidationError, match="Write the decision"):
        services.decision_record(
            actor=world.chair, meeting=in_session, item=item, kind="decision", text="  "
        )
    with unchanged(), pytest.raises(ValidationError):
        services.decision_record(
            actor=world.chair, meeting=in_session, item=item, kind="vote", text="x"
        )
    with unchanged(), pytest.raises(PermissionDenied):
        services.decision_record(
            actor=world.head_kz, meeting=in_session, item=item, kind="decision", text="x"
        )


def test_consensus_needs_quorum(world, in_session):
    tm = in_session.participants.get(delegation=world.tm)
    services.roll_call_record(actor=world.chair, meeting=in_session, present={tm.pk: False})
    item = in_session.agenda_items.last()
    with unchanged(), pytest.raises(ConflictError, match="absent: Turkmenistan"):
        services.decision_record(
            actor=world.chair, meeting=in_session, item=item, kind="adopted", text="Adopted."
        )
    # A decision that is not a consensus adoption may still be recorded.
    services.decision_record(
        actor=world.chair, meeting=in_session, item=item, kind="noted", text="Noted."
    )


def test_close_session(world, in_session):
    services.speakers_set_open(actor=world.chair, meeting=in_session, is_open=True)
    services.floor_request(actor=world.head_kz, meeting=in_session, delegation=world.kz)
    services.floor_request(actor=world.delegate_tm, meeting=in_session, delegation=world.tm)
    services.floor_give(actor=world.chair, meeting=in_session)
    closed = services.session_close(actor=world.chair, meeting=in_session)
    assert closed.status == "closed"
    assert closed.closed_at is not None
    assert set(Speaker.objects.values_list("status", flat=True)) == {"done", "withdrawn"}
    with unchanged(), pytest.raises(ConflictError, match="not open"):
        services.speakers_set_open(actor=world.chair, meeting=closed, is_open=True)
    with unchanged(), pytest.raises(ConflictError):
        services.session_close(actor=world.chair, meeting=closed)


# --- minutes ---------------------------------------------------------------------------------


@pytest.fixture
def closed(world, in_session):
    services.speakers_set_open(actor=world.chair, meeting=in_session, is_open=True)
    services.floor_request(actor=world.head_kz, meeting=in_session, delegation=world.kz)
    services.floor_give(actor=world.chair, meeting=in_session)
    services.decision_record(
        actor=world.chair,
        meeting=in_session,
        item=in_session.current_item,
        kind="noted",
        text="The ministers took note of the report of the senior officials.",
    )
    return services.session_close(actor=world.chair, meeting=in_session)


def test_minutes_drafted_from_record_in_working_languages(world, closed):
    minutes = services.minutes_generate(actor=world.secretariat, meeting=closed)
    revision = minutes.revisions.get()
    assert set(revision.texts) == {"en", "ru"}
    en = revision.texts["en"]
    assert "8th meeting of the Foreign Ministers" in en
    assert "Took the floor, in this order: Kazakhstan." in en
    assert "took note of the report" in en
    assert "Kazakhstan" in en
    assert "Turkmenistan" in en
    assert "All member delegations were present" in en
    assert "Протокол" in revision.texts["ru"]


def test_minutes_need_a_closed_session(world, in_session):
    with unchanged(), pytest.raises(ConflictError, match="closed"):
        services.minutes_generate(actor=world.secretariat, meeting=in_session)


def test_minutes_approval_flow(world, closed):
    minutes = services.minutes_generate(actor=world.secretariat, meeting=closed)
    with unchanged(), pytest.raises(PermissionDenied):
        services.minutes_edit(actor=world.chair, minutes=minutes, texts={"en": "x", "ru": "y"})
    with unchanged(), pytest.raises(ValidationError, match="missing: ru"):
        services.minutes_edit(actor=world.secretariat, minutes=minutes, texts={"en": "x"})
    minutes = services.minutes_edit(
        actor=world.secretariat,
        minutes=minutes,
        texts={"en": "# Minutes\nText.", "ru": "# П\nТ."},
        note="Shortened",
        expected_version=minutes.version,
    )
    assert minutes.revisions.count() == 2
    with unchanged(), pytest.raises(ConflictError):
        services.minutes_edit(
            actor=world.secretariat,
            minutes=minutes,
            texts={"en": "a", "ru": "b"},
            expected_version=1,
        )
    with unchanged(), pytest.raises(ConflictError, match="not circulated"):
        services.minutes_respond(
            actor=world.head_kz, minutes=minutes, delegation=world.kz, kind="approve"
        )
    with unchanged(), pytest.raises(ValidationError, match="future"):
        services.minutes_circulate(
            actor=world.secretariat, minutes=minutes, deadline=timezone.now() - timedelta(hours=1)
        )
    minutes = services.minutes_circulate(actor=world.secretariat, minutes=minutes, deadline=later())
    with unchanged(), pytest.raises(ConflictError, match="Only draft minutes are edited"):
        services.minutes_edit(
            actor=world.secretariat, minutes=minutes, texts={"en": "a", "ru": "b"}
        )
    services.minutes_respond(
        actor=world.chair, minutes=minutes, delegation=world.jp, kind="approve"
    )
    services.minutes_respond(
        actor=world.head_kz, minutes=minutes, delegation=world.kz, kind="approve"
    )
    with unchanged(), pytest.raises(ConflictError, match="already approved"):
        services.minutes_respond(
            actor=world.delegate_kz, minutes=minutes, delegation=world.kz, kind="approve"
        )
    with unchanged(), pytest.raises(PermissionDenied):
        services.minutes_respond(
            actor=world.expert_kz, minutes=minutes, delegation=world.kz, kind="approve"
        )
    with unchanged(), pytest.raises(ConflictError, match="Not yet"):
        services.minutes_finalise(actor=world.secretariat, minutes=minutes)
    with unchanged(), pytest.raises(ValidationError, match="comment"):
        services.minutes_respond(
            actor=world.delegate_tm, minutes=minutes, delegation=world.tm, kind="comment"
        )
    services.minutes_respond(
        actor=world.delegate_tm, minutes=minutes, delegation=world.tm, kind="approve"
    )
    minutes = services.minutes_finalise(actor=world.secretariat, minutes=minutes)
    assert minutes.status == "final"
    assert len(minutes.final_hash) == 64
    closed.refresh_from_db()
    assert closed.status == "minutes_approved"
    # Frozen: nothing edits final minutes.
    with unchanged(), pytest.raises(ConflictError):
        services.minutes_edit(
            actor=world.secretariat, minutes=minutes, texts={"en": "a", "ru": "b"}
        )
    with unchanged(), pytest.raises(ConflictError):
        services.minutes_reopen(actor=world.secretariat, minutes=minutes)
    with unchanged(), pytest.raises(ConflictError):
        services.minutes_generate(actor=world.secretariat, meeting=closed)


def test_silence_after_deadline_counts_as_approval(world, closed):
    minutes = services.minutes_generate(actor=world.secretariat, meeting=closed)
    minutes = services.minutes_circulate(actor=world.secretariat, minutes=minutes, deadline=later())
    services.minutes_respond(
        actor=world.head_kz,
        minutes=minutes,
        delegation=world.kz,
        kind="comment",
        text="Please name our deputy minister.",
    )
    Minutes.objects.filter(pk=minutes.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    minutes.refresh_from_db()
    with unchanged(), pytest.raises(ConflictError, match="deadline for responses has passed"):
        services.minutes_respond(
            actor=world.chair, minutes=minutes, delegation=world.jp, kind="approve"
        )
    # An open comment blocks finalising; the secretariat takes the text back.
    with unchanged(), pytest.raises(ConflictError, match="Not yet"):
        services.minutes_finalise(actor=world.secretariat, minutes=minutes)
    minutes = services.minutes_reopen(actor=world.secretariat, minutes=minutes)
    minutes = services.minutes_edit(
        actor=world.secretariat, minutes=minutes, texts={"en": "Revised", "ru": "Исправлено"}
    )
    minutes = services.minutes_circulate(actor=world.secretariat, minutes=minutes, deadline=later())
    Minutes.objects.filter(pk=minutes.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    minutes.refresh_from_db()
    minutes = services.minutes_finalise(actor=world.secretariat, minutes=minutes)
    assert minutes.status == "final"
    assert MinutesRevision.objects.filter(minutes=minutes).count() == 2


def test_statement(world, closed):
    statement = services.statement_generate(actor=world.secretariat, meeting=closed)
    assert "took note of the report" in statement.texts["en"]
    assert set(statement.texts) == {"en", "ru"}
    with unchanged(), pytest.raises(PermissionDenied):
        services.statement_publish(actor=world.chair, statement=statement)
    statement = services.statement_edit(
        actor=world.secretariat,
        statement=statement,
        texts={"en": "E", "ru": "R"},
        expected_version=statement.version,
    )
    with unchanged(), pytest.raises(ConflictError):
        services.statement_edit(
            actor=world.secretariat,
            statement=statement,
            texts={"en": "E2", "ru": "R2"},
            expected_version=1,
        )
    statement = services.statement_publish(actor=world.secretariat, statement=statement)
    assert statement.status == PressStatement.Status.PUBLISHED
    with unchanged(), pytest.raises(ConflictError):
        services.statement_edit(actor=world.secretariat, statement=statement, texts={"en": "x"})
    with unchanged(), pytest.raises(ConflictError):
        services.statement_generate(actor=world.secretariat, meeting=closed)


def test_statement_needs_closed_session(world, in_session):
    with unchanged(), pytest.raises(ConflictError):
        services.statement_generate(actor=world.secretariat, meeting=in_session)


def test_calendar_token_reset(world):
    first = services.calendar_token_get(user=world.head_kz)
    assert services.calendar_token_get(user=world.head_kz).token == first.token
    second = services.calendar_token_reset(user=world.head_kz)
    assert second.token != first.token
