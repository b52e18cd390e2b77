"""Demo data of meetings (idempotent): the online meeting of the foreign ministers in 2020,
closed with its record and approved minutes, and the upcoming 8th meeting, announced with
the four documents to consider on its agenda.

Everything is written through the services as the system (actor=None). The 2020 record's
clock times are then set to 2020, since the services stamp "now". A meeting that exists
already (matched by format, kind and number or title) is left alone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from secretariat.accounts.models import User
from secretariat.formats.models import Delegation, DialogueFormat, MemberState
from secretariat.meetings import services
from secretariat.meetings.models import (
    Decision,
    Meeting,
    Minutes,
    MinutesResponse,
    MinutesRevision,
    Participant,
    PressStatement,
    Speaker,
)
from secretariat.meetings.scheduling import candidate_slots

CAJ = "central-asia-japan"
ONLINE_2020_TITLE = "Online meeting of the Foreign Ministers"
ONLINE_2020_START = datetime(2020, 8, 11, 6, 0, tzinfo=UTC)

# (e-mail of the demo account, state, function) — the people who sat for each delegation.
PARTICIPANTS_2020 = [
    ("hod.jp@demo.example", "JP", "Deputy Minister for Foreign Affairs"),
    ("delegate@demo.example", "JP", "Director, Central Asia Division"),
    ("head@demo.example", "KZ", "Deputy Minister of Foreign Affairs"),
    ("hod.kg@demo.example", "KG", "Deputy Minister of Foreign Affairs"),
    ("hod.tj@demo.example", "TJ", "Deputy Minister of Foreign Affairs"),
    ("chair@demo.example", "TM", "Deputy Minister of Foreign Affairs"),
    ("expert@demo.example", "TM", "Infectious disease specialist"),
    ("hod.uz@demo.example", "UZ", "Deputy Minister of Foreign Affairs"),
]

AGENDA_2020: list[dict[str, Any]] = [
    dict(
        title="Opening of the meeting and adoption of the agenda",
        kind="information",
        speakers=["TM"],
        decisions=[("noted", "The agenda was adopted as proposed.")],
    ),
    dict(
        title="Joint response to the coronavirus pandemic",
        kind="decision",
        description=(
            "Exchange of views on the pandemic and on cooperation in health care, including "
            "the videoconferences held between doctors of the region and Japanese specialists."
        ),
        speakers=["TM", "JP", "KZ", "UZ", "KG", "TJ"],
        decisions=[
            (
                "decision",
                "The ministers supported the initiative of Turkmenistan to draft a Programme "
                "Document of the dialogue setting out the basic principles of the joint efforts "
                "of the participating states against the coronavirus infection and concrete "
                "measures to prevent and treat the diseases it causes.",
            ),
            (
                "decision",
                "The ministers thanked Japan for its readiness to provide a grant medical "
                "project within the framework of that Programme.",
            ),
            (
                "noted",
                "The ministers noted with appreciation the many multilateral and bilateral "
                "videoconferences between Turkmen doctors and Japanese specialists.",
            ),
        ],
    ),
    dict(
        title="Preparation of the 8th meeting of the dialogue",
        kind="discussion",
        speakers=["JP", "TM", "KZ"],
        decisions=[
            (
                "decision",
                "The ministers agreed to prepare four documents for development and adoption "
                "at the 8th meeting: a Concept of Partnership in the sphere of security, a new "
                "Platform for the development of economic cooperation, a Roadmap on cooperation "
                "in high technologies and a Programme of cooperation in the social and cultural "
                "sphere.",
            ),
        ],
    ),
    dict(title="Any other business", kind="information", speakers=[], decisions=[]),
]

EIGHTH_AGENDA = [
    ("Opening of the meeting and adoption of the agenda", "information", ""),
    (
        "Concept of Partnership of the Participating States in the Sphere of Security",
        "decision",
        "concept-partnership-security",
    ),
    (
        "Platform for the Development of Economic Cooperation",
        "decision",
        "platform-economic-cooperation",
    ),
    (
        "Roadmap on Cooperation in the Field of High Technologies",
        "decision",
        "roadmap-high-technologies",
    ),
    (
        "Programme of Cooperation in the Social and Cultural Sphere",
        "decision",
        "programme-social-cultural",
    ),
    ("Joint press statement", "decision", ""),
    ("Any other business", "information", ""),
]

PARTICIPANTS_8TH = [
    ("chair@demo.example", "TM", "Deputy Minister of Foreign Affairs"),
    ("hod.jp@demo.example", "JP", "Deputy Minister for Foreign Affairs"),
    ("delegate@demo.example", "JP", "Director, Central Asia Division"),
    ("head@demo.example", "KZ", "Deputy Minister of Foreign Affairs"),
]


def _delegations(fmt: DialogueFormat) -> dict[str, Delegation]:
    return {d.state.iso2: d for d in Delegation.objects.filter(format=fmt).select_related("state")}


def _user(email: str) -> User | None:
    return User.objects.filter(email=email).first()


def _register(meeting: Meeting, delegations: dict[str, Delegation], people: list[Any]) -> None:
    for email, iso2, function in people:
        user = _user(email)
        if user is None or iso2 not in delegations:
            continue
        services.participant_register(
            actor=None,
            meeting=meeting,
            delegation=delegations[iso2],
            name=user.full_name,
            function=function,
            user=user,
        )


def _document(fmt: DialogueFormat, slug: str, title: str) -> Any:
    """The Negotiation demo's document, by slug or title; None when it is not there."""
    if not slug:
        return None
    from secretariat.negotiation.models import Document

    return (
        Document.objects.filter(format=fmt, slug=slug).first()
        or Document.objects.filter(format=fmt, title=title).first()
    )


