"""The render() entry point."""

from __future__ import annotations

import pytest

from secretariat.negotiation.exports import EXPORT_FORMATS, render
from secretariat.negotiation.exports.render import export_file_name
from secretariat.negotiation.exports.tests.factories import export_document


def test_formats():
    assert EXPORT_FORMATS == ("pdf", "docx", "akn")


def test_unknown_format():
    with pytest.raises(ValueError, match="Unknown export format 'odt'"):
        render(export_document("en"), "odt")


def test_file_name_is_ascii_and_safe():
    data = export_document("ja", document_slug="プログラム / 2026", revision_label="Rev.1")
    name = export_file_name(data, "pdf")
    assert name.isascii()
    assert "/" not in name
    assert " " not in name
    assert name.endswith("_Rev.1_ja.pdf")


def test_identifier_and_adopted_flag():
    data = export_document("en", adopted=True)
    assert data.identifier == "central-asia-japan/programme-document"
    assert data.is_adopted
    assert not export_document("en").is_adopted
