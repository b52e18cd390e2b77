"""What the export tests share: names real delegation lists use, characters no embedded
font has, and the text a PDF or DOCX gives back."""

from __future__ import annotations

import io
import re

# Family names and symbols typed on Japanese and Windows machines (CP932's NEC and IBM
# extensions, JIS X 0213, the Adobe-Japan1 extra 𠮷), with Cyrillic ё/Ё and the Central
# Asian letters and the approximately-equal sign, fraction and white parentheses that only
# the DejaVu supplement draws.
NAMES = "山﨑 髙橋 德川 﨟 草彅剛 ①②Ⅲ㈱ 𠮷田 ёЁ Қазақстан Oʻzbekiston ≒ ⅓ ⦅一⦆"
# No embedded font has these: an emoji and a private-use character.
UNPRINTABLE = "\U0001f600\ue000"


def characters(text: str) -> set[str]:
    return {c for c in text if not c.isspace()}


def pdf_text(body: bytes) -> str:
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(body)).pages)


def docx_text(body: bytes) -> str:
    import docx

    return "\n".join(p.text for p in docx.Document(io.BytesIO(body)).paragraphs)


def missing(expected: str, text: str) -> list[str]:
    """The characters of `expected` that are not in `text` (whitespace aside)."""
    return sorted(characters(expected) - characters(text))


def stretched_lines(body: bytes) -> int:
    """How many text operators set glyphs with spacing adjustments (fpdf2 justifies a line
    with a TJ array of offsets between its glyph runs)."""
    import pypdf

    count = 0
    for page in pypdf.PdfReader(io.BytesIO(body)).pages:
        content = page.get_contents()
        data = content.get_data().decode("latin-1") if content is not None else ""
        count += len(re.findall(r"\)\s*-?\d+(?:\.\d+)?\s*\(", data))
    return count
