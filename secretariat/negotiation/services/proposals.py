"""Proposals: a member delegation proposes to insert, replace or delete text; others
support or oppose it; the pen-holder incorporates it (fully or in brackets) or sets it
aside; the proposing delegation withdraws or rebases it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation
from secretariat.negotiation import events, policy
from secretariat.negotiation.events import emit
from secretariat.negotiation.models import (
    Document,
    Proposal,
    ProposalKind,
    ProposalStance,
    ProposalStatus,
    Provision,
    ProvisionKind,
    Revision,
    Stance,
)
from secretariat.negotiation.selectors import current_versions, proposal_is_outdated
from secretariat.negotiation.services._common import (
    check_delegation,
    lock_document,
    pen_guard,
    refuse_unless_text_editable,
    require,
    user_of,
)
from secretariat.negotiation.services._revisions import (
    Entry,
    commit_text,
    current_version_of,
    entries_of,
    index_of,
    validate_markup,
)


def _check_proposed_text(
    doc: Document,
    kind: str,
    provision: Provision | None,
    new_text: str,
    old_text: str,
    new_kind: str,
) -> tuple[str, str]:
    """The proposal's text fits its kind; returns (new_kind, new_text) as stored."""
    if kind == ProposalKind.INSERT:
        if new_kind not in ProvisionKind.values:
            raise ValidationError(_("Say what kind of provision to insert."))
        if not new_text.strip():
            raise ValidationError(_("Give the text to insert."))
        validate_markup(new_text)
        return new_kind, new_text
    if provision is None:
        raise ValidationError(_("Say which provision the proposal concerns."))
    version = current_version_of(doc, provision)
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
    return "", ("" if kind == ProposalKind.DELETE else new_text)


