"""Reads of negotiated documents; each a constant number of queries whatever the size.

One module per thing read: `documents` (lists, one document, the document page),
`revisions` (a revision's text, diffs, export data), `proposals`, `positions` (and the
consensus they give), `silence`, `languages` (language versions and frozen texts).
Everything is re-exported here: `selectors.document_page(...)`.
"""

from secretariat.negotiation.selectors.documents import (
    DocumentPage,
    DocumentRow,
    document_by_id,
    document_get,
    document_list,
    document_page,
    documents_visible,
    lifecycle_steps,
)
from secretariat.negotiation.selectors.languages import (
    attach_translations,
    frozen_at,
    frozen_texts,
    language_gaps,
)
from secretariat.negotiation.selectors.positions import (
    PositionRow,
    PositionsTable,
    consensus_of,
    positions_table,
)
from secretariat.negotiation.selectors.proposals import (
    ProposalRow,
    current_from,
    proposal_is_outdated,
    proposal_rows,
)
from secretariat.negotiation.selectors.revisions import (
    DiffView,
    ProvisionRow,
    current_version_map,
    current_versions,
    document_export_data,
    provisions_at,
    revision_diff,
    revision_list,
    revision_rows,
)
from secretariat.negotiation.selectors.silence import (
    CapitalTime,
    SilenceView,
    silence_latest,
    silence_view,
)

__all__ = [
    "CapitalTime",
    "DiffView",
    "DocumentPage",
    "DocumentRow",
    "PositionRow",
    "PositionsTable",
    "ProposalRow",
    "ProvisionRow",
    "SilenceView",
    "attach_translations",
    "consensus_of",
    "current_from",
    "current_version_map",
    "current_versions",
    "document_by_id",
    "document_export_data",
    "document_get",
    "document_list",
    "document_page",
    "documents_visible",
    "frozen_at",
    "frozen_texts",
    "language_gaps",
    "lifecycle_steps",
    "positions_table",
    "proposal_is_outdated",
    "proposal_rows",
    "provisions_at",
    "revision_diff",
    "revision_list",
    "revision_rows",
    "silence_latest",
    "silence_view",
]
