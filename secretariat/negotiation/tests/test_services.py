from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.core.models import AuditEntry
from secretariat.negotiation import selectors, services
from secretariat.negotiation.models import (
    Document,
    DocumentState,
    FrozenText,
    Position,
    Proposal,
    ProposalStatus,
    ProvisionVersion,
    Revision,
)
from secretariat.negotiation.tests.factories import agree_all, current, make_document, provision

pytestmark = pytest.mark.django_db


def labels(document, revision=None):
    rows = selectors.revision_rows(document, revision or document.current_revision)
    return [r.label for r in rows]


def texts(document, revision=None):
    rows = selectors.revision_rows(document, revision or document.current_revision)
    return [r.markup for r in rows]


def fresh(document):
    return Document.objects.get(pk=document.pk)


# --- creation and the pasted text ---------------------------------------------------------


def test_create_parses_pasted_text_into_numbered_provisions(world):
    doc = make_document(world, state="draft")
    assert doc.current_revision == 1
    assert labels(doc) == ["§I", "PP1", "PP2", "OP1", "OP2", "OP2(a)", "OP2(b)", "OP3"]
    rows = selectors.revision_rows(doc, 1)
    assert rows[3].open_brackets == 1
    assert rows[3].markup.endswith("[without delay / within 24 hours]{JP,KZ}.")
    assert Revision.objects.get(document=doc, number=1).created_by == world.secretariat
    assert AuditEntry.objects.filter(action="document.create").count() == 1


def test_malformed_paste_names_line_and_character_and_saves_nothing(world):
    with pytest.raises(ValidationError) as error:
        make_document(world, text="Recognising,\n1. Share [data / samples without delay.\n")
    message = " ".join(error.value.messages)
    assert "Line 2, character 10" in message
    assert Document.objects.count() == 0
    assert ProvisionVersion.objects.count() == 0


@pytest.mark.parametrize("who", ["head_kz", "delegate_tm", "observer", "outsider", "expert_kz"])
def test_only_secretariat_or_chair_start_documents(world, who):
    with pytest.raises(PermissionDenied):
        services.document_create(
            actor=getattr(world, who), fmt=world.fmt, kind="programme", title="X"
        )


def test_chair_may_start_a_document(world):
    doc = services.document_create(actor=world.chair, fmt=world.fmt, kind="concept", title="C")
    assert doc.state == DocumentState.DRAFT
    assert doc.slug == "c"


def test_authentic_languages_must_be_working_languages(world):
    with pytest.raises(ValidationError, match="Not a working language"):
        services.document_create(
            actor=world.secretariat,
            fmt=world.fmt,
            kind="programme",
            title="X",
            authentic_languages=["en", "ja"],
        )


def test_pen_holder_must_be_member_delegation(world):
    with pytest.raises(ValidationError, match="pen-holder"):
        make_document(world, pen_holder=world.us)


# --- editing and revisions ------------------------------------------------------------------


def test_insert_renumbers_and_keeps_old_revision(world):
    doc = make_document(world)
    anchor = provision(doc, 3)  # OP1
    services.provision_insert(
        actor=world.secretariat,
        document=doc,
        after=anchor,
        kind="operative",
        text="They will keep borders open to medical supplies.",
        expected_version=fresh(doc).version,
        reason="KZ request at the second round",
    )
    doc = fresh(doc)
    assert doc.current_revision == 2
    assert labels(doc)[3:6] == ["OP1", "OP2", "OP3"]
    assert texts(doc)[4] == "They will keep borders open to medical supplies."
    assert texts(doc, 1)[4] == "They will cooperate on vaccines and medicines."
    # only the inserted provision got a new version
    assert ProvisionVersion.objects.filter(document=doc, valid_from=2).count() == 1
    revision = Revision.objects.get(document=doc, number=2)
    assert revision.reason == "KZ request at the second round"


