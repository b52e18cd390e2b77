"""Who may follow a format's announcements and who may send them."""

from __future__ import annotations

from typing import Any

import pytest

from secretariat.announcements import policy

pytestmark = pytest.mark.django_db

FOLLOWERS = [
    "secretariat",
    "chair",
    "head_kz",
    "delegate_kz",
    "expert_kz",
    "observer",
    "observer_state_delegate",
]
NOT_FOLLOWERS = ["outsider", "anonymous"]
NOT_SENDERS = [
    "chair",
    "head_kz",
    "delegate_kz",
    "expert_kz",
    "observer",
    "observer_state_delegate",
    "outsider",
    "anonymous",
]


@pytest.mark.parametrize("who", FOLLOWERS)
def test_participants_follow_announcements(world: Any, who: str) -> None:
    assert policy.can_follow_announcements(getattr(world, who), world.fmt)


@pytest.mark.parametrize("who", NOT_FOLLOWERS)
def test_outsiders_do_not_follow_announcements(world: Any, who: str) -> None:
    assert not policy.can_follow_announcements(getattr(world, who), world.fmt)


def test_superuser_without_a_seat_does_not_follow(world: Any) -> None:
    world.outsider.is_superuser = True
    assert not policy.can_follow_announcements(world.outsider, world.fmt)
    assert not policy.can_send_announcement(world.outsider, world.fmt)


def test_only_the_secretariat_sends(world: Any) -> None:
    assert policy.can_send_announcement(world.secretariat, world.fmt)


@pytest.mark.parametrize("who", NOT_SENDERS)
def test_nobody_else_sends(world: Any, who: str) -> None:
    assert not policy.can_send_announcement(getattr(world, who), world.fmt)


def test_the_secretariat_of_another_format_neither_sends_nor_follows(world: Any) -> None:
    from secretariat.accounts.models import User
    from secretariat.formats.models import DialogueFormat, SecretariatMember

    other = DialogueFormat.objects.get(slug="other")
    theirs = User.objects.create_user(email="pen@other.example", full_name="Pen Holder")
    SecretariatMember.objects.create(format=other, user=theirs)
    assert policy.can_send_announcement(theirs, other)
    assert not policy.can_send_announcement(theirs, world.fmt)
    assert not policy.can_follow_announcements(theirs, world.fmt)
