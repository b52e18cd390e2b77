"""Proposals, stances, incorporation, rebasing.

Refusals name what is wrong and leave the database as it was (`unchanged`).
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.core.models import AuditEntry
from secretariat.negotiation import selectors, services
from secretariat.negotiation.models import (
    Document,
    Proposal,
    ProposalStance,
    ProposalStatus,
)
from secretariat.negotiation.tests.factories import current, make_document, provision
from secretariat.negotiation.tests.support import (
    CLEAN_TEXT,
    fresh,
    labels,
    texts,
    unchanged,
)

pytestmark = pytest.mark.django_db


# --- proposals ----------------------------------------------------------------------------
def test_proposal_flow_support_and_incorporate(world):
    doc = make_document(world)
    op2 = provision(doc, 4)
    proposal = services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="replace",
        provision=op2,
        old_text="vaccines and medicines",
        new_text="vaccines, medicines and diagnostics",
        rationale="Testing matters as much.",
    )
    services.proposal_stance_set(
        actor=world.delegate_tm, proposal=proposal, delegation=world.tm, stance="support"
    )
    services.proposal_stance_set(
        actor=world.chair, proposal=proposal, delegation=world.jp, stance="oppose"
    )
    rows = selectors.proposal_rows(doc, selectors.revision_rows(doc, 1))
    assert rows[0].supporters == ["TM"]
    assert rows[0].opponents == ["JP"]
    revision = services.proposal_incorporate(
        actor=world.secretariat, proposal=proposal, bracketed=True
    )
    assert texts(fresh(doc))[4] == (
        "They will cooperate on [vaccines and medicines / vaccines, medicines and diagnostics]{KZ}."
    )
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.BRACKETED
    assert proposal.decided_in_revision == revision.number


def test_insert_and_delete_proposals_incorporated_fully(world):
    doc = make_document(world)
    insert = services.proposal_create(
        actor=world.chair,
        document=doc,
        delegation=world.jp,
        kind="insert",
        provision=provision(doc, 7),
        new_kind="operative",
        new_text="Japan will fund a grant medical project.",
        rationale="Offer made at the ministerial.",
    )
    delete = services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="delete",
        provision=provision(doc, 6),
        rationale="Covered by (a).",
    )
    services.proposal_incorporate(actor=world.secretariat, proposal=insert)
    services.proposal_incorporate(actor=world.secretariat, proposal=delete)
    doc = fresh(doc)
    assert texts(doc)[-1] == "Japan will fund a grant medical project."
    assert labels(doc)[-1] == "OP4"
    assert "exchange of clinical experience." not in texts(doc)


def test_outdated_proposal_must_be_rebased(world):
    doc = make_document(world)
    proposal = services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="replace",
        provision=provision(doc, 7),
        old_text="every year",
        new_text="every two years",
        rationale="Less paperwork.",
    )
    services.provision_edit(
        actor=world.secretariat,
        document=doc,
        provision=provision(doc, 7),
        text="The secretariat will report each year.",
    )
    row = selectors.proposal_rows(doc, [])[0]
    assert row.outdated
    with pytest.raises(ConflictError, match=r"rebase it on Rev\.2"):
        services.proposal_incorporate(actor=world.secretariat, proposal=proposal)
    with pytest.raises(ValidationError, match="does not occur"):
        services.proposal_rebase(actor=world.head_kz, proposal=proposal)
    with pytest.raises(PermissionDenied):
        services.proposal_rebase(actor=world.delegate_tm, proposal=proposal, old_text="each year")
    services.proposal_rebase(actor=world.head_kz, proposal=proposal, old_text="each year")
    proposal.refresh_from_db()
    assert proposal.base_revision == 2
    services.proposal_incorporate(actor=world.secretariat, proposal=proposal)
    assert texts(fresh(doc))[7] == "The secretariat will report every two years."


def test_set_aside_needs_reason_and_closes(world):
    doc = make_document(world)
    proposal = services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="delete",
        provision=provision(doc, 1),
        rationale="Redundant.",
    )
    with pytest.raises(ValidationError):
        services.proposal_set_aside(actor=world.secretariat, proposal=proposal, reason=" ")
    with pytest.raises(PermissionDenied):
        services.proposal_set_aside(actor=world.head_kz, proposal=proposal, reason="no")
    services.proposal_set_aside(
        actor=world.secretariat, proposal=proposal, reason="Other delegations want it."
    )
    with pytest.raises(ConflictError, match="already set aside"):
        services.proposal_incorporate(actor=world.secretariat, proposal=proposal)


@pytest.mark.parametrize(
    ("who", "delegation"),
    [
        ("expert_kz", "kz"),
        ("observer_state_delegate", "us"),
        ("observer", "kz"),
        ("outsider", "kz"),
        ("delegate_tm", "kz"),
        ("secretariat", "kz"),
    ],
)
def test_only_speakers_of_member_delegations_propose(world, who, delegation):
    doc = make_document(world)
    with pytest.raises(PermissionDenied):
        services.proposal_create(
            actor=getattr(world, who),
            document=doc,
            delegation=getattr(world, delegation),
            kind="delete",
            provision=provision(doc, 1),
            rationale="x",
        )
    assert Proposal.objects.count() == 0


def test_proposal_input_errors(world):
    doc = make_document(world)
    kwargs = dict(actor=world.head_kz, document=doc, delegation=world.kz, rationale="r")
    with pytest.raises(ValidationError, match="does not occur"):
        services.proposal_create(
            **kwargs, kind="replace", provision=provision(doc, 1), old_text="zzz", new_text="y"
        )
    with pytest.raises(ValidationError, match="Malformed"):
        services.proposal_create(**kwargs, kind="insert", new_kind="operative", new_text="[x")
    with pytest.raises(ValidationError, match="rationale"):
        services.proposal_create(
            actor=world.head_kz,
            document=doc,
            delegation=world.kz,
            rationale="",
            kind="delete",
            provision=provision(doc, 1),
        )


def test_withdraw_own_proposal_only(world):
    doc = make_document(world)
    proposal = services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="delete",
        provision=provision(doc, 1),
        rationale="r",
    )
    with pytest.raises(PermissionDenied):
        services.proposal_withdraw(actor=world.chair, proposal=proposal)
    services.proposal_withdraw(actor=world.delegate_kz, proposal=proposal)
    assert Proposal.objects.get().status == ProposalStatus.WITHDRAWN


# --- proposals: refusals ------------------------------------------------------------------
def propose(world: Any, doc: Document, **kwargs: Any) -> Proposal:
    params = {
        "actor": world.head_kz,
        "document": doc,
        "delegation": world.kz,
        "rationale": "Because.",
    }
    return services.proposal_create(**{**params, **kwargs})


def test_proposal_to_insert_at_the_start_is_incorporated_first(world):
    doc = make_document(world)
    proposal = propose(
        world, doc, kind="insert", new_kind="preambular", new_text="Recalling the Tokyo meeting,"
    )
    revision = services.proposal_incorporate(actor=world.secretariat, proposal=proposal)
    assert current(fresh(doc))[0].text == "Recalling the Tokyo meeting,"
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.INCORPORATED
    assert proposal.decided_in_revision == revision.number == 2


def test_insert_after_a_provision_deleted_since_must_be_rebased(world):
    doc = make_document(world)
    op3 = provision(doc, 7)
    proposal = propose(
        world, doc, kind="insert", provision=op3, new_kind="operative", new_text="Review in 2030."
    )
    services.provision_delete(actor=world.secretariat, document=doc, provision=op3)
    with unchanged(doc), pytest.raises(ConflictError, match=r"changed since; rebase it on Rev\.2"):
        services.proposal_incorporate(actor=world.secretariat, proposal=proposal)


def proposal_errors(world, doc, other_doc, gone):
    op2 = provision(doc, 4)
    return [
        ({"kind": "amend", "provision": op2}, "Unknown kind of proposal: amend"),
        ({"kind": "delete", "provision": op2, "base_revision": 9}, "There is no revision 9"),
        (
            {"kind": "delete", "provision": provision(other_doc, 0)},
            "belongs to another document",
        ),
        ({"kind": "insert", "new_text": "New."}, "Say what kind of provision to insert"),
        ({"kind": "insert", "new_kind": "operative", "new_text": "  "}, "Give the text to insert"),
        ({"kind": "replace", "new_text": "Other."}, "Say which provision the proposal concerns"),
        ({"kind": "delete", "provision": gone}, "no longer in the current text"),
        ({"kind": "replace", "provision": op2, "new_text": " "}, "Give the replacement text"),
    ]


def test_proposal_input_errors_change_nothing(world):
    doc = make_document(world)
    other_doc = make_document(world, title="Roadmap", text=CLEAN_TEXT)
    gone = provision(doc, 7)
    services.provision_delete(actor=world.secretariat, document=doc, provision=gone)
    for kwargs, message in proposal_errors(world, doc, other_doc, gone):
        with unchanged(doc), pytest.raises(ValidationError, match=message):
            propose(world, doc, **kwargs)
    assert Proposal.objects.count() == 0


def test_deciding_on_a_proposal_someone_changed_meanwhile_is_a_conflict(world):
    doc = make_document(world)
    proposal = propose(world, doc, kind="delete", provision=provision(doc, 7))
    read_version = proposal.version
    services.proposal_stance_set(
        actor=world.chair, proposal=proposal, delegation=world.jp, stance="support"
    )
    with unchanged(doc), pytest.raises(ConflictError, match="changed by someone else"):
        services.proposal_set_aside(
            actor=world.secretariat,
            proposal=proposal,
            reason="Later.",
            expected_version=read_version,
        )
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.OPEN


def test_delegation_withdraws_its_stance(world):
    doc = make_document(world)
    proposal = propose(world, doc, kind="delete", provision=provision(doc, 7))
    services.proposal_stance_set(
        actor=world.delegate_tm, proposal=proposal, delegation=world.tm, stance="oppose"
    )
    assert (
        services.proposal_stance_set(
            actor=world.delegate_tm, proposal=proposal, delegation=world.tm, stance=None
        )
        is None
    )
    assert not ProposalStance.objects.exists()
    assert AuditEntry.objects.filter(action="proposal.stance_clear").count() == 1
    rows = selectors.proposal_rows(doc, selectors.revision_rows(doc, 1))
    assert rows[0].opponents == []


def test_stance_must_be_support_or_oppose_and_not_on_own_proposal(world):
    doc = make_document(world)
    proposal = propose(world, doc, kind="delete", provision=provision(doc, 7))
    with unchanged(doc), pytest.raises(ValidationError, match=r"“support” or “oppose”"):
        services.proposal_stance_set(
            actor=world.delegate_tm, proposal=proposal, delegation=world.tm, stance="abstain"
        )
    with unchanged(doc), pytest.raises(ValidationError, match="its own proposal"):
        services.proposal_stance_set(
            actor=world.head_kz, proposal=proposal, delegation=world.kz, stance="support"
        )


def test_rebase_of_a_proposal_whose_provision_was_deleted_is_refused(world):
    doc = make_document(world)
    op3 = provision(doc, 7)
    proposal = propose(world, doc, kind="replace", provision=op3, new_text="Report twice a year.")
    services.provision_delete(actor=world.secretariat, document=doc, provision=op3)
    with unchanged(doc), pytest.raises(ConflictError, match="was deleted; withdraw the proposal"):
        services.proposal_rebase(actor=world.head_kz, proposal=proposal, new_text="Other.")
    with unchanged(doc), pytest.raises(ConflictError, match=r"rebase it on Rev\.2"):
        services.proposal_incorporate(actor=world.secretariat, proposal=proposal)
