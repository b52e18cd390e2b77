"""Every change to a negotiated document goes through here.

Each service checks the actor against `secretariat.negotiation.policy`, validates, writes
in one transaction (the document row locked, its `version` compared when the caller says
which version it read: optimistic locking) and appends to the audit trail. A change of
text always leaves a new immutable revision with who, when and why.

Errors: `PermissionDenied` (not allowed), `ConflictError` (someone changed it first, or the
document's state forbids it), Django `ValidationError` (bad input). Nothing is written when
any of them is raised.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.formats.models import Delegation, DialogueFormat
from secretariat.formats.selectors import member_delegations
from secretariat.negotiation import policy
from secretariat.negotiation.models import (
    Document,
    DocumentKind,
    DocumentState,
    FinalMode,
    FrozenText,
    Position,
    PositionStance,
    Proposal,
    ProposalKind,
    ProposalStance,
    ProposalStatus,
    Provision,
    ProvisionKind,
    ProvisionTranslation,
    ProvisionVersion,
    Revision,
    SilenceProcedure,
    Stance,
)
from secretariat.negotiation.rules import assign_order_keys, consensus, number_provisions
from secretariat.negotiation.text import brackets
from secretariat.negotiation.text.canonical import canonical_bytes, text_hash

MIN_SILENCE = timedelta(hours=1)

# --- helpers ------------------------------------------------------------------------------


def _lock(document: Document, expected_version: int | None) -> Document:
    """The document's row, locked for this transaction; its version checked."""
    locked = Document.objects.select_for_update().select_related("format").get(pk=document.pk)
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(
            _(
                "“%(title)s” was changed by someone else since you loaded it (you had version "
                "%(yours)s, it is now at version %(now)s, %(rev)s). Reload it, check the "
                "change and try again; nothing was saved."
            )
            % {
                "title": locked.title,
                "yours": expected_version,
                "now": locked.version,
                "rev": f"Rev.{locked.current_revision}",
            }
        )
    return locked


def _touch(document: Document, *fields: str) -> None:
    document.version += 1
    document.save(update_fields=["version", *fields])
    # keep the caller's object current too (views hand it on to templates)


def _refuse_unless_text_editable(document: Document) -> None:
    state = document.effective_state()
    if state not in (DocumentState.DRAFT, DocumentState.NEGOTIATION):
        raise ConflictError(
            _("The text of “%(title)s” cannot change: it is %(state)s.")
            % {"title": document.title, "state": document.effective_state_label()}
        )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


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


@dataclass(frozen=True)
class Entry:
    """One provision of a text about to be committed: existing (provision id) or new."""

    provision_id: int | None
    kind: str
    text: str


def _current_versions(document: Document) -> list[ProvisionVersion]:
    return list(
        ProvisionVersion.objects.filter(document=document, valid_to__isnull=True).order_by(
            "order_key"
        )
    )


def _entries(versions: Sequence[ProvisionVersion]) -> list[Entry]:
    return [Entry(v.provision_id, v.kind, v.text) for v in versions]


def _commit_text(
    document: Document,
    *,
    actor: Any,
    entries: Sequence[Entry],
    reason: str,
    summary: str,
    allow_unchanged: bool = False,
) -> Revision:
    """Write `entries` as the document's next revision. Only provisions whose kind, text or
    place changed get a new version; the rest carry on unchanged."""
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
    current = {v.provision_id: v for v in _current_versions(document)}
    keys = assign_order_keys([current[e.provision_id].order_key if e.provision_id in current
                              else None for e in entries])  # fmt: skip
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
        document=document, number=number, created_by=_user(actor), reason=reason, summary=summary
    )
    revision.full_clean(exclude=["document"])
    revision.save()
    document.current_revision = number
    _touch(document, "current_revision")
    audit_record(
        actor=actor,
        action="document.revise",
        target=document,
        summary=f"{revision.label}: {summary}",
        revision=number,
        reason=reason,
    )
    return revision


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _label_of(document: Document, provision_id: int) -> str:
    versions = _current_versions(document)
    numbering = number_provisions(v.kind for v in versions)
    for version, numbered in zip(versions, numbering, strict=True):
        if version.provision_id == provision_id:
            return numbered.label
    return "?"


def _index_of(entries: Sequence[Entry], provision: Provision) -> int:
    for index, entry in enumerate(entries):
        if entry.provision_id == provision.pk:
            return index
    raise ConflictError(
        _("This provision is no longer in the current text (it was deleted in a later revision).")
    )


def _check_delegation(document: Document, delegation: Delegation, actor: Any) -> None:
    if delegation.format_id != document.format_id or not any(
        d.pk == delegation.pk for d in member_delegations(document.format_id)
    ):
        raise PermissionDenied(
            _("%(state)s is not a member delegation of %(format)s and has no say on its texts.")
            % {"state": delegation.state, "format": document.format}
        )
    _require(
        policy.can_speak_in(actor, document, delegation),
        _("Only the head of delegation or a delegate of %(state)s may speak for it.")
        % {"state": delegation.state},
    )


# --- documents ------------------------------------------------------------------------------


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


