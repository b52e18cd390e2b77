"""Reads of documents: the list of a format, one document (or 404), the document page."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django_fsm import has_transition_perm

from secretariat.core.types import Actor
from secretariat.formats.models import Delegation, DialogueFormat
from secretariat.formats.selectors import member_delegations
from secretariat.negotiation import policy
from secretariat.negotiation.models import (
    Document,
    DocumentState,
    FinalMode,
    FrozenText,
    Proposal,
    ProposalStatus,
    ProvisionVersion,
    Revision,
)
from secretariat.negotiation.selectors.languages import attach_translations, frozen_texts
from secretariat.negotiation.selectors.positions import PositionsTable, positions_table
from secretariat.negotiation.selectors.proposals import ProposalRow, proposal_rows
from secretariat.negotiation.selectors.revisions import ProvisionRow, revision_list, revision_rows
from secretariat.negotiation.selectors.silence import SilenceView, silence_view

# --- lists ----------------------------------------------------------------------------------


def documents_visible(fmt: DialogueFormat, user: Actor) -> QuerySet[Document]:
    """The documents of a format this person may know of: adopted ones for everyone,
    drafts for members and secretariat, shared drafts for observers too."""
    sees_all, sees_shared = policy.can_list_drafts(user, fmt)
    queryset = Document.objects.filter(format=fmt).select_related("pen_holder__state")
    if sees_all:
        return queryset
    now = timezone.now()
    adopted = Q(state=DocumentState.ADOPTED) | Q(
        state=DocumentState.FINAL, final_mode=FinalMode.SILENCE, silence_deadline__lte=now
    )
    if sees_shared:
        return queryset.filter(
            adopted | (Q(shared_with_observers=True) & ~Q(state=DocumentState.WITHDRAWN))
        )
    return queryset.filter(adopted)


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    state: str
    state_label: str
    open_brackets: int
    provisions: int
    open_proposals: int | None  # None: not for this person's eyes


def document_list(fmt: DialogueFormat, user: Actor) -> list[DocumentRow]:
    documents = list(documents_visible(fmt, user))
    ids = [d.pk for d in documents]
    sizes = {
        row["document_id"]: row
        for row in ProvisionVersion.objects.filter(document_id__in=ids, valid_to__isnull=True)
        .values("document_id")
        .annotate(n=Count("id"), brackets=Count("id", filter=Q(open_brackets__gt=0)))
    }
    bracket_totals: dict[int, int] = defaultdict(int)
    for doc_id, count in ProvisionVersion.objects.filter(
        document_id__in=ids, valid_to__isnull=True, open_brackets__gt=0
    ).values_list("document_id", "open_brackets"):
        bracket_totals[doc_id] += count
    sees_negotiation = policy.can_list_drafts(user, fmt)[0]
    proposals: dict[int, int] = {}
    if sees_negotiation:
        proposals = dict(
            Proposal.objects.filter(document_id__in=ids, status=ProposalStatus.OPEN)
            .values("document_id")
            .annotate(n=Count("id"))
            .values_list("document_id", "n")
        )
    return [
        DocumentRow(
            document=d,
            state=d.effective_state(),
            state_label=d.effective_state_label(),
            open_brackets=bracket_totals.get(d.pk, 0),
            provisions=sizes.get(d.pk, {}).get("n", 0),
            open_proposals=proposals.get(d.pk, 0) if sees_negotiation else None,
        )
        for d in documents
    ]


def document_get(fmt_slug: str, doc_slug: str, user: Actor) -> Document:
    """The document, or 404 for anyone who must not know it exists."""
    document = (
        Document.objects.select_related("format", "pen_holder__state")
        .filter(format__slug=fmt_slug, slug=doc_slug)
        .first()
    )
    if document is None or not policy.can_view_document(user, document):
        raise Http404("No such document.")
    return document


def document_by_id(pk: int, user: Actor) -> Document:
    document = Document.objects.select_related("format", "pen_holder__state").filter(pk=pk).first()
    if document is None or not policy.can_view_document(user, document):
        raise Http404("No such document.")
    return document


# --- the document page ----------------------------------------------------------------------


@dataclass
class DocumentPage:
    document: Document
    state: str
    revision: int
    is_current: bool
    rows: list[ProvisionRow]
    revisions: list[Revision]
    open_brackets: int
    sees_negotiation: bool
    sees_drafting: bool
    proposals: list[ProposalRow]
    unplaced_proposals: list[ProposalRow]
    positions: PositionsTable | None
    silence: SilenceView | None
    frozen: list[FrozenText]
    language: str
    language_counts: dict[str, int]
    may_hold_pen: bool
    may_chair: bool
    may_manage: bool
    speaking_for: list[Delegation]
    steps: dict[str, bool]  # the lifecycle steps this person may take now (its buttons)


def lifecycle_steps(document: Document, user: Actor) -> dict[str, bool]:
    """Which steps of the document's lifecycle this person may take now: the transition's
    source state, its conditions and its permission (`has_transition_perm`)."""
    steps = {
        "open": document.open_negotiation,
        "finalise": document.finalise,
        "silence": document.circulate_under_silence,
        "adopt": document.adopt,
        "reopen": document.reopen,
        "break_silence": document.break_silence,
        "withdraw": document.withdraw,
    }
    return {name: has_transition_perm(step, user) for name, step in steps.items()}


def document_page(
    document: Document,
    user: Actor,
    *,
    revision: int | None = None,
    language: str = "",
    closed_proposals: bool = False,
) -> DocumentPage:
    """Everything the document page shows, in a constant number of queries."""
    state = document.effective_state()
    sees_drafting = policy.can_view_drafting(user, document)
    sees_negotiation = policy.can_view_negotiation(user, document)
    if not sees_drafting:
        # the public: the adopted text only
        revision = document.adopted_revision_number() or document.current_revision
    elif revision is None or not 1 <= revision <= document.current_revision:
        revision = document.current_revision
    rows = revision_rows(document, revision)
    proposals: list[ProposalRow] = []
    unplaced: list[ProposalRow] = []
    if sees_negotiation:
        proposals = proposal_rows(document, rows, include_closed=closed_proposals)
        by_provision = {row.provision_id: row for row in rows}
        for prop in proposals:
            target = by_provision.get(prop.proposal.provision_id or 0)
            if target is not None:
                target.proposals.append(prop)
            else:
                unplaced.append(prop)
    language_counts: dict[str, int] = {}
    if language and language in document.languages and language != document.language:
        language_counts = attach_translations(document, rows, language)
    else:
        language = ""
    members = member_delegations(document.format_id) if sees_negotiation else []
    speaking_ids = set(policy.speaking_delegations(user, document)) if sees_negotiation else set()
    return DocumentPage(
        document=document,
        state=state,
        revision=revision,
        is_current=revision == document.current_revision,
        rows=rows,
        revisions=revision_list(document) if sees_drafting else [],
        open_brackets=sum(r.open_brackets for r in rows),
        sees_negotiation=sees_negotiation,
        sees_drafting=sees_drafting,
        proposals=proposals,
        unplaced_proposals=unplaced,
        positions=positions_table(document) if sees_negotiation else None,
        silence=silence_view(document) if sees_drafting else None,
        frozen=frozen_texts(document),
        language=language,
        language_counts=language_counts,
        may_hold_pen=sees_drafting and policy.can_hold_pen(user, document),
        may_chair=sees_drafting and policy.can_chair(user, document),
        may_manage=policy.can_manage_document(user, document),
        speaking_for=[d for d in members if d.pk in speaking_ids],
        steps=lifecycle_steps(document, user) if sees_drafting else {},
    )