def test_edit_move_delete_each_leave_a_revision(world):
    doc = make_document(world)
    op3 = provision(doc, 7)
    services.provision_edit(
        actor=world.secretariat, document=doc, provision=op3, text="The secretariat reports."
    )
    services.provision_move(
        actor=world.secretariat, document=doc, provision=op3, after=provision(doc, 2)
    )
    doc = fresh(doc)
    assert texts(doc)[3] == "The secretariat reports."
    assert labels(doc)[3] == "OP1"
    services.provision_delete(actor=world.secretariat, document=doc, provision=op3)
    doc = fresh(doc)
    assert doc.current_revision == 4
    assert "The secretariat reports." not in texts(doc)
    assert "The secretariat reports." in texts(doc, 3)
    summaries = list(Revision.objects.filter(document=doc).values_list("summary", flat=True))
    assert summaries[1:] == ["OP3 edited", "OP3 moved", "OP1 deleted"]


def test_many_insertions_in_one_gap_rebalance_without_losing_order(world):
    doc = make_document(world, text="1. first\n2. last\n")
    first = provision(doc, 0)
    for n in range(25):  # more halvings than the gap allows
        services.provision_insert(
            actor=world.secretariat, document=doc, after=first, kind="operative", text=f"n{n}"
        )
    doc = fresh(doc)
    body = texts(doc)
    assert body[0] == "first"
    assert body[-1] == "last"
    assert body[1:-1] == [f"n{n}" for n in reversed(range(25))]


def test_stale_version_is_a_conflict_and_changes_nothing(world):
    doc = make_document(world)
    version = fresh(doc).version
    services.provision_edit(
        actor=world.secretariat,
        document=doc,
        provision=provision(doc, 7),
        text="First edit.",
        expected_version=version,
    )
    with pytest.raises(ConflictError, match="changed by someone else"):
        services.provision_edit(
            actor=world.secretariat,
            document=doc,
            provision=provision(doc, 7),
            text="Second edit on the old version.",
            expected_version=version,
        )
    assert texts(fresh(doc))[7] == "First edit."
    assert fresh(doc).current_revision == 2


@pytest.mark.parametrize("who", ["head_kz", "chair", "expert_kz", "observer", "outsider"])
def test_only_the_pen_holder_edits(world, who):
    doc = make_document(world)
    with pytest.raises(PermissionDenied):
        services.provision_edit(
            actor=getattr(world, who), document=doc, provision=provision(doc, 1), text="x"
        )


def test_member_pen_holder_edits_but_its_expert_does_not(world):
    doc = make_document(world, pen_holder=world.tm)
    services.provision_edit(
        actor=world.delegate_tm, document=doc, provision=provision(doc, 1), text="Edited by TM,"
    )
    assert texts(fresh(doc))[1] == "Edited by TM,"


def test_malformed_markup_in_edit_is_rejected(world):
    doc = make_document(world)
    with pytest.raises(ValidationError, match="Malformed brackets at character 5"):
        services.provision_edit(
            actor=world.secretariat, document=doc, provision=provision(doc, 1), text="abc ]"
        )
    assert fresh(doc).current_revision == 1


def test_unchanged_edit_is_refused(world):
    doc = make_document(world)
    with pytest.raises(ValidationError, match="Nothing changed"):
        services.provision_edit(
            actor=world.secretariat,
            document=doc,
            provision=provision(doc, 1),
            text=texts(doc)[1],
        )


def test_replace_text_keeps_identity_of_unchanged_provisions(world):
    doc = make_document(world)
    before = {v.text: v.provision_id for v in current(doc)}
    services.document_replace_text(
        actor=world.secretariat,
        document=doc,
        pasted="Recognising that the pandemic knows no borders,\n1. A new paragraph.\n",
    )
    after = current(fresh(doc))
    assert after[0].provision_id == before["Recognising that the pandemic knows no borders,"]
    assert after[1].provision_id not in before.values()
    assert len(after) == 2


# --- brackets -------------------------------------------------------------------------------


def test_resolve_bracket_is_a_recorded_change(world):
    doc = make_document(world)
    services.bracket_resolve(
        actor=world.secretariat,
        document=doc,
        provision=provision(doc, 3),
        index=0,
        choice=1,
        reason="Agreed at expert level",
    )
    doc = fresh(doc)
    assert texts(doc)[3].endswith("within 24 hours.")
    assert selectors.revision_rows(doc, 2)[3].open_brackets == 0
    assert Revision.objects.get(document=doc, number=2).summary.startswith(
        "Bracket 1 in OP1 removed"
    )


