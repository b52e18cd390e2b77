"""Proposals of delegations and their stances on each other's proposals."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import RETURN_VALUE, transition

from secretariat.formats.models import Delegation
from secretariat.negotiation.models.documents import (
    Document,
    Provision,
    ProvisionKind,
)
from secretariat.negotiation.models.lifecycle import (
    GuardedLifecycle,
    StateField,
    may_decide_proposal,
    may_withdraw_proposal,
    text_editable,
)


class ProposalKind(models.TextChoices):
    INSERT = "insert", _("insert")
    REPLACE = "replace", _("replace")
    DELETE = "delete", _("delete")


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("open")
    INCORPORATED = "incorporated", _("incorporated")
    BRACKETED = "bracketed", _("incorporated as bracketed alternative")
    SET_ASIDE = "set_aside", _("set aside")
    WITHDRAWN = "withdrawn", _("withdrawn")


class Proposal(GuardedLifecycle, models.Model):
    """A delegation proposes to insert, replace or delete a provision or a span of one.

    insert: a new provision (`new_kind`, `new_text`) after `provision` (None: at the start).
    replace / delete: in `provision`; `old_text` is the span of its markup concerned (empty:
    the whole provision); replace puts `new_text` there. `base_revision` is the revision
    the delegation read; the proposal is outdated when its provision changed since.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="proposals")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="+")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ProposalKind.choices)
    provision = models.ForeignKey(
        Provision, null=True, blank=True, on_delete=models.CASCADE, related_name="proposals"
    )
    new_kind = models.CharField(
        _("kind of the new provision"), max_length=20, choices=ProvisionKind.choices, blank=True
    )
    old_text = models.TextField(_("text concerned"), blank=True)
    new_text = models.TextField(_("proposed text"), blank=True)
    rationale = models.TextField(_("rationale"))
    base_revision = models.PositiveIntegerField(_("made on revision"))
    status = StateField(
        _("status"),
        max_length=15,
        choices=ProposalStatus.choices,
        default=ProposalStatus.OPEN,
        protected=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_reason = models.TextField(_("reason of the decision"), blank=True)
    decided_in_revision = models.PositiveIntegerField(null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects: ClassVar[models.Manager[Proposal]] = models.Manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["document", "created_at", "id"]
        indexes = [models.Index(fields=["document", "status"], name="proposal_doc_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="insert") | Q(provision__isnull=False),
                name="proposal_targets_provision",
            ),
            models.CheckConstraint(
                condition=~Q(kind="insert") | ~Q(new_kind=""), name="proposal_insert_has_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.delegation_id} on {self.document_id}"

    @property
    def is_open(self) -> bool:
        return bool(self.status == ProposalStatus.OPEN)

    # --- the lifecycle: open -> incorporated (fully or in brackets), set aside, withdrawn ---

    @transition(
        field=status,
        source=ProposalStatus.OPEN,
        target=RETURN_VALUE(ProposalStatus.INCORPORATED, ProposalStatus.BRACKETED),
        conditions=[text_editable],
        permission=may_decide_proposal,
    )
    def incorporate(self, *, bracketed: bool) -> str:
        return ProposalStatus.BRACKETED if bracketed else ProposalStatus.INCORPORATED

    @transition(
        field=status,
        source=ProposalStatus.OPEN,
        target=ProposalStatus.SET_ASIDE,
        permission=may_decide_proposal,
    )
    def set_aside(self) -> None:
        pass

    @transition(
        field=status,
        source=ProposalStatus.OPEN,
        target=ProposalStatus.WITHDRAWN,
        permission=may_withdraw_proposal,
    )
    def withdraw(self) -> None:
        pass


class Stance(models.TextChoices):
    SUPPORT = "support", _("support")
    OPPOSE = "oppose", _("oppose")


class ProposalStance(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="stances")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="+")
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    objects: ClassVar[models.Manager[ProposalStance]] = models.Manager()

    class Meta:
        verbose_name = _("stance on a proposal")
        verbose_name_plural = _("stances on proposals")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "delegation"], name="stance_once"),
        ]

    def __str__(self) -> str:
        return f"{self.delegation_id} {self.stance} {self.proposal_id}"
