"""What an export is made of: a plain, frozen snapshot of one document in one language.

The negotiation core builds it (`secretariat.negotiation.selectors.document_export_data`)
and the renderers here (PDF, DOCX, Akoma Ntoso) turn it into bytes. Renderers never touch
the database, so an export is exactly the snapshot it was given.

Provision markups use the bracket markup of `secretariat.negotiation.text.brackets`; a
draft shows its brackets highlighted, an adopted text (``adopted_hash`` set) prints its
SHA-256 over the canonical form of `secretariat.negotiation.text.canonical`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ExportProvision:
    """One provision: its display number ("1", "1.2", "(a)", "" for a heading without one),
    its kind (heading, preambular, operative, subparagraph, ...) and its bracket markup."""

    number: str
    kind: str
    markup: str


@dataclass(frozen=True)
class ExportDocument:
    """A document in one language at one revision, ready to export.

    ``status`` is the already translated label of the lifecycle state ("Draft",
    "Adopted", ...); ``revision_label`` is e.g. "Rev.3". ``adopted_hash`` and
    ``adopted_on`` are set only for adopted texts; a document without them is a draft
    and its exports carry a draft notice.
    """

    title: str
    kind: str
    format_name: str
    status: str
    language: str
    revision_label: str
    provisions: tuple[ExportProvision, ...]
    adopted_hash: str | None
    adopted_on: date | None
    format_slug: str
    document_slug: str
    # Optional extras: the date the revision was made (used for the Akoma Ntoso
    # expression date of drafts) and a translated label of the document kind.
    revision_date: date | None = None
    kind_label: str = ""
    authors: tuple[str, ...] = field(default=())

    @property
    def is_adopted(self) -> bool:
        return self.adopted_hash is not None

    @property
    def identifier(self) -> str:
        """A stable identifier: "<format slug>/<document slug>"."""
        return f"{self.format_slug}/{self.document_slug}"
