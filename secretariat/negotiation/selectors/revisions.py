"""Reads of a document's text: a revision in one query, revision lists, diffs, exports.

A revision is read in one query (the provision versions valid at it); numbers are derived
from the order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Q, QuerySet
from django.utils.safestring import SafeString

from secretariat.negotiation.models import (
    Document,
    DocumentKind,
    DocumentState,
    FrozenText,
    ProvisionVersion,
    Revision,
)
from secretariat.negotiation.rules import number_provisions
from secretariat.negotiation.text import brackets

if TYPE_CHECKING:
    from secretariat.negotiation.exports import ExportDocument
    from secretariat.negotiation.selectors.proposals import ProposalRow


def provisions_at(document: Document, revision: int) -> QuerySet[ProvisionVersion]:
    """The provision versions that make up `revision`, in order: one query."""
    return ProvisionVersion.objects.filter(
        Q(document=document, valid_from__lte=revision)
        & (Q(valid_to__isnull=True) | Q(valid_to__gt=revision))
    ).order_by("order_key")


def current_versions(document: Document) -> list[ProvisionVersion]:
    """The provision versions of the current revision, in order."""
    return list(
        ProvisionVersion.objects.filter(document=document, valid_to__isnull=True).order_by(
            "order_key"
        )
    )


def current_version_map(document: Document) -> dict[int, ProvisionVersion]:
    return {
        v.provision_id: v
        for v in ProvisionVersion.objects.filter(document=document, valid_to__isnull=True)
    }


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


def document_export_data(
    document: Document, *, language: str, revision: int | None = None
) -> ExportDocument:
    """The snapshot the exporters render: one language at one revision (default: the
    adopted revision of an adopted document, else the current one)."""
    from secretariat.negotiation.exports import ExportDocument, ExportProvision
    from secretariat.negotiation.selectors.languages import attach_translations

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