@transaction.atomic
def proposal_create(
    *,
    actor: Actor,
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
    doc = lock_document(document, None)
    check_delegation(doc, delegation, actor)
    refuse_unless_text_editable(doc)
    if kind not in ProposalKind.values:
        raise ValidationError(_("Unknown kind of proposal: %(kind)s.") % {"kind": kind})
    if not rationale.strip():
        raise ValidationError(_("Give a rationale for the proposal."))
    base = base_revision or doc.current_revision
    if not 1 <= base <= doc.current_revision:
        raise ValidationError(_("There is no revision %(n)s.") % {"n": base})
    if provision is not None and provision.document_id != doc.pk:
        raise ValidationError(_("That provision belongs to another document."))
    new_kind, new_text = _check_proposed_text(doc, kind, provision, new_text, old_text, new_kind)
    proposal = Proposal(
        document=doc,
        delegation=delegation,
        author=user_of(actor),
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
    emit(events.ProposalCreated, doc, actor)
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
    *, actor: Actor, proposal: Proposal, delegation: Delegation, stance: str | None
) -> ProposalStance | None:
    """A member delegation supports or opposes a proposal (None: withdraws its stance)."""
    prop = _lock_proposal(proposal, None)
    doc = prop.document
    check_delegation(doc, delegation, actor)
    _refuse_unless_open(prop)
    if stance is None:
        ProposalStance.objects.filter(proposal=prop, delegation=delegation).delete()
        emit(events.ProposalStanceSet, doc, actor)
        audit_record(actor=actor, action="proposal.stance_clear", target=doc, proposal=prop.pk)
        return None
    if stance not in Stance.values:
        raise ValidationError(_("A stance is “support” or “oppose”."))
    if delegation.pk == prop.delegation_id:
        raise ValidationError(_("A delegation does not support or oppose its own proposal."))
    row, _created = ProposalStance.objects.update_or_create(
        proposal=prop,
        delegation=delegation,
        defaults={"stance": stance, "user": user_of(actor), "at": timezone.now()},
    )
    prop.version += 1
    prop.save(update_fields=["version"])
    emit(events.ProposalStanceSet, doc, actor)
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


def _incorporated(prop: Proposal, entries: list[Entry], bracketed: bool) -> list[Entry]:
    """The text with the proposal written in: fully, or as a bracketed alternative held
    by the proposing delegation."""
    holder = prop.delegation.state.iso2
    if prop.kind == ProposalKind.INSERT:
        # the provision to insert after is current: otherwise the proposal is outdated
        index = index_of(entries, prop.provision) + 1 if prop.provision else 0
        text = _bracketed([prop.new_text], [holder]) if bracketed else prop.new_text
        entries.insert(index, Entry(None, prop.new_kind, text))
        return entries
    assert prop.provision is not None
    index = index_of(entries, prop.provision)
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
    new = re.sub(r"  +", " ", (before + middle + after).strip())
    if new:
        entries[index] = Entry(prop.provision_id, entries[index].kind, new)
    else:
        entries.pop(index)
    return entries


@transaction.atomic
def proposal_incorporate(
    *,
    actor: Actor,
    proposal: Proposal,
    bracketed: bool = False,
    expected_version: int | None = None,
    reason: str = "",
) -> Revision:
    """The pen-holder writes the proposal into the next revision: fully, or as a
    bracketed alternative held by the proposing delegation. A proposal whose provision
    changed since it was made must be rebased first."""
    prop = _lock_proposal(proposal, None)
    doc = lock_document(prop.document, expected_version)
    pen_guard(doc, actor)
    _refuse_unless_open(prop)
    versions = current_versions(doc)
    if proposal_is_outdated(prop, {v.provision_id: v.valid_from for v in versions}):
        raise ConflictError(
            _(
                "The proposal was made on Rev.%(base)s and its provision changed since; "
                "rebase it on Rev.%(now)s first."
            )
            % {"base": prop.base_revision, "now": doc.current_revision}
        )
    revision = commit_text(
        doc,
        actor=actor,
        entries=_incorporated(prop, entries_of(versions), bracketed),
        reason=reason or prop.rationale,
        summary=_("Proposal of %(state)s incorporated%(how)s")
        % {"state": prop.delegation.state.iso2, "how": _(" in brackets") if bracketed else ""},
    )
    prop.incorporate(bracketed=bracketed)
    prop.decided_at = timezone.now()
    prop.decided_by = user_of(actor)
    prop.decision_reason = reason
    prop.decided_in_revision = revision.number
    prop.version += 1
    prop.save()
    audit_record(actor=actor, action="proposal.incorporate", target=doc, proposal=prop.pk)
    emit(events.ProposalIncorporated, doc, actor, changed=events.REVISED)
    return revision


@transaction.atomic
def proposal_set_aside(
    *, actor: Actor, proposal: Proposal, reason: str, expected_version: int | None = None
) -> Proposal:
    prop = _lock_proposal(proposal, expected_version)
    doc = prop.document
    require(policy.can_hold_pen(actor, doc), _("Only the pen-holder decides on proposals."))
    _refuse_unless_open(prop)
    if not reason.strip():
        raise ValidationError(_("Say why the proposal is set aside."))
    prop.set_aside()
    prop.decided_at = timezone.now()
    prop.decided_by = user_of(actor)
    prop.decision_reason = reason.strip()
    prop.version += 1
    prop.save()
    audit_record(actor=actor, action="proposal.set_aside", target=doc, summary=reason)
    emit(events.ProposalSetAside, doc, actor)
    return prop


@transaction.atomic
def proposal_withdraw(*, actor: Actor, proposal: Proposal) -> Proposal:
    prop = _lock_proposal(proposal, None)
    require(
        policy.can_withdraw_proposal(actor, prop),
        _("Only the proposing delegation may withdraw its proposal."),
    )
    _refuse_unless_open(prop)
    prop.withdraw()
    prop.decided_at = timezone.now()
    prop.decided_by = user_of(actor)
    prop.version += 1
    prop.save()
    emit(events.ProposalWithdrawn, prop.document, actor)
    audit_record(actor=actor, action="proposal.withdraw", target=prop.document, proposal=prop.pk)
    return prop


@transaction.atomic
def proposal_rebase(
    *,
    actor: Actor,
    proposal: Proposal,
    old_text: str | None = None,
    new_text: str | None = None,
    expected_version: int | None = None,
) -> Proposal:
    """Bring an outdated proposal onto the current revision; the proposing delegation
    restates the span it concerns when that span changed."""
    prop = _lock_proposal(proposal, expected_version)
    doc = prop.document
    require(
        policy.can_withdraw_proposal(actor, prop),
        _("Only the proposing delegation may rebase its proposal."),
    )
    _refuse_unless_open(prop)
    refuse_unless_text_editable(doc)
    if old_text is not None:
        prop.old_text = old_text
    if new_text is not None:
        if new_text.strip() or prop.kind == ProposalKind.DELETE:
            validate_markup(new_text)
        prop.new_text = new_text.strip()
    if prop.provision_id is not None:
        version = current_version_of(doc, prop.provision) if prop.provision else None
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
    emit(events.ProposalRebased, doc, actor)
    return prop
