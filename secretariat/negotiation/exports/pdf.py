"""PDF export with fpdf2.

Noto Sans (Latin, Cyrillic) with Noto Sans JP as fallback are embedded as subsets, so
every script renders with real glyphs. Bracketed text is set in bold dark amber with
the holders' codes in small blue letters after it; an adopted text prints its hash.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from secretariat.negotiation.exports.common import labels, segments
from secretariat.negotiation.exports.document import ExportDocument
from secretariat.negotiation.text.brackets import parse

FONTS = Path(__file__).resolve().parent / "fonts"
SANS = "NotoSans"
JAPANESE = "NotoSansJP"

INK = (33, 37, 41)
MUTED = (96, 104, 112)
BRACKET_INK = (138, 62, 0)
HOLDERS_INK = (25, 90, 160)
NOTICE_FILL = (255, 244, 229)
HASH_FILL = (232, 244, 236)

BODY_SIZE = 11
LINE = 6.0
NUMBER_WIDTH = 12.0


class _DocumentPDF(FPDF):
    def __init__(self, data: ExportDocument, page_label: str) -> None:
        super().__init__(format="A4")
        self.data = data
        self.page_label = page_label
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(auto=True, margin=20)
        self.add_font(SANS, "", FONTS / "NotoSans-Regular.ttf")
        self.add_font(SANS, "B", FONTS / "NotoSans-Bold.ttf")
        self.add_font(JAPANESE, "", FONTS / "NotoSansJP-Regular.ttf")
        # Japanese (and any character Noto Sans lacks) falls back to Noto Sans JP, in
        # every style: the JP subset ships one weight to keep the repository small.
        self.set_fallback_fonts([JAPANESE], exact_match=False)
        self.set_title(data.title)
        self.set_subject(f"{data.format_name} · {data.revision_label}")
        self.set_author(data.format_name)
        self.set_creator("Secretariat")
        self.set_lang(data.language)
        if data.adopted_hash:
            self.set_keywords(f"sha256:{data.adopted_hash}")

    def footer(self) -> None:
        self.set_y(-14)
        self.set_font(SANS, "", 8)
        self.set_text_color(*MUTED)
        left = f"{self.data.format_name} · {self.data.title} · {self.data.revision_label}"
        if self.data.adopted_hash:
            left = f"SHA-256 {self.data.adopted_hash}"
        # Leave room for the page number: shorten a long title with an ellipsis.
        room = self.w - self.l_margin - self.r_margin - 28
        while self.get_string_width(left) > room and len(left) > 1:
            left = left[:-2] + "…"
        self.cell(room, 5, left, align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, f"{self.page_label} {self.page_no()}/{{nb}}", align="R")


def _write_markup(pdf: _DocumentPDF, markup: str, *, size: float, bold: bool = False) -> None:
    style = "B" if bold else ""
    for segment in segments(parse(markup)):
        if segment.style == "text":
            pdf.set_font(SANS, style, size)
            pdf.set_text_color(*INK)
            pdf.write(LINE, segment.text)
        elif segment.style == "bracket":
            pdf.set_font(SANS, "B", size)
            pdf.set_text_color(*BRACKET_INK)
            pdf.write(LINE, segment.text)
        else:
            # Holders: small capitals-like codes right after the closing bracket.
            pdf.set_font(SANS, "B", size * 0.68)
            pdf.set_text_color(*HOLDERS_INK)
            pdf.write(LINE, f"\u2009{segment.text}")
    pdf.set_text_color(*INK)


def _provision(pdf: _DocumentPDF, number: str, kind: str, markup: str) -> None:
    left = pdf.l_margin
    if kind == "heading":
        pdf.ln(3)
        if number:
            pdf.set_font(SANS, "B", 12.5)
            pdf.write(LINE, f"{number} ")
        _write_markup(pdf, markup, size=12.5, bold=True)
        pdf.ln(LINE + 3)
        return
    indent = {"subparagraph": NUMBER_WIDTH * 2}.get(kind, NUMBER_WIDTH if number else 0)
    if number:
        pdf.set_font(SANS, "", BODY_SIZE)
        pdf.set_text_color(*INK)
        pdf.set_x(left + indent - NUMBER_WIDTH)
        pdf.cell(NUMBER_WIDTH, LINE, number)
    pdf.set_left_margin(left + indent)
    pdf.set_x(left + indent)
    _write_markup(pdf, markup, size=BODY_SIZE)
    pdf.set_left_margin(left)
    pdf.ln(LINE + 2.5)


def _boxed(pdf: _DocumentPDF, text: str, fill: tuple[int, int, int], size: float = 9) -> None:
    pdf.set_font(SANS, "", size)
    pdf.set_fill_color(*fill)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 5, text, fill=True, padding=2, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def render_pdf(data: ExportDocument) -> bytes:
    text = labels(data)
    pdf = _DocumentPDF(data, text.page)
    pdf.add_page()
    pdf.set_font(SANS, "", 9.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 5, data.format_name.upper(), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1)
    pdf.set_font(SANS, "B", 18)
    pdf.set_text_color(*INK)
    pdf.multi_cell(0, 9, data.title, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(SANS, "", 10)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 6, text.status_line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)
    if data.is_adopted:
        _boxed(pdf, f"{text.hash_label}: {data.adopted_hash}\n{text.hash_note}", HASH_FILL)
    else:
        _boxed(pdf, f"{text.draft_notice}\n{text.open_brackets}", NOTICE_FILL)
    pdf.ln(5)
    for provision in data.provisions:
        _provision(pdf, provision.number, provision.kind, provision.markup)
    return bytes(pdf.output())