def test_resolve_unknown_bracket_is_clear_error(world):
    doc = make_document(world)
    with pytest.raises(ValidationError, match="OP1"):
        services.bracket_resolve(
            actor=world.secretariat, document=doc, provision=provision(doc, 3), index=4, choice=0
        )


def test_add_bracket_and_holders(world):
    doc = make_document(world)
    services.bracket_add(
        actor=world.secretariat,
        document=doc,
        provision=provision(doc, 4),
        start=5,
        end=19,
        alternatives=["work together"],
        holders=["TM"],
    )
    assert (
        texts(fresh(doc))[4]
        == "They [will cooperate / work together]{TM} on vaccines and medicines."
    )
    # a delegation adds itself as a holder, but cannot remove others
    services.bracket_set_holders(
        actor=world.head_kz,
        document=doc,
        provision=provision(doc, 4),
        index=0,
        holders=["TM", "KZ"],
    )
    assert "{KZ,TM}" in texts(fresh(doc))[4]
    with pytest.raises(PermissionDenied):
        services.bracket_set_holders(
            actor=world.head_kz, document=doc, provision=provision(doc, 4), index=0, holders=[]
        )
    with pytest.raises(ValidationError, match="Not a member delegation"):
        services.bracket_set_holders(
            actor=world.secretariat,
            document=doc,
            provision=provision(doc, 4),
            index=0,
            holders=["US"],
        )


def test_open_bracket_blocks_final_text(world):
    doc = make_document(world)
    with pytest.raises(ConflictError, match=r"still open \(in OP1"):
        services.document_finalise(actor=world.chair, document=doc)
    assert fresh(doc).state == DocumentState.NEGOTIATION


# --- proposals ------------------------------------------------------------------------------


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


# --- positions and adoption -----------------------------------------------------------------


def clean_document(world, **kwargs):
    return make_document(world, text="Noting,\n1. Agreed text.\n2. More agreed text.\n", **kwargs)


def test_consensus_needs_every_member_and_confirmed_ad_referendum(world):
    doc = clean_document(world)
    services.document_finalise(actor=world.chair, document=doc)
    services.position_record(actor=world.chair, document=doc, delegation=world.jp, stance="agree")
    services.position_record(
        actor=world.head_kz, document=doc, delegation=world.kz, stance="ad_referendum"
    )
    services.position_record(
        actor=world.delegate_tm, document=doc, delegation=world.tm, stance="agree"
    )
    table = selectors.positions_table(doc)
    assert not table.consensus.holds
    assert [r.needs_confirmation for r in table.rows] == [False, True, False]
    with pytest.raises(
        ConflictError, match=r"no \(confirmed\) agreement on the current revision from: KZ"
    ):
        services.document_adopt_by_consensus(actor=world.chair, document=doc)
    services.position_confirm(actor=world.delegate_kz, document=doc, delegation=world.kz)
    assert selectors.positions_table(doc).consensus.holds


def test_objection_needs_reason_and_blocks(world):
    doc = clean_document(world)
    with pytest.raises(ValidationError, match="reason"):
        services.position_record(
            actor=world.head_kz, document=doc, delegation=world.kz, stance="object"
        )
    agree_all(world, doc)
    services.position_record(
        actor=world.head_kz, document=doc, delegation=world.kz, stance="object", reason="Too vague."
    )
    services.document_finalise(actor=world.chair, document=doc)
    with pytest.raises(ConflictError, match="objecting: KZ"):
        services.document_adopt_by_consensus(actor=world.chair, document=doc)


@pytest.mark.parametrize(
    ("who", "delegation"),
    [("observer_state_delegate", "us"), ("expert_kz", "kz"), ("outsider", "kz")],
)
def test_positions_from_non_members_refused(world, who, delegation):
    doc = clean_document(world)
    with pytest.raises(PermissionDenied):
        services.position_record(
            actor=getattr(world, who),
            document=doc,
            delegation=getattr(world, delegation),
            stance="agree",
        )
    assert Position.objects.count() == 0