def _load_2020(fmt: DialogueFormat, states: dict[str, MemberState]) -> None:
    if Meeting.objects.filter(format=fmt, title=ONLINE_2020_TITLE).exists():
        return
    delegations = _delegations(fmt)
    meeting = services.meeting_create(
        actor=None,
        fmt=fmt,
        kind="foreign_ministers",
        title=ONLINE_2020_TITLE,
        mode="online",
        starts_at=ONLINE_2020_START,
        ends_at=ONLINE_2020_START + timedelta(hours=2),
        is_public=True,
    )
    for spec in AGENDA_2020:
        services.agenda_item_add(
            actor=None,
            meeting=meeting,
            title=spec["title"],
            kind=spec["kind"],
            description=spec.get("description", ""),
        )
    services.meeting_set_conference(
        actor=None, meeting=meeting, provider="external", link="https://video.example.org/caj-2020"
    )
    services.meeting_announce(actor=None, meeting=meeting)
    _register(meeting, delegations, PARTICIPANTS_2020)
    services.session_open(actor=None, meeting=meeting)
    services.roll_call_record(
        actor=None, meeting=meeting, present={p.pk: True for p in meeting.participants.all()}
    )
    for index, (item, spec) in enumerate(zip(meeting.agenda_items.all(), AGENDA_2020, strict=True)):
        if index:
            services.session_item_set(actor=None, meeting=meeting, item=item)
        if spec["speakers"]:
            services.speakers_set_open(actor=None, meeting=meeting, is_open=True)
            for iso2 in spec["speakers"]:
                services.floor_request(actor=None, meeting=meeting, delegation=delegations[iso2])
            for _iso2 in spec["speakers"]:
                services.floor_give(actor=None, meeting=meeting)
            services.floor_end(actor=None, meeting=meeting)
            services.speakers_set_open(actor=None, meeting=meeting, is_open=False)
        for kind, text in spec["decisions"]:
            services.decision_record(actor=None, meeting=meeting, item=item, kind=kind, text=text)
    services.session_close(actor=None, meeting=meeting)
    _backdate_session(meeting)
    minutes = services.minutes_generate(actor=None, meeting=meeting)
    minutes = services.minutes_circulate(
        actor=None, minutes=minutes, deadline=timezone.now() + timedelta(days=7)
    )
    for delegation in delegations.values():
        if delegation.state.iso2 in {"JP", "KZ", "KG", "TJ", "TM", "UZ"}:
            services.minutes_respond(
                actor=None, minutes=minutes, delegation=delegation, kind="approve"
            )
    minutes = services.minutes_finalise(actor=None, minutes=minutes)
    statement = services.statement_generate(actor=None, meeting=meeting)
    services.statement_publish(actor=None, statement=statement)
    _backdate_minutes(meeting, minutes)


