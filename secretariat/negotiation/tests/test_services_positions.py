"""Positions, consensus and adoption by consensus.

Refusals name what is wrong and leave the database as it was (`unchanged`).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.negotiation import selectors, services
from secretariat.negotiation.models import (
    DocumentState,
    FrozenText,
    Position,
)
from secretariat.negotiation.tests.factories import agree_all, current, provision
from secretariat.negotiation.tests.support import (
    clean_document,
    fresh,
    unchanged,
)

pytestmark = pytest.mark.django_db


# --- positions and adoption ---------------------------------------------------------------
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
        provisions=[
            ("", "preambular", "Noting,"),
            ("1.", "operative", "Agreed text."),
            ("2.", "operative", "More agreed text."),
        ],
    )
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
        actor=world.secretariat,
        document=doc,
        provision=rows[0].provision,
        language="ru",
        text="Отмечая,",
    )
    services.translation_set(
        actor=world.secretariat,
        document=doc,
        provision=rows[1].provision,
        language="ru",
        text="Согласованный текст.",
    )
    services.document_finalise(actor=world.chair, document=doc)
    agree_all(world, doc)
    with pytest.raises(ConflictError, match="ru: not translated: OP2"):
        services.document_adopt_by_consensus(actor=world.chair, document=doc)
    services.document_reopen(actor=world.chair, document=doc, reason="Translation check")
    services.translation_set(
        actor=world.secretariat,
        document=doc,
        provision=rows[2].provision,
        language="ru",
        text="Ещё согласованный текст.",
    )
    services.provision_edit(
        actor=world.secretariat, document=doc, provision=rows[1].provision, text="Agreed text!"
    )
    assert "ru: aligned to an older revision: OP1" in selectors.language_gaps(fresh(doc))
    services.translation_set(
        actor=world.secretariat,
        document=doc,
        provision=rows[1].provision,
        language="ru",
        text="Согласованный текст!",
    )
    services.document_finalise(actor=world.chair, document=doc)
    agree_all(world, doc)
    services.document_adopt_by_consensus(actor=world.chair, document=doc)
    assert set(FrozenText.objects.values_list("language", flat=True)) == {"en", "ru"}
    with pytest.raises(ConflictError, match="frozen"):
        services.translation_set(
            actor=world.secretariat,
            document=doc,
            provision=rows[1].provision,
            language="ru",
            text="Иначе.",
        )


# --- positions: refusals ------------------------------------------------------------------
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
