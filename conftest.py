"""Fixtures every capability's tests share: a small format with one person per role."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from secretariat.formats.models import Delegation, DialogueFormat, Membership
from secretariat.formats.tests.factories import (
    ChairmanshipFactory,
    DelegationMemberFactory,
    DialogueFormatFactory,
    MembershipFactory,
    MemberStateFactory,
    ObserverFactory,
    SecretariatMemberFactory,
    UserFactory,
)


@dataclass
class World:
    """A format of three members (JP chairs, KZ, TM) and one observer state (US), with one
    person per role, and an outsider who sits in a delegation of another format."""

    fmt: DialogueFormat
    jp: Delegation
    kz: Delegation
    tm: Delegation
    us: Delegation
    secretariat: Any
    chair: Any  # head of the Japanese delegation; Japan chairs
    head_kz: Any
    delegate_kz: Any
    expert_kz: Any
    delegate_tm: Any
    observer: Any  # individual observer
    observer_state_delegate: Any  # sits in the delegation of the observer state
    outsider: Any  # delegate in another format
    anonymous: Any


@pytest.fixture
def world(db: None) -> World:
    from django.contrib.auth.models import AnonymousUser

    fmt = DialogueFormatFactory(slug="caj", name="Central Asia + Japan", short_name="CA+J")
    states = {
        code: MemberStateFactory(iso2=code, iso3=iso3, name=name, time_zone=tz)
        for code, iso3, name, tz in [
            ("JP", "JPN", "Japan", "Asia/Tokyo"),
            ("KZ", "KAZ", "Kazakhstan", "Asia/Almaty"),
            ("TM", "TKM", "Turkmenistan", "Asia/Ashgabat"),
            ("US", "USA", "United States", "America/New_York"),
        ]
    }
    delegations = {}
    for code, state in states.items():
        kind = Membership.Kind.OBSERVER if code == "US" else Membership.Kind.MEMBER
        MembershipFactory(format=fmt, state=state, kind=kind)
        delegations[code] = Delegation.objects.create(format=fmt, state=state)
    ChairmanshipFactory(format=fmt, state=states["JP"])

    def seat(code: str, role: str) -> Any:
        return DelegationMemberFactory(delegation=delegations[code], role=role).user

    other = DialogueFormatFactory(slug="other")
    other_delegation = Delegation.objects.create(format=other, state=states["KZ"])
    outsider = DelegationMemberFactory(delegation=other_delegation, role="delegate").user
    return World(
        fmt=fmt,
        jp=delegations["JP"],
        kz=delegations["KZ"],
        tm=delegations["TM"],
        us=delegations["US"],
        secretariat=SecretariatMemberFactory(format=fmt).user,
        chair=seat("JP", "head"),
        head_kz=seat("KZ", "head"),
        delegate_kz=seat("KZ", "delegate"),
        expert_kz=seat("KZ", "expert"),
        delegate_tm=seat("TM", "delegate"),
        observer=ObserverFactory(format=fmt).user,
        observer_state_delegate=seat("US", "delegate"),
        outsider=outsider,
        anonymous=AnonymousUser(),
    )


@pytest.fixture
def user(db: None) -> Any:
    return UserFactory()


@pytest.fixture(autouse=True)
def _english_by_default() -> Any:
    """Requests activate a language per thread; start every test from English again."""
    from django.utils import translation

    with translation.override("en"):
        yield
