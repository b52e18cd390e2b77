"""`manage.py export_document`: real documents, every format, clear errors."""

from __future__ import annotations

import io
import sys

import docx
import pypdf
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from secretariat.formats.tests.factories import DialogueFormatFactory
from secretariat.negotiation import services
from secretariat.negotiation.exports.akn import read_akn
from secretariat.negotiation.models import Document, FrozenText
from secretariat.negotiation.tests.factories import agree_all, make_document

pytestmark = pytest.mark.django_db


def _export(*args, **options):
    err = io.StringIO()
    call_command("export_document", *args, stderr=err, **options)
    return err.getvalue()


def _adopted(world):
    document = make_document(world, text="Noting the pandemic,\n1. Agreed text.\n")
    services.document_finalise(actor=world.chair, document=document)
    agree_all(world, document)
    fresh = Document.objects.get(pk=document.pk)
    return services.document_adopt_by_consensus(
        actor=world.chair, document=fresh, expected_version=fresh.version
    )


def test_akn_of_a_draft_keeps_its_brackets(world, tmp_path):
    document = make_document(world)
    target = tmp_path / "doc.xml"
    message = _export(str(document.pk), "--format", "akn", "-o", str(target))
    assert "Rev.1" in message
    back = read_akn(target.read_bytes())
    markups = [p.markup for p in back.provisions]
    assert (
        "The participating states will share outbreak data "
        "[without delay / within 24 hours]{JP,KZ}." in markups
    )
    assert back.adopted_hash is None
    assert back.title == "Programme of joint efforts"


def test_pdf_by_format_and_slug(world, tmp_path):
    document = make_document(world)
    target = tmp_path / "doc.pdf"
    _export(f"{world.fmt.slug}/{document.slug}", "--format", "pdf", "-o", str(target))
    text = "".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
    assert "Programme of joint efforts" in text
    assert "without delay" in "".join(text.split("\n"))


def test_docx_of_adopted_text_carries_its_hash(world, tmp_path):
    document = _adopted(world)
    frozen = FrozenText.objects.get(document=document, language="en")
    target = tmp_path / "doc.docx"
    _export(document.slug, "--format", "docx", "-o", str(target))
    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert frozen.sha256 in text
    assert "Agreed text." in text


def test_akn_of_adopted_text_hash_matches_frozen_text(world, tmp_path):
    document = _adopted(world)
    frozen = FrozenText.objects.get(document=document, language="en")
    target = tmp_path / "doc.xml"
    _export(str(document.pk), "--format", "akn", "-o", str(target), "--revision", "1")
    assert read_akn(target.read_bytes()).adopted_hash == frozen.sha256


def test_stdout(world, monkeypatch):
    document = make_document(world)
    buffer = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(buffer))
    _export(str(document.pk), "--format", "akn", "-o", "-")
    assert buffer.getvalue().startswith(b"<?xml")


@pytest.mark.parametrize(
    ("reference", "message"),
    [("999999", "No document '999999'"), ("nope", "No document"), ("x/y", "No document")],
)
def test_unknown_document(world, tmp_path, reference, message):
    target = tmp_path / "out.pdf"
    with pytest.raises(CommandError, match=message):
        _export(reference, "--format", "pdf", "-o", str(target))
    assert not target.exists()


def test_unknown_language_writes_nothing(world, tmp_path):
    document = make_document(world)
    target = tmp_path / "out.pdf"
    with pytest.raises(CommandError, match="'ja' is not a language"):
        _export(str(document.pk), "--format", "pdf", "-o", str(target), "--language", "ja")
    assert list(tmp_path.iterdir()) == []


def test_unknown_revision_writes_nothing(world, tmp_path):
    document = make_document(world)
    target = tmp_path / "out.pdf"
    with pytest.raises(CommandError, match="no revision 7"):
        _export(str(document.pk), "--format", "pdf", "-o", str(target), "--revision", "7")
    assert list(tmp_path.iterdir()) == []


def test_bad_format_is_refused(world, tmp_path):
    document = make_document(world)
    target = tmp_path / "out.odt"
    with pytest.raises(CommandError, match="invalid choice: 'odt'"):
        _export(str(document.pk), "--format", "odt", "-o", str(target))
    assert not target.exists()


def test_missing_folder(world, tmp_path):
    document = make_document(world)
    with pytest.raises(CommandError, match="does not exist"):
        _export(str(document.pk), "--format", "akn", "-o", str(tmp_path / "no" / "x.xml"))


def test_ambiguous_slug(world, tmp_path):
    first = make_document(world, title="Shared title")
    other = DialogueFormatFactory()
    Document.objects.create(format=other, slug=first.slug, kind="programme", title="Other")
    with pytest.raises(CommandError, match="several formats"):
        _export(first.slug, "--format", "akn", "-o", str(tmp_path / "x.xml"))
