"""Who sees which meetings in the lists the selectors give (pages, API and calendars)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from secretariat.meetings import selectors, services

pytestmark = pytest.mark.django_db


def plan(world: Any, number: int, *, public: bool, announce: bool) -> Any:
    meeting = services.meeting_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="foreign_ministers",
        number=number,
        mode="online",
        starts_at=datetime(2030, 3, number, 5, 0, tzinfo=UTC),
        ends_at=datetime(2030, 3, number, 7, 0, tzinfo=UTC),
        is_public=public,
    )
    if announce:
        services.meeting_announce(actor=world.secretariat, meeting=meeting)
    return meeting


@pytest.fixture
def three(world: Any) -> dict[str, Any]:
    return {
        "planned": plan(world, 1, public=True, announce=False),
        "announced_closed": plan(world, 2, public=False, announce=True),
        "announced_public": plan(world, 3, public=True, announce=True),
    }


def seen(world: Any, who: str, three: dict[str, Any]) -> set[str]:
    pks = {m.pk for m in selectors.meeting_list(world.fmt, getattr(world, who))}
    return {name for name, meeting in three.items() if meeting.pk in pks}


@pytest.mark.parametrize("who", ["secretariat", "chair", "head_kz", "expert_kz", "delegate_tm"])
def test_members_and_secretariat_see_every_meeting_even_a_planned_one(world, three, who):
    assert seen(world, who, three) == {"planned", "announced_closed", "announced_public"}


@pytest.mark.parametrize("who", ["observer", "observer_state_delegate"])
def test_observers_see_announced_meetings_but_not_planned_ones(world, three, who):
    assert seen(world, who, three) == {"announced_closed", "announced_public"}


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_the_public_sees_only_announced_public_meetings(world, three, who):
    assert seen(world, who, three) == {"announced_public"}


def test_an_anonymous_person_has_no_meetings_of_their_own(world, three):
    assert list(selectors.meetings_for_person(world.anonymous)) == []
    # while an observer's own list leaves out the planned meeting
    own = {m.pk for m in selectors.meetings_for_person(world.observer)}
    assert own == {three["announced_closed"].pk, three["announced_public"].pk}
