"""What every negotiation service shares: the locked document row, its version, the
permission and state guards, and the preconditions of a final text."""

from __future__ import annotations

from django.utils.translation import gettext as _

from secretariat.accounts.models import User
from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation
from secretariat.formats.selectors import member_delegations
from secretariat.negotiation import policy
from secretariat.negotiation.models import Document, DocumentState
from secretariat.negotiation.rules import number_provisions
from secretariat.negotiation.selectors import current_versions, language_gaps


def lock_document(document: Document, expected_version: int | None) -> Document:
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


def touch(document: Document, *fields: str) -> None:
    """Save `fields` of the document with its next version."""
    document.version += 1
    document.save(update_fields=["version", *fields])


def require(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


def user_of(actor: Actor | None) -> User | None:
    """The person to record as author (None for the system or an anonymous actor)."""
    if isinstance(actor, User) and actor.is_authenticated:
        return actor
    return None


def refuse_unless_text_editable(document: Document) -> None:
    state = document.effective_state()
    if state not in (DocumentState.DRAFT, DocumentState.NEGOTIATION):
        raise ConflictError(
            _("The text of “%(title)s” cannot change: it is %(state)s.")
            % {"title": document.title, "state": document.effective_state_label()}
        )


def pen_guard(doc: Document, actor: Actor) -> None:
    """Only the pen-holder edits the text, and only while it may change."""
    require(
        policy.can_hold_pen(actor, doc),
        _("Only the pen-holder of “%(title)s” edits its text.") % {"title": doc.title},
    )
    refuse_unless_text_editable(doc)


def transition_refused(doc: Document, action: str) -> ConflictError:
    return ConflictError(
        _("“%(title)s” is %(state)s; it cannot %(action)s.")
        % {"title": doc.title, "state": doc.effective_state_label(), "action": action}
    )


def check_delegation(document: Document, delegation: Delegation, actor: Actor) -> None:
    """`delegation` is a member delegation of the document's format and `actor` speaks
    for it."""
    if delegation.format_id != document.format_id or not any(
        d.pk == delegation.pk for d in member_delegations(document.format_id)
    ):
        raise PermissionDenied(
            _("%(state)s is not a member delegation of %(format)s and has no say on its texts.")
            % {"state": delegation.state, "format": document.format}
        )
    require(
        policy.can_speak_in(actor, document, delegation),
        _("Only the head of delegation or a delegate of %(state)s may speak for it.")
        % {"state": delegation.state},
    )


def refuse_open_brackets(doc: Document) -> None:
    """A final text has provisions and no open bracket."""
    versions = current_versions(doc)
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


def refuse_language_gaps(doc: Document) -> None:
    """Every authentic language version matches the current revision."""
    gaps = language_gaps(doc)
    if gaps:
        raise ConflictError(
            _("Every authentic language version must match %(rev)s first. %(gaps)s.")
            % {"rev": f"Rev.{doc.current_revision}", "gaps": "; ".join(gaps)}
        )


def notify_silence(procedure_id: int) -> None:
    """E-mail the start or break of a silence once this transaction commits."""
    from secretariat.negotiation.notifications import notify_soon

    notify_soon(procedure_id)
