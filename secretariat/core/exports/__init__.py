"""What every export shares: the PDF set-up with its embedded fonts (`pdf.ExportPDF`), the
refusal of a character no font has (`errors.UnprintableText`, a 422), line breaking
(`typeset`) and the character sets
the fonts cover (`charsets`). The negotiation and meetings exports build on it.
"""

from __future__ import annotations

from secretariat.core.exports.errors import (
    UnprintableText,
    check_xml_characters,
    describe_character,
)
from secretariat.core.exports.pdf import ExportPDF, Span

__all__ = ["ExportPDF", "Span", "UnprintableText", "check_xml_characters", "describe_character"]
