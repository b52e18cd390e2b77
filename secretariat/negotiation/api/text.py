"""The text: paste a whole text, insert, edit, move and delete provisions, brackets and
their holders, language versions. Writes take `expected_version` (the document's
`version` as read): if someone changed it since, the answer is 409 and nothing is saved."""

from __future__ import annotations

from ninja import Router
from ninja.security import django_auth

from secretariat.core.types import AuthenticatedRequest
from secretariat.negotiation.api.access import drafting, run
from secretariat.negotiation.api.outputs import (
    DocumentOut,
    DocumentTextOut,
    document_out,
    fresh,
    text_out,
)
from secretariat.negotiation.schemas import (
    BracketAddCommand,
    BracketAddIn,
    BracketResolveCommand,
    BracketResolveIn,
    HoldCommand,
    HoldersCommand,
    HoldersIn,
    HoldIn,
    LanguageCode,
    ProvisionDeleteCommand,
    ProvisionEditCommand,
    ProvisionEditIn,
    ProvisionInsertIn,
    ProvisionMoveCommand,
    ProvisionMoveIn,
    TextIn,
    TranslationCommand,
    TranslationIn,
)

router = Router(tags=["negotiation"])


@router.put(
    "/documents/{document_id}/text",
    response=DocumentOut,
    auth=django_auth,
    summary="Replace the whole text with a pasted Word-style text (pen-holder)",
)
def replace_text(request: AuthenticatedRequest, document_id: int, payload: TextIn) -> DocumentOut:
    doc = drafting(request, document_id)
    run(request, "paste", doc, payload)
    return document_out(fresh(doc))


@router.post("/documents/{document_id}/provisions", response=DocumentOut, auth=django_auth)
def insert_provision(
    request: AuthenticatedRequest, document_id: int, payload: ProvisionInsertIn
) -> DocumentOut:
    doc = drafting(request, document_id)
    run(request, "insert", doc, payload)
    return document_out(fresh(doc))


@router.patch(
    "/documents/{document_id}/provisions/{provision_id}", response=DocumentOut, auth=django_auth
)
def edit_provision(
    request: AuthenticatedRequest, document_id: int, provision_id: int, payload: ProvisionEditIn
) -> DocumentOut:
    doc = drafting(request, document_id)
    data = ProvisionEditCommand(provision=provision_id, **payload.model_dump())
    run(request, "edit", doc, data)
    return document_out(fresh(doc))


@router.post(
    "/documents/{document_id}/provisions/{provision_id}/move",
    response=DocumentOut,
    auth=django_auth,
)
def move_provision(
    request: AuthenticatedRequest, document_id: int, provision_id: int, payload: ProvisionMoveIn
) -> DocumentOut:
    doc = drafting(request, document_id)
    run(request, "move", doc, ProvisionMoveCommand(provision=provision_id, **payload.model_dump()))
    return document_out(fresh(doc))


@router.delete(
    "/documents/{document_id}/provisions/{provision_id}", response=DocumentOut, auth=django_auth
)
def delete_provision(
    request: AuthenticatedRequest,
    document_id: int,
    provision_id: int,
    expected_version: int,
    reason: str = "",
) -> DocumentOut:
    doc = drafting(request, document_id)
    data = ProvisionDeleteCommand(
        provision=provision_id, expected_version=expected_version, reason=reason
    )
    run(request, "delete", doc, data)
    return document_out(fresh(doc))


@router.post(
    "/documents/{document_id}/provisions/{provision_id}/brackets",
    response=DocumentOut,
    auth=django_auth,
    summary="Bracket a span of the provision as read (offsets into its plain rendering, "
    "or the span's text)",
)
def add_bracket(
    request: AuthenticatedRequest, document_id: int, provision_id: int, payload: BracketAddIn
) -> DocumentOut:
    doc = drafting(request, document_id)
    run(request, "bracket", doc, BracketAddCommand(provision=provision_id, **payload.model_dump()))
    return document_out(fresh(doc))


@router.post(
    "/documents/{document_id}/provisions/{provision_id}/brackets/{index}/resolve",
    response=DocumentOut,
    auth=django_auth,
)
def resolve_bracket(
    request: AuthenticatedRequest,
    document_id: int,
    provision_id: int,
    index: int,
    payload: BracketResolveIn,
) -> DocumentOut:
    doc = drafting(request, document_id)
    data = BracketResolveCommand(provision=provision_id, index=index, **payload.model_dump())
    run(request, "resolve", doc, data)
    return document_out(fresh(doc))


@router.put(
    "/documents/{document_id}/provisions/{provision_id}/brackets/{index}/holders",
    response=DocumentOut,
    auth=django_auth,
)
def set_holders(
    request: AuthenticatedRequest,
    document_id: int,
    provision_id: int,
    index: int,
    payload: HoldersIn,
) -> DocumentOut:
    doc = drafting(request, document_id)
    data = HoldersCommand(provision=provision_id, index=index, **payload.model_dump())
    run(request, "holders", doc, data)
    return document_out(fresh(doc))


@router.post(
    "/documents/{document_id}/provisions/{provision_id}/brackets/{index}/hold",
    response=DocumentOut,
    auth=django_auth,
    summary="A delegation adds itself to, or removes itself from, a bracket's holders",
)
def hold_bracket(
    request: AuthenticatedRequest,
    document_id: int,
    provision_id: int,
    index: int,
    payload: HoldIn,
) -> DocumentOut:
    doc = drafting(request, document_id)
    data = HoldCommand(provision=provision_id, index=index, **payload.model_dump())
    run(request, "hold", doc, data)
    return document_out(fresh(doc))


@router.put(
    "/documents/{document_id}/languages/{language}/provisions/{provision_id}",
    response=DocumentTextOut,
    auth=django_auth,
)
def set_translation(
    request: AuthenticatedRequest,
    document_id: int,
    language: LanguageCode,
    provision_id: int,
    payload: TranslationIn,
) -> DocumentTextOut:
    doc = drafting(request, document_id)
    data = TranslationCommand(provision=provision_id, language=language, **payload.model_dump())
    run(request, "translate", doc, data)
    return text_out(fresh(doc), request.user, None, language)
