"""Exports of negotiated documents: PDF (fpdf2), DOCX (python-docx), Akoma Ntoso 3.0 XML.

    from secretariat.negotiation.exports import ExportDocument, ExportProvision, render
    data, content_type, file_name = render(export_document, "pdf")

`render(data, fmt)` with fmt in "pdf", "docx", "akn" returns (bytes, content type, file
name). See docs/negotiation-text.md.
"""

from __future__ import annotations

from secretariat.negotiation.exports.document import ExportDocument, ExportProvision
from secretariat.negotiation.exports.render import EXPORT_FORMATS, ExportFormat, render

__all__ = ["EXPORT_FORMATS", "ExportDocument", "ExportFormat", "ExportProvision", "render"]
