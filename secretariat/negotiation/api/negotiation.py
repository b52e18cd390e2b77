"""Negotiating: proposals and stances on them, positions, the silence procedure. Members
and the secretariat only (observers and the public get 404)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status
from ninja.security import django_auth

from secretariat.core.types import AuthenticatedRequest
from secretariat.negotiation import selectors
from secretariat.negotiation.api.access import drafting, negotiating, proposal, run
from secretariat.negotiation.api.outputs import (
    PositionsOut,
    ProposalOut,
    SilenceOut,
    one_proposal,
    positions_out,
    proposal_out,
    silence_out,
)
from secretariat.negotiation.models import Proposal
from secretariat.negotiation.schemas import (
    IncorporateCommand,
    IncorporateIn,
    NegotiationDelegationIn,
    PositionIn,
    ProposalIn,
    ProposalWithdrawCommand,
    ReasonIn,
    RebaseCommand,
    RebaseIn,
    SetAsideCommand,
    SilenceBreakIn,
    SilenceIn,
    StanceCommand,
    StanceIn,
)

router = Router(tags=["negotiation"])


# --- proposals ------------------------------------------------------------------------------


@router.get("/documents/{document_id}/proposals", response=list[ProposalOut])
def list_proposals(request: HttpRequest, document_id: int) -> list[ProposalOut]:
    doc = negotiating(request, document_id)
    rows = selectors.revision_rows(doc, doc.current_revision)
    return [proposal_out(r) for r in selectors.proposal_rows(doc, rows)]


@router.post("/documents/{document_id}/proposals", response={201: ProposalOut}, auth=django_auth)
def create_proposal(
    request: AuthenticatedRequest, document_id: int, payload: ProposalIn
) -> Status[ProposalOut]:
    doc = negotiating(request, document_id)
    created = run(request, "propose", doc, payload)
    assert isinstance(created, Proposal)
    return Status(201, one_proposal(doc, created.pk))


@router.post("/proposals/{proposal_id}/stance", response=ProposalOut, auth=django_auth)
def proposal_stance(
    request: AuthenticatedRequest, proposal_id: int, payload: StanceIn
) -> ProposalOut:
    found = proposal(request, proposal_id)
    run(request, "stance", found.document, StanceCommand(proposal=found.pk, **payload.model_dump()))
    return one_proposal(found.document, found.pk)


@router.post("/proposals/{proposal_id}/incorporate", response=ProposalOut, auth=django_auth)
def proposal_incorporate(
    request: AuthenticatedRequest, proposal_id: int, payload: IncorporateIn
) -> ProposalOut:
    found = proposal(request, proposal_id)
    data = IncorporateCommand(proposal=found.pk, **payload.model_dump())
    run(request, "incorporate", found.document, data)
    return one_proposal(found.document, found.pk)


@router.post("/proposals/{proposal_id}/set-aside", response=ProposalOut, auth=django_auth)
def proposal_set_aside(
    request: AuthenticatedRequest, proposal_id: int, payload: ReasonIn
) -> ProposalOut:
    found = proposal(request, proposal_id)
    data = SetAsideCommand(proposal=found.pk, **payload.model_dump())
    run(request, "set_aside", found.document, data)
    return one_proposal(found.document, found.pk)


@router.post("/proposals/{proposal_id}/rebase", response=ProposalOut, auth=django_auth)
def proposal_rebase(
    request: AuthenticatedRequest, proposal_id: int, payload: RebaseIn
) -> ProposalOut:
    found = proposal(request, proposal_id)
    run(request, "rebase", found.document, RebaseCommand(proposal=found.pk, **payload.model_dump()))
    return one_proposal(found.document, found.pk)


@router.post("/proposals/{proposal_id}/withdraw", response=ProposalOut, auth=django_auth)
def proposal_withdraw(request: AuthenticatedRequest, proposal_id: int) -> ProposalOut:
    found = proposal(request, proposal_id)
    run(request, "withdraw_proposal", found.document, ProposalWithdrawCommand(proposal=found.pk))
    return one_proposal(found.document, found.pk)


# --- positions ------------------------------------------------------------------------------


@router.get("/documents/{document_id}/positions", response=PositionsOut)
def positions(request: HttpRequest, document_id: int) -> PositionsOut:
    return positions_out(negotiating(request, document_id))


@router.post("/documents/{document_id}/positions", response=PositionsOut, auth=django_auth)
def record_position(
    request: AuthenticatedRequest, document_id: int, payload: PositionIn
) -> PositionsOut:
    doc = negotiating(request, document_id)
    run(request, "position", doc, payload)
    return positions_out(doc)


@router.post("/documents/{document_id}/positions/confirm", response=PositionsOut, auth=django_auth)
def confirm_position(
    request: AuthenticatedRequest, document_id: int, payload: NegotiationDelegationIn
) -> PositionsOut:
    doc = negotiating(request, document_id)
    run(request, "confirm", doc, payload)
    return positions_out(doc)


# --- silence procedure ----------------------------------------------------------------------


@router.get("/documents/{document_id}/silence", response=SilenceOut)
def silence(request: HttpRequest, document_id: int) -> SilenceOut:
    return silence_out(drafting(request, document_id))


@router.post("/documents/{document_id}/silence", response={201: SilenceOut}, auth=django_auth)
def start_silence(
    request: AuthenticatedRequest, document_id: int, payload: SilenceIn
) -> Status[SilenceOut]:
    doc = drafting(request, document_id)
    run(request, "silence", doc, payload)
    return Status(201, silence_out(doc))


@router.post("/documents/{document_id}/silence/break", response=SilenceOut, auth=django_auth)
def break_silence(
    request: AuthenticatedRequest, document_id: int, payload: SilenceBreakIn
) -> SilenceOut:
    doc = negotiating(request, document_id)
    run(request, "break_silence", doc, payload)
    return silence_out(doc)
