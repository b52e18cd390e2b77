"""Brackets: resolving, adding, holders.

Refusals name what is wrong and leave the database as it was (`unchanged`).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.negotiation import selectors, services
from secretariat.negotiation.models import (
    DocumentState,
    Revision,
)
from secretariat.negotiation.tests.factories import make_document, provision
from secretariat.negotiation.tests.support import (
    fresh,
    texts,
    unchanged,
)

pytestmark = pytest.mark.django_db


# --- brackets -----------------------------------------------------------------------------
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


# --- brackets: refusals -------------------------------------------------------------------
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
            actor=world.head_kz,
            document=doc,
            provision=op1,
            index=1,
            delegation=world.kz,
            holds=False,
        )
    with unchanged(doc), pytest.raises(ValidationError, match="There is no bracket 6 here"):
        services.bracket_set_holders(
            actor=world.secretariat, document=doc, provision=op1, index=5, holders=["JP"]
        )
