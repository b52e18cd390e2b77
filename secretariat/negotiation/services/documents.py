"""Documents: start one, change its metadata, and move it along its lifecycle (open
negotiations, final text, reopen, withdraw). Adoption is in `adoption`, the silence
procedure in `silence`."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation, DialogueFormat
from secretariat.formats.selectors import member_delegations
from secretariat.negotiation import events, policy
from secretariat.negotiation.events import emit
from secretariat.negotiation.models import (
    Document,
    DocumentKind,
    DocumentState,
    FinalMode,
    SilenceProcedure,
)
from secretariat.negotiation.services._common import (
    lock_document,
    notify_silence,
    refuse_open_brackets,
    require,
    touch,
    transition_refused,
    user_of,
)
from secretariat.negotiation.services._revisions import commit_text, parse_pasted_text


def _unique_slug(fmt: DialogueFormat, title: str, slug: str) -> str:
    base = slugify(slug or title)[:70] or "document"
    candidate, n = base, 2
    while Document.objects.filter(format=fmt, slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def _check_languages(fmt: DialogueFormat, language: str, languages: list[str]) -> None:
    unknown = [code for code in languages if code not in fmt.working_languages]
    if unknown:
        raise ValidationError(
            _("Not a working language of %(format)s: %(codes)s.")
            % {"format": fmt, "codes": ", ".join(unknown)}
        )
    if len(set(languages)) != len(languages):
        raise ValidationError(_("Each authentic language may be listed only once."))


def _check_pen_holder(fmt: DialogueFormat | int, pen_holder: Delegation | None) -> None:
    if pen_holder is not None and pen_holder.pk not in {d.pk for d in member_delegations(fmt)}:
        raise ValidationError(_("The pen-holder must be the secretariat or a member delegation."))


@transaction.atomic
def document_create(
    *,
    actor: Actor | None,
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
    require(
        actor is None or policy.can_create_document(actor, fmt),
        _("Only the secretariat or the chair of %(format)s may start a document.")
        % {"format": fmt},
    )
    languages = list(authentic_languages or [language])
    if language not in languages:
        languages.insert(0, language)
    _check_languages(fmt, language, languages)
    _check_pen_holder(fmt, pen_holder)
    if kind not in DocumentKind.values:
        raise ValidationError(_("Unknown kind of document: %(kind)s.") % {"kind": kind})
    entries = parse_pasted_text(text)
    # Documents of a format are started one at a time, so that two started at once with
    # the same title get distinct slugs (the second sees the first's).
    DialogueFormat.objects.select_for_update().filter(pk=fmt.pk).first()
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
        created_by=user_of(actor),
    )
    # The slug's uniqueness is the database's to check: the slug was chosen free under the
    # lock above, so a clash can only be a race, a conflict (409), never a 500.
    document.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as exc:
        raise ConflictError(
            _("Another document was started with the same address just now; try again.")
        ) from exc
    audit_record(actor=actor, action="document.create", target=document, summary=document.title)
    commit_text(
        document,
        actor=actor,
        entries=entries,
        reason=reason or _("First draft."),
        summary=_("First draft"),
        allow_unchanged=True,
    )
    return document


def _set_titles(doc: Document, title: str | None, titles: dict[str, str] | None) -> list[str]:
    fields: list[str] = []
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
    return fields


@transaction.atomic
def document_update(
    *,
    actor: Actor,
    document: Document,
    expected_version: int | None = None,
    title: str | None = None,
    titles: dict[str, str] | None = None,
    shared_with_observers: bool | None = None,
    pen_holder: Delegation | bool | None = False,
) -> Document:
    """Metadata: title and its translations (pen-holder), sharing with observers and the
    pen-holder (secretariat). An adopted or withdrawn document keeps its metadata.
    `pen_holder=False` (the default) leaves the pen where it is."""
    doc = lock_document(document, expected_version)
    if doc.effective_state() in (DocumentState.ADOPTED, DocumentState.WITHDRAWN):
        raise ConflictError(
            _("“%(title)s” is %(state)s; it cannot change any more.")
            % {"title": doc.title, "state": doc.effective_state_label()}
        )
    fields: list[str] = []
    if title is not None or titles is not None:
        require(policy.can_hold_pen(actor, doc), _("Only the pen-holder may change the title."))
        fields += _set_titles(doc, title, titles)
    if shared_with_observers is not None or pen_holder is not False:
        require(
            policy.can_manage_document(actor, doc),
            _("Only the secretariat shares documents and appoints the pen-holder."),
        )
        if shared_with_observers is not None:
            doc.shared_with_observers = shared_with_observers
            fields.append("shared_with_observers")
        if pen_holder is not False:
            assert pen_holder is None or isinstance(pen_holder, Delegation)
            _check_pen_holder(doc.format_id, pen_holder)
            doc.pen_holder = pen_holder
            fields.append("pen_holder")
    if not fields:
        raise ValidationError(_("Nothing to change."))
    doc.full_clean()
    touch(doc, *fields)
    audit_record(actor=actor, action="document.update", target=doc, summary=", ".join(fields))
    emit(events.DocumentUpdated, doc, actor, changed=("version", *fields))
    return doc


@transaction.atomic
def document_open_negotiation(
    *, actor: Actor, document: Document, expected_version: int | None = None
) -> Document:
    doc = lock_document(document, expected_version)
    require(
        policy.may_open_negotiation(actor, doc),
        _("Only the pen-holder, the chair or the secretariat may open negotiations."),
    )
    if doc.effective_state() != DocumentState.DRAFT:
        raise transition_refused(doc, _("be opened for negotiation"))
    doc.open_negotiation()
    touch(doc, "state", "final_mode")
    audit_record(actor=actor, action="document.open_negotiation", target=doc, summary=doc.title)
    emit(events.DocumentMoved, doc, actor, changed=events.MOVED)
    return doc


@transaction.atomic
def document_finalise(
    *, actor: Actor, document: Document, expected_version: int | None = None
) -> Document:
    """Final text, awaiting adoption at a meeting: no bracket may be open."""
    doc = lock_document(document, expected_version)
    require(
        policy.can_chair(actor, doc),
        _("Only the chair or the secretariat may declare the text final."),
    )
    if doc.effective_state() != DocumentState.NEGOTIATION:
        raise transition_refused(doc, _("become final text"))
    refuse_open_brackets(doc)
    doc.finalise()
    touch(doc, "state", "final_mode", "silence_deadline")
    audit_record(actor=actor, action="document.finalise", target=doc, summary=doc.title)
    emit(events.DocumentMoved, doc, actor, changed=events.MOVED)
    return doc


@transaction.atomic
def document_reopen(
    *, actor: Actor, document: Document, reason: str, expected_version: int | None = None
) -> Document:
    """Back from final text to negotiation (not while a silence procedure runs: break it)."""
    doc = lock_document(document, expected_version)
    require(
        policy.can_chair(actor, doc),
        _("Only the chair or the secretariat may reopen negotiations."),
    )
    if doc.effective_state() != DocumentState.FINAL or doc.final_mode != FinalMode.MEETING:
        raise transition_refused(doc, _("be reopened"))
    if not reason.strip():
        raise ValidationError(_("Say why the text is reopened."))
    doc.reopen()
    touch(doc, "state", "final_mode", "silence_deadline")
    audit_record(actor=actor, action="document.reopen", target=doc, summary=reason)
    emit(events.DocumentMoved, doc, actor, changed=events.MOVED)
    return doc


@transaction.atomic
def document_withdraw(
    *, actor: Actor, document: Document, reason: str, expected_version: int | None = None
) -> Document:
    """The secretariat withdraws a document that is not adopted; a running silence
    procedure ends with it."""
    doc = lock_document(document, expected_version)
    require(
        policy.can_manage_document(actor, doc),
        _("Only the secretariat may withdraw a document."),
    )
    if doc.effective_state() not in (
        DocumentState.DRAFT,
        DocumentState.NEGOTIATION,
        DocumentState.FINAL,
    ):
        raise transition_refused(doc, _("be withdrawn"))
    if not reason.strip():
        raise ValidationError(_("Say why the document is withdrawn."))
    if doc.final_mode == FinalMode.SILENCE:
        running = SilenceProcedure.objects.select_for_update().filter(
            document=doc, state=SilenceProcedure.State.RUNNING
        )
        for procedure in running:
            procedure.end_with_document(at=timezone.now(), by=user_of(actor), reason=reason)
            procedure.save()
            notify_silence(procedure.pk)
    doc.withdraw()
    doc.withdrawn_reason = reason
    touch(doc, "state", "final_mode", "silence_deadline", "withdrawn_reason")
    audit_record(actor=actor, action="document.withdraw", target=doc, summary=reason)
    emit(events.DocumentMoved, doc, actor, changed=(*events.MOVED, "silence"))
    return doc
