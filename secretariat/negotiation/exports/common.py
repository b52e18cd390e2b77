"""What the renderers share: translated labels and a flat view of bracket markup."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from django.utils import formats, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from secretariat.negotiation.exports.document import ExportDocument
from secretariat.negotiation.text.brackets import Span, Text, open_brackets, parse

SegmentStyle = Literal["text", "bracket", "holders"]


@dataclass(frozen=True)
class Segment:
    style: SegmentStyle
    text: str


def segments(text: Text, *, inside: bool = False) -> Iterator[Segment]:
    """The provision as runs to draw: agreed text, bracketed text (delimiters, options
    and separators, nested brackets included) and holders (after a bracket)."""
    for node in text:
        if isinstance(node, Span):
            yield Segment("bracket" if inside else "text", node.text)
            continue
        yield Segment("bracket", "[")
        for k, option in enumerate(node.options):
            if k:
                yield Segment("bracket", " / ")
            yield from segments(option, inside=True)
        yield Segment("bracket", "]")
        if node.holders:
            yield Segment("holders", ", ".join(node.holders))


@dataclass(frozen=True)
class Labels:
    """Every fixed string of an export, in the document's language."""

    status_line: str
    draft_notice: str
    adopted_line: str
    hash_label: str
    hash_note: str
    open_brackets: str
    page: str


def labels(data: ExportDocument) -> Labels:
    total = sum(open_brackets(parse(p.markup)) for p in data.provisions)
    with translation.override(data.language):
        adopted = (
            _("Adopted on %(date)s") % {"date": formats.date_format(data.adopted_on, "DATE_FORMAT")}
            if data.adopted_on
            else ""
        )
        # An adopted text says when; its status label would only repeat "adopted".
        parts = [data.kind_label, adopted or data.status, data.revision_label]
        parts = [capfirst(p) for p in parts if p]
        return Labels(
            status_line=" · ".join(parts),
            draft_notice=_(
                "Draft for negotiation, not agreed text. Square brackets mark text that "
                "is not agreed; the codes after a bracket name the delegations holding it."
            ),
            adopted_line=adopted,
            hash_label=_("Text hash (SHA-256)"),
            hash_note=_(
                "Computed over the canonical form of this language version; see the "
                "Secretariat documentation to verify it."
            ),
            open_brackets=_("Open brackets: %(count)d") % {"count": total},
            page=_("Page"),
        )
