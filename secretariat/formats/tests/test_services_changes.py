"""The update and remove services the admin calls: each audits, each refusal changes nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from secretariat.core.models import AuditEntry
from secretariat.core.services import jsonable, model_update
from secretariat.formats import services
from secretariat.formats.models import (
    Chairmanship,
    Delegation,
    DelegationMember,
    DialogueFormat,
    Membership,
    MemberState,
    Observer,
    SecretariatMember,
)
from secretariat.formats.tests.factories import MemberStateFactory, UserFactory
from tests.support.unchanged import database_unchanged

pytestmark = pytest.mark.django_db


def last() -> AuditEntry:
    return AuditEntry.objects.latest("id")


def test_jsonable_and_model_update_report_only_real_changes(world):
    assert jsonable(date(2026, 1, 2)) == "2026-01-02"
    assert jsonable(world.fmt) == world.fmt.pk
    assert jsonable([1, None, object]) == [1, None, str(object)]
    state = world.kz.state
    assert model_update(state, {"capital": state.capital}) == {}
    before = state.capital
    assert model_update(state, {"capital": "Astana"}) == {"capital": [before, "Astana"]}


def test_state_update_upper_cases_codes_and_records_changes(world):
    state: Any = MemberStateFactory(iso2="KG", iso3="KGZ")
    services.state_update(
        actor=world.secretariat, state=state, data={"iso3": "kgz", "capital": "B"}
    )
    state.refresh_from_db()
    assert state.capital == "B"
    assert last().action == "state.update"
    assert "iso3" not in last().data["changes"]  # upper-cased: the same as before
    count = AuditEntry.objects.count()
    services.state_update(actor=world.secretariat, state=state, data={"capital": "B"})
    assert AuditEntry.objects.count() == count  # nothing changed, nothing recorded


def test_state_delete_of_a_state_in_a_format_is_refused(world):
    with database_unchanged(), pytest.raises(ValidationError, match="cannot be deleted"):
        services.state_delete(actor=world.secretariat, state=world.kz.state)
    lonely: Any = MemberStateFactory(iso2="KG", iso3="KGZ")
    services.state_delete(actor=world.secretariat, state=lonely)
    assert not MemberState.objects.filter(pk=lonely.pk).exists()
    assert last().action == "state.delete"


def test_format_update_and_delete(world):
    before = world.fmt.founded_year
    services.format_update(actor=world.secretariat, fmt=world.fmt, data={"founded_year": 2099})
    assert (last().action, last().data["changes"]) == (
        "format.update",
        {"founded_year": [before, 2099]},
    )
    with pytest.raises(ValidationError):
        services.format_update(actor=world.secretariat, fmt=world.fmt, data={"founded_year": 1})
    other = DialogueFormat.objects.get(slug="other")
    services.format_delete(actor=world.secretariat, fmt=other)
    assert not DialogueFormat.objects.filter(slug="other").exists()
    assert last().action == "format.delete"


def test_membership_update_keeps_the_chair_a_member(world):
    chair = Membership.objects.get(format=world.fmt, state=world.jp.state)
    with database_unchanged(), pytest.raises(ValidationError, match="stays a member"):
        services.membership_update(
            actor=world.secretariat, membership=chair, data={"kind": "observer"}
        )
    tm = Membership.objects.get(format=world.fmt, state=world.tm.state)
    services.membership_update(actor=world.secretariat, membership=tm, data={"kind": "observer"})
    assert last().data["changes"] == {"kind": ["member", "observer"]}
    services.membership_remove(actor=world.secretariat, membership=tm)
    assert not Membership.objects.filter(pk=tm.pk).exists()
    assert Delegation.objects.filter(pk=world.tm.pk).exists()  # its record stays
    assert last().action == "membership.remove"


def test_chairmanship_update_and_remove_keep_terms_apart(world):
    term = Chairmanship.objects.get(format=world.fmt)
    services.chairmanship_update(
        actor=world.secretariat, term=term, data={"ends_on": date(2029, 12, 31)}
    )
    kz_term = services.chairmanship_set(
        actor=world.secretariat,
        fmt=world.fmt,
        state=world.kz.state,
        starts_on=date(2030, 1, 1),
        ends_on=None,
    )
    with database_unchanged(), pytest.raises(ValidationError, match="overlaps"):
        services.chairmanship_update(
            actor=world.secretariat, term=kz_term, data={"starts_on": date(2029, 6, 1)}
        )
    with database_unchanged(), pytest.raises(ValidationError, match="not a member"):
        services.chairmanship_update(
            actor=world.secretariat, term=kz_term, data={"state": world.us.state}
        )
    services.chairmanship_remove(actor=world.secretariat, term=kz_term)
    assert list(Chairmanship.objects.filter(format=world.fmt)) == [term]
    assert last().action == "chairmanship.remove"


def test_delegation_create_update_delete(world):
    kg = MemberStateFactory(iso2="KG", iso3="KGZ")
    delegation = services.delegation_create(actor=world.secretariat, fmt=world.fmt, state=kg)
    assert last().action == "delegation.create"
    other = DialogueFormat.objects.get(slug="other")
    services.delegation_update(
        actor=world.secretariat, delegation=delegation, data={"format": other}
    )
    assert last().action == "delegation.update"
    services.delegation_delete(actor=world.secretariat, delegation=world.kz)
    assert not DelegationMember.objects.filter(delegation_id=world.kz.pk).exists()
    assert len(last().data["seats"]) == 3


def test_delegation_member_update_keeps_one_head(world):
    seat = DelegationMember.objects.get(user=world.delegate_kz)
    with database_unchanged(), pytest.raises(ValidationError, match="already has a head"):
        services.delegation_member_update(actor=world.secretariat, seat=seat, data={"role": "head"})
    before = seat.function
    services.delegation_member_update(
        actor=world.secretariat, seat=seat, data={"function": "Ambassador"}
    )
    assert (last().action, last().data["changes"]) == (
        "delegation.member_update",
        {"function": [before, "Ambassador"]},
    )


def seat_of(model: Any, user: Any) -> Any:
    return model.objects.get(user=user)


def test_secretariat_and_observer_seats_change_and_go(world):
    seat = seat_of(SecretariatMember, world.secretariat)
    services.secretariat_member_update(actor=None, seat=seat, data={"function": "Head"})
    assert last().action == "secretariat.member_update"
    observer = seat_of(Observer, world.observer)
    services.observer_update(actor=None, seat=observer, data={"organisation": "UNDP"})
    assert last().action == "observer.update"
    services.observer_remove(actor=None, seat=observer)
    services.secretariat_member_remove(actor=None, seat=seat)
    assert [e.action for e in AuditEntry.objects.order_by("-id")[:2]] == [
        "secretariat.member_remove",
        "observer.remove",
    ]
    assert not Observer.objects.filter(user=world.observer).exists()


def test_a_new_head_is_refused_with_the_name_of_the_head(world):
    person = UserFactory()
    with database_unchanged(), pytest.raises(ValidationError) as refused:
        services.delegation_member_add(
            actor=world.secretariat, delegation=world.kz, user=person, role="head"
        )
    assert str(world.head_kz) in refused.value.messages[0]
