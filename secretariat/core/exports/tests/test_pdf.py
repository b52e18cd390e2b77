"""ExportPDF: every character comes back out of the PDF, or the export fails naming it."""

from __future__ import annotations

import pytest
from django.utils import translation

from secretariat.core.exports import ExportPDF, Span, UnprintableText
from secretariat.core.exports.pdf import SANS
from tests.support.exports import NAMES, UNPRINTABLE, missing, pdf_text, stretched_lines


def _pdf(language="en"):
    pdf = ExportPDF(language=language)
    pdf.add_page()
    pdf.use(11)
    return pdf


@pytest.mark.parametrize("language", ["en", "ru", "ja"])
def test_every_character_comes_back_from_paragraphs_boxes_and_lines(language):
    pdf = _pdf(language)
    pdf.paragraph(6, [f"Delegation: {NAMES}"], indent=5, label="•")
    pdf.paragraph(6, [Span(NAMES, bold=True, color=(138, 62, 0)), Span(" JP", size=7)])
    pdf.box_text(5, [f"{NAMES}\n{NAMES}"], (255, 244, 229))
    pdf.line_text(pdf.epw, 5, NAMES)
    text = pdf_text(pdf.finish())
    assert missing(NAMES + "•", text) == []
    assert text.count("髙橋") == 5


def test_a_character_no_font_has_fails_the_export_by_name():
    pdf = _pdf()
    pdf.paragraph(6, [f"山﨑 {UNPRINTABLE} and again 😀"])
    with pytest.raises(UnprintableText) as refused:
        pdf.finish()
    assert refused.value.characters == ("\U0001f600", "\ue000")
    message = str(refused.value)
    assert "U+1F600 GRINNING FACE (😀)" in message
    assert "U+E000" in message
    assert "cannot be printed in this export" in message
    assert refused.value.code == "unprintable"


def test_the_message_is_in_the_language_of_whoever_reads_it():
    pdf = _pdf("en")
    pdf.paragraph(6, ["\U0001f600"])
    with pytest.raises(UnprintableText) as refused:
        pdf.finish()
    with translation.override("ru"):
        russian = refused.value.messages[0]
    with translation.override("ja"):
        japanese = refused.value.messages[0]
    assert "U+1F600 GRINNING FACE" in russian
    assert "U+1F600 GRINNING FACE" in japanese
    assert russian != japanese != str(refused.value)


def test_text_drawn_past_the_helpers_is_checked_too():
    """fpdf2's own cell() in a font that lacks the character: noted, not dropped."""
    pdf = _pdf()
    pdf.set_font(SANS, "", 11)
    pdf.cell(text="髙橋")
    with pytest.raises(UnprintableText) as refused:
        pdf.finish()
    assert refused.value.characters == ("髙", "橋")


def test_tabs_print_as_spaces_and_line_breaks_break_lines():
    pdf = _pdf()
    pdf.paragraph(6, ["Kazakhstan:\tDana\nJapan:\t山田"])
    text = pdf_text(pdf.finish())
    assert "Kazakhstan: Dana\nJapan: 山田" in text


def test_a_line_after_japanese_starts_in_its_own_font():
    """fpdf2's fallback fonts drew a bullet after a Japanese line as a bold "h" or "D"."""
    pdf = _pdf("ja")
    pdf.use(12, bold=True)
    pdf.paragraph(7, ["1. 開会"])
    pdf.use(10.5)
    pdf.paragraph(5.5, ["発言した代表団（発言順）：トルクメニスタン。"])
    pdf.paragraph(5.5, ["留意: The agenda was adopted as proposed."], indent=5, label="•")
    lines = pdf_text(pdf.finish()).splitlines()
    assert lines[-1].startswith("•")
    assert "留意: The agenda" in lines[-1]


def test_japanese_lines_are_not_stretched():
    pdf = _pdf("ja")
    pdf.paragraph(5.5, ["発言した代表団（発言順）： トルクメニスタン， 日本， カザフスタン， " * 4])
    assert stretched_lines(pdf.finish()) == 0


def test_a_long_text_breaks_pages_and_keeps_every_line():
    pdf = _pdf()
    for n in range(120):
        pdf.paragraph(6, [f"Line {n} 髙橋"])
    text = pdf_text(pdf.finish())
    assert pdf.page_no() >= 3
    assert all(f"Line {n} 髙橋" in text for n in range(120))
