from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from secretariat.core.models import AuditEntry
from secretariat.formats import services
from secretariat.formats.models import Delegation, DelegationMember, DialogueFormat, MemberState
from secretariat.formats.tests.factories import MemberStateFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_state_create_validates_codes_and_zone():
    with pytest.raises(ValidationError) as err:
        services.state_create(
            actor=None, iso2="J1", iso3="JPN", name="Japan", capital="Tokyo", time_zone="Asia/Tokio"
        )
    assert "iso2" in err.value.message_dict
    assert "time_zone" in err.value.message_dict
    assert not MemberState.objects.exists()


def test_state_create_upper_cases_codes_and_audits():
    state = services.state_create(
        actor=None, iso2="jp", iso3="jpn", name="Japan", capital="Tokyo", time_zone="Asia/Tokyo"
    )
    assert (state.iso2, state.iso3, state.flag) == ("JP", "JPN", "🇯🇵")
    assert AuditEntry.objects.filter(action="state.create", target_id=str(state.pk)).exists()


@pytest.mark.parametrize(
    ("languages", "fragment"),
    [([], "at least one"), (["en", "xx"], "xx"), (["en", "en"], "only once"), ("en", "list")],
)
def test_format_create_rejects_bad_working_languages(languages, fragment):
    with pytest.raises(ValidationError) as err:
        services.format_create(
            actor=None,
            slug="caj",
            name="Central Asia + Japan",
            short_name="CA+J",
            founded_year=2004,
            working_languages=languages,
        )
    assert fragment in str(err.value)
    assert not DialogueFormat.objects.exists()


def test_membership_add_creates_the_delegation_once(world):
    state = MemberStateFactory(iso2="UZ", iso3="UZB")
    services.membership_add(
        actor=world.secretariat, fmt=world.fmt, state=state, kind="member", since=date(2004, 8, 28)
    )
    assert Delegation.objects.filter(format=world.fmt, state=state).count() == 1
    with pytest.raises(ValidationError):
        services.membership_add(
            actor=None, fmt=world.fmt, state=state, kind="member", since=date(2004, 8, 28)
        )


def test_a_delegation_has_one_head(world):
    with pytest.raises(ValidationError):
        services.delegation_member_add(
            actor=world.secretariat, delegation=world.kz, user=UserFactory(), role="head"
        )
    assert world.kz.members.filter(role="head").count() == 1


def test_one_head_is_also_a_database_constraint(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        DelegationMember.objects.create(delegation=world.kz, user=UserFactory(), role="head")


def test_delegation_member_rejects_unknown_role(world):
    with pytest.raises(ValidationError):
        services.delegation_member_add(
            actor=None, delegation=world.kz, user=UserFactory(), role="ambassador"
        )


def test_delegation_member_remove_audits(world):
    seat = world.kz.members.get(user=world.expert_kz)
    services.delegation_member_remove(actor=world.secretariat, seat=seat)
    assert not world.kz.members.filter(user=world.expert_kz).exists()
    entry = AuditEntry.objects.get(action="delegation.member_remove")
    assert entry.actor == world.secretariat


def test_chairmanship_only_for_members(world):
    with pytest.raises(ValidationError, match="not a member"):
        services.chairmanship_set(
            actor=None,
            fmt=world.fmt,
            state=world.us.state,
            starts_on=date(2030, 1, 1),
            ends_on=None,
        )


def test_chairmanship_terms_never_overlap(world):
    # The fixture's Japanese term is open-ended from 2000.
    with pytest.raises(ValidationError, match="overlaps"):
        services.chairmanship_set(
            actor=None,
            fmt=world.fmt,
            state=world.kz.state,
            starts_on=date(2030, 1, 1),
            ends_on=date(2030, 12, 31),
        )
    world.fmt.chairmanships.update(ends_on=date(2029, 12, 31))
    term = services.chairmanship_set(
        actor=None,
        fmt=world.fmt,
        state=world.kz.state,
        starts_on=date(2030, 1, 1),
        ends_on=date(2030, 12, 31),
    )
    assert term.covers(date(2030, 6, 1))
    assert not term.covers(date(2031, 1, 1))


def test_chairmanship_end_before_start_is_rejected(world):
    world.fmt.chairmanships.all().delete()
    with pytest.raises(ValidationError):
        services.chairmanship_set(
            actor=None,
            fmt=world.fmt,
            state=world.kz.state,
            starts_on=date(2030, 1, 1),
            ends_on=date(2029, 1, 1),
        )


def test_secretariat_and_observer_seats_are_unique(world):
    with pytest.raises(ValidationError):
        services.secretariat_member_add(actor=None, fmt=world.fmt, user=world.secretariat)
    with pytest.raises(ValidationError):
        services.observer_add(actor=None, fmt=world.fmt, user=world.observer)
