"""Documents: starting one, its metadata and lifecycle steps.

Refusals name what is wrong and leave the database as it was (`unchanged`).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.core.models import AuditEntry
from secretariat.negotiation import selectors, services
from secretariat.negotiation.models import (
    Document,
    DocumentState,
    ProvisionVersion,
    Revision,
)
from secretariat.negotiation.tests.factories import agree_all, current, make_document, provision
from secretariat.negotiation.tests.support import (
    CLEAN_TEXT,
    clean_document,
    create,
    fresh,
    labels,
    nothing_created,
    unchanged,
)

pytestmark = pytest.mark.django_db


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


# --- creating documents: refusals ---------------------------------------------------------
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


# --- metadata -----------------------------------------------------------------------------
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


# --- state transitions --------------------------------------------------------------------
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
            actor=world.secretariat,
            document=doc,
            provision=row.provision,
            language="ru",
            text=text,
        )
    services.document_finalise(actor=world.chair, document=doc)
    agree_all(world, doc)
    assert selectors.language_gaps(fresh(doc)) == ["ru: the title is not translated"]
    with unchanged(doc), pytest.raises(ConflictError, match="ru: the title is not translated"):
        services.document_adopt_by_consensus(actor=world.chair, document=doc)


# --- withdrawal ---------------------------------------------------------------------------
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
