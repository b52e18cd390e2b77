"""Reads of negotiated documents; each a constant number of queries whatever the size.

A revision is read in one query (the provision versions valid at it); proposals with
their stances in two; positions in one. Numbers are derived from the order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from secretariat.core.timezones import local_time, utc_offset_label
from secretariat.formats.models import Delegation, DialogueFormat
from secretariat.formats.selectors import member_delegations
from secretariat.negotiation import policy
from secretariat.negotiation.models import (
    Document,
    DocumentKind,
    DocumentState,
    FinalMode,
    FrozenText,
    Position,
    PositionStance,
    Proposal,
    ProposalStance,
    ProposalStatus,
    ProvisionTranslation,
    ProvisionVersion,
    Revision,
    SilenceProcedure,
)
from secretariat.negotiation.rules import Consensus, consensus, number_provisions
from secretariat.negotiation.text import brackets

# --- lists ----------------------------------------------------------------------------------


def documents_visible(fmt: DialogueFormat, user: Any) -> QuerySet[Document]:
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


def document_list(fmt: DialogueFormat, user: Any) -> list[DocumentRow]:
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


def document_get(fmt_slug: str, doc_slug: str, user: Any) -> Document:
    """The document, or 404 for anyone who must not know it exists."""
    document = (
        Document.objects.select_related("format", "pen_holder__state")
        .filter(format__slug=fmt_slug, slug=doc_slug)
        .first()
    )
    if document is None or not policy.can_view_document(user, document):
        raise Http404("No such document.")
    return document


def document_by_id(pk: int, user: Any) -> Document:
    document = Document.objects.select_related("format", "pen_holder__state").filter(pk=pk).first()
    if document is None or not policy.can_view_document(user, document):
        raise Http404("No such document.")
    return document


# --- revisions ------------------------------------------------------------------------------


def provisions_at(document: Document, revision: int) -> QuerySet[ProvisionVersion]:
    """The provision versions that make up `revision`, in order: one query."""
    return ProvisionVersion.objects.filter(
        Q(document=document, valid_from__lte=revision)
        & (Q(valid_to__isnull=True) | Q(valid_to__gt=revision))
    ).order_by("order_key")


@dataclass
class ProvisionRow:
    provision_id: int
    version_id: int
    valid_from: int
    number: str
    label: str
    kind: str
    markup: str
    open_brackets: int
    proposals: list[ProposalRow] = field(default_factory=list)
    translation: str | None = None
    translation_status: str = ""  # "", "current", "outdated", "missing"

    @property
    def html(self) -> SafeString:
        return brackets.render_html(brackets.parse(self.markup))

    @property
    def clean(self) -> str:
        return brackets.clean_text(brackets.parse(self.markup))

    @property
    def translation_html(self) -> SafeString:
        if not self.translation:
            return SafeString("")
        return brackets.render_html(brackets.parse(self.translation))


def revision_rows(document: Document, revision: int) -> list[ProvisionRow]:
    versions = list(provisions_at(document, revision))
    numbering = number_provisions(v.kind for v in versions)
    return [
        ProvisionRow(
            provision_id=v.provision_id,
            version_id=v.pk,
            valid_from=v.valid_from,
            number=n.number,
            label=n.label,
            kind=v.kind,
            markup=v.text,
            open_brackets=v.open_brackets,
        )
        for v, n in zip(versions, numbering, strict=True)
    ]


def revision_list(document: Document) -> list[Revision]:
    return list(Revision.objects.filter(document=document).select_related("created_by"))


# --- proposals ------------------------------------------------------------------------------


@dataclass
class ProposalRow:
    proposal: Proposal
    outdated: bool
    supporters: list[str]
    opponents: list[str]
    target_label: str
    delegation_code: str = ""
    html: SafeString | None = None  # the card, see rendering.py


def proposal_rows(
    document: Document,
    rows: Sequence[ProvisionRow],
    *,
    include_closed: bool = True,
    provision_id: int | None = None,
) -> list[ProposalRow]:
    """Proposals of a document (or of one provision) with their stances, in document
    order. A constant number of queries."""
    # no joins: thousands of proposals need their delegation's code, not its objects
    codes = dict(
        Delegation.objects.filter(format_id=document.format_id).values_list("pk", "state__iso2")
    )
    queryset = Proposal.objects.filter(document=document)
    stances = ProposalStance.objects.filter(proposal__document=document)
    if provision_id is not None:
        queryset = queryset.filter(provision_id=provision_id)
        stances = stances.filter(proposal__provision_id=provision_id)
    if not include_closed:
        queryset = queryset.filter(status=ProposalStatus.OPEN)
    proposals = list(queryset)
    # stances as plain rows: thousands of proposals need no model objects for them
    supporters: dict[int, list[str]] = defaultdict(list)
    opponents: dict[int, list[str]] = defaultdict(list)
    for proposal_id, stance, iso2 in stances.values_list(
        "proposal_id", "stance", "delegation__state__iso2"
    ):
        (supporters if stance == "support" else opponents)[proposal_id].append(iso2)
    # the revision each provision's current text dates from: a proposal made before it
    # is outdated (see services.proposal_is_outdated)
    current_from = dict(
        ProvisionVersion.objects.filter(document=document, valid_to__isnull=True).values_list(
            "provision_id", "valid_from"
        )
    )
    labels = {row.provision_id: row.label for row in rows}
    result = []
    for proposal in proposals:
        result.append(
            ProposalRow(
                proposal=proposal,
                outdated=proposal.is_open and _outdated(proposal, current_from),
                supporters=sorted(supporters.get(proposal.pk, [])),
                opponents=sorted(opponents.get(proposal.pk, [])),
                target_label=labels.get(proposal.provision_id or 0, ""),
                delegation_code=codes.get(proposal.delegation_id, ""),
            )
        )
    return result


def _outdated(proposal: Proposal, current_from: dict[int, int]) -> bool:
    """As `services.proposal_is_outdated`, from the revision each current text dates from."""
    if proposal.provision_id is None:
        return False
    valid_from = current_from.get(proposal.provision_id)
    return valid_from is None or valid_from > proposal.base_revision


def current_version_map(document: Document) -> dict[int, ProvisionVersion]:
    return {
        v.provision_id: v
        for v in ProvisionVersion.objects.filter(document=document, valid_to__isnull=True)
    }


# --- positions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class PositionRow:
    delegation: Delegation
    position: Position | None
    stance: str
    stance_label: str
    counts: bool
    stale: bool
    needs_confirmation: bool


@dataclass(frozen=True)
class PositionsTable:
    rows: list[PositionRow]
    consensus: Consensus


def positions_table(document: Document) -> PositionsTable:
    members = member_delegations(document.format_id)
    positions = {
        p.delegation_id: p
        for p in Position.objects.filter(document=document).select_related("recorded_by")
    }
    result = consensus(
        [d.pk for d in members],
        [
            (p.delegation_id, p.stance, p.revision_number, p.confirmed_at is not None)
            for p in positions.values()
        ],
        document.current_revision,
    )
    by_id = {row.delegation_id: row for row in result.rows}
    rows = []
    for delegation in members:
        position = positions.get(delegation.pk)
        row = by_id[delegation.pk]
        rows.append(
            PositionRow(
                delegation=delegation,
                position=position,
                stance=row.stance,
                stance_label=position.get_stance_display() if position else _("no position yet"),
                counts=row.counts,
                stale=row.stale,
                needs_confirmation=bool(
                    position
                    and position.stance == PositionStance.AD_REFERENDUM
                    and not position.confirmed_at
                    and not row.stale
                ),
            )
        )
    return PositionsTable(rows=rows, consensus=result)


# --- silence procedure ----------------------------------------------------------------------


@dataclass(frozen=True)
class CapitalTime:
    state_name: str
    iso2: str
    capital: str
    time_zone: str
    local: datetime
    offset: str


@dataclass(frozen=True)
class SilenceView:
    procedure: SilenceProcedure
    status: str  # running, broken, expired
    deadline_utc: datetime
    capitals: list[CapitalTime]


def silence_view(document: Document, now: datetime | None = None) -> SilenceView | None:
    procedure = (
        SilenceProcedure.objects.filter(document=document)
        .select_related("broken_by_delegation__state")
        .order_by("-started_at")
        .first()
    )
    if procedure is None:
        return None
    capitals = [
        CapitalTime(
            state_name=d.state.name,
            iso2=d.state.iso2,
            capital=d.state.capital,
            time_zone=d.state.time_zone,
            local=local_time(d.state.time_zone, procedure.deadline),
            offset=utc_offset_label(local_time(d.state.time_zone, procedure.deadline)),
        )
        for d in member_delegations(document.format_id)
    ]
    return SilenceView(
        procedure=procedure,
        status=procedure.status(now),
        deadline_utc=procedure.deadline.astimezone(UTC),
        capitals=capitals,
    )


# --- language versions ----------------------------------------------------------------------


def attach_translations(
    document: Document, rows: list[ProvisionRow], language: str
) -> dict[str, int]:
    """Put each provision's `language` text beside it: current (aligned to this version),
    outdated (translating an older version) or missing. Two queries."""
    counts = {"current": 0, "outdated": 0, "missing": 0}
    if language == document.language:
        return counts
    aligned = {
        t.version_id: t.text
        for t in ProvisionTranslation.objects.filter(
            version__in=[r.version_id for r in rows], language=language
        )
    }
    older: dict[int, str] = {}
    for provision_id, text in (
        ProvisionTranslation.objects.filter(document=document, language=language)
        .exclude(version__in=[r.version_id for r in rows])
        .order_by("version__valid_from")
        .values_list("provision_id", "text")
    ):
        older[provision_id] = text
    for row in rows:
        if row.version_id in aligned:
            row.translation, row.translation_status = aligned[row.version_id], "current"
        elif row.provision_id in older:
            row.translation, row.translation_status = older[row.provision_id], "outdated"
        else:
            row.translation, row.translation_status = None, "missing"
        counts[row.translation_status] += 1
    return counts


def frozen_texts(document: Document) -> list[FrozenText]:
    """The adopted texts with their SHA-256, negotiating language first."""
    revision = document.adopted_revision_number()
    if revision is None:
        return []
    rows = list(FrozenText.objects.filter(document=document, revision_number=revision))
    order = {code: i for i, code in enumerate(document.languages)}
    return sorted(rows, key=lambda f: order.get(f.language, 99))


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


def document_page(
    document: Document,
    user: Any,
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
    )


# --- diff -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffView:
    old: int
    new: int
    changes: list[Any]
    counts: dict[str, int]


def revision_diff(document: Document, old: int, new: int) -> DiffView:
    """Word-level diff of two revisions, provision by provision (moves recognised)."""
    from secretariat.negotiation.text.diff import ProvisionText, diff_provisions

    def texts(number: int) -> list[Any]:
        return [
            ProvisionText(key=str(r.provision_id), number=r.label, kind=r.kind, text=r.markup)
            for r in revision_rows(document, number)
        ]

    changes = diff_provisions(texts(old), texts(new))
    counts: dict[str, int] = defaultdict(int)
    for change in changes:
        counts[change.status] += 1
    return DiffView(old=old, new=new, changes=changes, counts=dict(counts))


# --- exports --------------------------------------------------------------------------------


def document_export_data(document: Document, *, language: str, revision: int | None = None) -> Any:
    """The snapshot the exporters render: one language at one revision (default: the
    adopted revision of an adopted document, else the current one)."""
    from secretariat.negotiation.exports import ExportDocument, ExportProvision

    adopted_revision = document.adopted_revision_number()
    if revision is None:
        revision = adopted_revision or document.current_revision
    if language not in document.languages:
        raise ValueError(
            f"{language!r} is not an authentic language of this document "
            f"({', '.join(document.languages)})."
        )
    if not 1 <= revision <= document.current_revision:
        raise ValueError(f"There is no revision {revision}.")
    rows = revision_rows(document, revision)
    if language != document.language:
        attach_translations(document, rows, language)
    adopted = adopted_revision is not None and revision == adopted_revision
    frozen = (
        FrozenText.objects.filter(
            document=document, language=language, revision_number=revision
        ).first()
        if adopted
        else None
    )
    rev = Revision.objects.filter(document=document, number=revision).first()
    adopted_on = document.adopted_on()
    return ExportDocument(
        title=document.title_in(language) or document.title,
        kind=document.kind,
        format_name=str(document.format.name),
        status=str(DocumentState.ADOPTED.label) if adopted else document.effective_state_label(),
        language=language,
        revision_label=f"Rev.{revision}",
        provisions=tuple(
            ExportProvision(
                number=r.number,
                kind=r.kind,
                markup=(r.markup if language == document.language else (r.translation or "")),
            )
            for r in rows
        ),
        adopted_hash=frozen.sha256 if frozen else None,
        adopted_on=adopted_on.date() if (adopted and adopted_on) else None,
        format_slug=document.format.slug,
        document_slug=document.slug,
        revision_date=rev.created_at.date() if rev else None,
        kind_label=str(DocumentKind(document.kind).label),
    )
