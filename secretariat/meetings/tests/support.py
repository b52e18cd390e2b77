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


def snapshot(meeting: Meeting | None = None) -> tuple[Any, ...]:
    """The meeting row and every row hanging off it (every meeting's, without one), the
    linked documents' states, the audit trail's length and the live topics' versions (an
    event would bump them)."""
    from secretariat.negotiation.models import Document

    def of(model: Any, path: str) -> Any:
        rows = model.objects.all()
        return rows.filter(**{path: meeting.pk}) if meeting is not None else rows

    meetings = of(Meeting, "pk")
    documents = Document.objects.filter(agenda_items__meeting__in=meetings).distinct()
    return (
        [
            model_to_dict(m) | {"status": m.status, "version": m.version}
            for m in meetings.order_by("pk")
        ],
        _rows(of(AgendaItem, "meeting")),
        _rows(of(Participant, "meeting")),
        _rows(of(Speaker, "meeting")),
        _rows(of(Decision, "meeting")),
        _rows(of(Minutes, "meeting")),
        _rows(of(MinutesRevision, "minutes__meeting")),
        _rows(of(MinutesResponse, "minutes__meeting")),
        _rows(of(PressStatement, "meeting")),
        list(documents.order_by("pk").values_list("pk", "state", "version", "adopted_at")),
        Meeting.objects.count(),
        CalendarToken.objects.count(),
        AuditEntry.objects.count(),
        list(TopicVersion.objects.order_by("pk").values_list("topic", "key", "version")),
    )


@contextmanager
def unchanged(meeting: Meeting | None = None) -> Iterator[None]:
    """`with unchanged(meeting), pytest.raises(...):` - the refused call changed nothing of
    the meeting (of any meeting, without one)."""
    with snapshots.unchanged(lambda: snapshot(meeting)):
        yield
