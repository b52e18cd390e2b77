"""PDF export with fpdf2, on the shared set-up of `secretariat.core.exports`.

The embedded fonts (Noto Sans, Noto Sans JP, a DejaVu Sans supplement) give every script
real glyphs, and a character none of them has fails the export by name instead of
vanishing. Bracketed text is set in bold dark amber with the holders' codes in small blue
letters after it; an adopted text prints its hash.
"""

from __future__ import annotations

from secretariat.core.exports.pdf import ExportPDF, Span
from secretariat.negotiation.exports.common import labels, segments
from secretariat.negotiation.exports.document import ExportDocument
from secretariat.negotiation.text.brackets import parse

INK = (33, 37, 41)
MUTED = (96, 104, 112)
BRACKET_INK = (138, 62, 0)
HOLDERS_INK = (25, 90, 160)
NOTICE_FILL = (255, 244, 229)
HASH_FILL = (232, 244, 236)

BODY_SIZE = 11
HEADING_SIZE = 12.5
LINE = 6.0
NUMBER_WIDTH = 12.0


class _DocumentPDF(ExportPDF):
    def __init__(self, data: ExportDocument, page_label: str) -> None:
        super().__init__(language=data.language)
        self.data = data
        self.page_label = page_label
        self.set_margins(22, 20, 22)
        self.set_auto_page_break(auto=True, margin=20)
        self.set_title(data.title)
        self.set_subject(f"{data.format_name} · {data.revision_label}")
        self.set_author(data.format_name)
        if data.adopted_hash:
            self.set_keywords(f"sha256:{data.adopted_hash}")

    def footer(self) -> None:
        self.set_y(-14)
        self.use(8)
        self.set_text_color(*MUTED)
        left = f"{self.data.format_name} · {self.data.title} · {self.data.revision_label}"
        if self.data.adopted_hash:
            left = f"SHA-256 {self.data.adopted_hash}"
        # Leave room for the page number: shorten a long title with an ellipsis.
        room = self.w - self.l_margin - self.r_margin - 28
        while self.text_width(left) > room and len(left) > 1:
            left = left[:-2] + "…"
        self.line_text(room, 5, left)
        self.set_x(self.l_margin)
        self.line_text(self.epw, 5, f"{self.page_label} {self.page_no()}/{{nb}}", align="R")


def _markup_spans(markup: str, *, size: float, bold: bool = False) -> list[Span]:
    spans = []
    for segment in segments(parse(markup)):
        if segment.style == "text":
            spans.append(Span(segment.text, bold=bold, size=size, color=INK))
        elif segment.style == "bracket":
            spans.append(Span(segment.text, bold=True, size=size, color=BRACKET_INK))
        else:
            # Holders: small capitals-like codes right after the closing bracket.
            spans.append(
                Span(f"\u2009{segment.text}", bold=True, size=size * 0.68, color=HOLDERS_INK)
            )
    return spans


def _provision(pdf: _DocumentPDF, number: str, kind: str, markup: str) -> None:
    pdf.set_text_color(*INK)
    if kind == "heading":
        pdf.ln(3)
        pdf.use(HEADING_SIZE, bold=True)
        spans = [Span(f"{number} ")] if number else []
        pdf.paragraph(LINE, spans + _markup_spans(markup, size=HEADING_SIZE, bold=True))
        pdf.ln(3)
        return
    pdf.use(BODY_SIZE)
    indent = {"subparagraph": NUMBER_WIDTH * 2}.get(kind, NUMBER_WIDTH if number else 0)
    hang = NUMBER_WIDTH if number else 0
    pdf.paragraph(
        LINE,
        _markup_spans(markup, size=BODY_SIZE),
        left=pdf.l_margin + indent - hang,
        indent=hang,
        label=number,
    )
    pdf.ln(2.5)


def render_pdf(data: ExportDocument) -> bytes:
    """The document as PDF; raises UnprintableText (a ValidationError) naming any
    character that no embedded font has."""
    text = labels(data)
    pdf = _DocumentPDF(data, text.page)
    pdf.add_page()
    pdf.use(9.5)
    pdf.set_text_color(*MUTED)
    pdf.paragraph(5, [data.format_name.upper()])
    pdf.ln(1)
    pdf.use(18, bold=True)
    pdf.set_text_color(*INK)
    pdf.paragraph(9, [data.title])
    pdf.use(10)
    pdf.set_text_color(*MUTED)
    pdf.paragraph(6, [text.status_line])
    pdf.ln(3)
    pdf.use(9)
    pdf.set_text_color(*INK)
    if data.is_adopted:
        pdf.box_text(5, [f"{text.hash_label}: {data.adopted_hash}\n{text.hash_note}"], HASH_FILL)
    else:
        pdf.box_text(5, [f"{text.draft_notice}\n{text.open_brackets}"], NOTICE_FILL)
    pdf.ln(5)
    for provision in data.provisions:
        _provision(pdf, provision.number, provision.kind, provision.markup)
    return pdf.finish()
