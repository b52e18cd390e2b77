"""Demo data: the Central Asia + Japan Dialogue and two sibling formats.

Idempotent: whatever already exists (matched by its natural key) is left alone, so running
the loader twice changes nothing. Everything new is written through the services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from secretariat.accounts.models import User
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

DEMO_PASSWORD = "secretariat-demo"  # noqa: S105 - published demo accounts, local only
CAJ = "central-asia-japan"

STATES: list[dict[str, str]] = [
    dict(
        iso2="JP",
        iso3="JPN",
        time_zone="Asia/Tokyo",
        name_en="Japan",
        name_ru="Япония",
        name_ja="日本",
        capital_en="Tokyo",
        capital_ru="Токио",
        capital_ja="東京",
    ),
    dict(
        iso2="KZ",
        iso3="KAZ",
        time_zone="Asia/Almaty",  # one UTC+5 zone since 2024 (tzdata)
        name_en="Kazakhstan",
        name_ru="Казахстан",
        name_ja="カザフスタン",
        capital_en="Astana",
        capital_ru="Астана",
        capital_ja="アスタナ",
    ),
    dict(
        iso2="KG",
        iso3="KGZ",
        time_zone="Asia/Bishkek",
        name_en="Kyrgyzstan",
        name_ru="Кыргызстан",
        name_ja="キルギス",
        capital_en="Bishkek",
        capital_ru="Бишкек",
        capital_ja="ビシュケク",
    ),
    dict(
        iso2="TJ",
        iso3="TJK",
        time_zone="Asia/Dushanbe",
        name_en="Tajikistan",
        name_ru="Таджикистан",
        name_ja="タジキスタン",
        capital_en="Dushanbe",
        capital_ru="Душанбе",
        capital_ja="ドゥシャンベ",
    ),
    dict(
        iso2="TM",
        iso3="TKM",
        time_zone="Asia/Ashgabat",
        name_en="Turkmenistan",
        name_ru="Туркменистан",
        name_ja="トルクメニスタン",
        capital_en="Ashgabat",
        capital_ru="Ашхабад",
        capital_ja="アシガバット",
    ),
    dict(
        iso2="UZ",
        iso3="UZB",
        time_zone="Asia/Tashkent",
        name_en="Uzbekistan",
        name_ru="Узбекистан",
        name_ja="ウズベキスタン",
        capital_en="Tashkent",
        capital_ru="Ташкент",
        capital_ja="タシケント",
    ),
    dict(
        iso2="US",
        iso3="USA",
        time_zone="America/New_York",
        name_en="United States",
        name_ru="Соединённые Штаты",
        name_ja="アメリカ合衆国",
        capital_en="Washington",
        capital_ru="Вашингтон",
        capital_ja="ワシントン",
    ),
    # "EU" is exceptionally reserved in ISO 3166-1; EUU is the World Bank's three-letter code.
    dict(
        iso2="EU",
        iso3="EUU",
        time_zone="Europe/Brussels",
        name_en="European Union",
        name_ru="Европейский союз",
        name_ja="欧州連合",
        capital_en="Brussels",
        capital_ru="Брюссель",
        capital_ja="ブリュッセル",
    ),
]

CENTRAL_ASIA = ["KZ", "KG", "TJ", "TM", "UZ"]

FORMATS: list[dict[str, Any]] = [
    dict(
        slug=CAJ,
        founded_year=2004,
        working_languages=["en", "ru", "ja"],
        name_en="Central Asia + Japan Dialogue",
        name_ru="Диалог «Центральная Азия + Япония»",
        name_ja="「中央アジア＋日本」対話",
        short_name_en="CA+J",
        short_name_ru="ЦА+Я",
        short_name_ja="中央アジア＋日本",
        description_en=(
            "Japan and the five states of Central Asia have talked as one circle since 2004. "
            "They work together on regional and global security, sustainable development, "
            "trade and investment, and contacts between their peoples, and since 2020 on a "
            "joint answer to the coronavirus pandemic. The dialogue rests on mutual respect, "
            "solidarity and support for one another, and it decides by consensus."
        ),
        description_ru=(
            "Япония и пять государств Центральной Азии ведут совместный диалог с 2004 года. "
            "Они сотрудничают в сферах региональной и глобальной безопасности, устойчивого "
            "развития, торговли и инвестиций, гуманитарных связей, а с 2020 года — в общем "
            "ответе на пандемию коронавируса. Диалог основан на взаимном уважении, "
            "солидарности и всесторонней поддержке; решения принимаются консенсусом."
        ),
        description_ja=(
            "日本と中央アジア5か国は2004年から一つの枠組みで対話を続けています。地域と世界の"
            "安全保障、持続可能な開発、貿易・投資、人的交流に取り組み、2020年からは新型コロナ"
            "ウイルス感染症への共同対応も進めています。相互尊重、連帯、全面的な支援を原則とし、"
            "決定はコンセンサスによって行われます。"
        ),
        members=["JP", *CENTRAL_ASIA],
        since=date(2004, 8, 28),
        chair=("TM", date(2026, 1, 1)),
    ),
    dict(
        slug="c5-plus-1",
        founded_year=2015,
        working_languages=["en", "ru"],
        name_en="C5+1",
        name_ru="С5+1",
        name_ja="C5+1",
        short_name_en="C5+1",
        short_name_ru="С5+1",
        short_name_ja="C5+1",
        description_en=(
            "The five Central Asian states and the United States, meeting as one format. "
            "Recent work includes a dialogue on critical minerals; leaders have met on the "
            "margins of the UN General Assembly."
        ),
        description_ru=(
            "Пять государств Центральной Азии и Соединённые Штаты в одном формате. Среди "
            "последних направлений — диалог по критически важным минералам; лидеры "
            "встречались на полях Генеральной Ассамблеи ООН."
        ),
        description_ja=(
            "中央アジア5か国と米国による枠組みです。最近では重要鉱物に関する対話が進められ、"
            "国連総会の機会に首脳会合も開かれました。"
        ),
        members=["US", *CENTRAL_ASIA],
        since=date(2015, 11, 1),
        chair=None,
    ),
    dict(
        slug="central-asia-eu",
        founded_year=2007,
        working_languages=["en", "ru"],
        name_en="Central Asia – European Union",
        name_ru="Центральная Азия – Европейский союз",
        name_ja="中央アジア・EU",
        short_name_en="CA–EU",
        short_name_ru="ЦА–ЕС",
        short_name_ja="中央アジア・EU",
        description_en=(
            "Foreign ministers of the Central Asian states and the European Union meet "
            "regularly, in turn in the region and in Europe; one such meeting took place "
            "in Ashgabat."
        ),
        description_ru=(
            "Министры иностранных дел государств Центральной Азии и Европейского союза "
            "регулярно встречаются поочерёдно в регионе и в Европе; одна из встреч прошла "
            "в Ашхабаде."
        ),
        description_ja=(
            "中央アジア諸国とEUの外相は、地域と欧州で交互に定期的な会合を開いています。"
            "その一つはアシガバットで開催されました。"
        ),
        members=["EU", *CENTRAL_ASIA],
        since=date(2007, 6, 1),
        chair=None,
    ),
]


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    full_name: str
    time_zone: str


ACCOUNTS = [
    DemoAccount("secretariat", "secretariat@demo.example", "Mariko Tanaka", "Asia/Tokyo"),
    DemoAccount("chair", "chair@demo.example", "Merdan Atayev", "Asia/Ashgabat"),
    DemoAccount("head of delegation", "head@demo.example", "Dana Nurlanova", "Asia/Almaty"),
    DemoAccount("delegate", "delegate@demo.example", "Kenji Sato", "Asia/Tokyo"),
    DemoAccount("expert", "expert@demo.example", "Dr Ogulgerek Annayeva", "Asia/Ashgabat"),
    DemoAccount("observer", "observer@demo.example", "Elena Rossi", "Europe/Brussels"),
]

# Seats in the Central Asia + Japan Dialogue: (e-mail, state, role, function).
SEATS = [
    ("chair@demo.example", "TM", "head", "Deputy Minister of Foreign Affairs"),
    ("head@demo.example", "KZ", "head", "Deputy Minister of Foreign Affairs"),
    ("delegate@demo.example", "JP", "delegate", "Director, Central Asia Division"),
    ("expert@demo.example", "TM", "expert", "Infectious disease specialist"),
    ("hod.jp@demo.example", "JP", "head", "Deputy Minister for Foreign Affairs"),
    ("hod.kg@demo.example", "KG", "head", "Deputy Minister of Foreign Affairs"),
    ("hod.tj@demo.example", "TJ", "head", "Deputy Minister of Foreign Affairs"),
    ("hod.uz@demo.example", "UZ", "head", "Deputy Minister of Foreign Affairs"),
    ("delegate.kz@demo.example", "KZ", "delegate", "Counsellor, Asia Department"),
]
OTHER_PEOPLE = {
    "hod.jp@demo.example": ("Hiroshi Yamamoto", "Asia/Tokyo"),
    "hod.kg@demo.example": ("Aibek Toktogulov", "Asia/Bishkek"),
    "hod.tj@demo.example": ("Farrukh Rahimov", "Asia/Dushanbe"),
    "hod.uz@demo.example": ("Dilnoza Karimova", "Asia/Tashkent"),
    "delegate.kz@demo.example": ("Arman Seitkali", "Asia/Almaty"),
}

SECRETARIAT_GROUP = "Secretariat staff"


def _ensure_user(email: str, full_name: str, time_zone: str, *, staff: bool = False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, DEMO_PASSWORD, full_name=full_name, time_zone=time_zone, is_staff=staff
        )
    return user


def _ensure_secretariat_group() -> Group:
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    wanted = Permission.objects.filter(
        content_type__app_label__in=["formats", "core"]
    ) | Permission.objects.filter(
        content_type__app_label="accounts",
        codename__in=[
            "view_user",
            "add_user",
            "change_user",
        ],
    )
    group.permissions.add(*wanted)
    return group


@transaction.atomic
def load() -> list[DemoAccount]:
    states = {}
    for data in STATES:
        state = MemberState.objects.filter(iso2=data["iso2"]).first()
        if state is None:
            state = services.state_create(
                actor=None, name=data["name_en"], capital=data["capital_en"], **data
            )
        states[state.iso2] = state

    formats = {}
    for spec in FORMATS:
        spec = dict(spec)
        members, since, chair = spec.pop("members"), spec.pop("since"), spec.pop("chair")
        fmt = DialogueFormat.objects.filter(slug=spec["slug"]).first()
        if fmt is None:
            fmt = services.format_create(
                actor=None,
                name=spec["name_en"],
                short_name=spec["short_name_en"],
                description=spec["description_en"],
                **spec,
            )
        for iso2 in members:
            if not Membership.objects.filter(format=fmt, state=states[iso2]).exists():
                services.membership_add(
                    actor=None, fmt=fmt, state=states[iso2], kind="member", since=since
                )
        if chair and not Chairmanship.objects.filter(format=fmt).exists():
            services.chairmanship_set(
                actor=None,
                fmt=fmt,
                state=states[chair[0]],
                starts_on=chair[1],
                ends_on=date(chair[1].year, 12, 31),
            )
        formats[fmt.slug] = fmt

    group = _ensure_secretariat_group()
    users = {
        a.email: _ensure_user(a.email, a.full_name, a.time_zone, staff=a.role == "secretariat")
        for a in ACCOUNTS
    }
    for email, (name, zone) in OTHER_PEOPLE.items():
        users[email] = _ensure_user(email, name, zone)
    users["secretariat@demo.example"].groups.add(group)

    caj = formats[CAJ]
    if not SecretariatMember.objects.filter(format=caj, user=users["secretariat@demo.example"]):
        services.secretariat_member_add(
            actor=None,
            fmt=caj,
            user=users["secretariat@demo.example"],
            function="Head of the secretariat",
        )
    for email, iso2, role, function in SEATS:
        delegation = Delegation.objects.get(format=caj, state=states[iso2])
        if not DelegationMember.objects.filter(delegation=delegation, user=users[email]).exists():
            services.delegation_member_add(
                actor=None, delegation=delegation, user=users[email], role=role, function=function
            )
    if not Observer.objects.filter(format=caj, user=users["observer@demo.example"]).exists():
        services.observer_add(
            actor=None,
            fmt=caj,
            user=users["observer@demo.example"],
            organisation="Partner development organisation",
        )
    return ACCOUNTS
