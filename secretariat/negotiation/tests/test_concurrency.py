"""Two delegates acting at once never lose an update: two threads, each with its own
database connection, on PostgreSQL (SQLite serialises writers and is skipped)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from secretariat.core.errors import ConflictError
from secretariat.negotiation import services
from secretariat.negotiation.models import Document, Revision
from secretariat.negotiation.tests.factories import current, make_document, provision
from tests.support.concurrency import POSTGRES_CONCURRENCY, run_together

pytestmark = POSTGRES_CONCURRENCY


def test_two_edits_of_the_same_version_one_wins_one_is_told(world):
    doc = make_document(world)
    target = provision(doc, 7)
    version = Document.objects.get(pk=doc.pk).version

    def edit(text: str) -> Callable[[], Any]:
        return lambda: services.provision_edit(
            actor=world.secretariat,
            document=Document.objects.get(pk=doc.pk),
            provision=target,
            text=text,
            expected_version=version,
        )

    results = run_together(edit("Edit by the first delegate."), edit("Edit by the second."))
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    winners = [r for r in results if isinstance(r, Revision)]
    assert len(conflicts) == 1, results
    assert len(winners) == 1, results
    assert "changed by someone else" in str(conflicts[0])
    doc.refresh_from_db()
    assert doc.current_revision == 2
    assert current(doc)[7].text in {"Edit by the first delegate.", "Edit by the second."}


def test_two_concurrent_insertions_both_survive(world):
    doc = make_document(world)
    anchor = provision(doc, 7)

    def insert(text: str) -> Callable[[], Any]:
        return lambda: services.provision_insert(
            actor=world.secretariat,
            document=Document.objects.get(pk=doc.pk),
            after=anchor,
            kind="operative",
            text=text,
        )

    results = run_together(insert("Inserted by A."), insert("Inserted by B."))
    assert all(isinstance(r, Revision) for r in results), results
    doc.refresh_from_db()
    assert doc.current_revision == 3
    texts = [v.text for v in current(doc)]
    assert "Inserted by A." in texts
    assert "Inserted by B." in texts
    assert sorted(r.number for r in results) == [2, 3]


def test_two_delegations_take_positions_at_once(world):
    doc = make_document(world)
    results = run_together(
        lambda: services.position_record(
            actor=world.head_kz, document=doc, delegation=world.kz, stance="agree"
        ),
        lambda: services.position_record(
            actor=world.delegate_tm, document=doc, delegation=world.tm, stance="reserve"
        ),
    )
    assert not any(isinstance(r, Exception) for r in results), results
    assert doc.positions.count() == 2


def test_ten_documents_started_at_once_with_one_title_get_distinct_slugs(world):
    def start() -> Any:
        return services.document_create(
            actor=world.secretariat,
            fmt=world.fmt,
            kind="concept",
            title="Joint concept",
            text="1. One.",
        )

    results = run_together(*[start for _ in range(10)])
    created = [r for r in results if isinstance(r, Document)]
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    assert len(created) + len(conflicts) == 10, results
    assert len({d.slug for d in created}) == len(created)
    assert Document.objects.filter(title="Joint concept").count() == len(created)
    assert sorted(Document.objects.values_list("slug", flat=True))[0] == "joint-concept"