def _unique_slug(fmt: DialogueFormat, title: str, slug: str) -> str:
    base = slugify(slug or title)[:70] or "document"
    candidate, n = base, 2
    while Document.objects.filter(format=fmt, slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


@transaction.atomic
def document_create(
    *,
    actor: Any,
    fmt: DialogueFormat,
    kind: str,
    title: str,
    language: str = "en",
    authentic_languages: Sequence[str] | None = None,
    pen_holder: Delegation | None = None,
    text: str = "",
    slug: str = "",
    titles: dict[str, str] | None = None,
    shared_with_observers: bool = False,
    reason: str = "",
) -> Document:
    """The secretariat or the chair opens a draft; its pasted text becomes Rev.1.
    Authentic languages must be working languages of the format; the pen-holder is the
    secretariat (None) or a member delegation."""
    _require(
        actor is None or policy.can_create_document(actor, fmt),
        _("Only the secretariat or the chair of %(format)s may start a document.")
        % {"format": fmt},
    )
    languages = list(authentic_languages or [language])
    if language not in languages:
        languages.insert(0, language)
    unknown = [code for code in languages if code not in fmt.working_languages]
    if unknown:
        raise ValidationError(
            _("Not a working language of %(format)s: %(codes)s.")
            % {"format": fmt, "codes": ", ".join(unknown)}
        )
    if len(set(languages)) != len(languages):
        raise ValidationError(_("Each authentic language may be listed only once."))
    if pen_holder is not None and pen_holder.pk not in {d.pk for d in member_delegations(fmt)}:
        raise ValidationError(_("The pen-holder must be the secretariat or a member delegation."))
    if kind not in DocumentKind.values:
        raise ValidationError(_("Unknown kind of document: %(kind)s.") % {"kind": kind})
    entries = parse_pasted_text(text)
    document = Document(
        format=fmt,
        slug=_unique_slug(fmt, title, slug),
        kind=kind,
        title=title.strip(),
        language=language,
        authentic_languages=languages,
        titles={k: v for k, v in (titles or {}).items() if k in languages and v.strip()},
        pen_holder=pen_holder,
        shared_with_observers=shared_with_observers,
        created_by=_user(actor),
    )
    document.full_clean()
    document.save()
    audit_record(actor=actor, action="document.create", target=document, summary=document.title)
    _commit_text(
        document,
        actor=actor,
        entries=entries,
        reason=reason or _("First draft."),
        summary=_("First draft"),
        allow_unchanged=True,
    )
    return document


@transaction.atomic
def document_update(
    *,
    actor: Any,
    document: Document,
    expected_version: int | None = None,
    title: str | None = None,
    titles: dict[str, str] | None = None,
    shared_with_observers: bool | None = None,
    pen_holder: Delegation | bool | None = False,
) -> Document:
    """Metadata: title and its translations (pen-holder), sharing with observers and the
    pen-holder (secretariat). An adopted or withdrawn document keeps its metadata."""
    doc = _lock(document, expected_version)
    if doc.effective_state() in (DocumentState.ADOPTED, DocumentState.WITHDRAWN):
        raise ConflictError(
            _("“%(title)s” is %(state)s; it cannot change any more.")
            % {"title": doc.title, "state": doc.effective_state_label()}
        )
    fields: list[str] = []
    if title is not None or titles is not None:
        _require(policy.can_hold_pen(actor, doc), _("Only the pen-holder may change the title."))
        if title is not None:
            doc.title = title.strip()
            fields.append("title")
        if titles is not None:
            stray = [code for code in titles if code not in doc.authentic_languages]
            if stray:
                raise ValidationError(
                    _("Not an authentic language of this document: %(codes)s.")
                    % {"codes": ", ".join(stray)}
                )
            doc.titles = {**doc.titles, **{k: v.strip() for k, v in titles.items()}}
            fields.append("titles")
    if shared_with_observers is not None or pen_holder is not False:
        _require(
            policy.can_manage_document(actor, doc),
            _("Only the secretariat shares documents and appoints the pen-holder."),
        )
        if shared_with_observers is not None:
            doc.shared_with_observers = shared_with_observers
            fields.append("shared_with_observers")
        if pen_holder is not False:
            assert pen_holder is None or isinstance(pen_holder, Delegation)
            if pen_holder is not None and pen_holder.pk not in {
                d.pk for d in member_delegations(doc.format_id)
            }:
                raise ValidationError(
                    _("The pen-holder must be the secretariat or a member delegation.")
                )
            doc.pen_holder = pen_holder
            fields.append("pen_holder")
    if not fields:
        raise ValidationError(_("Nothing to change."))
    doc.full_clean()
    _touch(doc, *fields)
    audit_record(actor=actor, action="document.update", target=doc, summary=", ".join(fields))
    return doc


def _transition_refused(doc: Document, action: str) -> ConflictError:
    return ConflictError(
        _("“%(title)s” is %(state)s; it cannot %(action)s.")
        % {"title": doc.title, "state": doc.effective_state_label(), "action": action}
    )


@transaction.atomic
def document_open_negotiation(
    *, actor: Any, document: Document, expected_version: int | None = None
) -> Document:
    doc = _lock(document, expected_version)
    _require(
        policy.can_hold_pen(actor, doc) or policy.can_chair(actor, doc),
        _("Only the pen-holder, the chair or the secretariat may open negotiations."),
    )
    if doc.effective_state() != DocumentState.DRAFT:
        raise _transition_refused(doc, _("be opened for negotiation"))
    doc.open_negotiation()
    _touch(doc, "state", "final_mode")
    audit_record(actor=actor, action="document.open_negotiation", target=doc, summary=doc.title)
    return doc


def _refuse_open_brackets(doc: Document) -> None:
    versions = _current_versions(doc)
    numbering = number_provisions(v.kind for v in versions)
    open_in = [n.label for v, n in zip(versions, numbering, strict=True) if v.open_brackets]
    if open_in:
        total = sum(v.open_brackets for v in versions)
        raise ConflictError(
            _(
                "%(count)s bracket(s) are still open (in %(where)s); a text with open "
                "brackets cannot become final."
            )
            % {"count": total, "where": ", ".join(open_in[:12])}
        )
    if not versions:
        raise ConflictError(_("The document has no provisions yet."))


def language_gaps(doc: Document) -> list[str]:
    """What keeps the authentic language versions from matching the current revision."""
    versions = _current_versions(doc)
    gaps: list[str] = []
    others = [code for code in doc.languages if code != doc.language]
    if not others:
        return gaps
    aligned = set(
        ProvisionTranslation.objects.filter(
            version__in=[v.pk for v in versions], language__in=others
        ).values_list("version_id", "language")
    )
    numbering = number_provisions(v.kind for v in versions)
    older = set(
        ProvisionTranslation.objects.filter(document=doc, language__in=others)
        .exclude(version__in=[v.pk for v in versions])
        .values_list("provision_id", "language")
    )
    for code in others:
        if not doc.title_in(code):
            gaps.append(_("%(lang)s: the title is not translated") % {"lang": code})
        missing = [
            n.label
            for v, n in zip(versions, numbering, strict=True)
            if (v.pk, code) not in aligned and (v.provision_id, code) not in older
        ]
        stale = [
            n.label
            for v, n in zip(versions, numbering, strict=True)
            if (v.pk, code) not in aligned and (v.provision_id, code) in older
        ]
        if missing:
            gaps.append(
                _("%(lang)s: not translated: %(where)s")
                % {"lang": code, "where": ", ".join(missing[:12])}
            )
        if stale:
            gaps.append(
                _("%(lang)s: aligned to an older revision: %(where)s")
                % {"lang": code, "where": ", ".join(stale[:12])}
            )
    return gaps


def _refuse_language_gaps(doc: Document) -> None:
    gaps = language_gaps(doc)
    if gaps:
        raise ConflictError(
            _("Every authentic language version must match %(rev)s first. %(gaps)s.")
            % {"rev": f"Rev.{doc.current_revision}", "gaps": "; ".join(gaps)}
        )


@transaction.atomic
def document_finalise(
    *, actor: Any, document: Document, expected_version: int | None = None
) -> Document:
    """Final text, awaiting adoption at a meeting: no bracket may be open."""
    doc = _lock(document, expected_version)
    _require(
        policy.can_chair(actor, doc),
        _("Only the chair or the secretariat may declare the text final."),
    )
    if doc.effective_state() != DocumentState.NEGOTIATION:
        raise _transition_refused(doc, _("become final text"))
    _refuse_open_brackets(doc)
    doc.finalise(FinalMode.MEETING)
    _touch(doc, "state", "final_mode", "silence_deadline")
    audit_record(actor=actor, action="document.finalise", target=doc, summary=doc.title)
    return doc


@transaction.atomic
def document_reopen(
    *, actor: Any, document: Document, reason: str, expected_version: int | None = None
) -> Document:
    """Back from final text to negotiation (not while a silence procedure runs: break it)."""
    doc = _lock(document, expected_version)
    _require(
        policy.can_chair(actor, doc),
        _("Only the chair or the secretariat may reopen negotiations."),
    )
    if doc.effective_state() != DocumentState.FINAL or doc.final_mode != FinalMode.MEETING:
        raise _transition_refused(doc, _("be reopened"))
    if not reason.strip():
        raise ValidationError(_("Say why the text is reopened."))
    doc.reopen()
    _touch(doc, "state", "final_mode", "silence_deadline")
    audit_record(actor=actor, action="document.reopen", target=doc, summary=reason)
    return doc


@transaction.atomic
def document_withdraw(
    *, actor: Any, document: Document, reason: str, expected_version: int | None = None
) -> Document:
    doc = _lock(document, expected_version)
    _require(
        policy.can_manage_document(actor, doc),
        _("Only the secretariat may withdraw a document."),
    )
    if doc.effective_state() not in (
        DocumentState.DRAFT,
        DocumentState.NEGOTIATION,
        DocumentState.FINAL,
    ):
        raise _transition_refused(doc, _("be withdrawn"))
    if not reason.strip():
        raise ValidationError(_("Say why the document is withdrawn."))
    if doc.final_mode == FinalMode.SILENCE:
        running = SilenceProcedure.objects.filter(document=doc, broken_at__isnull=True)
        for procedure_id in running.values_list("pk", flat=True):
            _notify_silence(procedure_id)
        running.update(
            broken_at=timezone.now(), break_kind="", break_reason=reason, broken_by=_user(actor)
        )
    doc.withdraw()
    doc.withdrawn_reason = reason
    _touch(doc, "state", "final_mode", "silence_deadline", "withdrawn_reason")
    audit_record(actor=actor, action="document.withdraw", target=doc, summary=reason)
    return doc


# --- provisions -----------------------------------------------------------------------------


def _pen_guard(doc: Document, actor: Any) -> None:
    _require(
        policy.can_hold_pen(actor, doc),
        _("Only the pen-holder of “%(title)s” edits its text.") % {"title": doc.title},
    )
    _refuse_unless_text_editable(doc)


@transaction.atomic
def provision_insert(
    *,
    actor: Any,
    document: Document,
    kind: str,
    text: str,
    after: Provision | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    """A new provision after `after` (None: at the start); the rest are renumbered."""
    doc = _lock(document, expected_version)
    _pen_guard(doc, actor)
    entries = _entries(_current_versions(doc))
    index = _index_of(entries, after) + 1 if after is not None else 0
    entries.insert(index, Entry(None, kind, text.strip()))
    return _commit_text(
        doc, actor=actor, entries=entries, reason=reason, summary=_("Provision inserted")
    )


@transaction.atomic
def provision_edit(
    *,
    actor: Any,
    document: Document,
    provision: Provision,
    text: str,
    kind: str | None = None,
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    doc = _lock(document, expected_version)
    _pen_guard(doc, actor)
    entries = _entries(_current_versions(doc))
    index = _index_of(entries, provision)
    label = _label_of(doc, provision.pk)
    entries[index] = Entry(provision.pk, kind or entries[index].kind, text.strip())
    return _commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason=reason,
        summary=_("%(label)s edited") % {"label": label},
    )


@transaction.atomic
def provision_move(
    *,
    actor: Any,
    document: Document,
    provision: Provision,
    after: Provision | None,
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    doc = _lock(document, expected_version)
    _pen_guard(doc, actor)
    entries = _entries(_current_versions(doc))
    label = _label_of(doc, provision.pk)
    moving = entries.pop(_index_of(entries, provision))
    if after is not None and after.pk == provision.pk:
        raise ValidationError(_("A provision cannot be moved after itself."))
    index = _index_of(entries, after) + 1 if after is not None else 0
    entries.insert(index, moving)
    return _commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason=reason,
        summary=_("%(label)s moved") % {"label": label},
    )


@transaction.atomic
def provision_delete(
    *,
    actor: Any,
    document: Document,
    provision: Provision,
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    doc = _lock(document, expected_version)
    _pen_guard(doc, actor)
    entries = _entries(_current_versions(doc))
    label = _label_of(doc, provision.pk)
    entries.pop(_index_of(entries, provision))
    return _commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason=reason,
        summary=_("%(label)s deleted") % {"label": label},
    )


@transaction.atomic
def document_replace_text(
    *, actor: Any, document: Document, pasted: str, expected_version: int | None = None,
    reason: str = "",
) -> Revision:  # fmt: skip
    """Paste a whole Word-style text. Provisions whose kind and text are unchanged keep
    their identity (so their proposals, translations and history stay with them)."""
    doc = _lock(document, expected_version)
    _pen_guard(doc, actor)
    pasted_entries = parse_pasted_text(pasted)
    if not pasted_entries:
        raise ValidationError(_("The pasted text is empty."))
    available: dict[tuple[str, str], list[int]] = {}
    for version in _current_versions(doc):
        available.setdefault((version.kind, version.text), []).append(version.provision_id)
    entries = []
    for entry in pasted_entries:
        ids = available.get((entry.kind, entry.text))
        entries.append(Entry(ids.pop(0) if ids else None, entry.kind, entry.text))
    return _commit_text(
        doc, actor=actor, entries=entries, reason=reason, summary=_("Text replaced")
    )


# --- brackets -------------------------------------------------------------------------------


def _holder_codes(doc: Document) -> dict[str, Delegation]:
    return {d.state.iso2: d for d in member_delegations(doc.format_id)}


@transaction.atomic
def bracket_resolve(
    *,
    actor: Any,
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
    doc = _lock(document, expected_version)
    _pen_guard(doc, actor)
    entries = _entries(_current_versions(doc))
    position = _index_of(entries, provision)
    label = _label_of(doc, provision.pk)
    text = brackets.parse(entries[position].text)
    try:
        resolved = (
            brackets.drop_bracket(text, index)
            if drop
            else brackets.resolve_bracket(text, index, choice)
        )
    except brackets.BracketEditError as exc:
        raise ValidationError(f"{label}: {exc}") from exc
    new_text = brackets.serialize(resolved)
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
    return _commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason=reason,
        summary=_("Bracket %(index)s in %(label)s removed: %(what)s")
        % {"index": index + 1, "label": label, "what": what},
    )


@transaction.atomic
def bracket_add(
    *,
    actor: Any,
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
    doc = _lock(document, expected_version)
    _pen_guard(doc, actor)
    codes = _holder_codes(doc)
    unknown = [code for code in holders if code.strip().upper() not in codes]
    if unknown:
        raise ValidationError(
            _("Not a member delegation: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    entries = _entries(_current_versions(doc))
    position = _index_of(entries, provision)
    label = _label_of(doc, provision.pk)
    start, end = _locate_span(entries[position].text, label, start, end, span)
    try:
        markup = brackets.add_bracket(entries[position].text, start, end, alternatives, holders)
    except brackets.BracketSyntaxError as exc:
        raise ValidationError(
            _("Malformed brackets at character %(position)s: %(detail)s")
            % {"position": exc.position + 1, "detail": exc.message}
        ) from exc
    except brackets.BracketEditError as exc:
        raise ValidationError(str(exc)) from exc
    entries[position] = Entry(provision.pk, entries[position].kind, markup)
    return _commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason=reason,
        summary=_("Text bracketed in %(label)s") % {"label": label},
    )


def _locate_span(
    markup: str, label: str, start: int | None, end: int | None, span: str
) -> tuple[int, int]:
    """Offsets in the plain rendering of the span to bracket (see `bracket_add`)."""
    wanted = " ".join(span.split())
    if not wanted:
        if start is None or end is None:
            raise ValidationError(_("Select or type the text to put in brackets."))
        return start, end
    try:
        plain = brackets.plain_text(brackets.parse(markup))
    except brackets.BracketSyntaxError:
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
    actor: Any,
    document: Document,
    provision: Provision,
    index: int,
    delegation: Delegation,
    holds: bool,
    expected_version: int | None = None,
) -> Revision | None:
    """A delegation adds itself to, or removes itself from, the holders of a bracket.
    None when it already was (or was not) a holder: nothing to record."""
    doc = _lock(document, expected_version)
    _check_delegation(doc, delegation, actor)
    entries = _entries(_current_versions(doc))
    position = _index_of(entries, provision)
    current = _holders_of(brackets.parse(entries[position].text), index)
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
    actor: Any,
    document: Document,
    provision: Provision,
    index: int,
    holders: Sequence[str],
    expected_version: int | None = None,
) -> Revision:
    """The pen-holder records which delegations hold a bracket. A delegation's speaker may
    add or remove its own state only."""
    doc = _lock(document, expected_version)
    _refuse_unless_text_editable(doc)
    codes = _holder_codes(doc)
    wanted = sorted({code.strip().upper() for code in holders if code.strip()})
    unknown = [code for code in wanted if code not in codes]
    if unknown:
        raise ValidationError(
            _("Not a member delegation: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    entries = _entries(_current_versions(doc))
    position = _index_of(entries, provision)
    text = brackets.parse(entries[position].text)
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
        _require(
            bool(own) and changed <= own,
            _("You may only add or remove your own delegation as a holder of a bracket."),
        )
    label = _label_of(doc, provision.pk)
    try:
        changed_text = brackets.set_holders(text, index, tuple(wanted))
    except brackets.BracketEditError as exc:
        raise ValidationError(str(exc)) from exc
    entries[position] = Entry(
        provision.pk, entries[position].kind, brackets.serialize(changed_text)
    )
    return _commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason="",
        summary=_("Holders of bracket %(index)s in %(label)s: %(holders)s")
        % {"index": index + 1, "label": label, "holders": ", ".join(wanted) or "—"},
    )


def _holders_of(text: Any, index: int) -> tuple[str, ...] | None:
    """The holders of the `index`-th bracket (depth first), or None when there is none."""
    found = brackets.brackets(text)
    return found[index].holders if 0 <= index < len(found) else None


# --- proposals ------------------------------------------------------------------------------


def _current_version_of(document: Document, provision: Provision) -> ProvisionVersion | None:
    return ProvisionVersion.objects.filter(
        document=document, provision=provision, valid_to__isnull=True
    ).first()


def proposal_is_outdated(proposal: Proposal, current_versions: dict[int, ProvisionVersion]) -> bool:
    """Outdated: the provision it concerns changed (or went) after the revision it was made on."""
    if proposal.provision_id is None:
        return False
    version = current_versions.get(proposal.provision_id)
    return version is None or version.valid_from > proposal.base_revision


@transaction.atomic
def proposal_create(
    *,
    actor: Any,
    document: Document,
    delegation: Delegation,
    kind: str,
    rationale: str,
    provision: Provision | None = None,
    new_text: str = "",
    old_text: str = "",
    new_kind: str = "",
    base_revision: int | None = None,
) -> Proposal:
    """A member delegation proposes to insert, replace or delete a provision or a span."""
    doc = _lock(document, None)
    _check_delegation(doc, delegation, actor)
    _refuse_unless_text_editable(doc)
    if kind not in ProposalKind.values:
        raise ValidationError(_("Unknown kind of proposal: %(kind)s.") % {"kind": kind})
    if not rationale.strip():
        raise ValidationError(_("Give a rationale for the proposal."))
    base = base_revision or doc.current_revision
    if not 1 <= base <= doc.current_revision:
        raise ValidationError(_("There is no revision %(n)s.") % {"n": base})
    if provision is not None and provision.document_id != doc.pk:
        raise ValidationError(_("That provision belongs to another document."))
    if kind == ProposalKind.INSERT:
        if new_kind not in ProvisionKind.values:
            raise ValidationError(_("Say what kind of provision to insert."))
        if not new_text.strip():
            raise ValidationError(_("Give the text to insert."))
        validate_markup(new_text)
    else:
        if provision is None:
            raise ValidationError(_("Say which provision the proposal concerns."))
        version = _current_version_of(doc, provision)
        if version is None:
            raise ValidationError(_("That provision is no longer in the current text."))
        if old_text and old_text not in version.text:
            raise ValidationError(
                _("The text “%(span)s” does not occur in that provision.") % {"span": old_text}
            )
        if kind == ProposalKind.REPLACE:
            if not new_text.strip():
                raise ValidationError(_("Give the replacement text (or propose a deletion)."))
            validate_markup(new_text)
        new_kind = ""
        if kind == ProposalKind.DELETE:
            new_text = ""
    proposal = Proposal(
        document=doc,
        delegation=delegation,
        author=_user(actor),
        kind=kind,
        provision=provision,
        new_kind=new_kind,
        old_text=old_text,
        new_text=new_text.strip(),
        rationale=rationale.strip(),
        base_revision=base,
    )
    proposal.full_clean()
    proposal.save()
    _announce(doc, "proposal.created", actor)
    audit_record(
        actor=actor,
        action="proposal.create",
        target=doc,
        summary=f"{delegation.state.iso2}: {proposal.get_kind_display()}",
        proposal=proposal.pk,
    )
    return proposal


def _lock_proposal(proposal: Proposal, expected_version: int | None) -> Proposal:
    locked = (
        Proposal.objects.select_for_update()
        .select_related("delegation__state", "document")
        .get(pk=proposal.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise ConflictError(
            _("The proposal was changed by someone else since you loaded it. Reload and try again.")
        )
    return locked


def _refuse_unless_open(proposal: Proposal) -> None:
    if proposal.status != ProposalStatus.OPEN:
        raise ConflictError(
            _("The proposal is already %(status)s.") % {"status": proposal.get_status_display()}
        )


@transaction.atomic
def proposal_stance_set(
    *, actor: Any, proposal: Proposal, delegation: Delegation, stance: str | None
) -> ProposalStance | None:
    """A member delegation supports or opposes a proposal (None: withdraws its stance)."""
    prop = _lock_proposal(proposal, None)
    doc = prop.document
    _check_delegation(doc, delegation, actor)
    _refuse_unless_open(prop)
    if stance is None:
        ProposalStance.objects.filter(proposal=prop, delegation=delegation).delete()
        _announce(doc, "proposal.stance", actor)
        audit_record(actor=actor, action="proposal.stance_clear", target=doc, proposal=prop.pk)
        return None
    if stance not in Stance.values:
        raise ValidationError(_("A stance is “support” or “oppose”."))
    if delegation.pk == prop.delegation_id:
        raise ValidationError(_("A delegation does not support or oppose its own proposal."))
    row, _created = ProposalStance.objects.update_or_create(
        proposal=prop,
        delegation=delegation,
        defaults={"stance": stance, "user": _user(actor), "at": timezone.now()},
    )
    prop.version += 1
    prop.save(update_fields=["version"])
    _announce(doc, "proposal.stance", actor)
    audit_record(
        actor=actor,
        action="proposal.stance",
        target=doc,
        summary=f"{delegation.state.iso2} {stance}",
        proposal=prop.pk,
    )
    return row


def _bracketed(options: Sequence[str], holders: Sequence[str]) -> str:
    """Markup of a new bracket over markup options (each may itself contain brackets)."""
    suffix = "{" + ",".join(holders) + "}" if holders else ""
    return "[" + " / ".join(options) + "]" + suffix


@transaction.atomic
def proposal_incorporate(
    *,
    actor: Any,
    proposal: Proposal,
    bracketed: bool = False,
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    """The pen-holder writes the proposal into the next revision: fully, or as a
    bracketed alternative held by the proposing delegation. A proposal whose provision
    changed since it was made must be rebased first."""
    prop = _lock_proposal(proposal, None)
    doc = _lock(prop.document, expected_version)
    _pen_guard(doc, actor)
    _refuse_unless_open(prop)
    current = {v.provision_id: v for v in _current_versions(doc)}
    if proposal_is_outdated(prop, current):
        raise ConflictError(
            _(
                "The proposal was made on Rev.%(base)s and its provision changed since; "
                "rebase it on Rev.%(now)s first."
            )
            % {"base": prop.base_revision, "now": doc.current_revision}
        )
    holder = prop.delegation.state.iso2
    entries = _entries(list(current.values()))
    if prop.kind == ProposalKind.INSERT:
        # the provision to insert after is in `current`: otherwise the proposal is outdated
        index = _index_of(entries, prop.provision) + 1 if prop.provision else 0
        text = _bracketed([prop.new_text], [holder]) if bracketed else prop.new_text
        entries.insert(index, Entry(None, prop.new_kind, text))
    else:
        assert prop.provision is not None
        index = _index_of(entries, prop.provision)
        old = entries[index].text
        span = prop.old_text or old
        start = old.find(span) if prop.old_text else 0
        if start < 0:
            raise ConflictError(
                _("The text the proposal concerns is no longer in the provision; rebase it.")
            )
        before, after = old[:start], old[start + len(span) :]
        if prop.kind == ProposalKind.REPLACE:
            middle = _bracketed([span, prop.new_text], [holder]) if bracketed else prop.new_text
        else:
            middle = _bracketed([span], [holder]) if bracketed else ""
        new = (before + middle + after).strip()
        new = re.sub(r"  +", " ", new)
        if new:
            entries[index] = Entry(prop.provision_id, entries[index].kind, new)
        else:
            entries.pop(index)
    revision = _commit_text(
        doc,
        actor=actor,
        entries=entries,
        reason=reason or prop.rationale,
        summary=_("Proposal of %(state)s incorporated%(how)s")
        % {"state": prop.delegation.state.iso2, "how": _(" in brackets") if bracketed else ""},
    )
    prop.status = ProposalStatus.BRACKETED if bracketed else ProposalStatus.INCORPORATED
    prop.decided_at = timezone.now()
    prop.decided_by = _user(actor)
    prop.decision_reason = reason
    prop.decided_in_revision = revision.number
    prop.version += 1
    prop.save()
    audit_record(actor=actor, action="proposal.incorporate", target=doc, proposal=prop.pk)
    return revision


@transaction.atomic
def proposal_set_aside(
    *, actor: Any, proposal: Proposal, reason: str, expected_version: int | None = None
) -> Proposal:
    prop = _lock_proposal(proposal, expected_version)
    doc = prop.document
    _require(policy.can_hold_pen(actor, doc), _("Only the pen-holder decides on proposals."))
    _refuse_unless_open(prop)
    if not reason.strip():
        raise ValidationError(_("Say why the proposal is set aside."))
    prop.status = ProposalStatus.SET_ASIDE
    prop.decided_at = timezone.now()
    prop.decided_by = _user(actor)
    prop.decision_reason = reason.strip()
    prop.version += 1
    prop.save()
    audit_record(actor=actor, action="proposal.set_aside", target=doc, summary=reason)
    return prop


@transaction.atomic
def proposal_withdraw(*, actor: Any, proposal: Proposal) -> Proposal:
    prop = _lock_proposal(proposal, None)
    _require(
        policy.can_withdraw_proposal(actor, prop),
        _("Only the proposing delegation may withdraw its proposal."),
    )
    _refuse_unless_open(prop)
    prop.status = ProposalStatus.WITHDRAWN
    prop.decided_at = timezone.now()
    prop.decided_by = _user(actor)
    prop.version += 1
    prop.save()
    _announce(prop.document, "proposal.withdrawn", actor)
    audit_record(actor=actor, action="proposal.withdraw", target=prop.document, proposal=prop.pk)
    return prop


@transaction.atomic
def proposal_rebase(
    *,
    actor: Any,
    proposal: Proposal,
    old_text: str | None = None,
    new_text: str | None = None,
    expected_version: int | None = None,
) -> Proposal:
    """Bring an outdated proposal onto the current revision; the proposing delegation
    restates the span it concerns when that span changed."""
    prop = _lock_proposal(proposal, expected_version)
    doc = prop.document
    _require(
        policy.can_withdraw_proposal(actor, prop),
        _("Only the proposing delegation may rebase its proposal."),
    )
    _refuse_unless_open(prop)
    _refuse_unless_text_editable(doc)
    if old_text is not None:
        prop.old_text = old_text
    if new_text is not None:
        if new_text.strip() or prop.kind == ProposalKind.DELETE:
            validate_markup(new_text)
        prop.new_text = new_text.strip()
    if prop.provision_id is not None:
        version = _current_version_of(doc, prop.provision) if prop.provision else None
        if version is None:
            raise ConflictError(
                _("The provision this proposal concerns was deleted; withdraw the proposal.")
            )
        if prop.old_text and prop.old_text not in version.text:
            raise ValidationError(
                _("The text “%(span)s” does not occur in the current provision; restate it.")
                % {"span": prop.old_text}
            )
    prop.base_revision = doc.current_revision
    prop.version += 1
    prop.full_clean()
    prop.save()
    audit_record(actor=actor, action="proposal.rebase", target=doc, proposal=prop.pk)
    return prop


# --- positions and consensus ----------------------------------------------------------------


@transaction.atomic
def position_record(
    *,
    actor: Any,
    document: Document,
    delegation: Delegation,
    stance: str,
    reason: str = "",
    expected_version: int | None = None,
) -> Position:
    """A member delegation states its position on the current revision. An objection
    needs a reason; observers and non-members take no position."""
    doc = _lock(document, None)
    _check_delegation(doc, delegation, actor)
    if doc.effective_state() not in (DocumentState.NEGOTIATION, DocumentState.FINAL):
        raise _transition_refused(doc, _("take positions"))
    if doc.final_mode == FinalMode.SILENCE:
        raise ConflictError(
            _("The text is under silence procedure: object by breaking the silence.")
        )
    if stance not in PositionStance.values:
        raise ValidationError(_("Unknown position: %(stance)s.") % {"stance": stance})
    if stance == PositionStance.OBJECT and not reason.strip():
        raise ValidationError(_("An objection needs a reason."))
    existing = Position.objects.select_for_update().filter(document=doc, delegation=delegation)
    position = existing.first()
    if position and expected_version is not None and position.version != expected_version:
        raise ConflictError(
            _("The position of %(state)s was changed by someone else; reload and try again.")
            % {"state": delegation.state}
        )
    if position is None:
        position = Position(document=doc, delegation=delegation)
    else:
        position.version += 1
    position.stance = stance
    position.reason = reason.strip()
    position.revision_number = doc.current_revision
    position.recorded_at = timezone.now()
    position.recorded_by = _user(actor)
    position.confirmed_at = None
    position.confirmed_by = None
    position.full_clean()
    position.save()
    _announce(doc, "position.recorded", actor)
    audit_record(
        actor=actor,
        action="position.record",
        target=doc,
        summary=f"{delegation.state.iso2}: {stance}",
        revision=doc.current_revision,
    )
    return position


@transaction.atomic
def position_confirm(*, actor: Any, document: Document, delegation: Delegation) -> Position:
    """The capital confirmed an ad referendum agreement."""
    doc = _lock(document, None)
    _check_delegation(doc, delegation, actor)
    position = (
        Position.objects.select_for_update().filter(document=doc, delegation=delegation).first()
    )
    if position is None or position.stance != PositionStance.AD_REFERENDUM:
        raise ConflictError(_("There is no ad referendum agreement to confirm."))
    if position.revision_number != doc.current_revision:
        raise ConflictError(
            _("That agreement concerned Rev.%(n)s; the text has changed since.")
            % {"n": position.revision_number}
        )
    if position.confirmed_at:
        raise ConflictError(_("The agreement is already confirmed."))
    position.confirmed_at = timezone.now()
    position.confirmed_by = _user(actor)
    position.version += 1
    position.save()
    _announce(doc, "position.confirmed", actor)
    audit_record(actor=actor, action="position.confirm", target=doc, summary=delegation.state.iso2)
    return position


def consensus_of(doc: Document) -> Any:
    members = member_delegations(doc.format_id)
    rows = Position.objects.filter(document=doc).values_list(
        "delegation_id", "stance", "revision_number", "confirmed_at"
    )
    return consensus(
        [d.pk for d in members],
        [(d, s, r, c is not None) for d, s, r, c in rows],
        doc.current_revision,
    ), {d.pk: d for d in members}


# --- adoption -------------------------------------------------------------------------------


def _freeze(doc: Document) -> list[FrozenText]:
    """Canonical text and SHA-256 of every authentic language version at the current
    revision (idempotent: a revision is frozen once)."""
    versions = _current_versions(doc)
    numbering = number_provisions(v.kind for v in versions)
    translations = {
        (t.version_id, t.language): t.text
        for t in ProvisionTranslation.objects.filter(version__in=[v.pk for v in versions])
    }
    frozen = []
    for code in doc.languages:
        provisions = [
            (
                n.number,
                v.kind,
                v.text if code == doc.language else translations[(v.pk, code)],
            )
            for v, n in zip(versions, numbering, strict=True)
        ]
        title = doc.title_in(code)
        body = canonical_bytes(title=title, language=code, provisions=provisions)
        digest = text_hash(title=title, language=code, provisions=provisions)
        row, _created = FrozenText.objects.get_or_create(
            document=doc,
            language=code,
            revision_number=doc.current_revision,
            defaults={"title": title, "canonical": body.decode("utf-8"), "sha256": digest},
        )
        frozen.append(row)
    return frozen


@transaction.atomic
def document_adopt_by_consensus(
    *,
    actor: Any,
    document: Document,
    reference: str = "",
    reference_url: str = "",
    expected_version: int | None = None,
) -> Document:
    """The chair (or the secretariat) records adoption by consensus, e.g. at a meeting.

    Refused unless the document is final text awaiting adoption, no bracket is open, the
    positions give consensus on the current revision and every authentic language version
    matches it. Adoption freezes each language version with its SHA-256."""
    doc = _lock(document, expected_version)
    _require(
        policy.can_chair(actor, doc),
        _("Only the chair or the secretariat records adoption."),
    )
    state = doc.effective_state()
    if state != DocumentState.FINAL:
        raise ConflictError(
            _("Only a final text can be adopted; “%(title)s” is %(state)s.")
            % {"title": doc.title, "state": doc.effective_state_label()}
        )
    if doc.final_mode == FinalMode.SILENCE:
        raise ConflictError(
            _("“%(title)s” is under silence procedure until %(deadline)s UTC.")
            % {"title": doc.title, "deadline": f"{doc.silence_deadline:%Y-%m-%d %H:%M}"}
        )
    _refuse_open_brackets(doc)
    result, members = consensus_of(doc)
    if not result.holds:
        missing = [members[i].state.iso2 for i in result.missing if i not in result.objecting]
        objecting = [members[i].state.iso2 for i in result.objecting]
        parts = []
        if objecting:
            parts.append(_("objecting: %(codes)s") % {"codes": ", ".join(objecting)})
        if missing:
            parts.append(
                _("no (confirmed) agreement on the current revision from: %(codes)s")
                % {"codes": ", ".join(missing)}
            )
        raise ConflictError(_("There is no consensus (%(detail)s).") % {"detail": "; ".join(parts)})
    _refuse_language_gaps(doc)
    _freeze(doc)
    doc.adopt()
    doc.adopted_at = timezone.now()
    doc.adopted_revision = doc.current_revision
    doc.adopted_by = _user(actor)
    doc.adoption_method = "meeting"
    doc.adoption_reference = reference.strip()
    doc.adoption_reference_url = reference_url.strip()
    doc.full_clean()
    _touch(
        doc,
        "state",
        "adopted_at",
        "adopted_revision",
        "adopted_by",
        "adoption_method",
        "adoption_reference",
        "adoption_reference_url",
    )
    audit_record(
        actor=actor,
        action="document.adopt",
        target=doc,
        summary=reference or doc.title,
        revision=doc.current_revision,
    )
    return doc


def _announce(document: Document, kind: str, actor: Any) -> None:
    """Tell the pages open on this document that it changed (see negotiation/live.py);
    the event carries no content: each page reads what its viewer may see."""
    from secretariat.negotiation.live import announce

    announce(document, kind, actor)


def _notify_silence(procedure_id: int) -> None:
    """E-mail the start or break of a silence once this transaction commits."""
    from secretariat.negotiation.notifications import notify_soon

    notify_soon(procedure_id)


@transaction.atomic
def silence_procedure_start(
    *,
    actor: Any,
    document: Document,
    deadline: datetime,
    expected_version: int | None = None,
    now: datetime | None = None,
) -> SilenceProcedure:
    """The chair circulates the final text under silence until `deadline` (aware, stored
    in UTC). The text must be free of brackets and every language version must match it:
    at the deadline it is adopted without anyone acting."""
    doc = _lock(document, expected_version)
    _require(
        policy.can_chair(actor, doc),
        _("Only the chair or the secretariat starts a silence procedure."),
    )
    now = now or timezone.now()
    if timezone.is_naive(deadline):
        raise ValidationError(_("Give the deadline with its time zone (e.g. in UTC)."))
    if deadline < now + MIN_SILENCE:
        raise ValidationError(_("The deadline must be at least one hour from now."))
    state = doc.effective_state()
    if not (
        state == DocumentState.NEGOTIATION
        or (state == DocumentState.FINAL and doc.final_mode == FinalMode.MEETING)
    ):
        raise _transition_refused(doc, _("be put under silence procedure"))
    _refuse_open_brackets(doc)
    _refuse_language_gaps(doc)
    deadline = deadline.astimezone(UTC)
    if state == DocumentState.NEGOTIATION:
        doc.finalise(FinalMode.SILENCE, deadline)
    else:
        doc.final_mode = FinalMode.SILENCE
        doc.silence_deadline = deadline
    _freeze(doc)
    procedure = SilenceProcedure(
        document=doc,
        revision_number=doc.current_revision,
        started_at=now,
        started_by=_user(actor),
        deadline=deadline,
    )
    procedure.full_clean()
    procedure.save()
    _touch(doc, "state", "final_mode", "silence_deadline")
    _notify_silence(procedure.pk)
    audit_record(
        actor=actor,
        action="silence.start",
        target=doc,
        summary=f"until {deadline:%Y-%m-%d %H:%M} UTC",
    )
    return procedure


@transaction.atomic
def silence_break(
    *,
    actor: Any,
    document: Document,
    delegation: Delegation,
    kind: str,
    reason: str,
    now: datetime | None = None,
) -> SilenceProcedure:
    """A member delegation objects or proposes an amendment before the deadline: the
    silence is broken and the text returns to negotiation. After the deadline the text is
    adopted and a late objection is refused."""
    doc = _lock(document, None)
    _check_delegation(doc, delegation, actor)
    now = now or timezone.now()
    procedure = (
        SilenceProcedure.objects.select_for_update()
        .filter(document=doc, broken_at__isnull=True)
        .first()
    )
    if procedure is None or doc.final_mode != FinalMode.SILENCE:
        raise ConflictError(_("No silence procedure is running on this text."))
    if doc.silence_expired(now):
        raise ConflictError(
            _(
                "Too late: the silence ended at %(deadline)s UTC and the text is adopted. "
                "Nothing was recorded."
            )
            % {"deadline": f"{procedure.deadline:%Y-%m-%d %H:%M}"}
        )
    if kind not in SilenceProcedure.BreakKind.values:
        raise ValidationError(_("Break the silence with an objection or an amendment."))
    if not reason.strip():
        raise ValidationError(_("Say why the silence is broken."))
    procedure.broken_at = now
    procedure.broken_by = _user(actor)
    procedure.broken_by_delegation = delegation
    procedure.break_kind = kind
    procedure.break_reason = reason.strip()
    procedure.save()
    doc.reopen()
    _touch(doc, "state", "final_mode", "silence_deadline")
    _notify_silence(procedure.pk)
    audit_record(
        actor=actor,
        action="silence.break",
        target=doc,
        summary=f"{delegation.state.iso2}: {kind}",
    )
    return procedure


@transaction.atomic
def silence_settle(*, document: Document, now: datetime | None = None) -> bool:
    """Write down an adoption by silence whose deadline passed (the state was already
    derived from the deadline when read; this only records it). True if it did."""
    doc = _lock(document, None)
    now = now or timezone.now()
    if not doc.silence_expired(now):
        return False
    assert doc.silence_deadline is not None
    doc.state = DocumentState.ADOPTED
    doc.adopted_at = doc.silence_deadline
    doc.adopted_revision = doc.current_revision
    doc.adoption_method = "silence"
    _touch(doc, "state", "adopted_at", "adopted_revision", "adoption_method")
    audit_record(actor=None, action="silence.adopted", target=doc, summary=doc.title)
    return True


# --- language versions ----------------------------------------------------------------------


@transaction.atomic
def translation_set(
    *,
    actor: Any,
    document: Document,
    provision: Provision,
    language: str,
    text: str,
    expected_version: int | None = None,
) -> ProvisionTranslation:
    """The pen-holder aligns a language version, provision by provision, to the current
    revision. Frozen once the text is adopted or under silence procedure."""
    doc = _lock(document, expected_version)
    _require(
        policy.can_edit_translations(actor, doc),
        _("Only the pen-holder maintains the language versions."),
    )
    if not policy.are_translations_editable(doc):
        raise ConflictError(
            _("The language versions of “%(title)s” are frozen: it is %(state)s.")
            % {"title": doc.title, "state": doc.effective_state_label()}
        )
    if language == doc.language or language not in doc.authentic_languages:
        raise ValidationError(
            _("%(lang)s is not another authentic language of this document.") % {"lang": language}
        )
    if not text.strip():
        raise ValidationError(_("The translation is empty."))
    version = _current_version_of(doc, provision)
    if version is None:
        raise ConflictError(_("That provision is no longer in the current text."))
    count = validate_markup(text)
    if count != version.open_brackets:
        raise ValidationError(
            _("The translation has %(theirs)s open bracket(s), the original %(ours)s.")
            % {"theirs": count, "ours": version.open_brackets}
        )
    row, _created = ProvisionTranslation.objects.update_or_create(
        version=version,
        language=language,
        defaults={
            "document": doc,
            "provision": provision,
            "text": text.strip(),
            "updated_at": timezone.now(),
            "updated_by": _user(actor),
        },
    )
    _touch(doc)
    audit_record(
        actor=actor,
        action="translation.set",
        target=doc,
        summary=f"{language}: provision {provision.pk}",
    )
    return row
