"""Documents: list, start, read (at a revision, in a language), metadata, lifecycle,
adoption, revisions, diffs and exports."""

from __future__ import annotations

from typing import Literal

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Router, Status
from ninja.security import django_auth

from secretariat.core.types import AuthenticatedRequest
from secretariat.formats.selectors import format_get
from secretariat.negotiation import policy, selectors
from secretariat.negotiation.api.access import drafting, run, visible
from secretariat.negotiation.api.outputs import (
    ChangeOut,
    DiffOpOut,
    DiffOut,
    DocumentOut,
    DocumentTextOut,
    RevisionOut,
    document_out,
    fresh,
    text_out,
)
from secretariat.negotiation.commands import format_commands
from secretariat.negotiation.models import Document
from secretariat.negotiation.schemas import (
    AdoptIn,
    DocumentCreateIn,
    DocumentPatchIn,
    TransitionIn,
    TransitionName,
)

router = Router(tags=["negotiation"])


@router.get(
    "/formats/{slug}/documents",
    response=list[DocumentOut],
    summary="Documents of a format this person may know of",
)
def list_documents(request: HttpRequest, slug: str) -> list[DocumentOut]:
    fmt = format_get(slug)
    return [
        document_out(row.document, open_brackets=row.open_brackets)
        for row in selectors.document_list(fmt, request.user)
    ]


@router.post(
    "/formats/{slug}/documents",
    response={201: DocumentOut},
    auth=django_auth,
    summary="Start a document (secretariat or chair); its text becomes Rev.1",
)
def create_document(
    request: AuthenticatedRequest, slug: str, payload: DocumentCreateIn
) -> Status[DocumentOut]:
    fmt = format_get(slug)
    doc, _message = format_commands.execute("create", actor=request.user, target=fmt, data=payload)
    assert isinstance(doc, Document)
    return Status(201, document_out(fresh(doc)))


@router.get(
    "/documents/{document_id}",
    response=DocumentTextOut,
    summary="A document's text at a revision (default: current; the public: adopted text)",
)
def get_document(
    request: HttpRequest, document_id: int, revision: int | None = None, language: str = ""
) -> DocumentTextOut:
    doc = visible(request, document_id)
    return text_out(doc, request.user, revision, language)


@router.patch("/documents/{document_id}", response=DocumentOut, auth=django_auth)
def patch_document(
    request: AuthenticatedRequest, document_id: int, payload: DocumentPatchIn
) -> DocumentOut:
    doc = drafting(request, document_id)
    run(request, "update", doc, payload)
    return document_out(fresh(doc))


@router.post("/documents/{document_id}/transitions/{name}", response=DocumentOut, auth=django_auth)
def transition(
    request: AuthenticatedRequest, document_id: int, name: TransitionName, payload: TransitionIn
) -> DocumentOut:
    """open: draft -> negotiation; finalise: -> final text awaiting a meeting; reopen: back
    to negotiation; withdraw (secretariat, with a reason)."""
    doc = drafting(request, document_id)
    run(request, name, doc, payload)
    return document_out(fresh(doc))


@router.post("/documents/{document_id}/adopt", response=DocumentTextOut, auth=django_auth)
def adopt(request: AuthenticatedRequest, document_id: int, payload: AdoptIn) -> DocumentTextOut:
    """Record adoption by consensus (chair or secretariat)."""
    doc = drafting(request, document_id)
    run(request, "adopt", doc, payload)
    return text_out(fresh(doc), request.user, None, "")


@router.get("/documents/{document_id}/revisions", response=list[RevisionOut])
def list_revisions(request: HttpRequest, document_id: int) -> list[RevisionOut]:
    doc = drafting(request, document_id)
    return [
        RevisionOut(
            number=r.number,
            label=r.label,
            created_at=r.created_at,
            created_by=r.created_by.full_name if r.created_by else "",
            reason=r.reason,
            summary=r.summary,
        )
        for r in selectors.revision_list(doc)
    ]


@router.get(
    "/documents/{document_id}/diff",
    response=DiffOut,
    summary="Word-level diff of two revisions, provision by provision",
)
def diff(request: HttpRequest, document_id: int, old: int, new: int) -> DiffOut:
    doc = drafting(request, document_id)
    for number in (old, new):
        if not 1 <= number <= doc.current_revision:
            raise Http404(f"No revision {number}.")
    view = selectors.revision_diff(doc, old, new)
    return DiffOut(
        old=old,
        new=new,
        counts=view.counts,
        changes=[
            ChangeOut(
                key=c.key,
                status=c.status,
                old_number=c.old_number,
                new_number=c.new_number,
                ops=[DiffOpOut(op=op, text=text) for op, text in c.ops],
            )
            for c in view.changes
        ],
    )


@router.get(
    "/documents/{document_id}/export/{fmt}",
    summary="Export as PDF, DOCX or Akoma Ntoso XML",
)
def export(
    request: HttpRequest,
    document_id: int,
    fmt: Literal["pdf", "docx", "akn"],
    language: str = "",
    revision: int | None = None,
) -> HttpResponse:
    from secretariat.negotiation.exports import render

    doc = visible(request, document_id)
    if not policy.can_view_drafting(request.user, doc):
        revision = None  # the public exports the adopted text only
    try:
        data = selectors.document_export_data(
            doc, language=language or doc.language, revision=revision
        )
    except ValueError as exc:
        raise Http404(str(exc)) from exc
    body, content_type, filename = render(data, fmt)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
