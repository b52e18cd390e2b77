"""Reads of positions and of the consensus they give: one query for the positions."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from secretariat.formats.models import Delegation
from secretariat.formats.selectors import member_delegations
from secretariat.negotiation.models import Document, Position, PositionStance
from secretariat.negotiation.rules import Consensus, consensus


@dataclass(frozen=True)
class PositionRow:
    delegation: Delegation
    position: Position | None
    stance: str
    stance_label: str
    counts: bool
    stale: bool
    needs_confirmation: bool


@dataclass(frozen=True)
class PositionsTable:
    rows: list[PositionRow]
    consensus: Consensus


def consensus_of(doc: Document) -> tuple[Consensus, dict[int, Delegation]]:
    """Whether the positions give consensus on the current revision, and the member
    delegations by id (to name those missing or objecting)."""
    members = member_delegations(doc.format_id)
    rows = Position.objects.filter(document=doc).values_list(
        "delegation_id", "stance", "revision_number", "confirmed_at"
    )
    return consensus(
        [d.pk for d in members],
        [(d, s, r, c is not None) for d, s, r, c in rows],
        doc.current_revision,
    ), {d.pk: d for d in members}


def positions_table(document: Document) -> PositionsTable:
    members = member_delegations(document.format_id)
    positions = {
        p.delegation_id: p
        for p in Position.objects.filter(document=document).select_related("recorded_by")
    }
    result = consensus(
        [d.pk for d in members],
        [
            (p.delegation_id, p.stance, p.revision_number, p.confirmed_at is not None)
            for p in positions.values()
        ],
        document.current_revision,
    )
    by_id = {row.delegation_id: row for row in result.rows}
    rows = []
    for delegation in members:
        position = positions.get(delegation.pk)
        row = by_id[delegation.pk]
        rows.append(
            PositionRow(
                delegation=delegation,
                position=position,
                stance=row.stance,
                stance_label=position.get_stance_display() if position else _("no position yet"),
                counts=row.counts,
                stale=row.stale,
                needs_confirmation=bool(
                    position
                    and position.stance == PositionStance.AD_REFERENDUM
                    and not position.confirmed_at
                    and not row.stale
                ),
            )
        )
    return PositionsTable(rows=rows, consensus=result)
