"""Every action on a negotiated document, declared once: its name, its input schema (the
API's body, see `schemas.py`), the service it calls and what a person reads on success.

The API endpoints (`api/`) and the page actions (`views.document_action`) both dispatch
through `commands`; the page parses its form with the command's own schema
(`commands.parse_form`), after `PAGE_ACTIONS` has put the few fields the page sends in
another shape into the schema's (the hidden `version` is `expected_version`, the title
inputs are `titles`...). Starting a document acts on a format, not a document: it is the
one command of `format_commands`.

Refusals of the services (PermissionDenied, ConflictError, ValidationError) propagate: the
API's handlers answer 403/409/422, the page shows the message with the same status.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.utils.datastructures import MultiValueDict
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from secretariat.core.commands import CommandTable
from secretariat.core.errors import PermissionDenied
from secretariat.core.schemas import InputSchema
from secretariat.core.timezones import parse_local
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation, DialogueFormat
from secretariat.negotiation import services
from secretariat.negotiation.models import Document, Proposal, Provision
from secretariat.negotiation.schemas import (
    AdoptIn,
    BracketAddCommand,
    BracketResolveCommand,
    DocumentCreateIn,
    DocumentPatchIn,
    HoldCommand,
    HoldersCommand,
    IncorporateCommand,
    NegotiationDelegationIn,
    PositionIn,
    ProposalIn,
    ProposalWithdrawCommand,
    ProvisionDeleteCommand,
    ProvisionEditCommand,
    ProvisionInsertIn,
    ProvisionMoveCommand,
    RebaseCommand,
    SetAsideCommand,
    SilenceBreakIn,
    SilenceIn,
    StanceCommand,
    TextIn,
    TransitionIn,
    TranslationCommand,
)

commands = CommandTable[Document]("negotiation")
format_commands = CommandTable[DialogueFormat]("negotiation-formats")


# --- what the input names: a delegation, a provision, a proposal ----------------------------


def delegation_of(fmt_id: int, value: str) -> Delegation:
    """A delegation of the format by its ISO code (the API) or its id (the page's select)."""
    delegations = Delegation.objects.select_related("state").filter(format_id=fmt_id)
    if value.isdigit():
        found = delegations.filter(pk=int(value)).first()
        if found is None:
            raise ValidationError(_("Choose the delegation you speak for."))
        return found
    found = delegations.filter(state__iso2=value.upper()).first()
    if found is None:
        raise PermissionDenied(
            _("%(code)s has no delegation in this format.") % {"code": value.upper()}
        )
    return found


def provision_of(doc: Document, provision_id: int | None) -> Provision | None:
    if provision_id is None:
        return None
    return get_object_or_404(Provision, pk=provision_id, document=doc)


def provision_at(doc: Document, provision_id: int) -> Provision:
    return get_object_or_404(Provision, pk=provision_id, document=doc)


def proposal_of(doc: Document, proposal_id: int) -> Proposal:
    return get_object_or_404(
        Proposal.objects.select_related("delegation__state"), document=doc, pk=proposal_id
    )


# --- documents ------------------------------------------------------------------------------


def _started(doc: Document) -> str:
    return _("Document started: %(title)s") % {"title": doc.title}


@format_commands.command("create", DocumentCreateIn, message=_started)
def _create(actor: Actor, fmt: DialogueFormat, data: DocumentCreateIn) -> Document:
    pen = delegation_of(fmt.pk, data.pen_holder) if data.pen_holder else None
    return services.document_create(
        actor=actor,
        fmt=fmt,
        kind=data.kind,
        title=data.title,
        language=data.language,
        authentic_languages=data.authentic_languages,
        pen_holder=pen,
        text=data.text,
        slug=data.slug,
        shared_with_observers=data.shared_with_observers,
    )


@commands.command("update", DocumentPatchIn, message=gettext_lazy("The document is updated."))
def _update(actor: Actor, doc: Document, data: DocumentPatchIn) -> Document:
    return services.document_update(
        actor=actor,
        document=doc,
        expected_version=data.expected_version,
        title=data.title,
        titles=data.titles,
        shared_with_observers=data.shared_with_observers,
    )


@commands.command("open", TransitionIn, message=gettext_lazy("Negotiations are open."))
def _open(actor: Actor, doc: Document, data: TransitionIn) -> Document:
    return services.document_open_negotiation(
        actor=actor, document=doc, expected_version=data.expected_version
    )


@commands.command(
    "finalise", TransitionIn, message=gettext_lazy("The text is final and awaits adoption.")
)
def _finalise(actor: Actor, doc: Document, data: TransitionIn) -> Document:
    return services.document_finalise(
        actor=actor, document=doc, expected_version=data.expected_version
    )


@commands.command("reopen", TransitionIn, message=gettext_lazy("Negotiations are reopened."))
def _reopen(actor: Actor, doc: Document, data: TransitionIn) -> Document:
    return services.document_reopen(
        actor=actor, document=doc, reason=data.reason, expected_version=data.expected_version
    )


@commands.command("withdraw", TransitionIn, message=gettext_lazy("The document is withdrawn."))
def _withdraw(actor: Actor, doc: Document, data: TransitionIn) -> Document:
    return services.document_withdraw(
        actor=actor, document=doc, reason=data.reason, expected_version=data.expected_version
    )


@commands.command(
    "adopt", AdoptIn, message=gettext_lazy("Adopted by consensus. The text is frozen.")
)
def _adopt(actor: Actor, doc: Document, data: AdoptIn) -> Document:
    return services.document_adopt_by_consensus(
        actor=actor,
        document=doc,
        reference=data.reference,
        reference_url=data.reference_url,
        expected_version=data.expected_version,
    )


@commands.command(
    "silence", SilenceIn, message=gettext_lazy("The text is circulated under silence procedure.")
)
def _silence(actor: Actor, doc: Document, data: SilenceIn) -> object:
    return services.silence_procedure_start(
        actor=actor, document=doc, deadline=data.deadline, expected_version=data.expected_version
    )


@commands.command(
    "break_silence",
    SilenceBreakIn,
    message=gettext_lazy("The silence is broken; the text returns to negotiation."),
)
def _break_silence(actor: Actor, doc: Document, data: SilenceBreakIn) -> object:
    return services.silence_break(
        actor=actor,
        document=doc,
        delegation=delegation_of(doc.format_id, data.delegation),
        kind=data.kind,
        reason=data.reason,
    )


# --- positions ------------------------------------------------------------------------------


@commands.command("position", PositionIn, message=gettext_lazy("Position recorded."))
def _position(actor: Actor, doc: Document, data: PositionIn) -> object:
    return services.position_record(
        actor=actor,
        document=doc,
        delegation=delegation_of(doc.format_id, data.delegation),
        stance=data.stance,
        reason=data.reason,
        expected_version=data.expected_version,
    )


@commands.command("confirm", NegotiationDelegationIn, message=gettext_lazy("Agreement confirmed."))
def _confirm(actor: Actor, doc: Document, data: NegotiationDelegationIn) -> object:
    return services.position_confirm(
        actor=actor, document=doc, delegation=delegation_of(doc.format_id, data.delegation)
    )


# --- proposals ------------------------------------------------------------------------------


@commands.command("propose", ProposalIn, message=gettext_lazy("Proposal submitted."))
def _propose(actor: Actor, doc: Document, data: ProposalIn) -> Proposal:
    return services.proposal_create(
        actor=actor,
        document=doc,
        delegation=delegation_of(doc.format_id, data.delegation),
        kind=data.kind,
        provision=provision_of(doc, data.provision),
        new_kind=data.new_kind,
        old_text=data.old_text,
        new_text=data.new_text,
        rationale=data.rationale,
        base_revision=data.base_revision,
    )


@commands.command("stance", StanceCommand, message=gettext_lazy("Stance recorded."))
def _stance(actor: Actor, doc: Document, data: StanceCommand) -> object:
    return services.proposal_stance_set(
        actor=actor,
        proposal=proposal_of(doc, data.proposal),
        delegation=delegation_of(doc.format_id, data.delegation),
        stance=data.stance,
    )


@commands.command(
    "incorporate",
    IncorporateCommand,
    message=gettext_lazy("Proposal incorporated in a new revision."),
)
def _incorporate(actor: Actor, doc: Document, data: IncorporateCommand) -> object:
    return services.proposal_incorporate(
        actor=actor,
        proposal=proposal_of(doc, data.proposal),
        bracketed=data.bracketed,
        expected_version=data.expected_version,
        reason=data.reason,
    )


@commands.command("set_aside", SetAsideCommand, message=gettext_lazy("Proposal set aside."))
def _set_aside(actor: Actor, doc: Document, data: SetAsideCommand) -> object:
    return services.proposal_set_aside(
        actor=actor,
        proposal=proposal_of(doc, data.proposal),
        reason=data.reason,
        expected_version=data.expected_version,
    )


@commands.command(
    "withdraw_proposal", ProposalWithdrawCommand, message=gettext_lazy("Proposal withdrawn.")
)
def _withdraw_proposal(actor: Actor, doc: Document, data: ProposalWithdrawCommand) -> object:
    return services.proposal_withdraw(actor=actor, proposal=proposal_of(doc, data.proposal))


@commands.command(
    "rebase", RebaseCommand, message=gettext_lazy("Proposal rebased on the current revision.")
)
def _rebase(actor: Actor, doc: Document, data: RebaseCommand) -> object:
    return services.proposal_rebase(
        actor=actor,
        proposal=proposal_of(doc, data.proposal),
        old_text=data.old_text,
        new_text=data.new_text,
        expected_version=data.expected_version,
    )


# --- the text -------------------------------------------------------------------------------


@commands.command("insert", ProvisionInsertIn, message=gettext_lazy("Provision inserted."))
def _insert(actor: Actor, doc: Document, data: ProvisionInsertIn) -> object:
    return services.provision_insert(
        actor=actor,
        document=doc,
        after=provision_of(doc, data.after),
        kind=data.kind,
        text=data.text,
        reason=data.reason,
        expected_version=data.expected_version,
    )


@commands.command("edit", ProvisionEditCommand, message=gettext_lazy("Provision changed."))
def _edit(actor: Actor, doc: Document, data: ProvisionEditCommand) -> object:
    return services.provision_edit(
        actor=actor,
        document=doc,
        provision=provision_at(doc, data.provision),
        text=data.text,
        kind=data.kind,
        reason=data.reason,
        expected_version=data.expected_version,
    )


@commands.command("move", ProvisionMoveCommand, message=gettext_lazy("Provision moved."))
def _move(actor: Actor, doc: Document, data: ProvisionMoveCommand) -> object:
    return services.provision_move(
        actor=actor,
        document=doc,
        provision=provision_at(doc, data.provision),
        after=provision_of(doc, data.after),
        reason=data.reason,
        expected_version=data.expected_version,
    )


@commands.command("delete", ProvisionDeleteCommand, message=gettext_lazy("Provision deleted."))
def _delete(actor: Actor, doc: Document, data: ProvisionDeleteCommand) -> object:
    return services.provision_delete(
        actor=actor,
        document=doc,
        provision=provision_at(doc, data.provision),
        reason=data.reason,
        expected_version=data.expected_version,
    )


@commands.command("paste", TextIn, message=gettext_lazy("Text replaced."))
def _paste(actor: Actor, doc: Document, data: TextIn) -> object:
    return services.document_replace_text(
        actor=actor,
        document=doc,
        pasted=data.text,
        reason=data.reason,
        expected_version=data.expected_version,
    )


@commands.command("resolve", BracketResolveCommand, message=gettext_lazy("Bracket removed."))
def _resolve(actor: Actor, doc: Document, data: BracketResolveCommand) -> object:
    return services.bracket_resolve(
        actor=actor,
        document=doc,
        provision=provision_at(doc, data.provision),
        index=data.index,
        choice=data.choice,
        drop=data.drop,
        reason=data.reason,
        expected_version=data.expected_version,
    )


@commands.command("bracket", BracketAddCommand, message=gettext_lazy("Text bracketed."))
def _bracket(actor: Actor, doc: Document, data: BracketAddCommand) -> object:
    return services.bracket_add(
        actor=actor,
        document=doc,
        provision=provision_at(doc, data.provision),
        start=data.start,
        end=data.end,
        span=data.span,
        alternatives=data.alternatives,
        holders=data.holders,
        reason=data.reason,
        expected_version=data.expected_version,
    )


@commands.command(
    "holders", HoldersCommand, message=gettext_lazy("Holders of the bracket recorded.")
)
def _holders(actor: Actor, doc: Document, data: HoldersCommand) -> object:
    return services.bracket_set_holders(
        actor=actor,
        document=doc,
        provision=provision_at(doc, data.provision),
        index=data.index,
        holders=data.holders,
        expected_version=data.expected_version,
    )


@commands.command("hold", HoldCommand, message=gettext_lazy("Holders of the bracket recorded."))
def _hold(actor: Actor, doc: Document, data: HoldCommand) -> object:
    return services.bracket_holder_set_own(
        actor=actor,
        document=doc,
        provision=provision_at(doc, data.provision),
        index=data.index,
        delegation=delegation_of(doc.format_id, data.delegation),
        holds=data.holds,
        expected_version=data.expected_version,
    )


@commands.command("translate", TranslationCommand, message=gettext_lazy("Translation saved."))
def _translate(actor: Actor, doc: Document, data: TranslationCommand) -> object:
    return services.translation_set(
        actor=actor,
        document=doc,
        provision=provision_at(doc, data.provision),
        language=data.language,
        text=data.text,
        expected_version=data.expected_version,
    )


# --- the page's forms -----------------------------------------------------------------------

FormData = MultiValueDict[str, Any]
Reshape = Callable[[Document, FormData], None]


@dataclass(frozen=True)
class PageAction:
    """A form of the document page: the command it runs, whether its hidden `version`
    (the document's version as the page showed it) is the command's `expected_version`,
    how its other fields map onto the command's schema, and its own success message when
    one command serves several forms."""

    command: str
    document_version: bool = False
    reshape: Reshape | None = None
    message: str | Promise | None = None

    def success(self, message: str) -> str:
        return message if self.message is None else str(self.message)

    def form(self, doc: Document, post: QueryDict) -> FormData:
        form: FormData = MultiValueDict(post.lists())
        if self.document_version and "version" in form:
            form["expected_version"] = form["version"]
        if self.reshape is not None:
            self.reshape(doc, form)
        return form

    def parse(self, doc: Document, post: QueryDict) -> InputSchema:
        return commands.parse_form(self.command, self.form(doc, post))


def _titles(doc: Document, form: FormData) -> None:
    titles = {code: form.get(f"title_{code}", "") for code in doc.languages[1:]}
    form.setlist("titles", [titles])  # one value: the mapping the schema takes


def _share(doc: Document, form: FormData) -> None:
    form["shared_with_observers"] = "1" if form.get("shared") == "1" else "0"


def _deadline(doc: Document, form: FormData) -> None:
    """The page's deadline is a date and time in the zone chosen beside it (by default the
    viewer's own); a value with its own offset keeps it."""
    moment = parse_local(form.get("deadline", ""), form.get("deadline_zone", "") or None)
    form["deadline"] = moment.isoformat()


def _alternatives(doc: Document, form: FormData) -> None:
    """One alternative per line of the page's text area."""
    lines = form.get("alternatives", "").splitlines()
    form.setlist("alternatives", [line for line in lines if line.strip()])


PAGE_ACTIONS: dict[str, PageAction] = {
    "open": PageAction("open", document_version=True),
    "finalise": PageAction("finalise", document_version=True),
    "reopen": PageAction("reopen", document_version=True),
    "withdraw": PageAction("withdraw", document_version=True),
    "titles": PageAction(
        "update", document_version=True, reshape=_titles, message=gettext_lazy("Titles saved.")
    ),
    "share": PageAction(
        "update",
        document_version=True,
        reshape=_share,
        message=gettext_lazy("Sharing with observers updated."),
    ),
    "adopt": PageAction("adopt", document_version=True),
    "silence": PageAction("silence", document_version=True, reshape=_deadline),
    "break_silence": PageAction("break_silence"),
    "position": PageAction("position"),
    "confirm": PageAction("confirm"),
    "propose": PageAction("propose"),
    "stance": PageAction("stance"),
    "incorporate": PageAction("incorporate", document_version=True),
    "set_aside": PageAction("set_aside"),
    "withdraw_proposal": PageAction("withdraw_proposal"),
    "rebase": PageAction("rebase"),
    "insert": PageAction("insert", document_version=True),
    "edit": PageAction("edit", document_version=True),
    "move": PageAction("move", document_version=True),
    "delete": PageAction("delete", document_version=True),
    "resolve": PageAction("resolve", document_version=True),
    "bracket": PageAction("bracket", document_version=True, reshape=_alternatives),
    "holders": PageAction("holders", document_version=True),
    "hold": PageAction("hold", document_version=True),
    "paste": PageAction("paste", document_version=True),
    "translate": PageAction("translate"),
}