def test_positions_go_stale_when_the_text_changes(world):
    doc = clean_document(world)
    agree_all(world, doc)
    assert selectors.positions_table(doc).consensus.holds
    services.provision_edit(
        actor=world.secretariat, document=doc, provision=provision(doc, 1), text="Changed."
    )
    table = selectors.positions_table(fresh(doc))
    assert not table.consensus.holds
    assert all(r.stale for r in table.rows)


def test_adoption_at_meeting_freezes_text_with_hash(world):
    doc = clean_document(world)
    services.document_finalise(actor=world.chair, document=doc)
    agree_all(world, doc)
    with pytest.raises(PermissionDenied):
        services.document_adopt_by_consensus(actor=world.head_kz, document=doc)
    adopted = services.document_adopt_by_consensus(
        actor=world.chair,
        document=doc,
        reference="8th meeting of foreign ministers",
        expected_version=fresh(doc).version,
    )
    assert adopted.state == DocumentState.ADOPTED
    frozen = FrozenText.objects.get(document=doc)
    assert len(frozen.sha256) == 64
    from secretariat.negotiation.text.canonical import text_hash

    assert frozen.sha256 == text_hash(
        title=doc.title,
        language="en",
        provisions=[("", "preambular", "Noting,"), ("1.", "operative", "Agreed text."),
                    ("2.", "operative", "More agreed text.")],
    )  # fmt: skip
    # nothing changes an adopted text afterwards
    with pytest.raises(ConflictError):
        services.provision_edit(
            actor=world.secretariat, document=doc, provision=provision(doc, 1), text="x"
        )
    with pytest.raises(ConflictError):
        services.position_record(
            actor=world.head_kz, document=doc, delegation=world.kz, stance="object", reason="r"
        )
    with pytest.raises(ConflictError):
        services.document_withdraw(actor=world.secretariat, document=doc, reason="r")
    with pytest.raises(ConflictError):
        services.document_update(actor=world.secretariat, document=doc, title="New")


def test_adoption_refused_unless_final(world):
    doc = clean_document(world)
    agree_all(world, doc)
    with pytest.raises(ConflictError, match="Only a final text"):
        services.document_adopt_by_consensus(actor=world.chair, document=doc)


def test_adoption_refused_while_language_version_incomplete_or_stale(world):
    doc = clean_document(world, languages=["en", "ru"])
    services.document_update(
        actor=world.secretariat, document=doc, titles={"ru": "Программа совместных усилий"}
    )
    rows = current(doc)
    services.translation_set(
        actor=world.secretariat, document=doc, provision=rows[0].provision, language="ru",
        text="Отмечая,",
    )  # fmt: skip
    services.translation_set(
        actor=world.secretariat, document=doc, provision=rows[1].provision, language="ru",
        text="Согласованный текст.",
    )  # fmt: skip
    services.document_finalise(actor=world.chair, document=doc)
    agree_all(world, doc)
    with pytest.raises(ConflictError, match="ru: not translated: OP2"):
        services.document_adopt_by_consensus(actor=world.chair, document=doc)
    services.document_reopen(actor=world.chair, document=doc, reason="Translation check")
    services.translation_set(
        actor=world.secretariat, document=doc, provision=rows[2].provision, language="ru",
        text="Ещё согласованный текст.",
    )  # fmt: skip
    services.provision_edit(
        actor=world.secretariat, document=doc, provision=rows[1].provision, text="Agreed text!"
    )
    assert "ru: aligned to an older revision: OP1" in selectors.language_gaps(fresh(doc))
    services.translation_set(
        actor=world.secretariat, document=doc, provision=rows[1].provision, language="ru",
        text="Согласованный текст!",
    )  # fmt: skip
    services.document_finalise(actor=world.chair, document=doc)
    agree_all(world, doc)
    services.document_adopt_by_consensus(actor=world.chair, document=doc)
    assert set(FrozenText.objects.values_list("language", flat=True)) == {"en", "ru"}
    with pytest.raises(ConflictError, match="frozen"):
        services.translation_set(
            actor=world.secretariat, document=doc, provision=rows[1].provision, language="ru",
            text="Иначе.",
        )  # fmt: skip


