"""Reads of proposals: with their stances in a constant number of queries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString

from secretariat.formats.models import Delegation
from secretariat.negotiation.models import (
    Document,
    Proposal,
    ProposalStance,
    ProposalStatus,
    ProvisionVersion,
)
from secretariat.negotiation.selectors.revisions import ProvisionRow


@dataclass
class ProposalRow:
    proposal: Proposal
    outdated: bool
    supporters: list[str]
    opponents: list[str]
    target_label: str
    delegation_code: str = ""
    html: SafeString | None = None  # the card, see rendering.py


def proposal_is_outdated(proposal: Proposal, current_from: Mapping[int, int]) -> bool:
    """Outdated: the provision it concerns changed (or went) after the revision it was made
    on. `current_from` gives, per provision id, the revision its current text dates from."""
    if proposal.provision_id is None:
        return False
    valid_from = current_from.get(proposal.provision_id)
    return valid_from is None or valid_from > proposal.base_revision


def current_from(document: Document) -> dict[int, int]:
    """The revision each provision's current text dates from (see `proposal_is_outdated`)."""
    return dict(
        ProvisionVersion.objects.filter(document=document, valid_to__isnull=True).values_list(
            "provision_id", "valid_from"
        )
    )


def proposal_rows(
    document: Document,
    rows: Sequence[ProvisionRow],
    *,
    include_closed: bool = True,
    provision_id: int | None = None,
) -> list[ProposalRow]:
    """Proposals of a document (or of one provision) with their stances, in document
    order. A constant number of queries."""
    # no joins: thousands of proposals need their delegation's code, not its objects
    codes = dict(
        Delegation.objects.filter(format_id=document.format_id).values_list("pk", "state__iso2")
    )
    queryset = Proposal.objects.filter(document=document)
    stances = ProposalStance.objects.filter(proposal__document=document)
    if provision_id is not None:
        queryset = queryset.filter(provision_id=provision_id)
        stances = stances.filter(proposal__provision_id=provision_id)
    if not include_closed:
        queryset = queryset.filter(status=ProposalStatus.OPEN)
    proposals = list(queryset)
    # stances as plain rows: thousands of proposals need no model objects for them
    supporters: dict[int, list[str]] = defaultdict(list)
    opponents: dict[int, list[str]] = defaultdict(list)
    for proposal_id, stance, iso2 in stances.values_list(
        "proposal_id", "stance", "delegation__state__iso2"
    ):
        (supporters if stance == "support" else opponents)[proposal_id].append(iso2)
    dates = current_from(document)
    labels = {row.provision_id: row.label for row in rows}
    result = []
    cache_document = Proposal.document.field.set_cached_value
    for proposal in proposals:
        cache_document(proposal, document)  # its lifecycle's permissions ask about it
        result.append(
            ProposalRow(
                proposal=proposal,
                outdated=proposal.is_open and proposal_is_outdated(proposal, dates),
                supporters=sorted(supporters.get(proposal.pk, [])),
                opponents=sorted(opponents.get(proposal.pk, [])),
                target_label=labels.get(proposal.provision_id or 0, ""),
                delegation_code=codes.get(proposal.delegation_id, ""),
            )
        )
    return result
