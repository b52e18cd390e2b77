"""Refusals and edge branches of the negotiation services.

Every refusal must name what is wrong in plain words AND leave the database exactly as it
was: `unchanged(doc)` snapshots the document row and everything hanging off it (provision
versions, revisions, proposals and stances, positions, silence procedures, translations,
audit trail) and compares after the refused call.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.core.models import AuditEntry
from secretariat.negotiation import selectors, services
from secretariat.negotiation.models import (
    Document,
    DocumentState,
    FinalMode,
    Position,
    Proposal,
    ProposalStance,
    ProposalStatus,
    Provision,
    ProvisionTranslation,
    ProvisionVersion,
    Revision,
    SilenceProcedure,
)
from secretariat.negotiation.tests.factories import agree_all, current, make_document, provision

pytestmark = pytest.mark.django_db

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


# --- creating documents ---------------------------------------------------------------------


def test_slug_of_a_repeated_title_gets_a_number(world):
    first = make_document(world, state="draft")
    second = make_document(world, state="draft")
    third = make_document(world, state="draft")
    assert first.slug == "programme-of-joint-efforts"
    assert second.slug == "programme-of-joint-efforts-2"
    assert third.slug == "programme-of-joint-efforts-3"


def test_drafting_language_is_always_an_authentic_language_and_comes_first(world):
    doc = create(world, language="en", authentic_languages=["ru"])
    assert fresh(doc).authentic_languages == ["en", "ru"]


def test_authentic_language_listed_twice_is_refused(world):
    with nothing_created(), pytest.raises(ValidationError, match="may be listed only once"):
        create(world, authentic_languages=["en", "ru", "ru"])


def test_unknown_kind_of_document_is_refused(world):
    with (
        nothing_created(),
        pytest.raises(ValidationError, match="Unknown kind of document: treaty"),
    ):
        create(world, kind="treaty", text="1. Text.")


# --- metadata -------------------------------------------------------------------------------


def test_pen_holder_changes_title_stripped(world):
    doc = make_document(world)
    version = fresh(doc).version
    services.document_update(
        actor=world.secretariat, document=doc, title="  Joint programme  ", expected_version=version
    )
    doc = fresh(doc)
    assert doc.title == "Joint programme"
    assert doc.version == version + 1
    assert AuditEntry.objects.filter(action="document.update", summary="title").exists()


def test_title_change_refused_to_a_delegation_that_does_not_hold_the_pen(world):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(PermissionDenied, match="Only the pen-holder"):
        services.document_update(actor=world.head_kz, document=doc, title="Ours")


def test_title_in_a_language_that_is_not_authentic_is_refused(world):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(ValidationError, match=r"authentic language.*: ja"):
        services.document_update(
            actor=world.secretariat, document=doc, titles={"ja": "共同努力プログラム"}
        )


def test_secretariat_appoints_and_dismisses_the_pen_holder(world):
    doc = make_document(world)
    services.document_update(actor=world.secretariat, document=doc, pen_holder=world.kz)
    doc = fresh(doc)
    assert doc.pen_holder == world.kz
    # the new pen-holder now edits the text
    services.provision_insert(actor=world.head_kz, document=doc, kind="operative", text="New.")
    services.document_update(actor=world.secretariat, document=doc, pen_holder=None)
    doc = fresh(doc)
    assert doc.pen_holder is None
    with pytest.raises(PermissionDenied):
        services.provision_insert(actor=world.head_kz, document=doc, kind="operative", text="X.")


def test_pen_holder_must_be_a_member_delegation_on_update(world):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(ValidationError, match="secretariat or a member delegation"):
        services.document_update(actor=world.secretariat, document=doc, pen_holder=world.us)


def test_only_the_secretariat_appoints_the_pen_holder(world):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(PermissionDenied, match="Only the secretariat shares"):
        services.document_update(actor=world.chair, document=doc, pen_holder=world.jp)


def test_update_without_any_change_is_refused(world):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(ValidationError, match="Nothing to change"):
        services.document_update(actor=world.secretariat, document=doc)


# --- state transitions ----------------------------------------------------------------------


def test_negotiation_cannot_be_opened_twice(world):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(ConflictError, match="cannot be opened for negotiation"):
        services.document_open_negotiation(actor=world.secretariat, document=doc)


def test_draft_cannot_become_final_text(world):
    doc = make_document(world, text=CLEAN_TEXT, state="draft")
    with unchanged(doc), pytest.raises(ConflictError, match="cannot become final text"):
        services.document_finalise(actor=world.chair, document=doc)


def test_document_without_provisions_cannot_become_final(world):
    doc = make_document(world, text="")
    assert current(doc) == []
    with unchanged(doc), pytest.raises(ConflictError, match="no provisions yet"):
        services.document_finalise(actor=world.chair, document=doc)


def test_reopen_only_a_final_text_and_only_with_a_reason(world):
    doc = clean_document(world)
    with unchanged(doc), pytest.raises(ConflictError, match="cannot be reopened"):
        services.document_reopen(actor=world.chair, document=doc, reason="Why not")
    services.document_finalise(actor=world.chair, document=doc)
    with unchanged(doc), pytest.raises(ValidationError, match="Say why the text is reopened"):
        services.document_reopen(actor=world.chair, document=doc, reason="   ")
    assert fresh(doc).state == DocumentState.FINAL


def test_withdrawal_needs_a_reason(world):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(ValidationError, match="Say why the document is withdrawn"):
        services.document_withdraw(actor=world.secretariat, document=doc, reason=" ")


def test_adoption_refused_while_the_title_is_not_translated(world):
    doc = clean_document(world, languages=["en", "ru"])
    for row, text in zip(current(doc), ["Отмечая,", "Текст.", "Ещё текст."], strict=True):
        services.translation_set(
            actor=world.secretariat, document=doc, provision=row.provision, language="ru",
            text=text,
        )  # fmt: skip
    services.document_finalise(actor=world.chair, document=doc)
    agree_all(world, doc)
    assert selectors.language_gaps(fresh(doc)) == ["ru: the title is not translated"]
    with unchanged(doc), pytest.raises(ConflictError, match="ru: the title is not translated"):
        services.document_adopt_by_consensus(actor=world.chair, document=doc)


# --- editing the text -----------------------------------------------------------------------


def test_provision_of_unknown_kind_is_refused(world):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(ValidationError, match="Unknown kind of provision: annex"):
        services.provision_insert(
            actor=world.secretariat, document=doc, kind="annex", text="Annex text."
        )


def test_provision_without_text_is_refused(world):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(ValidationError, match="Provision 1 has no text"):
        services.provision_insert(actor=world.secretariat, document=doc, kind="operative", text=" ")


EDITS_OF_A_GONE_PROVISION = {
    "edit": lambda w, d, gone, other: services.provision_edit(
        actor=w.secretariat, document=d, provision=gone, text="Back again."
    ),
    "move": lambda w, d, gone, other: services.provision_move(
        actor=w.secretariat, document=d, provision=gone, after=None
    ),
    "move after it": lambda w, d, gone, other: services.provision_move(
        actor=w.secretariat, document=d, provision=other, after=gone
    ),
    "delete": lambda w, d, gone, other: services.provision_delete(
        actor=w.secretariat, document=d, provision=gone
    ),
    "insert after it": lambda w, d, gone, other: services.provision_insert(
        actor=w.secretariat, document=d, after=gone, kind="operative", text="New."
    ),
    "resolve a bracket": lambda w, d, gone, other: services.bracket_resolve(
        actor=w.secretariat, document=d, provision=gone, index=0, choice=0
    ),
}


@pytest.mark.parametrize("edit", EDITS_OF_A_GONE_PROVISION)
def test_editing_a_provision_deleted_in_a_later_revision_is_a_conflict(world, edit):
    doc = make_document(world)
    gone, other = provision(doc, 3), provision(doc, 4)
    services.provision_delete(actor=world.secretariat, document=doc, provision=gone)
    with unchanged(doc), pytest.raises(ConflictError, match="no longer in the current text"):
        EDITS_OF_A_GONE_PROVISION[edit](world, fresh(doc), gone, other)


def test_provision_cannot_move_after_itself(world):
    doc = make_document(world)
    op1 = provision(doc, 3)
    with unchanged(doc), pytest.raises(ValidationError, match="cannot be moved after itself"):
        services.provision_move(actor=world.secretariat, document=doc, provision=op1, after=op1)


def test_pasting_an_empty_text_is_refused(world):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(ValidationError, match="The pasted text is empty"):
        services.document_replace_text(actor=world.secretariat, document=doc, pasted="\n  \n")


# --- brackets -------------------------------------------------------------------------------


@pytest.mark.parametrize("code", ["XX", "US"])
def test_bracket_holders_must_be_member_delegations(world, code):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(ValidationError, match=f"Not a member delegation: {code}"):
        services.bracket_add(
            actor=world.secretariat,
            document=doc,
            provision=provision(doc, 4),
            span="vaccines",
            holders=[code],
        )


def test_malformed_alternative_is_refused_with_its_position(world):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(ValidationError, match="Malformed brackets at character 1"):
        services.bracket_add(
            actor=world.secretariat,
            document=doc,
            provision=provision(doc, 4),
            span="vaccines",
            alternatives=["[diagnostics"],
        )


def test_selection_outside_the_text_is_refused(world):
    doc = make_document(world)
    with unchanged(doc), pytest.raises(ValidationError, match="outside the text"):
        services.bracket_add(
            actor=world.secretariat, document=doc, provision=provision(doc, 4), start=0, end=999
        )


def test_holders_of_a_bracket_that_does_not_exist(world):
    doc = make_document(world)
    op1 = provision(doc, 3)  # has exactly one bracket
    with unchanged(doc), pytest.raises(ValidationError, match="There is no bracket 2 here"):
        services.bracket_holder_set_own(
            actor=world.head_kz, document=doc, provision=op1, index=1, delegation=world.kz,
            holds=False,
        )  # fmt: skip
    with unchanged(doc), pytest.raises(ValidationError, match="There is no bracket 6 here"):
        services.bracket_set_holders(
            actor=world.secretariat, document=doc, provision=op1, index=5, holders=["JP"]
        )


# --- proposals ------------------------------------------------------------------------------


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
            actor=world.secretariat, proposal=proposal, reason="Later.",
            expected_version=read_version,
        )  # fmt: skip
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.OPEN


def test_delegation_withdraws_its_stance(world):
    doc = make_document(world)
    proposal = propose(world, doc, kind="delete", provision=provision(doc, 7))
    services.proposal_stance_set(
        actor=world.delegate_tm, proposal=proposal, delegation=world.tm, stance="oppose"
    )
    assert services.proposal_stance_set(
        actor=world.delegate_tm, proposal=proposal, delegation=world.tm, stance=None
    ) is None  # fmt: skip
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


# --- positions ------------------------------------------------------------------------------


def test_unknown_position_is_refused(world):
    doc = clean_document(world)
    with unchanged(doc), pytest.raises(ValidationError, match="Unknown position: maybe"):
        services.position_record(
            actor=world.head_kz, document=doc, delegation=world.kz, stance="maybe"
        )


def test_position_changed_meanwhile_is_a_conflict(world):
    doc = clean_document(world)
    kwargs = {"actor": world.head_kz, "document": doc, "delegation": world.kz}
    first = services.position_record(**kwargs, stance="reserve", reason="Capital to confirm.")
    second = services.position_record(**kwargs, stance="agree", expected_version=first.version)
    assert second.version == first.version + 1
    with unchanged(doc), pytest.raises(ConflictError, match=r"position of Kazakhstan was changed"):
        services.position_record(
            **kwargs, stance="object", reason="No.", expected_version=first.version
        )
    assert Position.objects.get(document=doc, delegation=world.kz).stance == "agree"


def test_confirmation_needs_a_current_unconfirmed_ad_referendum_agreement(world):
    doc = clean_document(world)
    kwargs = {"actor": world.head_kz, "document": doc, "delegation": world.kz}
    with unchanged(doc), pytest.raises(ConflictError, match="no ad referendum agreement"):
        services.position_confirm(**kwargs)
    services.position_record(**kwargs, stance="agree")
    with unchanged(doc), pytest.raises(ConflictError, match="no ad referendum agreement"):
        services.position_confirm(**kwargs)
    services.position_record(**kwargs, stance="ad_referendum")
    services.position_confirm(**kwargs)
    with unchanged(doc), pytest.raises(ConflictError, match="already confirmed"):
        services.position_confirm(**kwargs)
    services.position_record(**kwargs, stance="ad_referendum")
    services.provision_edit(
        actor=world.secretariat, document=doc, provision=provision(doc, 1), text="Changed text."
    )
    with (
        unchanged(doc),
        pytest.raises(ConflictError, match=r"concerned Rev\.1; the text has changed"),
    ):
        services.position_confirm(**kwargs)


# --- silence procedure ----------------------------------------------------------------------


def test_positions_and_adoption_refused_under_silence(world):
    doc = clean_document(world)
    agree_all(world, doc)
    services.silence_procedure_start(actor=world.chair, document=doc, deadline=in_hours(24))
    with unchanged(doc), pytest.raises(ConflictError, match="object by breaking the silence"):
        services.position_record(
            actor=world.head_kz, document=doc, delegation=world.kz, stance="object", reason="No."
        )
    with unchanged(doc), pytest.raises(ConflictError, match="under silence procedure until"):
        services.document_adopt_by_consensus(actor=world.chair, document=doc)


def test_draft_cannot_go_under_silence(world):
    doc = make_document(world, text=CLEAN_TEXT, state="draft")
    with unchanged(doc), pytest.raises(ConflictError, match="be put under silence procedure"):
        services.silence_procedure_start(actor=world.chair, document=doc, deadline=in_hours(24))


def test_final_text_awaiting_a_meeting_may_go_under_silence(world):
    doc = clean_document(world)
    services.document_finalise(actor=world.chair, document=doc)
    procedure = services.silence_procedure_start(
        actor=world.chair, document=doc, deadline=in_hours(24)
    )
    doc = fresh(doc)
    assert doc.state == DocumentState.FINAL
    assert doc.final_mode == FinalMode.SILENCE
    assert doc.silence_deadline == procedure.deadline
    assert procedure.revision_number == doc.current_revision


def test_breaking_a_silence_that_is_not_running(world):
    doc = clean_document(world)
    kwargs = {"actor": world.head_kz, "document": doc, "delegation": world.kz}
    with unchanged(doc), pytest.raises(ConflictError, match="No silence procedure is running"):
        services.silence_break(**kwargs, kind="objection", reason="No.")


def test_breaking_the_silence_needs_a_kind_and_a_reason(world):
    doc = clean_document(world)
    services.silence_procedure_start(actor=world.chair, document=doc, deadline=in_hours(24))
    kwargs = {"actor": world.head_kz, "document": doc, "delegation": world.kz}
    with unchanged(doc), pytest.raises(ValidationError, match="objection or an amendment"):
        services.silence_break(**kwargs, kind="complaint", reason="No.")
    with unchanged(doc), pytest.raises(ValidationError, match="Say why the silence is broken"):
        services.silence_break(**kwargs, kind="objection", reason="  ")
    assert fresh(doc).final_mode == FinalMode.SILENCE


def test_settling_before_the_deadline_records_nothing(world):
    doc = clean_document(world)
    with unchanged(doc):
        assert services.silence_settle(document=doc) is False
    procedure = services.silence_procedure_start(
        actor=world.chair, document=doc, deadline=in_hours(24)
    )
    with unchanged(doc):
        just_before = procedure.deadline - timedelta(seconds=1)
        assert services.silence_settle(document=doc, now=just_before) is False
    assert fresh(doc).state == DocumentState.FINAL


# --- language versions ----------------------------------------------------------------------


def test_empty_translation_is_refused(world):
    doc = clean_document(world, languages=["en", "ru"])
    with unchanged(doc), pytest.raises(ValidationError, match="The translation is empty"):
        services.translation_set(
            actor=world.secretariat, document=doc, provision=provision(doc, 1), language="ru",
            text="  ",
        )  # fmt: skip


def test_translation_of_a_deleted_provision_is_a_conflict(world):
    doc = clean_document(world, languages=["en", "ru"])
    gone = provision(doc, 2)
    services.provision_delete(actor=world.secretariat, document=doc, provision=gone)
    with unchanged(doc), pytest.raises(ConflictError, match="no longer in the current text"):
        services.translation_set(
            actor=world.secretariat, document=doc, provision=gone, language="ru",
            text="Ещё согласованный текст.",
        )  # fmt: skip
