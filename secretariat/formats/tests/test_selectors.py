from __future__ import annotations

from datetime import UTC, datetime

import pytest

from secretariat.formats import selectors
from secretariat.formats.models import Delegation, Membership
from secretariat.formats.tests.factories import DelegationMemberFactory, MemberStateFactory


def test_overview_local_times_come_from_the_tz_database(world):
    at = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
    overview = selectors.format_overview(world.fmt, at=at)
    times = {row.state.iso2: (row.local_now.hour, row.offset_label) for row in overview.members}
    assert times["JP"] == (12, "UTC+9")
    assert times["KZ"] == (8, "UTC+5")  # Kazakhstan's single zone since 2024
    assert times["TM"] == (8, "UTC+5")
    assert [row.state.iso2 for row in overview.observers] == ["US"]
    assert overview.observers[0].offset_label == "UTC-5"
    assert overview.chair is not None
    assert overview.chair.state.iso2 == "JP"


def test_overview_names_heads_of_delegation(world):
    overview = selectors.format_overview(world.fmt)
    heads = {row.state.iso2: row.head_name for row in overview.members}
    assert heads["KZ"] == world.head_kz.full_name
    assert heads["TM"] == ""


def test_overview_query_count_is_constant(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        selectors.format_overview(world.fmt)
    for n in range(10):
        state = MemberStateFactory()
        Membership.objects.create(format=world.fmt, state=state, since="2010-01-01")
        delegation = Delegation.objects.create(format=world.fmt, state=state)
        DelegationMemberFactory(delegation=delegation, role="head" if n % 2 else "expert")
    with django_assert_max_num_queries(4):
        overview = selectors.format_overview(world.fmt)
    assert len(overview.members) == 13


@pytest.mark.django_db
def test_seats_of_anonymous_are_empty(client):
    from django.contrib.auth.models import AnonymousUser

    assert list(selectors.delegation_seats_for(AnonymousUser())) == []
