"""Every change to a negotiated document goes through here.

One module per entity or process: `documents` (create, metadata, lifecycle), `provisions`,
`brackets`, `proposals`, `positions`, `adoption`, `silence`, `translations`; shared guards
in `_common` and the one path a change of text takes in `_revisions`. Everything public is
re-exported here, so callers write `services.document_create(...)`.

Each service checks the actor against `secretariat.negotiation.policy`, validates, writes
in one transaction (the document row locked, its `version` compared when the caller says
which version it read: optimistic locking) and appends to the audit trail. A change of
text always leaves a new immutable revision with who, when and why.

Errors: `PermissionDenied` (not allowed), `ConflictError` (someone changed it first, or the
document's state forbids it), Django `ValidationError` (bad input). Nothing is written when
any of them is raised.
"""

from secretariat.negotiation.services._revisions import Entry, parse_pasted_text, validate_markup
from secretariat.negotiation.services.adoption import document_adopt_by_consensus
from secretariat.negotiation.services.brackets import (
    bracket_add,
    bracket_holder_set_own,
    bracket_resolve,
    bracket_set_holders,
)
from secretariat.negotiation.services.documents import (
    document_create,
    document_finalise,
    document_open_negotiation,
    document_reopen,
    document_update,
    document_withdraw,
)
from secretariat.negotiation.services.positions import position_confirm, position_record
from secretariat.negotiation.services.proposals import (
    proposal_create,
    proposal_incorporate,
    proposal_rebase,
    proposal_set_aside,
    proposal_stance_set,
    proposal_withdraw,
)
from secretariat.negotiation.services.provisions import (
    document_replace_text,
    provision_delete,
    provision_edit,
    provision_insert,
    provision_move,
)
from secretariat.negotiation.services.silence import (
    MIN_SILENCE,
    silence_break,
    silence_procedure_start,
    silence_settle,
)
from secretariat.negotiation.services.translations import translation_set

__all__ = [
    "MIN_SILENCE",
    "Entry",
    "bracket_add",
    "bracket_holder_set_own",
    "bracket_resolve",
    "bracket_set_holders",
    "document_adopt_by_consensus",
    "document_create",
    "document_finalise",
    "document_open_negotiation",
    "document_reopen",
    "document_replace_text",
    "document_update",
    "document_withdraw",
    "parse_pasted_text",
    "position_confirm",
    "position_record",
    "proposal_create",
    "proposal_incorporate",
    "proposal_rebase",
    "proposal_set_aside",
    "proposal_stance_set",
    "proposal_withdraw",
    "provision_delete",
    "provision_edit",
    "provision_insert",
    "provision_move",
    "silence_break",
    "silence_procedure_start",
    "silence_settle",
    "translation_set",
    "validate_markup",
]