def _backdate_session(meeting: Meeting) -> None:
    """Put the record on the day it happened: the services stamped each step "now"; keep
    the order and spread the steps over the two hours of the meeting."""
    start = meeting.starts_at
    Meeting.objects.filter(pk=meeting.pk).update(
        opened_at=start,
        closed_at=meeting.ends_at - timedelta(minutes=5),
        agenda_approved_at=start,
    )
    minute = 4
    for speaker in Speaker.objects.filter(meeting=meeting).order_by("started_at", "pk"):
        begun = start + timedelta(minutes=minute)
        Speaker.objects.filter(pk=speaker.pk).update(
            requested_at=begun - timedelta(minutes=2),
            started_at=begun,
            ended_at=begun + timedelta(minutes=6),
        )
        minute += 7
    for index, decision in enumerate(Decision.objects.filter(meeting=meeting).order_by("pk")):
        Decision.objects.filter(pk=decision.pk).update(
            recorded_at=start + timedelta(minutes=20 + 25 * index)
        )
    Participant.objects.filter(meeting=meeting).update(registered_at=start - timedelta(days=3))


def _backdate_minutes(meeting: Meeting, minutes: Minutes) -> None:
    circulated = meeting.starts_at + timedelta(days=5)
    MinutesRevision.objects.filter(minutes=minutes).update(
        created_at=meeting.starts_at + timedelta(days=2)
    )
    MinutesResponse.objects.filter(minutes=minutes).update(
        created_at=circulated + timedelta(days=3)
    )
    Minutes.objects.filter(pk=minutes.pk).update(
        deadline=circulated + timedelta(days=10), finalised_at=circulated + timedelta(days=11)
    )
    PressStatement.objects.filter(meeting=meeting).update(published_at=meeting.ends_at)


def _eighth_start(today: date) -> datetime:
    """The first common working-hours slot at 05:00 UTC (10:00 in Ashgabat, 14:00 in Tokyo)
    three weeks from the day the demo is loaded."""
    slots = candidate_slots(
        [
            "Asia/Tokyo",
            "Asia/Almaty",
            "Asia/Bishkek",
            "Asia/Dushanbe",
            "Asia/Ashgabat",
            "Asia/Tashkent",
        ],
        duration=timedelta(hours=3),
        start_on=today + timedelta(days=21),
        days=14,
        limit=200,
    )
    at_five = [s.starts_at for s in slots if s.starts_at.hour == 5 and s.starts_at.minute == 0]
    if at_five:
        return at_five[0]
    return datetime.combine(today + timedelta(days=21), time(5, 0), tzinfo=UTC)


def _load_eighth(fmt: DialogueFormat, states: dict[str, MemberState]) -> None:
    if Meeting.objects.filter(format=fmt, kind="foreign_ministers", number=8).exists():
        return
    delegations = _delegations(fmt)
    start = _eighth_start(timezone.now().date())
    meeting = services.meeting_create(
        actor=None,
        fmt=fmt,
        kind="foreign_ministers",
        number=8,
        mode="hybrid",
        host_state=states.get("TM"),
        venue="Ministry of Foreign Affairs, Ashgabat",
        chair_state=states.get("TM"),
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        is_public=True,
    )
    for title, kind, slug in EIGHTH_AGENDA:
        services.agenda_item_add(
            actor=None,
            meeting=meeting,
            title=title,
            kind=kind,
            document=_document(fmt, slug, title),
        )
    services.meeting_set_conference(actor=None, meeting=meeting, provider="jitsi")
    services.meeting_announce(actor=None, meeting=meeting)
    _register(meeting, delegations, PARTICIPANTS_8TH)


@transaction.atomic
def load() -> None:
    fmt = DialogueFormat.objects.filter(slug=CAJ).first()
    if fmt is None:
        return
    states = {s.iso2: s for s in MemberState.objects.all()}
    _load_2020(fmt, states)
    _load_eighth(fmt, states)
