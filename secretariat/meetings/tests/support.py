"""What the meetings tests share: a snapshot of everything a meeting holds, to show that a
refused action changed nothing (`with unchanged(meeting): ...`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.forms.models import model_to_dict

from secretariat.core.models import AuditEntry
from secretariat.live.models import TopicVersion
from secretariat.meetings.models import (
    AgendaItem,
    CalendarToken,
    Decision,
    Meeting,
    Minutes,
    MinutesResponse,
    MinutesRevision,
    Participant,
    PressStatement,
    Speaker,
)
from tests.support import snapshots


def _rows(queryset: Any) -> list[dict[str, Any]]:
    return [model_to_dict(row) | {"pk": row.pk} for row in queryset.order_by("pk")]


def snapshot(meeting: Meeting) -> tuple[Any, ...]:
    """The meeting row and every row hanging off it, the linked documents' states, the
    audit trail's length and the live topics' versions (an event would bump them)."""
    from secretariat.negotiation.models import Document

    row = Meeting.objects.get(pk=meeting.pk)
    documents = Document.objects.filter(agenda_items__meeting=meeting).distinct()
    return (
        model_to_dict(row) | {"status": row.status, "version": row.version},
        _rows(AgendaItem.objects.filter(meeting=meeting)),
        _rows(Participant.objects.filter(meeting=meeting)),
        _rows(Speaker.objects.filter(meeting=meeting)),
        _rows(Decision.objects.filter(meeting=meeting)),
        _rows(Minutes.objects.filter(meeting=meeting)),
        _rows(MinutesRevision.objects.filter(minutes__meeting=meeting)),
        _rows(MinutesResponse.objects.filter(minutes__meeting=meeting)),
        _rows(PressStatement.objects.filter(meeting=meeting)),
        list(documents.order_by("pk").values_list("pk", "state", "version", "adopted_at")),
        Meeting.objects.count(),
        CalendarToken.objects.count(),
        AuditEntry.objects.count(),
        list(TopicVersion.objects.order_by("pk").values_list("topic", "key", "version")),
    )


@contextmanager
def unchanged(meeting: Meeting) -> Iterator[None]:
    with snapshots.unchanged(lambda: snapshot(meeting)):
        yield
