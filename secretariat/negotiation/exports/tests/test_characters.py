"""No character silently dropped: every export gives back the names it was given, or
refuses (422) naming the character it cannot carry."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from secretariat.core.exports import UnprintableText
from secretariat.negotiation import services
from secretariat.negotiation.exports import ExportProvision, render
from secretariat.negotiation.exports.akn import read_akn
from secretariat.negotiation.exports.tests.factories import export_document
from secretariat.negotiation.models import Document
from secretariat.negotiation.tests.factories import make_document
from tests.support.exports import NAMES, UNPRINTABLE, docx_text, missing, pdf_text


def _with_names(language, *, adopted=False):
    data = export_document(language, adopted=adopted)
    names = (
        ExportProvision("", "heading", f"{NAMES}"),
        ExportProvision("9.", "operative", f"Delegations: {NAMES} [{NAMES} / 髙橋]{{JP,KZ}}."),
        ExportProvision("(z)", "subparagraph", f"{NAMES}"),
    )
    return replace(
        data,
        title=f"{data.title} {NAMES}",
        format_name=f"CA+J {NAMES}",
        provisions=data.provisions + names,
    )


@pytest.mark.parametrize("adopted", [False, True], ids=["draft", "adopted"])
@pytest.mark.parametrize("language", ["en", "ru", "ja"])
def test_pdf_gives_back_every_character_of_real_names(language, adopted):
    body, _, _ = render(_with_names(language, adopted=adopted), "pdf")
    text = pdf_text(body)
    assert missing(NAMES, text) == []
    assert "髙橋" in text


def test_docx_and_akoma_ntoso_give_back_every_character():
    data = _with_names("ja")
    assert missing(NAMES, docx_text(render(data, "docx")[0])) == []
    back = read_akn(render(data, "akn")[0])
    assert missing(NAMES, back.title + "".join(p.markup for p in back.provisions)) == []


@pytest.mark.parametrize("field", ["title", "format_name", "provision"])
def test_pdf_refuses_a_character_no_font_has_wherever_it_is(field):
    data = export_document("ja")
    if field == "provision":
        data = replace(
            data, provisions=(ExportProvision("1.", "operative", f"共同 {UNPRINTABLE}"),)
        )
    else:
        data = replace(data, **{field: getattr(data, field) + UNPRINTABLE})
    with pytest.raises(UnprintableText) as refused:
        render(data, "pdf")
    assert refused.value.characters == tuple(UNPRINTABLE)
    assert "U+1F600 GRINNING FACE (😀)" in str(refused.value)
    assert "U+E000 <private use>" in str(refused.value)


@pytest.mark.parametrize("fmt", ["docx", "akn"])
def test_xml_exports_refuse_control_characters(fmt):
    data = replace(export_document("en"), title="Programme\x0b")
    with pytest.raises(UnprintableText) as refused:
        render(data, fmt)
    assert "U+000B <control>" in str(refused.value)


# --- the page, the API and the command ----------------------------------------------------


def _document_with(world, text):
    return make_document(world, text=f"Noting the pandemic,\n1. {text}\n")


def _page_url(document, fmt):
    return f"/formats/{document.format.slug}/documents/{document.slug}/export/{fmt}/"


@pytest.mark.django_db
def test_page_export_with_real_names_keeps_them(client, world):
    document = _document_with(world, f"Delegations: {NAMES}.")
    client.force_login(world.head_kz)
    response = client.get(_page_url(document, "pdf"))
    assert response.status_code == 200
    assert missing(NAMES, pdf_text(response.content)) == []


@pytest.mark.django_db
def test_page_export_refuses_with_a_422_page_naming_the_character(client, world):
    document = _document_with(world, "Delegations: 山﨑 😀.")
    version = Document.objects.get(pk=document.pk).version
    client.force_login(world.head_kz)
    response = client.get(_page_url(document, "pdf"), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    page = response.content.decode()
    assert "This export cannot be made" in page
    assert "U+1F600 GRINNING FACE" in page
    assert Document.objects.get(pk=document.pk).version == version
    # The same text exports as DOCX and Akoma Ntoso, which carry any character.
    assert client.get(_page_url(document, "docx")).status_code == 200


@pytest.mark.django_db
def test_page_refusal_speaks_the_language_of_the_reader(client, world):
    document = _document_with(world, "😀")
    client.force_login(world.head_kz)
    response = client.get(_page_url(document, "pdf"), HTTP_ACCEPT_LANGUAGE="ru")
    assert response.status_code == 422
    assert "Этот экспорт невозможно создать" in response.content.decode()


@pytest.mark.django_db
def test_api_export_refuses_with_422_json_naming_the_character(client, world):
    document = _document_with(world, "😀")
    client.force_login(world.head_kz)
    response = client.get(f"/api/documents/{document.pk}/export/pdf")
    assert response.status_code == 422
    assert "U+1F600 GRINNING FACE" in response.json()["detail"]
    assert client.get(f"/api/documents/{document.pk}/export/akn").status_code == 200


@pytest.mark.django_db
def test_command_refuses_and_writes_nothing(world, tmp_path):
    document = _document_with(world, "😀")
    target = tmp_path / "doc.pdf"
    with pytest.raises(CommandError, match="U\\+1F600 GRINNING FACE"):
        call_command("export_document", str(document.pk), "--format", "pdf", "-o", str(target))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db
def test_adopted_text_with_real_names_exports_them(client, world):
    from secretariat.negotiation.tests.factories import agree_all

    document = _document_with(world, f"Delegations: {NAMES}.")
    services.document_finalise(actor=world.chair, document=document)
    agree_all(world, document)
    fresh = Document.objects.get(pk=document.pk)
    services.document_adopt_by_consensus(
        actor=world.chair, document=fresh, expected_version=fresh.version
    )
    response = client.get(_page_url(document, "pdf"))
    assert response.status_code == 200
    assert missing(NAMES, pdf_text(response.content)) == []
