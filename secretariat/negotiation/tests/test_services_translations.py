"""Language versions.

Refusals name what is wrong and leave the database as it was (`unchanged`).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from secretariat.core.errors import ConflictError
from secretariat.negotiation import services
from secretariat.negotiation.tests.factories import make_document, provision
from secretariat.negotiation.tests.support import (
    clean_document,
    unchanged,
)

pytestmark = pytest.mark.django_db


# --- language versions --------------------------------------------------------------------
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


# --- language versions: refusals ----------------------------------------------------------
def test_empty_translation_is_refused(world):
    doc = clean_document(world, languages=["en", "ru"])
    with unchanged(doc), pytest.raises(ValidationError, match="The translation is empty"):
        services.translation_set(
            actor=world.secretariat,
            document=doc,
            provision=provision(doc, 1),
            language="ru",
            text="  ",
        )


def test_translation_of_a_deleted_provision_is_a_conflict(world):
    doc = clean_document(world, languages=["en", "ru"])
    gone = provision(doc, 2)
    services.provision_delete(actor=world.secretariat, document=doc, provision=gone)
    with unchanged(doc), pytest.raises(ConflictError, match="no longer in the current text"):
        services.translation_set(
            actor=world.secretariat,
            document=doc,
            provision=gone,
            language="ru",
            text="Ещё согласованный текст.",
        )
