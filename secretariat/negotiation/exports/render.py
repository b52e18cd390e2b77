"""Dispatch an export to its renderer."""

from __future__ import annotations

import re
from typing import Literal, get_args

from secretariat.core.exports import check_xml_characters
from secretariat.negotiation.exports.document import ExportDocument

ExportFormat = Literal["pdf", "docx", "akn"]
EXPORT_FORMATS: tuple[str, ...] = get_args(ExportFormat)

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "akn": "application/akn+xml",
}
EXTENSIONS = {"pdf": "pdf", "docx": "docx", "akn": "xml"}


def export_file_name(data: ExportDocument, fmt: str) -> str:
    """e.g. "central-asia-japan_programme-document_Rev.3_en.pdf" (ASCII, no spaces)."""
    stem = "_".join(
        part
        for part in (data.format_slug, data.document_slug, data.revision_label, data.language)
        if part
    )
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-") or "document"
    return f"{stem}.{EXTENSIONS[fmt]}"


def _texts(data: ExportDocument) -> list[str]:
    fields = [data.title, data.format_name, data.status, data.kind_label, data.revision_label]
    return fields + list(data.authors) + [p.number + p.markup for p in data.provisions]


def render(data: ExportDocument, fmt: ExportFormat) -> tuple[bytes, str, str]:
    """Render `data` as `fmt`; returns (bytes, content type, file name).

    Raises ValueError for an unknown format, UnprintableText (a ValidationError) for a
    character the PDF fonts lack or XML cannot carry.
    """
    if fmt in ("docx", "akn"):
        check_xml_characters(_texts(data))
    if fmt == "pdf":
        from secretariat.negotiation.exports.pdf import render_pdf

        body = render_pdf(data)
    elif fmt == "docx":
        from secretariat.negotiation.exports.docx import render_docx

        body = render_docx(data)
    elif fmt == "akn":
        from secretariat.negotiation.exports.akn import render_akn

        body = render_akn(data)
    else:
        raise ValueError(f"Unknown export format {fmt!r}; use one of: {', '.join(EXPORT_FORMATS)}.")
    return body, CONTENT_TYPES[fmt], export_file_name(data, fmt)
