"""DOCX export with python-docx.

Title, a status line, the draft notice or the adopted text's hash, then the provisions
with their numbers; bracketed text is highlighted (yellow, bold) with the holders as a
superscript after it, as negotiators mark brackets in Word. East Asian text is set in
Noto Sans JP / Yu Gothic, other text in Noto Sans / Calibri (whichever is installed).
"""

from __future__ import annotations

import io

import docx as python_docx
from docx.document import Document as DocxDocument
from docx.enum.text import WD_COLOR_INDEX
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from secretariat.negotiation.exports.common import labels, segments
from secretariat.negotiation.exports.document import ExportDocument
from secretariat.negotiation.text.brackets import parse

BRACKET_INK = RGBColor(0x8A, 0x3E, 0x00)
HOLDERS_INK = RGBColor(0x19, 0x5A, 0xA0)
MUTED = RGBColor(0x60, 0x68, 0x70)
LATIN_FONT = "Noto Sans"
EAST_ASIAN_FONT = "Noto Sans JP"

# Provision kinds as paragraph styles of the generated file (created on demand).
STYLE_BY_KIND = {
    "heading": "Heading 2",
    "preambular": "Preambular Paragraph",
    "operative": "Operative Paragraph",
    "subparagraph": "Sub-paragraph",
}


def _set_fonts(document: DocxDocument) -> None:
    normal = document.styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(11)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)
    for name, indent, hanging in (
        ("Preambular Paragraph", 0.0, 0.0),
        ("Operative Paragraph", 1.0, 1.0),
        ("Sub-paragraph", 2.0, 1.0),
    ):
        style = document.styles.add_style(name, 1)  # 1 = paragraph style
        style.base_style = normal
        style.paragraph_format.left_indent = Cm(indent)
        style.paragraph_format.first_line_indent = Cm(-hanging)
        style.paragraph_format.space_after = Pt(8)


def _write_markup(paragraph: Paragraph, markup: str) -> None:
    for segment in segments(parse(markup)):
        run = paragraph.add_run(segment.text)
        if segment.style == "bracket":
            run.bold = True
            run.font.color.rgb = BRACKET_INK
            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        elif segment.style == "holders":
            run.font.superscript = True
            run.bold = True
            run.font.color.rgb = HOLDERS_INK


def render_docx(data: ExportDocument) -> bytes:
    text = labels(data)
    document = python_docx.Document()
    _set_fonts(document)
    properties = document.core_properties
    properties.title = data.title
    properties.subject = f"{data.format_name} · {data.revision_label}"
    properties.author = data.format_name
    properties.language = data.language
    properties.identifier = data.identifier
    properties.keywords = f"sha256:{data.adopted_hash}" if data.adopted_hash else ""
    properties.content_status = data.status

    over = document.add_paragraph(data.format_name.upper())
    over.runs[0].font.color.rgb = MUTED
    over.runs[0].font.size = Pt(9)
    document.add_heading(data.title, level=0)
    status = document.add_paragraph(text.status_line)
    status.runs[0].font.color.rgb = MUTED
    if data.is_adopted:
        box = document.add_paragraph()
        label = box.add_run(f"{text.hash_label}: ")
        label.bold = True
        box.add_run(str(data.adopted_hash)).font.name = "Consolas"
        box.add_run(f"\n{text.hash_note}").font.size = Pt(9)
    else:
        box = document.add_paragraph()
        notice = box.add_run(text.draft_notice)
        notice.italic = True
        box.add_run(f"\n{text.open_brackets}").font.size = Pt(9)

    # Style ids looked up once: python-docx resolves a style name by scanning every
    # style, which costs more than the rest of a 1,000-provision export together.
    style_ids = {name: document.styles[name].style_id for name in set(STYLE_BY_KIND.values())}
    for provision in data.provisions:
        style = STYLE_BY_KIND.get(provision.kind, "Preambular Paragraph")
        paragraph = document.add_paragraph()
        paragraph._p.style = style_ids[style]
        if provision.number:
            paragraph.add_run(
                f"{provision.number}\t" if style != "Heading 2" else f"{provision.number} "
            )
        _write_markup(paragraph, provision.markup)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
