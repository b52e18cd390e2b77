"""Writing a revision: the one path every change of a document's text takes.

A service builds the whole text it wants as a list of `Entry` (existing provisions by
id, new ones without) and `commit_text` writes it as the next immutable revision: only
provisions whose kind, text or place changed get a new version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.negotiation.models import (
    Document,
    Provision,
    ProvisionKind,
    ProvisionVersion,
    Revision,
)
from secretariat.negotiation.rules import assign_order_keys, number_provisions
from secretariat.negotiation.selectors import current_versions
from secretariat.negotiation.services._common import touch, user_of
from secretariat.negotiation.text import brackets


@dataclass(frozen=True)
class Entry:
    """One provision of a text about to be committed: existing (provision id) or new."""

    provision_id: int | None
    kind: str
    text: str


def validate_markup(text: str, *, where: str = "") -> int:
    """Parse bracket markup; returns the number of open brackets. A malformed markup
    raises ValidationError naming the character position of the error."""
    try:
        parsed = brackets.parse(text)
    except brackets.BracketSyntaxError as exc:
        raise ValidationError(
            _("%(where)sMalformed brackets at character %(position)s: %(detail)s")
            % {
                "where": f"{where}: " if where else "",
                "position": exc.position + 1,
                "detail": exc.message,
            },
            code="brackets",
        ) from exc
    return brackets.open_brackets(parsed)


def parse_pasted_text(pasted: str) -> list[Entry]:
    """Split a Word-style text into provisions (see `brackets.import_word_text`: one per
    line, printed numbering turned into the kind, "[...] (JP, KZ)" into brackets with
    holders). A malformed bracket is reported with its line and character and nothing is
    saved. Paragraphs without a kind hint are preambular."""
    try:
        imported = brackets.import_word_text(pasted)
    except brackets.BracketSyntaxError as exc:
        line = pasted.count("\n", 0, exc.position) + 1
        column = exc.position - (pasted.rfind("\n", 0, exc.position) + 1) + 1
        raise ValidationError(
            _(
                "Line %(line)s, character %(column)s: %(detail)s. Nothing was saved; "
                "correct the brackets and paste again."
            )
            % {"line": line, "column": column, "detail": exc.message},
            code="brackets",
        ) from exc
    kinds = set(ProvisionKind.values)
    return [
        Entry(None, hint if hint in kinds else ProvisionKind.PREAMBULAR, markup)
        for hint, markup in imported
    ]


def entries_of(versions: Sequence[ProvisionVersion]) -> list[Entry]:
    return [Entry(v.provision_id, v.kind, v.text) for v in versions]


def current_entries(document: Document) -> list[Entry]:
    return entries_of(current_versions(document))


def current_version_of(document: Document, provision: Provision) -> ProvisionVersion | None:
    return ProvisionVersion.objects.filter(
        document=document, provision=provision, valid_to__isnull=True
    ).first()


def label_of(document: Document, provision_id: int) -> str:
    """How delegates refer to the provision in the current text ("OP3(b)")."""
    versions = current_versions(document)
    numbering = number_provisions(v.kind for v in versions)
    for version, numbered in zip(versions, numbering, strict=True):
        if version.provision_id == provision_id:
            return numbered.label
    return "?"


def index_of(entries: Sequence[Entry], provision: Provision) -> int:
    for index, entry in enumerate(entries):
        if entry.provision_id == provision.pk:
            return index
    raise ConflictError(
        _("This provision is no longer in the current text (it was deleted in a later revision).")
    )


def _open_brackets_of(entries: Sequence[Entry]) -> list[int]:
    """Each entry's open brackets; refuses an unknown kind, an empty text or bad markup."""
    valid_kinds = set(ProvisionKind.values)
    counts: list[int] = []
    for index, entry in enumerate(entries, start=1):
        if entry.kind not in valid_kinds:
            raise ValidationError(_("Unknown kind of provision: %(kind)s.") % {"kind": entry.kind})
        if not entry.text.strip():
            raise ValidationError(
                _("Provision %(n)s has no text; delete it instead.") % {"n": index}
            )
        counts.append(validate_markup(entry.text, where=_("Provision %(n)s") % {"n": index}))
    return counts


def commit_text(
    document: Document,
    *,
    actor: Actor | None,
    entries: Sequence[Entry],
    reason: str,
    summary: str,
    allow_unchanged: bool = False,
) -> Revision:
    """Write `entries` as the document's next revision. Only provisions whose kind, text or
    place changed get a new version; the rest carry on unchanged."""
    counts = _open_brackets_of(entries)
    current = {v.provision_id: v for v in current_versions(document)}
    keys = assign_order_keys(
        [current[e.provision_id].order_key if e.provision_id in current else None for e in entries]
    )
    number = document.current_revision + 1
    to_close: list[int] = []
    to_create: list[ProvisionVersion] = []
    seen: set[int] = set()
    for entry, key, count in zip(entries, keys, counts, strict=True):
        old = current.get(entry.provision_id) if entry.provision_id else None
        if entry.provision_id is not None:
            if old is None or entry.provision_id in seen:
                raise ValidationError(_("A provision was given that is not in the current text."))
            seen.add(entry.provision_id)
        if old and old.kind == entry.kind and old.text == entry.text and old.order_key == key:
            continue
        if old:
            to_close.append(old.pk)
            provision_id = old.provision_id
        else:
            provision_id = Provision.objects.create(document=document, created_in=number).pk
        to_create.append(
            ProvisionVersion(
                provision_id=provision_id,
                document=document,
                valid_from=number,
                order_key=key,
                kind=entry.kind,
                text=entry.text,
                open_brackets=count,
            )
        )
    to_close.extend(v.pk for pid, v in current.items() if pid not in seen)
    if not to_close and not to_create and not allow_unchanged:
        raise ValidationError(
            _("Nothing changed: the text is the same as in the current revision.")
        )
    ProvisionVersion.objects.filter(pk__in=to_close).update(valid_to=number)
    ProvisionVersion.objects.bulk_create(to_create)
    revision = Revision(
        document=document, number=number, created_by=user_of(actor), reason=reason, summary=summary
    )
    revision.full_clean(exclude=["document"])
    revision.save()
    document.current_revision = number
    touch(document, "current_revision")
    audit_record(
        actor=actor,
        action="document.revise",
        target=document,
        summary=f"{revision.label}: {summary}",
        revision=number,
        reason=reason,
    )
    return revision
