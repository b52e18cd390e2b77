"""During a silence procedure, members see the hash of exactly the text under silence,
on the page and in the API, before any adoption."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from secretariat.negotiation import selectors, services
from secretariat.negotiation.models import Document, FrozenText
from secretariat.negotiation.tests.factories import make_document, provision
from secretariat.negotiation.text.canonical import text_hash

pytestmark = pytest.mark.django_db

TEXT = "Noting,\n1. Agreed text.\n"


def _circulated(world):
    doc = make_document(world, text=TEXT, languages=["en", "ru"])
    services.document_update(
        actor=world.secretariat, document=doc, titles={"ru": "Программа совместных усилий"}
    )
    for index, text in enumerate(["Отмечая,", "1. Согласованный текст."]):
        services.translation_set(
            actor=world.secretariat,
            document=doc,
            provision=provision(doc, index),
            language="ru",
            text=text,
        )
    deadline = timezone.now() + timedelta(days=2)
    services.silence_procedure_start(actor=world.chair, document=doc, deadline=deadline)
    return Document.objects.get(pk=doc.pk)


def _expected(doc, language):
    """The hash computed afresh from the revision's text, not read from storage."""
    rows = selectors.revision_rows(doc, doc.current_revision)
    if language != doc.language:
        selectors.attach_translations(doc, rows, language)
    provisions = [
        (r.number, r.kind, r.markup if language == doc.language else r.translation or "")
        for r in rows
    ]
    return text_hash(title=doc.title_in(language), language=language, provisions=provisions)


def test_members_see_the_hash_of_the_text_under_silence_on_the_page(client, world):
    doc = _circulated(world)
    client.force_login(world.head_kz)
    body = client.get(reverse("negotiation:document", args=["caj", doc.slug])).content.decode()
    for language in ("en", "ru"):
        assert f'<code class="hash">{_expected(doc, language)}</code>' in body
    assert "Adopted text" not in body  # nothing is adopted yet


def test_the_api_gives_the_hashes_of_the_text_under_silence(client, world):
    doc = _circulated(world)
    client.force_login(world.delegate_tm)
    silence = client.get(f"/api/documents/{doc.pk}/silence").json()
    assert silence["status"] == "running"
    assert silence["hashes"] == {lang: _expected(doc, lang) for lang in ("en", "ru")}
    assert client.get(f"/api/documents/{doc.pk}").json()["adopted_hashes"] == {}


def test_the_hash_shown_is_the_one_adoption_keeps(world):
    doc = _circulated(world)
    view = selectors.silence_view(doc)
    assert view is not None
    shown = {f.language: f.sha256 for f in view.frozen}
    later = doc.silence_deadline + timedelta(minutes=1)
    assert services.silence_settle(document=doc, now=later)
    doc = Document.objects.get(pk=doc.pk)
    adopted = {f.language: f.sha256 for f in selectors.frozen_texts(doc)}
    assert adopted == shown
    assert FrozenText.objects.filter(document=doc).count() == 2
