from __future__ import annotations

import pytest

from secretariat import policy
from secretariat.policy import Visibility


def test_anonymous_sees_only_public(world):
    s = policy.standing(world.anonymous, world.fmt)
    assert s.may_see(Visibility.PUBLIC)
    for level in (Visibility.OBSERVERS, Visibility.MEMBERS, Visibility.SECRETARIAT):
        assert not s.may_see(level)
    assert not s.may_see(Visibility.DELEGATION, world.kz.pk)


def test_secretariat_sees_everything(world):
    s = policy.standing(world.secretariat, world.fmt)
    assert s.secretariat
    for level in Visibility:
        assert s.may_see(level, world.kz.pk)


@pytest.mark.parametrize("who", ["head_kz", "delegate_kz", "expert_kz", "delegate_tm", "chair"])
def test_member_delegations_see_members_level(world, who):
    s = policy.standing(getattr(world, who), world.fmt)
    assert s.member
    assert s.may_see(Visibility.MEMBERS)
    assert s.may_see(Visibility.OBSERVERS)
    assert not s.may_see(Visibility.SECRETARIAT)


@pytest.mark.parametrize("who", ["observer", "observer_state_delegate"])
def test_observers_see_shared_but_not_member_level(world, who):
    s = policy.standing(getattr(world, who), world.fmt)
    assert s.observer
    assert not s.member
    assert s.may_see(Visibility.OBSERVERS)
    assert not s.may_see(Visibility.MEMBERS)


def test_outsider_from_another_format_has_no_standing(world):
    s = policy.standing(world.outsider, world.fmt)
    assert s.authenticated
    assert not s.member
    assert not s.observer
    assert not s.secretariat
    assert not s.chair
    assert not s.may_see(Visibility.OBSERVERS)


def test_delegation_internal_page_visible_to_own_delegation_and_secretariat(world):
    assert policy.can_view_delegation_internal(world.head_kz, world.kz)
    assert policy.can_view_delegation_internal(world.expert_kz, world.kz)
    assert policy.can_view_delegation_internal(world.secretariat, world.kz)


@pytest.mark.parametrize(
    "who", ["delegate_tm", "chair", "observer", "observer_state_delegate", "outsider", "anonymous"]
)
def test_delegation_internal_page_not_visible_to_others(world, who):
    assert not policy.can_view_delegation_internal(getattr(world, who), world.kz)


def test_superuser_gains_no_standing_from_being_superuser(world, django_user_model):
    admin = django_user_model.objects.create_superuser("root@example.org", "x", full_name="Root")
    assert not policy.can_view_delegation_internal(admin, world.kz)
    assert not policy.standing(admin, world.fmt).may_see(Visibility.MEMBERS)


def test_chair_is_head_or_delegate_of_the_chairing_state(world):
    assert policy.can_act_as_chair(world.chair, world.fmt)
    assert not policy.can_act_as_chair(world.head_kz, world.fmt)
    assert not policy.can_act_as_chair(world.secretariat, world.fmt)


def test_chair_lapses_when_the_term_ends(world):
    from datetime import date

    world.fmt.chairmanships.update(ends_on=date(2001, 1, 1))
    assert not policy.can_act_as_chair(world.chair, world.fmt)


def test_only_heads_and_delegates_of_members_speak_for_a_delegation(world):
    assert policy.can_speak_for(world.head_kz, world.kz)
    assert policy.can_speak_for(world.delegate_kz, world.kz)
    assert not policy.can_speak_for(world.expert_kz, world.kz)
    assert not policy.can_speak_for(world.delegate_tm, world.kz)
    assert not policy.can_speak_for(world.observer_state_delegate, world.us)


def test_only_secretariat_manages_a_format(world):
    assert policy.can_manage_format(world.secretariat, world.fmt)
    assert not policy.can_manage_format(world.chair, world.fmt)
    assert not policy.can_manage_format(world.anonymous, world.fmt)


def test_standing_is_cached_per_user_object(world, django_assert_num_queries):
    policy.standing(world.head_kz, world.fmt)
    with django_assert_num_queries(0):
        policy.standing(world.head_kz, world.fmt)
    policy.forget_standing(world.head_kz)
    with django_assert_num_queries(2):  # seats; secretariat, observer and chair in one row
        policy.standing(world.head_kz, world.fmt)


def test_inactive_user_has_no_standing(world):
    world.head_kz.is_active = False
    assert not policy.standing(world.head_kz, world.fmt).member
