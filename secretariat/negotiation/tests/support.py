"""What the negotiation service tests share: documents as people make them, and the
`unchanged()` check that a refused call left the database exactly as it was: it snapshots
the document row and everything hanging off it (provision versions, revisions, proposals
and stances, positions, silence procedures, translations, audit trail) and compares after
the refused call.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.utils import timezone

from secretariat.core.models import AuditEntry
from secretariat.negotiation import selectors, services
from secretariat.negotiation.models import (
    Document,
    Position,
    Proposal,
    ProposalStance,
    Provision,
    ProvisionTranslation,
    ProvisionVersion,
    Revision,
    SilenceProcedure,
)
from secretariat.negotiation.tests.factories import make_document

CLEAN_TEXT = "Noting,\n1. Agreed text.\n2. More agreed text.\n"


def fresh(document: Document) -> Document:
    return Document.objects.get(pk=document.pk)


def clean_document(world: Any, **kwargs: Any) -> Document:
    """A document in negotiation without any open bracket."""
    return make_document(world, text=CLEAN_TEXT, **kwargs)


def in_hours(hours: float) -> Any:
    return timezone.now() + timedelta(hours=hours)


def snapshot(document: Document) -> tuple[Any, ...]:
    doc = fresh(document)
    row = {
        field: getattr(doc, field)
        for field in (
            "version",
            "state",
            "final_mode",
            "silence_deadline",
            "current_revision",
            "title",
            "titles",
            "authentic_languages",
            "pen_holder_id",
            "shared_with_observers",
            "withdrawn_reason",
            "adopted_at",
            "adopted_revision",
        )
    }
    return (
        row,
        list(
            ProvisionVersion.objects.filter(document=doc)
            .order_by("pk")
            .values_list("pk", "provision_id", "valid_from", "valid_to", "kind", "text")
        ),
        Provision.objects.filter(document=doc).count(),
        list(Revision.objects.filter(document=doc).order_by("number").values_list("number")),
        list(
            Proposal.objects.filter(document=doc)
            .order_by("pk")
            .values_list("pk", "status", "version", "base_revision", "old_text", "new_text")
        ),
        list(
            ProposalStance.objects.filter(proposal__document=doc)
            .order_by("pk")
            .values_list("pk", "delegation_id", "stance")
        ),
        list(
            Position.objects.filter(document=doc)
            .order_by("pk")
            .values_list("delegation_id", "stance", "version", "revision_number", "confirmed_at")
        ),
        list(
            SilenceProcedure.objects.filter(document=doc)
            .order_by("pk")
            .values_list("pk", "deadline", "broken_at", "break_kind", "break_reason")
        ),
        list(
            ProvisionTranslation.objects.filter(document=doc)
            .order_by("pk")
            .values_list("pk", "version_id", "language", "text")
        ),
        AuditEntry.objects.count(),
    )


@contextmanager
def unchanged(document: Document) -> Iterator[None]:
    before = snapshot(document)
    yield
    assert snapshot(document) == before


@contextmanager
def nothing_created() -> Iterator[None]:
    before = (
        Document.objects.count(),
        ProvisionVersion.objects.count(),
        AuditEntry.objects.count(),
    )
    yield
    after = (Document.objects.count(), ProvisionVersion.objects.count(), AuditEntry.objects.count())
    assert after == before


def create(world: Any, **kwargs: Any) -> Document:
    params = {"actor": world.secretariat, "fmt": world.fmt, "kind": "programme", "title": "T"}
    return services.document_create(**{**params, **kwargs})


def labels(document: Document, revision: int | None = None) -> list[str]:
    rows = selectors.revision_rows(document, revision or document.current_revision)
    return [r.label for r in rows]


def texts(document: Document, revision: int | None = None) -> list[str]:
    rows = selectors.revision_rows(document, revision or document.current_revision)
    return [r.markup for r in rows]
