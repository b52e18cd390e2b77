"""Dropping a bracket with its text: how an agreed deletion leaves the text."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from secretariat.negotiation import selectors, services
from secretariat.negotiation.models import Document, Revision
from secretariat.negotiation.tests.factories import make_document
from secretariat.negotiation.text import brackets

TEXT = (
    "I. Principles\n"
    "1. The participating states will share data [promptly]{KZ}, through agreed channels.\n"
    "2. [The participating states will set up a joint stockpile.]{JP}"
)


def rows(document: Document) -> list[str]:
    document = Document.objects.get(pk=document.pk)
    return [r.markup for r in selectors.revision_rows(document, document.current_revision)]


def test_drop_bracket_tidies_spaces_and_punctuation():
    text = brackets.parse("They share data [promptly / at once]{KZ}, through channels.")
    assert brackets.serialize(brackets.drop_bracket(text, 0)) == (
        "They share data, through channels."
    )


def test_drop_bracket_keeps_other_brackets():
    text = brackets.parse("[a]{JP} and [b]{KZ}")
    assert brackets.serialize(brackets.drop_bracket(text, 1)).strip() == "[a]{JP} and"


def test_dropping_an_agreed_deletion_is_a_recorded_change(world):
    doc = make_document(world, text=TEXT)
    before = rows(doc)
    services.bracket_resolve(
        actor=world.secretariat,
        document=doc,
        provision=doc.provisions.order_by("pk")[1],
        index=0,
        choice=None,
        drop=True,
        reason="Kazakhstan accepted the deletion",
    )
    after = rows(doc)
    assert after[1] == "The participating states will share data, through agreed channels."
    assert after[0] == before[0]
    revision = Revision.objects.filter(document=doc).order_by("-number").first()
    assert revision is not None
    assert "text dropped" in revision.summary


def test_dropping_all_of_a_provision_removes_it(world):
    doc = make_document(world, text=TEXT)
    services.bracket_resolve(
        actor=world.secretariat,
        document=doc,
        provision=doc.provisions.order_by("pk")[2],
        index=0,
        choice=None,
        drop=True,
    )
    assert len(rows(doc)) == 2


def test_only_the_pen_holder_drops_a_bracket(world):
    doc = make_document(world, text=TEXT)
    before = rows(doc)
    with pytest.raises(Exception, match="pen"):
        services.bracket_resolve(
            actor=world.delegate_kz,
            document=doc,
            provision=doc.provisions.order_by("pk")[1],
            index=0,
            choice=None,
            drop=True,
        )
    assert rows(doc) == before


def test_dropping_a_missing_bracket_is_a_clear_error(world):
    doc = make_document(world, text=TEXT)
    with pytest.raises(ValidationError, match="no bracket number 3"):
        services.bracket_resolve(
            actor=world.secretariat,
            document=doc,
            provision=doc.provisions.order_by("pk")[1],
            index=2,
            choice=None,
            drop=True,
        )


def test_api_drops_a_bracket(client, world):
    doc = make_document(world, text=TEXT)
    client.force_login(world.secretariat)
    provision = doc.provisions.order_by("pk")[1]
    response = client.post(
        f"/api/documents/{doc.pk}/provisions/{provision.pk}/brackets/0/resolve",
        {"drop": True, "expected_version": Document.objects.get(pk=doc.pk).version},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert rows(doc)[1] == "The participating states will share data, through agreed channels."


def test_agreeing_a_single_option_bracket_keeps_its_text(world):
    doc = make_document(world, text=TEXT)
    services.bracket_resolve(
        actor=world.secretariat,
        document=doc,
        provision=doc.provisions.order_by("pk")[1],
        index=0,
        choice=None,
    )
    assert rows(doc)[1] == (
        "The participating states will share data promptly, through agreed channels."
    )
    revision = Revision.objects.filter(document=doc).order_by("-number").first()
    assert revision is not None
    assert "text agreed" in revision.summary


def test_page_drops_a_bracket_through_htmx(client, world):
    from django.urls import reverse

    doc = make_document(world, text=TEXT)
    client.force_login(world.secretariat)
    url = reverse("negotiation:action", args=[world.fmt.slug, doc.slug, "resolve"])
    response = client.post(
        url,
        {
            "provision": doc.provisions.order_by("pk")[1].pk,
            "index": 0,
            "drop": "1",
            "version": Document.objects.get(pk=doc.pk).version,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert rows(doc)[1] == "The participating states will share data, through agreed channels."


def test_page_offers_dropping_to_the_pen_holder(client, world):
    from django.urls import reverse

    doc = make_document(world, text=TEXT)
    client.force_login(world.secretariat)
    provision_id = doc.provisions.order_by("pk")[1].pk
    url = reverse(
        "negotiation:provision_fragment", args=[world.fmt.slug, doc.slug, provision_id, "edit"]
    )
    body = client.get(url).content.decode()
    assert "Drop the bracketed text" in body
