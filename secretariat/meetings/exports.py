"""Minutes and press statements as PDF (fpdf2) and DOCX (python-docx).

Both read the line markup of `minutes_text` (title, headings, list items, paragraphs).
The PDF uses the shared set-up of `secretariat.core.exports` (the embedded Noto fonts for
Latin, Cyrillic and Japanese, bold included); a character no embedded font has, or one
DOCX cannot carry, fails the export with UnprintableText (a 422) naming it.
"""

from __future__ import annotations

import io
from contextlib import nullcontext

from django.utils import translation
from django.utils.translation import gettext as _

from secretariat.core.exports import ExportPDF, check_xml_characters
from secretariat.meetings.minutes_text import parse_blocks

INK = (33, 37, 41)
MUTED = (90, 100, 115)
BODY_SIZE = 10.5
BODY_LINE = 5.5
BULLET_INDENT = 5.0


class _MinutesPDF(ExportPDF):
    def __init__(self, title: str, language: str) -> None:
        super().__init__(language=language)
        with translation.override(language) if language else nullcontext():
            self.page_label = _("Page")
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(20, 18, 20)
        self.set_title(title)

    def footer(self) -> None:
        self.set_y(-12)
        self.use(8)
        self.set_text_color(*MUTED)
        self.line_text(self.epw, 5, f"{self.page_label} {self.page_no()}/{{nb}}", align="R")


def render_pdf(title: str, text: str, *, footer: str = "", language: str = "") -> bytes:
    """`text` (minutes markup, in `language`) as PDF; raises UnprintableText naming any
    character that no embedded font has."""
    pdf = _MinutesPDF(title, language)
    pdf.add_page()
    pdf.set_text_color(*INK)
    for kind, line in parse_blocks(text):
        if kind == "title":
            pdf.use(16, bold=True)
            pdf.paragraph(8, [line])
            pdf.ln(2)
        elif kind == "heading":
            pdf.ln(2)
            pdf.use(12.5, bold=True)
            pdf.paragraph(7, [line])
        elif kind == "item":
            pdf.use(BODY_SIZE)
            pdf.paragraph(BODY_LINE, [line], left=pdf.l_margin + 2, indent=BULLET_INDENT, label="•")
        else:
            pdf.use(BODY_SIZE)
            pdf.paragraph(BODY_LINE, [line])
            pdf.ln(1)
    if footer:
        pdf.ln(4)
        pdf.use(8)
        pdf.set_text_color(*MUTED)
        pdf.paragraph(4, [footer])
    return pdf.finish()


def render_docx(title: str, text: str, *, footer: str = "", language: str = "") -> bytes:
    """`text` as DOCX; raises UnprintableText for characters XML cannot carry."""
    from docx import Document

    check_xml_characters([title, text, footer])
    document = Document()
    document.core_properties.title = title
    document.core_properties.author = "Secretariat"
    if language:
        document.core_properties.language = language
    for kind, line in parse_blocks(text):
        if kind == "title":
            document.add_heading(line, level=1)
        elif kind == "heading":
            document.add_heading(line, level=2)
        elif kind == "item":
            document.add_paragraph(line, style="List Bullet")
        else:
            document.add_paragraph(line)
    if footer:
        document.add_paragraph(footer).runs[0].italic = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
