"""DOCX export read back with python-docx."""

from __future__ import annotations

import io

import docx
from docx.enum.text import WD_COLOR_INDEX

from secretariat.negotiation.exports import render
from secretariat.negotiation.exports.tests.factories import HASH, export_document


def _read(data):
    body, content_type, file_name = render(data, "docx")
    assert content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert file_name == f"central-asia-japan_programme-document_Rev.3_{data.language}.docx"
    return docx.Document(io.BytesIO(body))


def _paragraph(document, fragment):
    return next(p for p in document.paragraphs if fragment in p.text)


def test_title_heading_and_properties():
    document = _read(export_document("en"))
    title = document.paragraphs[1]
    assert title.text == "Programme Document"
    assert title.style.name == "Title"
    assert document.core_properties.title == "Programme Document"
    assert document.core_properties.identifier == "central-asia-japan/programme-document"
    assert document.core_properties.language == "en"


def test_provisions_numbered_with_their_styles():
    document = _read(export_document("en"))
    heading = _paragraph(document, "Final provisions")
    assert heading.style.name == "Heading 2"
    assert heading.text == "II. Final provisions"
    operative = _paragraph(document, "grant medical project")
    assert operative.style.name == "Operative Paragraph"
    assert operative.text == "2.\tJapan intends to provide a grant medical project."
    sub = _paragraph(document, "exchanging information")
    assert sub.style.name == "Sub-paragraph"
    assert sub.text.startswith("(a)\t")
    assert _paragraph(document, "Recognising").style.name == "Preambular Paragraph"


def test_brackets_highlighted_with_holders_as_superscript():
    document = _read(export_document("en"))
    paragraph = _paragraph(document, "The participants")
    assert paragraph.text == (
        "1.\tThe participants [agree / decide]KZ to act on COVID-19/SARS-CoV-2 "
        "[within the Dialogue [and beyond]TM]JP."
    )
    highlighted = [
        r.text for r in paragraph.runs if r.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert "".join(highlighted) == "[agree / decide][within the Dialogue [and beyond]]"
    holders = [r.text for r in paragraph.runs if r.font.superscript]
    assert holders == ["KZ", "TM", "JP"]
    agreed = [r for r in paragraph.runs if "to act on" in r.text]
    assert agreed[0].font.highlight_color is None


def test_escaped_characters_come_out_literal():
    document = _read(export_document("en"))
    assert "specialists [experts] & nurses <all>;" in _paragraph(document, "specialists").text


def test_draft_notice_and_no_hash():
    document = _read(export_document("en"))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Draft for negotiation" in text
    assert "Open brackets: 4" in text
    assert "SHA-256" not in text
    assert document.core_properties.keywords == ""


def test_adopted_text_shows_hash():
    document = _read(export_document("en", adopted=True))
    text = "\n".join(p.text for p in document.paragraphs)
    assert f"Text hash (SHA-256): {HASH}" in text
    assert "Draft for negotiation" not in text
    assert document.core_properties.keywords == f"sha256:{HASH}"
    assert not any(r.font.highlight_color for p in document.paragraphs for r in p.runs)


def test_japanese_and_russian_text_and_east_asian_font():
    document = _read(export_document("ja"))
    assert (
        "参加国は、[新型コロナウイルス / 感染症]JPへの共同対応を[強化する]KZ, TM。"
        in _paragraph(document, "参加国").text
    )
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia") == (
        "Noto Sans JP"
    )
    russian = _read(export_document("ru"))
    assert "Открытые скобки: 1" in "\n".join(p.text for p in russian.paragraphs)
