"""Editing the text: provisions, revisions, a pasted text.

Refusals name what is wrong and leave the database as it was (`unchanged`).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.negotiation import services
from secretariat.negotiation.models import (
    ProvisionVersion,
    Revision,
)
from secretariat.negotiation.tests.factories import current, make_document, provision
from secretariat.negotiation.tests.support import (
    fresh,
    labels,
    texts,
    unchanged,
)

pytestmark = pytest.mark.django_db


# --- editing and revisions ----------------------------------------------------------------
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


# --- editing the text: refusals -----------------------------------------------------------
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
