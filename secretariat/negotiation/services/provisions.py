"""Provisions: the pen-holder inserts, edits, moves and deletes them, or pastes a whole
text. Each change is a new revision (see `_revisions.commit_text`)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secretariat.core.types import Actor
from secretariat.negotiation import events
from secretariat.negotiation.events import emit
from secretariat.negotiation.models import Document, Provision, Revision
from secretariat.negotiation.selectors import current_versions
from secretariat.negotiation.services._common import lock_document, pen_guard
from secretariat.negotiation.services._revisions import (
    Entry,
    commit_text,
    current_entries,
    index_of,
    label_of,
    parse_pasted_text,
)


@transaction.atomic
def provision_insert(
    *,
    actor: Actor,
    document: Document,
    kind: str,
    text: str,
    after: Provision | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    """A new provision after `after` (None: at the start); the rest are renumbered."""
    doc = lock_document(document, expected_version)
    pen_guard(doc, actor)
    entries = current_entries(doc)
    index = index_of(entries, after) + 1 if after is not None else 0
    entries.insert(index, Entry(None, kind, text.strip()))
    revision = commit_text(
        doc, actor=actor, entries=entries, reason=reason, summary=_("Provision inserted")
    )
    emit(events.TextRevised, doc, actor, changed=events.REVISED)
    return revision


@transaction.atomic
def provision_edit(
    *,
    actor: Actor,
    document: Document,
    provision: Provision,
    text: str,
    kind: str | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    doc = lock_document(document, expected_version)
    pen_guard(doc, actor)
    entries = current_entries(doc)
    index = index_of(entries, provision)
    label = label_of(doc, provision.pk)
    entries[index] = Entry(provision.pk, kind or entries[index].kind, text.strip())
    revision = commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason=reason,
        summary=_("%(label)s edited") % {"label": label},
    )
    emit(events.TextRevised, doc, actor, changed=events.REVISED)
    return revision


@transaction.atomic
def provision_move(
    *,
    actor: Actor,
    document: Document,
    provision: Provision,
    after: Provision | None,
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    doc = lock_document(document, expected_version)
    pen_guard(doc, actor)
    entries = current_entries(doc)
    label = label_of(doc, provision.pk)
    moving = entries.pop(index_of(entries, provision))
    if after is not None and after.pk == provision.pk:
        raise ValidationError(_("A provision cannot be moved after itself."))
    index = index_of(entries, after) + 1 if after is not None else 0
    entries.insert(index, moving)
    revision = commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason=reason,
        summary=_("%(label)s moved") % {"label": label},
    )
    emit(events.TextRevised, doc, actor, changed=events.REVISED)
    return revision


@transaction.atomic
def provision_delete(
    *,
    actor: Actor,
    document: Document,
    provision: Provision,
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    doc = lock_document(document, expected_version)
    pen_guard(doc, actor)
    entries = current_entries(doc)
    label = label_of(doc, provision.pk)
    entries.pop(index_of(entries, provision))
    revision = commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason=reason,
        summary=_("%(label)s deleted") % {"label": label},
    )
    emit(events.TextRevised, doc, actor, changed=events.REVISED)
    return revision


@transaction.atomic
def document_replace_text(
    *,
    actor: Actor,
    document: Document,
    pasted: str,
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    """Paste a whole Word-style text. Provisions whose kind and text are unchanged keep
    their identity (so their proposals, translations and history stay with them)."""
    doc = lock_document(document, expected_version)
    pen_guard(doc, actor)
    pasted_entries = parse_pasted_text(pasted)
    if not pasted_entries:
        raise ValidationError(_("The pasted text is empty."))
    available: dict[tuple[str, str], list[int]] = {}
    for version in current_versions(doc):
        available.setdefault((version.kind, version.text), []).append(version.provision_id)
    entries = []
    for entry in pasted_entries:
        ids = available.get((entry.kind, entry.text))
        entries.append(Entry(ids.pop(0) if ids else None, entry.kind, entry.text))
    revision = commit_text(
        doc, actor=actor, entries=entries, reason=reason, summary=_("Text replaced")
    )
    emit(events.TextRevised, doc, actor, changed=events.REVISED)
    return revision
