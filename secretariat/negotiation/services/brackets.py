"""Square brackets in the text: the pen-holder adds and removes them and records who holds
them; a delegation adds itself to, or removes itself from, a bracket's holders."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from secretariat.core.types import Actor
from secretariat.formats.models import Delegation
from secretariat.formats.selectors import member_delegations
from secretariat.negotiation import events, policy
from secretariat.negotiation.events import emit
from secretariat.negotiation.models import Document, Provision, Revision
from secretariat.negotiation.services._common import (
    check_delegation,
    lock_document,
    pen_guard,
    refuse_unless_text_editable,
    require,
)
from secretariat.negotiation.services._revisions import (
    Entry,
    commit_text,
    current_entries,
    index_of,
    label_of,
)
from secretariat.negotiation.text import brackets as markup


def _holder_codes(doc: Document) -> dict[str, Delegation]:
    return {d.state.iso2: d for d in member_delegations(doc.format_id)}


def _holders_of(text: markup.Text, index: int) -> tuple[str, ...] | None:
    """The holders of the `index`-th bracket (depth first), or None when there is none."""
    found = markup.brackets(text)
    return found[index].holders if 0 <= index < len(found) else None


@transaction.atomic
def bracket_resolve(
    *,
    actor: Actor,
    document: Document,
    provision: Provision,
    index: int,
    choice: int | None,
    drop: bool = False,
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    """Remove a bracket by keeping one of its options (`choice`, 0-based), or, for a bracket
    of one option, agreeing its text (`choice` None), or dropping it with all its text
    (`drop`, e.g. an agreed deletion; a provision left empty goes). A recorded change: a new
    revision."""
    doc = lock_document(document, expected_version)
    pen_guard(doc, actor)
    entries = current_entries(doc)
    position = index_of(entries, provision)
    label = label_of(doc, provision.pk)
    text = markup.parse(entries[position].text)
    try:
        if drop:
            resolved = markup.drop_bracket(text, index)
        else:
            resolved = markup.resolve_bracket(text, index, choice)
    except markup.BracketEditError as exc:
        raise ValidationError(f"{label}: {exc}") from exc
    new_text = markup.serialize(resolved)
    if not new_text.strip():
        entries.pop(position)
    else:
        entries[position] = Entry(provision.pk, entries[position].kind, new_text)
    if drop:
        what = _("text dropped")
    elif choice is not None:
        what = _("option %(n)s kept") % {"n": choice + 1}
    else:
        what = _("text agreed")
    revision = commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason=reason,
        summary=_("Bracket %(index)s in %(label)s removed: %(what)s")
        % {"index": index + 1, "label": label, "what": what},
    )
    emit(events.TextRevised, doc, actor, changed=events.REVISED)
    return revision


@transaction.atomic
def bracket_add(
    *,
    actor: Actor,
    document: Document,
    provision: Provision,
    start: int | None = None,
    end: int | None = None,
    span: str = "",
    alternatives: Sequence[str] = (),
    holders: Sequence[str] = (),
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    """The pen-holder brackets a span [start, end) of the provision as read (its plain
    rendering), optionally with alternatives and holders. Instead of offsets the span may
    be given as its text (`span`), which must then occur exactly once in the provision;
    offsets and text together are checked against each other, and the text wins."""
    doc = lock_document(document, expected_version)
    pen_guard(doc, actor)
    codes = _holder_codes(doc)
    unknown = [code for code in holders if code.strip().upper() not in codes]
    if unknown:
        raise ValidationError(
            _("Not a member delegation: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    entries = current_entries(doc)
    position = index_of(entries, provision)
    label = label_of(doc, provision.pk)
    start, end = _locate_span(entries[position].text, label, start, end, span)
    try:
        added = markup.add_bracket(entries[position].text, start, end, alternatives, holders)
    except markup.BracketSyntaxError as exc:
        raise ValidationError(
            _("Malformed brackets at character %(position)s: %(detail)s")
            % {"position": exc.position + 1, "detail": exc.message}
        ) from exc
    except markup.BracketEditError as exc:
        raise ValidationError(str(exc)) from exc
    entries[position] = Entry(provision.pk, entries[position].kind, added)
    revision = commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason=reason,
        summary=_("Text bracketed in %(label)s") % {"label": label},
    )
    emit(events.TextRevised, doc, actor, changed=events.REVISED)
    return revision


def _locate_span(
    text: str, label: str, start: int | None, end: int | None, span: str
) -> tuple[int, int]:
    """Offsets in the plain rendering of the span to bracket (see `bracket_add`)."""
    wanted = " ".join(span.split())
    if not wanted:
        if start is None or end is None:
            raise ValidationError(_("Select or type the text to put in brackets."))
        return start, end
    try:
        plain = markup.plain_text(markup.parse(text))
    except markup.BracketSyntaxError:
        return start or 0, end or 0  # add_bracket reports the markup error
    if start is not None and end is not None and " ".join(plain[start:end].split()) == wanted:
        return start, end
    found = [m.start() for m in re.finditer(f"(?={re.escape(wanted)})", plain)]
    if not found:
        raise ValidationError(
            _("“%(span)s” does not occur in %(label)s; copy the text exactly as it reads.")
            % {"span": wanted, "label": label}
        )
    if len(found) > 1:
        raise ValidationError(
            _(
                "“%(span)s” occurs %(count)s times in %(label)s; give a few more words so "
                "that it occurs once."
            )
            % {"span": wanted, "count": len(found), "label": label}
        )
    return found[0], found[0] + len(wanted)


@transaction.atomic
def bracket_holder_set_own(
    *,
    actor: Actor,
    document: Document,
    provision: Provision,
    index: int,
    delegation: Delegation,
    holds: bool,
    expected_version: int | None = None,
) -> Revision | None:
    """A delegation adds itself to, or removes itself from, the holders of a bracket.
    None when it already was (or was not) a holder: nothing to record."""
    doc = lock_document(document, expected_version)
    check_delegation(doc, delegation, actor)
    entries = current_entries(doc)
    position = index_of(entries, provision)
    current = _holders_of(markup.parse(entries[position].text), index)
    if current is None:
        raise ValidationError(_("There is no bracket %(index)s here.") % {"index": index + 1})
    code = delegation.state.iso2
    if (code in current) == holds:
        return None
    wanted = [*current, code] if holds else [c for c in current if c != code]
    return bracket_set_holders(
        actor=actor, document=doc, provision=provision, index=index, holders=wanted
    )


@transaction.atomic
def bracket_set_holders(
    *,
    actor: Actor,
    document: Document,
    provision: Provision,
    index: int,
    holders: Sequence[str],
    expected_version: int | None = None,
) -> Revision:
    """The pen-holder records which delegations hold a bracket. A delegation's speaker may
    add or remove its own state only."""
    doc = lock_document(document, expected_version)
    refuse_unless_text_editable(doc)
    codes = _holder_codes(doc)
    wanted = sorted({code.strip().upper() for code in holders if code.strip()})
    unknown = [code for code in wanted if code not in codes]
    if unknown:
        raise ValidationError(
            _("Not a member delegation: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    entries = current_entries(doc)
    position = index_of(entries, provision)
    text = markup.parse(entries[position].text)
    current = _holders_of(text, index)
    if current is None:
        raise ValidationError(_("There is no bracket %(index)s here.") % {"index": index + 1})
    if not policy.can_hold_pen(actor, doc):
        own = {
            d.state.iso2
            for d in codes.values()
            if d.pk in set(policy.speaking_delegations(actor, doc))
        }
        changed = set(current) ^ set(wanted)
        require(
            bool(own) and changed <= own,
            _("You may only add or remove your own delegation as a holder of a bracket."),
        )
    label = label_of(doc, provision.pk)
    try:
        changed_text = markup.set_holders(text, index, tuple(wanted))
    except markup.BracketEditError as exc:
        raise ValidationError(str(exc)) from exc
    entries[position] = Entry(provision.pk, entries[position].kind, markup.serialize(changed_text))
    revision = commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason="",
        summary=_("Holders of bracket %(index)s in %(label)s: %(holders)s")
        % {"index": index + 1, "label": label, "holders": ", ".join(wanted) or "—"},
    )
    emit(events.TextRevised, doc, actor, changed=events.REVISED)
    return revision