def test_translation_must_keep_the_brackets(world):
    doc = make_document(world, languages=["en", "ru"])
    with pytest.raises(ValidationError, match="0 open bracket"):
        services.translation_set(
            actor=world.secretariat,
            document=doc,
            provision=provision(doc, 3),
            language="ru",
            text="Государства будут делиться информацией.",
        )


# --- silence procedure ----------------------------------------------------------------------


def in_hours(hours):
    return timezone.now() + timedelta(hours=hours)


def test_silence_adopts_at_deadline_without_any_job(world):
    doc = clean_document(world)
    procedure = services.silence_procedure_start(
        actor=world.chair, document=doc, deadline=in_hours(48)
    )
    doc = fresh(doc)
    assert doc.effective_state() == DocumentState.FINAL
    later = procedure.deadline + timedelta(seconds=1)
    assert doc.effective_state(later) == DocumentState.ADOPTED
    assert doc.adopted_on(later) == procedure.deadline
    # a late objection is refused and records nothing
    with pytest.raises(ConflictError, match="Too late"):
        services.silence_break(
            actor=world.head_kz,
            document=doc,
            delegation=world.kz,
            kind="objection",
            reason="r",
            now=later,
        )
    assert services.silence_settle(document=doc, now=later)
    doc = fresh(doc)
    assert doc.state == DocumentState.ADOPTED
    assert doc.adopted_at == procedure.deadline


def test_silence_broken_before_deadline_returns_to_negotiation(world):
    doc = clean_document(world)
    services.silence_procedure_start(actor=world.chair, document=doc, deadline=in_hours(24))
    with pytest.raises(PermissionDenied):
        services.silence_break(
            actor=world.observer_state_delegate,
            document=doc,
            delegation=world.us,
            kind="objection",
            reason="r",
        )
    services.silence_break(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="amendment",
        reason="OP2 should mention diagnostics.",
    )
    doc = fresh(doc)
    assert doc.state == DocumentState.NEGOTIATION
    assert doc.effective_state(in_hours(100)) == DocumentState.NEGOTIATION


def test_silence_start_rules(world):
    doc = make_document(world)  # has an open bracket
    with pytest.raises(PermissionDenied):
        services.silence_procedure_start(actor=world.head_kz, document=doc, deadline=in_hours(24))
    with pytest.raises(ValidationError, match="one hour"):
        services.silence_procedure_start(
            actor=world.chair, document=doc, deadline=timezone.now() + timedelta(minutes=5)
        )
    with pytest.raises(ValidationError, match="time zone"):
        services.silence_procedure_start(
            actor=world.chair,
            document=doc,
            deadline=datetime(2030, 1, 1, 12),  # noqa: DTZ001
        )
    with pytest.raises(ConflictError, match="bracket"):
        services.silence_procedure_start(actor=world.chair, document=doc, deadline=in_hours(24))


def test_silence_deadline_is_stored_in_utc(world):
    import zoneinfo

    doc = clean_document(world)
    tokyo = (timezone.now() + timedelta(days=3)).astimezone(zoneinfo.ZoneInfo("Asia/Tokyo"))
    procedure = services.silence_procedure_start(actor=world.chair, document=doc, deadline=tokyo)
    procedure.refresh_from_db()
    assert procedure.deadline == tokyo
    assert procedure.deadline.astimezone(UTC).utcoffset() == timedelta(0)
    view = selectors.silence_view(fresh(doc))
    assert view is not None
    assert {c.iso2 for c in view.capitals} == {"JP", "KZ", "TM"}
    assert next(c for c in view.capitals if c.iso2 == "JP").offset == "UTC+9"


def test_withdraw(world):
    doc = make_document(world)
    with pytest.raises(PermissionDenied):
        services.document_withdraw(actor=world.chair, document=doc, reason="r")
    services.document_withdraw(actor=world.secretariat, document=doc, reason="Merged elsewhere")
    doc = fresh(doc)
    assert doc.state == DocumentState.WITHDRAWN
    with pytest.raises(ConflictError):
        services.proposal_create(
            actor=world.head_kz,
            document=doc,
            delegation=world.kz,
            kind="delete",
            provision=provision(doc, 1),
            rationale="r",
        )
