"""factory_boy factories for meetings."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import factory

from secretariat.formats.tests.factories import DialogueFormatFactory
from secretariat.meetings.models import AgendaItem, Meeting, Participant


class MeetingFactory(factory.django.DjangoModelFactory[Meeting]):
    class Meta:
        model = Meeting

    format = factory.SubFactory(DialogueFormatFactory)
    kind = "foreign_ministers"
    mode = "online"
    starts_at = factory.LazyFunction(lambda: datetime(2030, 3, 4, 5, 0, tzinfo=UTC))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))


class AgendaItemFactory(factory.django.DjangoModelFactory[AgendaItem]):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Item {n}")
    kind = "discussion"


class ParticipantFactory(factory.django.DjangoModelFactory[Participant]):
    class Meta:
        model = Participant

    name = factory.Sequence(lambda n: f"Participant {n}")
