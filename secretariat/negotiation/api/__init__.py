"""Negotiation API: documents, revisions, diffs, provisions, brackets, proposals,
positions, silence procedure, adoption and language versions. Every write runs a command
of `negotiation.commands`, the same the document page runs.

Writes that change the text take `expected_version` (the document's `version` as read):
if someone changed the document since, the answer is 409 with what happened; nothing is
saved. Documents a person may not know of answer 404.
"""

from ninja import Router

from secretariat.negotiation.api import documents, negotiation, text

router = Router()
router.add_router("", documents.router)
router.add_router("", text.router)
router.add_router("", negotiation.router)

__all__ = ["router"]
