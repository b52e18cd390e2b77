"""factory_boy factories for formats, states, delegations and people."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import factory

from secretariat.accounts.models import User
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


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("email",)

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    full_name = factory.Faker("name")
    time_zone = "UTC"
    password = factory.django.Password("pass-for-tests")


#: ISO 3166's user-assigned codes (QM-QZ, XA-XZ, ZZ): a factory state never turns out to be a
#: real one a test made by name (JP, KZ...), which get_or_create would hand back instead.
USER_ASSIGNED_CODES = (
    [f"Q{c}" for c in "MNOPQRSTUVWXYZ"] + [f"X{chr(c)}" for c in range(65, 91)] + ["ZZ"]
)


class MemberStateFactory(factory.django.DjangoModelFactory[MemberState]):
    class Meta:
        model = MemberState
        django_get_or_create = ("iso2",)

    iso2 = factory.Sequence(lambda n: USER_ASSIGNED_CODES[n % len(USER_ASSIGNED_CODES)])
    iso3 = factory.LazyAttribute(lambda o: f"{o.iso2}X")
    name = factory.LazyAttribute(lambda o: f"State {o.iso2}")
    capital = factory.LazyAttribute(lambda o: f"Capital of {o.iso2}")
    time_zone = "Asia/Tashkent"


class DialogueFormatFactory(factory.django.DjangoModelFactory[DialogueFormat]):
    class Meta:
        model = DialogueFormat

    slug = factory.Sequence(lambda n: f"format-{n}")
    name = factory.Sequence(lambda n: f"Dialogue {n}")
    short_name = factory.Sequence(lambda n: f"D{n}")
    founded_year = 2004
    working_languages = factory.LazyFunction(lambda: ["en", "ru"])


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    format = factory.SubFactory(DialogueFormatFactory)
    state = factory.SubFactory(MemberStateFactory)
    kind = Membership.Kind.MEMBER
    since = date(2004, 8, 28)


class DelegationFactory(factory.django.DjangoModelFactory[Delegation]):
    class Meta:
        model = Delegation
        django_get_or_create = ("format", "state")

    format = factory.SubFactory(DialogueFormatFactory)
    state = factory.SubFactory(MemberStateFactory)


class DelegationMemberFactory(factory.django.DjangoModelFactory[DelegationMember]):
    class Meta:
        model = DelegationMember

    delegation = factory.SubFactory(DelegationFactory)
    user = factory.SubFactory(UserFactory)
    role = DelegationMember.Role.DELEGATE


class SecretariatMemberFactory(factory.django.DjangoModelFactory[SecretariatMember]):
    class Meta:
        model = SecretariatMember

    format = factory.SubFactory(DialogueFormatFactory)
    user = factory.SubFactory(UserFactory)


class ObserverFactory(factory.django.DjangoModelFactory[Observer]):
    class Meta:
        model = Observer

    format = factory.SubFactory(DialogueFormatFactory)
    user = factory.SubFactory(UserFactory)


class ChairmanshipFactory(factory.django.DjangoModelFactory[Chairmanship]):
    class Meta:
        model = Chairmanship

    format = factory.SubFactory(DialogueFormatFactory)
    state = factory.SubFactory(MemberStateFactory)
    starts_on = date(2000, 1, 1)
    ends_on = None


# --- a demo-like format: the six states of the Central Asia + Japan Dialogue ---------------


@dataclass
class DemoLikeFormat:
    """The CA+J format as the demo has it (real capitals and tz database zones, names in
    en/ru/ja), with a secretariat member and the chair (head of the chairing delegation)."""

    fmt: DialogueFormat
    states: dict[str, MemberState]
    delegations: dict[str, Delegation]
    secretariat: User
    chair: User
    heads: dict[str, User]


def demo_like_format(
    *, slug: str = "caj", chair_state: str = "JP", viewer_zone: str = "UTC"
) -> DemoLikeFormat:
    """The six member states of the demo format; the chair and the secretariat member are
    one person in `viewer_zone`, so one viewer sees every page and form of the format."""
    from secretariat.formats.demo import CENTRAL_ASIA, STATES

    fmt = DialogueFormatFactory.create(
        slug=slug,
        name="Central Asia + Japan Dialogue",
        short_name="CA+J",
        working_languages=["en", "ru", "ja"],
    )
    states: dict[str, MemberState] = {}
    delegations: dict[str, Delegation] = {}
    heads: dict[str, User] = {}
    for data in STATES:
        if data["iso2"] not in ["JP", *CENTRAL_ASIA]:
            continue
        iso2 = data["iso2"]
        state = MemberStateFactory.create(name=data["name_en"], capital=data["capital_en"], **data)
        MembershipFactory.create(format=fmt, state=state)
        states[iso2] = state
        delegations[iso2] = DelegationFactory.create(format=fmt, state=state)
        heads[iso2] = DelegationMemberFactory.create(
            delegation=delegations[iso2],
            role=DelegationMember.Role.HEAD,
            user=UserFactory.create(time_zone=state.time_zone),
        ).user
    ChairmanshipFactory.create(format=fmt, state=states[chair_state])
    chair = heads[chair_state]
    chair.time_zone = viewer_zone
    chair.save(update_fields=["time_zone"])
    SecretariatMemberFactory.create(format=fmt, user=chair)
    return DemoLikeFormat(fmt, states, delegations, chair, chair, heads)
