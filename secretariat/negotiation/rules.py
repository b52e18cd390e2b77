"""Pure rules of negotiation, shared by services and selectors: numbering, consensus,
order keys. Nothing here touches the database."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from secretariat.negotiation.models import PositionStance, ProvisionKind
from secretariat.negotiation.text.diff import longest_increasing_subsequence

ORDER_GAP = 1 << 20  # room for twenty halvings between two provisions before a rebalance


def roman(number: int) -> str:
    table = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ]
    out = []
    for value, letters in table:
        while number >= value:
            out.append(letters)
            number -= value
    return "".join(out)


def letters(number: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (as drafters letter sub-paragraphs)."""
    out = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        out = chr(ord("a") + rest) + out
    return out


@dataclass(frozen=True)
class Numbering:
    number: str  # as printed in the document: "I.", "", "3.", "(b)"
    label: str  # how delegates refer to it: "Section I", "PP2", "OP3", "OP3(b)"


def number_provisions(kinds: Iterable[str]) -> list[Numbering]:
    """Number provisions in document order: headings I, II...; preambular paragraphs are
    unnumbered in print and referred to as PP1, PP2...; operative paragraphs 1, 2... run
    on through the whole document; sub-paragraphs (a), (b)... restart under each
    operative paragraph."""
    result: list[Numbering] = []
    heading = preambular = operative = sub = 0
    for kind in kinds:
        if kind == ProvisionKind.HEADING:
            heading += 1
            result.append(Numbering(f"{roman(heading)}.", f"§{roman(heading)}"))
        elif kind == ProvisionKind.PREAMBULAR:
            preambular += 1
            result.append(Numbering("", f"PP{preambular}"))
        elif kind == ProvisionKind.OPERATIVE:
            operative += 1
            sub = 0
            result.append(Numbering(f"{operative}.", f"OP{operative}"))
        else:
            sub += 1
            parent = f"OP{operative}" if operative else ""
            result.append(Numbering(f"({letters(sub)})", f"{parent}({letters(sub)})"))
    return result


def assign_order_keys(existing: Sequence[int | None]) -> list[int]:
    """Order keys for a new sequence of provisions, keeping as many existing keys as
    possible (those forming the longest increasing run), so that an insertion, move or
    deletion rewrites only the provisions that really moved. Falls back to evenly spaced
    keys for all when a gap has no room left."""
    # A key of 0 or less cannot stay: new keys go between 0 and the first kept key.
    keep = set(
        longest_increasing_subsequence([k if k is not None and k > 0 else None for k in existing])
    )
    keys: list[int | None] = [existing[i] if i in keep else None for i in range(len(existing))]
    i = 0
    n = len(keys)
    while i < n:
        if keys[i] is not None:
            i += 1
            continue
        j = i
        while j < n and keys[j] is None:
            j += 1
        low = keys[i - 1] if i > 0 else 0
        assert low is not None
        count = j - i
        high = keys[j] if j < n else low + (count + 1) * ORDER_GAP
        assert high is not None
        step = (high - low) // (count + 1)
        if step < 1:
            return [(index + 1) * ORDER_GAP for index in range(n)]
        for offset in range(count):
            keys[i + offset] = low + step * (offset + 1)
        i = j
    return [k for k in keys if k is not None]


@dataclass(frozen=True)
class ConsensusRow:
    delegation_id: int
    stance: str  # "" when none recorded
    counts: bool
    stale: bool  # given on an earlier revision


@dataclass(frozen=True)
class Consensus:
    holds: bool
    rows: tuple[ConsensusRow, ...]
    missing: tuple[int, ...]  # member delegations without a current agreement
    objecting: tuple[int, ...]


def consensus(
    member_delegation_ids: Iterable[int],
    positions: Iterable[tuple[int, str, int, bool]],
    current_revision: int,
) -> Consensus:
    """Consensus holds when every member delegation agrees with the current revision (an
    ad referendum agreement once confirmed) and none objects. `positions` are tuples of
    (delegation id, stance, revision number, confirmed). A reservation is not agreement."""
    by_delegation = {p[0]: p for p in positions}
    rows: list[ConsensusRow] = []
    missing: list[int] = []
    objecting: list[int] = []
    for delegation_id in member_delegation_ids:
        position = by_delegation.get(delegation_id)
        if position is None:
            rows.append(ConsensusRow(delegation_id, "", False, False))
            missing.append(delegation_id)
            continue
        _id, stance, revision, confirmed = position
        current = revision == current_revision
        counts = current and (
            stance == PositionStance.AGREE or (stance == PositionStance.AD_REFERENDUM and confirmed)
        )
        if current and stance == PositionStance.OBJECT:
            objecting.append(delegation_id)
        if not counts:
            missing.append(delegation_id)
        rows.append(ConsensusRow(delegation_id, stance, counts, not current))
    holds = bool(rows) and not missing and not objecting
    return Consensus(holds, tuple(rows), tuple(missing), tuple(objecting))
