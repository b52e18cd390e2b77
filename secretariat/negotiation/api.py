"""Negotiation API: documents, revisions, diffs, provisions, brackets, proposals,
positions, silence procedure, adoption and language versions. Same services as the UI.

Writes that change the text take `expected_version` (the document's `version` as read):
if someone changed the document since, the answer is 409 with what happened; nothing is
saved. Documents a person may not know of answer 404.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth

from secretariat.core.errors import PermissionDenied
from secretariat.formats.models import Delegation
from secretariat.formats.selectors import format_get
from secretariat.negotiation import policy, selectors, services
from secretariat.negotiation.models import Document, Proposal, Provision

router = Router(tags=["negotiation"])


# --- schemas --------------------------------------------------------------------------------


class DocumentOut(Schema):
    id: int
    format: str
    slug: str
    kind: str
    title: str
    titles: dict[str, str]
    language: str
    authentic_languages: list[str]
    pen_holder: str | None = Field(None, description="ISO code; null: the secretariat")
    state: str
    final_mode: str
    silence_deadline: datetime | None
    shared_with_observers: bool
    version: int
    current_revision: int
    open_brackets: int | None = None
    adopted_at: datetime | None
    adopted_revision: int | None
    adoption_reference: str


class ProvisionOut(Schema):
    id: int
    number: str
    label: str
    kind: str
    markup: str
    clean_text: str
    open_brackets: int
    translation: str | None = None
    translation_status: str = ""


class RevisionOut(Schema):
    number: int
    label: str
    created_at: datetime
    created_by: str
    reason: str
    summary: str


class DocumentTextOut(Schema):
    document: DocumentOut
    revision: int
    language: str
    provisions: list[ProvisionOut]
    adopted_hashes: dict[str, str]


class DocumentCreateIn(Schema):
    kind: str
    title: str
    language: str = "en"
    authentic_languages: list[str] = []
    pen_holder: str | None = Field(None, description="ISO code of a member delegation")
    text: str = Field("", description="Word-style text, one provision per line")
    slug: str = ""
    shared_with_observers: bool = False


class DocumentPatchIn(Schema):
    expected_version: int | None = None
    title: str | None = None
    titles: dict[str, str] | None = None
    shared_with_observers: bool | None = None


class VersionIn(Schema):
    expected_version: int
    reason: str = ""


class TextIn(VersionIn):
    text: str


class ProvisionInsertIn(VersionIn):
    after: int | None = Field(None, description="provision id; null: at the start")
    kind: str
    text: str


class ProvisionEditIn(VersionIn):
    text: str
    kind: str | None = None


class ProvisionMoveIn(VersionIn):
    after: int | None = None


class BracketAddIn(VersionIn):
    start: int | None = Field(None, description="offset into the plain rendering")
    end: int | None = Field(None, description="end offset (exclusive)")
    span: str = Field("", description="or the text to bracket; it must occur once")
    alternatives: list[str] = []
    holders: list[str] = []


class BracketResolveIn(VersionIn):
    choice: int | None = Field(None, description="0-based option to keep; null: agree text")
    drop: bool = Field(False, description="drop the bracket with all its text instead")


class HoldersIn(Schema):
    expected_version: int
    holders: list[str]


class DiffOpOut(Schema):
    op: str
    text: str


class ChangeOut(Schema):
    key: str
    status: str
    old_number: str | None
    new_number: str | None
    ops: list[DiffOpOut]


class DiffOut(Schema):
    old: int
    new: int
    counts: dict[str, int]
    changes: list[ChangeOut]


class ProposalOut(Schema):
    id: int
    delegation: str
    kind: str
    provision: int | None
    target_label: str
    new_kind: str
    old_text: str
    new_text: str
    rationale: str
    base_revision: int
    status: str
    outdated: bool
    supporters: list[str]
    opponents: list[str]
    decision_reason: str
    version: int


class ProposalIn(Schema):
    delegation: str = Field(..., description="ISO code of the proposing member delegation")
    kind: Literal["insert", "replace", "delete"]
    provision: int | None = None
    new_kind: str = ""
    old_text: str = ""
    new_text: str = ""
    rationale: str
    base_revision: int | None = None


class StanceIn(Schema):
    delegation: str
    stance: Literal["support", "oppose"] | None


class IncorporateIn(Schema):
    expected_version: int
    bracketed: bool = False
    reason: str = ""


class ReasonIn(Schema):
    reason: str
    expected_version: int | None = None


class RebaseIn(Schema):
    old_text: str | None = None
    new_text: str | None = None
    expected_version: int | None = None


class PositionOut(Schema):
    delegation: str
    state_name: str
    stance: str
    reason: str
    revision: int | None
    confirmed: bool
    counts: bool
    stale: bool
    version: int | None


class PositionsOut(Schema):
    consensus: bool
    positions: list[PositionOut]


class PositionIn(Schema):
    delegation: str
    stance: Literal["agree", "ad_referendum", "reserve", "object"]
    reason: str = ""
    expected_version: int | None = None


class DelegationIn(Schema):
    delegation: str


class SilenceIn(Schema):
    deadline: datetime = Field(..., description="ISO 8601 with offset, e.g. 2026-05-01T12:00Z")
    expected_version: int


class SilenceBreakIn(Schema):
    delegation: str
    kind: Literal["objection", "amendment"]
    reason: str


class SilenceOut(Schema):
    status: str
    deadline: datetime
    revision: int
    capitals: dict[str, datetime]
    broken_by: str | None


class AdoptIn(Schema):
    expected_version: int | None = None
    reference: str = ""
    reference_url: str = ""


class TransitionIn(Schema):
    expected_version: int
    reason: str = ""


class TranslationIn(Schema):
    text: str
    expected_version: int | None = None


# --- helpers --------------------------------------------------------------------------------


def _doc_out(doc: Document, *, open_brackets: int | None = None) -> DocumentOut:
    return DocumentOut(
        id=doc.pk,
        format=doc.format.slug,
        slug=doc.slug,
        kind=doc.kind,
        title=doc.title,
        titles=doc.titles,
        language=doc.language,
        authentic_languages=doc.authentic_languages,
        pen_holder=doc.pen_holder.state.iso2 if doc.pen_holder else None,
        state=doc.effective_state(),
        final_mode=doc.final_mode,
        silence_deadline=doc.silence_deadline,
        shared_with_observers=doc.shared_with_observers,
        version=doc.version,
        current_revision=doc.current_revision,
        open_brackets=open_brackets,
        adopted_at=doc.adopted_on(),
        adopted_revision=doc.adopted_revision_number(),
        adoption_reference=doc.adoption_reference,
    )


def _document(request: HttpRequest, document_id: int) -> Document:
    return selectors.document_by_id(document_id, request.user)


def _drafting(request: HttpRequest, document_id: int) -> Document:
    doc = _document(request, document_id)
    if not policy.can_view_drafting(request.user, doc):
        raise Http404("No such document.")
    return doc


def _negotiating(request: HttpRequest, document_id: int) -> Document:
    doc = _document(request, document_id)
    if not policy.can_view_negotiation(request.user, doc):
        raise Http404("No such document.")
    return doc


def _provision(doc: Document, provision_id: int | None) -> Provision | None:
    if provision_id is None:
        return None
    return get_object_or_404(Provision, pk=provision_id, document=doc)


def _delegation(doc: Document, iso2: str) -> Delegation:
    delegation = (
        Delegation.objects.select_related("state")
        .filter(format_id=doc.format_id, state__iso2=iso2.upper())
        .first()
    )
    if delegation is None:
        raise PermissionDenied(f"{iso2} has no delegation in this format.")
    return delegation


def _proposal(request: HttpRequest, proposal_id: int) -> Proposal:
    proposal = get_object_or_404(
        Proposal.objects.select_related("delegation__state", "document__format"), pk=proposal_id
    )
    if not policy.can_view_negotiation(request.user, proposal.document):
        raise Http404("No such proposal.")
    return proposal


def _proposal_out(row: selectors.ProposalRow) -> ProposalOut:
    p = row.proposal
    return ProposalOut(
        id=p.pk,
        delegation=row.delegation_code,
        kind=p.kind,
        provision=p.provision_id,
        target_label=row.target_label,
        new_kind=p.new_kind,
        old_text=p.old_text,
        new_text=p.new_text,
        rationale=p.rationale,
        base_revision=p.base_revision,
        status=p.status,
        outdated=row.outdated,
        supporters=row.supporters,
        opponents=row.opponents,
        decision_reason=p.decision_reason,
        version=p.version,
    )


def _one_proposal(doc: Document, proposal_id: int) -> ProposalOut:
    rows = selectors.proposal_rows(doc, selectors.revision_rows(doc, doc.current_revision))
    return _proposal_out(next(r for r in rows if r.proposal.pk == proposal_id))


def _text_out(doc: Document, user: Any, revision: int | None, language: str) -> DocumentTextOut:
    page = selectors.document_page(doc, user, revision=revision, language=language)
    return DocumentTextOut(
        document=_doc_out(doc, open_brackets=page.open_brackets),
        revision=page.revision,
        language=page.language or doc.language,
        provisions=[
            ProvisionOut(
                id=r.provision_id,
                number=r.number,
                label=r.label,
                kind=r.kind,
                markup=r.markup,
                clean_text=r.clean,
                open_brackets=r.open_brackets,
                translation=r.translation,
                translation_status=r.translation_status,
            )
            for r in page.rows
        ],
        adopted_hashes={f.language: f.sha256 for f in page.frozen},
    )


def _fresh(doc: Document) -> Document:
    return Document.objects.select_related("format", "pen_holder__state").get(pk=doc.pk)


# --- documents ------------------------------------------------------------------------------


@router.get(
    "/formats/{slug}/documents",
    response=list[DocumentOut],
    summary="Documents of a format this person may know of",
)
def list_documents(request: HttpRequest, slug: str) -> list[DocumentOut]:
    fmt = format_get(slug)
    return [
        _doc_out(row.document, open_brackets=row.open_brackets)
        for row in selectors.document_list(fmt, request.user)
    ]


@router.post(
    "/formats/{slug}/documents",
    response={201: DocumentOut},
    auth=django_auth,
    summary="Start a document (secretariat or chair); its text becomes Rev.1",
)
def create_document(request: HttpRequest, slug: str, payload: DocumentCreateIn) -> Any:
    fmt = format_get(slug)
    pen = None
    if payload.pen_holder:
        pen = Delegation.objects.filter(format=fmt, state__iso2=payload.pen_holder.upper()).first()
        if pen is None:
            raise PermissionDenied(f"{payload.pen_holder} has no delegation in this format.")
    doc = services.document_create(
        actor=request.user,
        fmt=fmt,
        kind=payload.kind,
        title=payload.title,
        language=payload.language,
        authentic_languages=payload.authentic_languages,
        pen_holder=pen,
        text=payload.text,
        slug=payload.slug,
        shared_with_observers=payload.shared_with_observers,
    )
    return Status(201, _doc_out(_fresh(doc)))


@router.get(
    "/documents/{document_id}",
    response=DocumentTextOut,
    summary="A document's text at a revision (default: current; the public: adopted text)",
)
def get_document(
    request: HttpRequest, document_id: int, revision: int | None = None, language: str = ""
) -> DocumentTextOut:
    doc = _document(request, document_id)
    return _text_out(doc, request.user, revision, language)


@router.patch("/documents/{document_id}", response=DocumentOut, auth=django_auth)
def patch_document(request: HttpRequest, document_id: int, payload: DocumentPatchIn) -> Any:
    doc = _drafting(request, document_id)
    services.document_update(
        actor=request.user,
        document=doc,
        expected_version=payload.expected_version,
        title=payload.title,
        titles=payload.titles,
        shared_with_observers=payload.shared_with_observers,
    )
    return _doc_out(_fresh(doc))


@router.put(
    "/documents/{document_id}/text",
    response=DocumentOut,
    auth=django_auth,
    summary="Replace the whole text with a pasted Word-style text (pen-holder)",
)
def replace_text(request: HttpRequest, document_id: int, payload: TextIn) -> Any:
    doc = _drafting(request, document_id)
    services.document_replace_text(
        actor=request.user,
        document=doc,
        pasted=payload.text,
        expected_version=payload.expected_version,
        reason=payload.reason,
    )
    return _doc_out(_fresh(doc))


@router.get("/documents/{document_id}/revisions", response=list[RevisionOut])
def list_revisions(request: HttpRequest, document_id: int) -> list[RevisionOut]:
    doc = _drafting(request, document_id)
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
    doc = _drafting(request, document_id)
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


@router.post("/documents/{document_id}/transitions/{name}", response=DocumentOut, auth=django_auth)
def transition(
    request: HttpRequest,
    document_id: int,
    name: Literal["open", "finalise", "reopen", "withdraw"],
    payload: TransitionIn,
) -> Any:
    """open: draft -> negotiation; finalise: -> final text awaiting a meeting; reopen: back
    to negotiation; withdraw (secretariat, with a reason)."""
    doc = _drafting(request, document_id)
    kwargs: dict[str, Any] = {
        "actor": request.user,
        "document": doc,
        "expected_version": payload.expected_version,
    }
    if name == "open":
        services.document_open_negotiation(**kwargs)
    elif name == "finalise":
        services.document_finalise(**kwargs)
    elif name == "reopen":
        services.document_reopen(**kwargs, reason=payload.reason)
    else:
        services.document_withdraw(**kwargs, reason=payload.reason)
    return _doc_out(_fresh(doc))


@router.post("/documents/{document_id}/adopt", response=DocumentTextOut, auth=django_auth)
def adopt(request: HttpRequest, document_id: int, payload: AdoptIn) -> Any:
    """Record adoption by consensus (chair or secretariat)."""
    doc = _drafting(request, document_id)
    services.document_adopt_by_consensus(
        actor=request.user,
        document=doc,
        reference=payload.reference,
        reference_url=payload.reference_url,
        expected_version=payload.expected_version,
    )
    return _text_out(_fresh(doc), request.user, None, "")


# --- provisions and brackets ----------------------------------------------------------------


@router.post("/documents/{document_id}/provisions", response=DocumentOut, auth=django_auth)
def insert_provision(request: HttpRequest, document_id: int, payload: ProvisionInsertIn) -> Any:
    doc = _drafting(request, document_id)
    services.provision_insert(
        actor=request.user,
        document=doc,
        after=_provision(doc, payload.after),
        kind=payload.kind,
        text=payload.text,
        expected_version=payload.expected_version,
        reason=payload.reason,
    )
    return _doc_out(_fresh(doc))


@router.patch(
    "/documents/{document_id}/provisions/{provision_id}", response=DocumentOut, auth=django_auth
)
def edit_provision(
    request: HttpRequest, document_id: int, provision_id: int, payload: ProvisionEditIn
) -> Any:
    doc = _drafting(request, document_id)
    services.provision_edit(
        actor=request.user,
        document=doc,
        provision=_provision(doc, provision_id),  # type: ignore[arg-type]
        text=payload.text,
        kind=payload.kind,
        expected_version=payload.expected_version,
        reason=payload.reason,
    )
    return _doc_out(_fresh(doc))


@router.post(
    "/documents/{document_id}/provisions/{provision_id}/move",
    response=DocumentOut,
    auth=django_auth,
)
def move_provision(
    request: HttpRequest, document_id: int, provision_id: int, payload: ProvisionMoveIn
) -> Any:
    doc = _drafting(request, document_id)
    services.provision_move(
        actor=request.user,
        document=doc,
        provision=_provision(doc, provision_id),  # type: ignore[arg-type]
        after=_provision(doc, payload.after),
        expected_version=payload.expected_version,
        reason=payload.reason,
    )
    return _doc_out(_fresh(doc))


@router.delete(
    "/documents/{document_id}/provisions/{provision_id}", response=DocumentOut, auth=django_auth
)
def delete_provision(
    request: HttpRequest, document_id: int, provision_id: int, expected_version: int,
    reason: str = "",
) -> Any:  # fmt: skip
    doc = _drafting(request, document_id)
    services.provision_delete(
        actor=request.user,
        document=doc,
        provision=_provision(doc, provision_id),  # type: ignore[arg-type]
        expected_version=expected_version,
        reason=reason,
    )
    return _doc_out(_fresh(doc))


@router.post(
    "/documents/{document_id}/provisions/{provision_id}/brackets",
    response=DocumentOut,
    auth=django_auth,
    summary="Bracket a span of the provision as read (offsets into its plain rendering, "
    "or the span's text)",
)
def add_bracket(
    request: HttpRequest, document_id: int, provision_id: int, payload: BracketAddIn
) -> Any:
    doc = _drafting(request, document_id)
    services.bracket_add(
        actor=request.user,
        document=doc,
        provision=_provision(doc, provision_id),  # type: ignore[arg-type]
        start=payload.start,
        end=payload.end,
        span=payload.span,
        alternatives=payload.alternatives,
        holders=payload.holders,
        expected_version=payload.expected_version,
        reason=payload.reason,
    )
    return _doc_out(_fresh(doc))


@router.post(
    "/documents/{document_id}/provisions/{provision_id}/brackets/{index}/resolve",
    response=DocumentOut,
    auth=django_auth,
)
def resolve_bracket(
    request: HttpRequest, document_id: int, provision_id: int, index: int,
    payload: BracketResolveIn,
) -> Any:  # fmt: skip
    doc = _drafting(request, document_id)
    services.bracket_resolve(
        actor=request.user,
        document=doc,
        provision=_provision(doc, provision_id),  # type: ignore[arg-type]
        index=index,
        choice=payload.choice,
        drop=payload.drop,
        expected_version=payload.expected_version,
        reason=payload.reason,
    )
    return _doc_out(_fresh(doc))


@router.put(
    "/documents/{document_id}/provisions/{provision_id}/brackets/{index}/holders",
    response=DocumentOut,
    auth=django_auth,
)
def set_holders(
    request: HttpRequest, document_id: int, provision_id: int, index: int, payload: HoldersIn
) -> Any:
    doc = _drafting(request, document_id)
    services.bracket_set_holders(
        actor=request.user,
        document=doc,
        provision=_provision(doc, provision_id),  # type: ignore[arg-type]
        index=index,
        holders=payload.holders,
        expected_version=payload.expected_version,
    )
    return _doc_out(_fresh(doc))


# --- proposals ------------------------------------------------------------------------------


@router.get("/documents/{document_id}/proposals", response=list[ProposalOut])
def list_proposals(request: HttpRequest, document_id: int) -> list[ProposalOut]:
    doc = _negotiating(request, document_id)
    rows = selectors.revision_rows(doc, doc.current_revision)
    return [_proposal_out(r) for r in selectors.proposal_rows(doc, rows)]


@router.post("/documents/{document_id}/proposals", response={201: ProposalOut}, auth=django_auth)
def create_proposal(request: HttpRequest, document_id: int, payload: ProposalIn) -> Any:
    doc = _negotiating(request, document_id)
    proposal = services.proposal_create(
        actor=request.user,
        document=doc,
        delegation=_delegation(doc, payload.delegation),
        kind=payload.kind,
        provision=_provision(doc, payload.provision),
        new_kind=payload.new_kind,
        old_text=payload.old_text,
        new_text=payload.new_text,
        rationale=payload.rationale,
        base_revision=payload.base_revision,
    )
    return Status(201, _one_proposal(doc, proposal.pk))


@router.post("/proposals/{proposal_id}/stance", response=ProposalOut, auth=django_auth)
def proposal_stance(request: HttpRequest, proposal_id: int, payload: StanceIn) -> ProposalOut:
    proposal = _proposal(request, proposal_id)
    services.proposal_stance_set(
        actor=request.user,
        proposal=proposal,
        delegation=_delegation(proposal.document, payload.delegation),
        stance=payload.stance,
    )
    return _one_proposal(proposal.document, proposal.pk)


@router.post("/proposals/{proposal_id}/incorporate", response=ProposalOut, auth=django_auth)
def proposal_incorporate(
    request: HttpRequest, proposal_id: int, payload: IncorporateIn
) -> ProposalOut:
    proposal = _proposal(request, proposal_id)
    services.proposal_incorporate(
        actor=request.user,
        proposal=proposal,
        bracketed=payload.bracketed,
        expected_version=payload.expected_version,
        reason=payload.reason,
    )
    return _one_proposal(proposal.document, proposal.pk)


@router.post("/proposals/{proposal_id}/set-aside", response=ProposalOut, auth=django_auth)
def proposal_set_aside(request: HttpRequest, proposal_id: int, payload: ReasonIn) -> ProposalOut:
    proposal = _proposal(request, proposal_id)
    services.proposal_set_aside(
        actor=request.user,
        proposal=proposal,
        reason=payload.reason,
        expected_version=payload.expected_version,
    )
    return _one_proposal(proposal.document, proposal.pk)


@router.post("/proposals/{proposal_id}/rebase", response=ProposalOut, auth=django_auth)
def proposal_rebase(request: HttpRequest, proposal_id: int, payload: RebaseIn) -> ProposalOut:
    proposal = _proposal(request, proposal_id)
    services.proposal_rebase(
        actor=request.user,
        proposal=proposal,
        old_text=payload.old_text,
        new_text=payload.new_text,
        expected_version=payload.expected_version,
    )
    return _one_proposal(proposal.document, proposal.pk)


@router.post("/proposals/{proposal_id}/withdraw", response=ProposalOut, auth=django_auth)
def proposal_withdraw(request: HttpRequest, proposal_id: int) -> ProposalOut:
    proposal = _proposal(request, proposal_id)
    services.proposal_withdraw(actor=request.user, proposal=proposal)
    return _one_proposal(proposal.document, proposal.pk)


# --- positions, silence ---------------------------------------------------------------------


def _positions_out(doc: Document) -> PositionsOut:
    table = selectors.positions_table(doc)
    return PositionsOut(
        consensus=table.consensus.holds,
        positions=[
            PositionOut(
                delegation=row.delegation.state.iso2,
                state_name=row.delegation.state.name,
                stance=row.stance,
                reason=row.position.reason if row.position else "",
                revision=row.position.revision_number if row.position else None,
                confirmed=bool(row.position and row.position.confirmed_at),
                counts=row.counts,
                stale=row.stale,
                version=row.position.version if row.position else None,
            )
            for row in table.rows
        ],
    )


@router.get("/documents/{document_id}/positions", response=PositionsOut)
def positions(request: HttpRequest, document_id: int) -> PositionsOut:
    return _positions_out(_negotiating(request, document_id))


@router.post("/documents/{document_id}/positions", response=PositionsOut, auth=django_auth)
def record_position(request: HttpRequest, document_id: int, payload: PositionIn) -> PositionsOut:
    doc = _negotiating(request, document_id)
    services.position_record(
        actor=request.user,
        document=doc,
        delegation=_delegation(doc, payload.delegation),
        stance=payload.stance,
        reason=payload.reason,
        expected_version=payload.expected_version,
    )
    return _positions_out(doc)


@router.post("/documents/{document_id}/positions/confirm", response=PositionsOut, auth=django_auth)
def confirm_position(request: HttpRequest, document_id: int, payload: DelegationIn) -> PositionsOut:
    doc = _negotiating(request, document_id)
    services.position_confirm(
        actor=request.user, document=doc, delegation=_delegation(doc, payload.delegation)
    )
    return _positions_out(doc)


def _silence_out(doc: Document) -> SilenceOut:
    view = selectors.silence_view(doc)
    if view is None:
        raise Http404("No silence procedure.")
    broken = view.procedure.broken_by_delegation
    return SilenceOut(
        status=view.status,
        deadline=view.deadline_utc,
        revision=view.procedure.revision_number,
        capitals={c.iso2: c.local for c in view.capitals},
        broken_by=broken.state.iso2 if broken else None,
    )


@router.get("/documents/{document_id}/silence", response=SilenceOut)
def silence(request: HttpRequest, document_id: int) -> SilenceOut:
    return _silence_out(_drafting(request, document_id))


@router.post("/documents/{document_id}/silence", response={201: SilenceOut}, auth=django_auth)
def start_silence(request: HttpRequest, document_id: int, payload: SilenceIn) -> Any:
    doc = _drafting(request, document_id)
    services.silence_procedure_start(
        actor=request.user,
        document=doc,
        deadline=payload.deadline,
        expected_version=payload.expected_version,
    )
    return Status(201, _silence_out(doc))


@router.post("/documents/{document_id}/silence/break", response=SilenceOut, auth=django_auth)
def break_silence(request: HttpRequest, document_id: int, payload: SilenceBreakIn) -> SilenceOut:
    doc = _negotiating(request, document_id)
    services.silence_break(
        actor=request.user,
        document=doc,
        delegation=_delegation(doc, payload.delegation),
        kind=payload.kind,
        reason=payload.reason,
    )
    return _silence_out(doc)


# --- language versions and exports ----------------------------------------------------------


@router.put(
    "/documents/{document_id}/languages/{language}/provisions/{provision_id}",
    response=DocumentTextOut,
    auth=django_auth,
)
def set_translation(
    request: HttpRequest, document_id: int, language: str, provision_id: int,
    payload: TranslationIn,
) -> DocumentTextOut:  # fmt: skip
    doc = _drafting(request, document_id)
    services.translation_set(
        actor=request.user,
        document=doc,
        provision=_provision(doc, provision_id),  # type: ignore[arg-type]
        language=language,
        text=payload.text,
        expected_version=payload.expected_version,
    )
    return _text_out(_fresh(doc), request.user, None, language)


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

    doc = _document(request, document_id)
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
