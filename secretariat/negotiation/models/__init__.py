"""Negotiated documents: provisions, immutable revisions, proposals, positions, adoption.

Storage of the text. A provision has a stable identity (`Provision`) and one row per
stretch of revisions in which its text, kind and place stayed the same
(`ProvisionVersion`, valid from revision `valid_from` up to, not including, `valid_to`).
Reading any revision is therefore one query, whatever the number of revisions, and an
edit of one provision writes one row, not a copy of the document.

Order. Provisions sort by `order_key`, a sparse integer: inserting between two provisions
takes the middle of the gap, so neighbours keep their rows; numbers ("OP3", "(b)") are
derived from the order when read, which is what "renumbered on insertion" means here.
"""

from secretariat.negotiation.models.documents import (
    Document,
    DocumentKind,
    DocumentState,
    FinalMode,
    FrozenText,
    Provision,
    ProvisionKind,
    ProvisionTranslation,
    ProvisionVersion,
    Revision,
)
from secretariat.negotiation.models.positions import Position, PositionStance
from secretariat.negotiation.models.proposals import (
    Proposal,
    ProposalKind,
    ProposalStance,
    ProposalStatus,
    Stance,
)
from secretariat.negotiation.models.silence import SilenceProcedure

__all__ = [
    "Document",
    "DocumentKind",
    "DocumentState",
    "FinalMode",
    "FrozenText",
    "Position",
    "PositionStance",
    "Proposal",
    "ProposalKind",
    "ProposalStance",
    "ProposalStatus",
    "Provision",
    "ProvisionKind",
    "ProvisionTranslation",
    "ProvisionVersion",
    "Revision",
    "SilenceProcedure",
    "Stance",
]
