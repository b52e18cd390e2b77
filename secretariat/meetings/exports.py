"""Minutes and press statements as PDF (fpdf2) and DOCX (python-docx).

Both read the line markup of `minutes_text` (title, headings, list items, paragraphs).
PDF needs fonts with Cyrillic and CJK glyphs: the Noto fonts the Negotiation exports ship
are reused; Noto Sans first, Noto Sans JP as fallback for Japanese.
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

from secretariat.meetings.minutes_text import parse_blocks

FONT_DIRS = [
    Path(__file__).resolve().parent.parent / "negotiation" / "exports" / "fonts",
    Path(__file__).resolve().parent / "fonts",
]


@cache
def _fonts() -> dict[str, Path]:
    """Regular/bold faces of Noto Sans and Noto Sans JP, wherever they were shipped."""
    found: dict[str, Path] = {}
    for directory in FONT_DIRS:
        for path in sorted(directory.glob("*.ttf")) if directory.is_dir() else []:
            name = path.stem.lower()
            family = "jp" if "jp" in name or "cjk" in name else "latin"
            weight = "bold" if "bold" in name else "regular"
            if "italic" in name:
                continue
            found.setdefault(f"{family}-{weight}", path)
    return found


def render_pdf(title: str, text: str, *, footer: str = "") -> bytes:
    from fpdf import FPDF

    fonts = _fonts()
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    families = []
    for family, key in (("NotoSans", "latin"), ("NotoSansJP", "jp")):
        if f"{key}-regular" in fonts:
            pdf.add_font(family, "", str(fonts[f"{key}-regular"]))
            pdf.add_font(family, "B", str(fonts.get(f"{key}-bold", fonts[f"{key}-regular"])))
            families.append(family)
    if not families:
        raise RuntimeError("No Unicode font found for PDF exports (Noto Sans).")
    main = families[0]
    if len(families) > 1:
        pdf.set_fallback_fonts(families[1:])
    pdf.set_title(title)
    pdf.set_creator("Secretariat")
    pdf.add_page()
    width = pdf.epw
    for kind, line in parse_blocks(text):
        if kind == "title":
            pdf.set_font(main, "B", 16)
            pdf.multi_cell(width, 8, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2)
        elif kind == "heading":
            pdf.ln(2)
            pdf.set_font(main, "B", 12.5)
            pdf.multi_cell(width, 7, line, new_x="LMARGIN", new_y="NEXT")
        elif kind == "item":
            pdf.set_font(main, "", 10.5)
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(width - 4, 5.5, "•  " + line, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.set_font(main, "", 10.5)
            pdf.multi_cell(width, 5.5, line, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
    if footer:
        pdf.ln(4)
        pdf.set_font(main, "", 8)
        pdf.set_text_color(90, 100, 115)
        pdf.multi_cell(width, 4, footer, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def render_docx(title: str, text: str, *, footer: str = "") -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.title = title
    document.core_properties.author = "Secretariat"
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
