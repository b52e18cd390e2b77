"""What the negotiation API answers: the output schemas and how a read becomes one."""

from __future__ import annotations

from datetime import datetime

from django.http import Http404
from ninja import Field, Schema

from secretariat.core.types import Actor
from secretariat.negotiation import selectors
from secretariat.negotiation.models import Document


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


class SilenceOut(Schema):
    status: str
    deadline: datetime
    revision: int
    capitals: dict[str, datetime]
    broken_by: str | None
    hashes: dict[str, str] = Field(
        default_factory=dict,
        description="language -> SHA-256 of exactly the text circulated (its canonical form)",
    )


def fresh(doc: Document) -> Document:
    """The document as it now stands (after a command changed it)."""
    return Document.objects.select_related("format", "pen_holder__state").get(pk=doc.pk)


def document_out(doc: Document, *, open_brackets: int | None = None) -> DocumentOut:
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


def text_out(doc: Document, user: Actor, revision: int | None, language: str) -> DocumentTextOut:
    page = selectors.document_page(doc, user, revision=revision, language=language)
    return DocumentTextOut(
        document=document_out(doc, open_brackets=page.open_brackets),
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


def proposal_out(row: selectors.ProposalRow) -> ProposalOut:
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


def one_proposal(doc: Document, proposal_id: int) -> ProposalOut:
    rows = selectors.proposal_rows(doc, selectors.revision_rows(doc, doc.current_revision))
    return proposal_out(next(r for r in rows if r.proposal.pk == proposal_id))


def positions_out(doc: Document) -> PositionsOut:
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


def silence_out(doc: Document) -> SilenceOut:
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
        hashes={f.language: f.sha256 for f in view.frozen},
    )
