"""Reads of a document's silence procedure: its deadline in every member capital."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from secretariat.core.timezones import local_time, utc_offset_label
from secretariat.formats.selectors import member_delegations
from secretariat.negotiation.models import Document, FrozenText, SilenceProcedure
from secretariat.negotiation.selectors.languages import frozen_at


@dataclass(frozen=True)
class CapitalTime:
    state_name: str
    iso2: str
    capital: str
    time_zone: str
    local: datetime
    offset: str


@dataclass(frozen=True)
class SilenceView:
    procedure: SilenceProcedure
    status: str  # running, broken, expired
    deadline_utc: datetime
    capitals: list[CapitalTime]
    frozen: list[FrozenText]  # exactly the text circulated, each language with its hash


def silence_latest(document: Document) -> SilenceProcedure | None:
    """The document's latest silence procedure, if it ever had one."""
    return (
        SilenceProcedure.objects.filter(document=document)
        .select_related("broken_by_delegation__state")
        .order_by("-started_at")
        .first()
    )


def silence_view(document: Document, now: datetime | None = None) -> SilenceView | None:
    procedure = silence_latest(document)
    if procedure is None:
        return None
    capitals = [
        CapitalTime(
            state_name=d.state.name,
            iso2=d.state.iso2,
            capital=d.state.capital,
            time_zone=d.state.time_zone,
            local=local_time(d.state.time_zone, procedure.deadline),
            offset=utc_offset_label(local_time(d.state.time_zone, procedure.deadline)),
        )
        for d in member_delegations(document.format_id)
    ]
    return SilenceView(
        procedure=procedure,
        status=procedure.status(now),
        deadline_utc=procedure.deadline.astimezone(UTC),
        capitals=capitals,
        frozen=frozen_at(document, procedure.revision_number),
    )
