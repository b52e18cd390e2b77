"""Which document (or proposal) an API request concerns, as this person may know it, and
running a command on it. Documents a person may not know of answer 404."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from secretariat.core.schemas import InputSchema
from secretariat.core.types import AuthenticatedRequest
from secretariat.negotiation import policy, selectors
from secretariat.negotiation.commands import commands
from secretariat.negotiation.models import Document, Proposal


def visible(request: HttpRequest, document_id: int) -> Document:
    return selectors.document_by_id(document_id, request.user)


def drafting(request: HttpRequest, document_id: int) -> Document:
    doc = visible(request, document_id)
    if not policy.can_view_drafting(request.user, doc):
        raise Http404("No such document.")
    return doc


def negotiating(request: HttpRequest, document_id: int) -> Document:
    doc = visible(request, document_id)
    if not policy.can_view_negotiation(request.user, doc):
        raise Http404("No such document.")
    return doc


def proposal(request: HttpRequest, proposal_id: int) -> Proposal:
    found = get_object_or_404(
        Proposal.objects.select_related("delegation__state", "document__format"), pk=proposal_id
    )
    if not policy.can_view_negotiation(request.user, found.document):
        raise Http404("No such proposal.")
    return found


def run(request: AuthenticatedRequest, name: str, doc: Document, data: InputSchema) -> object:
    """Run the command `name` as the signed-in person; refusals become 403/409/422 in the
    API's handlers (secretariat/api.py)."""
    result, _message = commands.execute(name, actor=request.user, target=doc, data=data)
    return result
