"""Who may see what: every visibility rule has its who-must-NOT-see test."""

from __future__ import annotations

import pytest

from secretariat.meetings import policy, services
from secretariat.meetings.tests.conftest import later

EVERYONE = [
    "secretariat",
    "chair",
    "head_kz",
    "delegate_kz",
    "expert_kz",
    "delegate_tm",
    "observer",
    "observer_state_delegate",
    "outsider",
    "anonymous",
]
MEMBERS_AND_SECRETARIAT = {
    "secretariat",
    "chair",
    "head_kz",
    "delegate_kz",
    "expert_kz",
    "delegate_tm",
}


@pytest.fixture
def planned(world):
    from datetime import UTC, datetime

    return services.meeting_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="expert_group",
        mode="online",
        starts_at=datetime(2030, 1, 1, 5, tzinfo=UTC),
        ends_at=datetime(2030, 1, 1, 6, tzinfo=UTC),
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_planned_meeting_only_for_members_and_secretariat(world, planned, who):
    assert policy.can_view_meeting(getattr(world, who), planned) == (who in MEMBERS_AND_SECRETARIAT)


@pytest.mark.parametrize("who", EVERYONE)
def test_announced_internal_meeting_hidden_from_public_and_outsiders(world, planned, who):
    meeting = services.meeting_announce(actor=world.secretariat, meeting=planned)
    visible = policy.can_view_meeting(getattr(world, who), meeting)
    assert visible == (who not in {"outsider", "anonymous"})


@pytest.mark.parametrize("who", EVERYONE)
def test_public_meeting_outcomes_for_everyone(world, meeting, who):
    assert policy.can_view_outcomes(getattr(world, who), meeting)


@pytest.mark.parametrize("who", EVERYONE)
def test_internal_record_only_members_and_secretariat(world, meeting, who):
    assert policy.can_view_internal_record(getattr(world, who), meeting) == (
        who in MEMBERS_AND_SECRETARIAT
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_video_link_only_registered_participants_and_secretariat(world, meeting, who):
    services.participant_register(
        actor=world.head_kz, meeting=meeting, delegation=world.kz, name="", user=world.head_kz
    )
    assert policy.can_see_conference_link(getattr(world, who), meeting) == (
        who in {"secretariat", "head_kz"}
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_run_session_only_chair_and_secretariat(world, meeting, who):
    assert policy.can_run_session(getattr(world, who), meeting) == (who in {"secretariat", "chair"})


def test_meeting_chair_state_overrides_format_chair(world, meeting):
    meeting.chair_state = world.kz.state
    assert policy.can_run_session(world.head_kz, meeting)
    assert policy.can_run_session(world.delegate_kz, meeting)
    assert not policy.can_run_session(world.expert_kz, meeting)
    assert not policy.can_run_session(world.chair, meeting)


@pytest.fixture
def minutes(world, in_session):
    closed = services.session_close(actor=world.chair, meeting=in_session)
    return services.minutes_generate(actor=world.secretariat, meeting=closed)


@pytest.mark.parametrize("who", EVERYONE)
def test_draft_minutes_only_members_and_secretariat(world, minutes, who):
    assert policy.can_view_minutes(getattr(world, who), minutes) == (who in MEMBERS_AND_SECRETARIAT)


@pytest.mark.parametrize("who", EVERYONE)
def test_final_minutes_for_the_format_not_the_public(world, minutes, who):
    minutes = services.minutes_circulate(actor=world.secretariat, minutes=minutes, deadline=later())
    for person, delegation in [
        (world.chair, world.jp),
        (world.head_kz, world.kz),
        (world.delegate_tm, world.tm),
    ]:
        services.minutes_respond(
            actor=person, minutes=minutes, delegation=delegation, kind="approve"
        )
    minutes = services.minutes_finalise(actor=world.secretariat, minutes=minutes)
    assert policy.can_view_minutes(getattr(world, who), minutes) == (
        who not in {"outsider", "anonymous"}
    )


@pytest.mark.parametrize("who", EVERYONE)
def test_draft_statement_hidden_published_statement_public(world, meeting, who):
    user = getattr(world, who)
    assert policy.can_view_statement(user, meeting, False) == (who in MEMBERS_AND_SECRETARIAT)
    assert policy.can_view_statement(user, meeting, True)


def test_superuser_gets_no_content_rights(world, planned):
    from secretariat.formats.tests.factories import UserFactory

    admin = UserFactory(is_superuser=True, is_staff=True)
    assert not policy.can_view_meeting(admin, planned)
    assert not policy.can_manage_meeting(admin, planned)
    assert not policy.can_run_session(admin, planned)
