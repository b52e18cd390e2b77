"""The silence procedure on a final text."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from secretariat.formats.models import Delegation
from secretariat.negotiation.models.documents import Document
from secretariat.negotiation.models.lifecycle import (
    GuardedLifecycle,
    StateField,
    may_break_this_silence,
    may_manage_its_document,
    nobody,
)

if TYPE_CHECKING:
    from secretariat.accounts.models import User


class SilenceProcedure(GuardedLifecycle, models.Model):
    """The chair circulates the final text; silence until `deadline` (UTC) means adoption.

    Lifecycle: running -> broken (a member delegation objected or proposed an amendment),
    ended (the document was withdrawn) or adopted (recorded after the deadline; an
    unbroken silence past its deadline reads as adopted before that, see `status`).
    """

    class BreakKind(models.TextChoices):
        OBJECTION = "objection", _("objection")
        AMENDMENT = "amendment", _("amendment")

    class State(models.TextChoices):
        RUNNING = "running", _("running")
        BROKEN = "broken", _("broken")
        ENDED = "ended", _("ended with the document's withdrawal")
        ADOPTED = "adopted", _("adopted")

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="silence_procedures"
    )
    revision_number = models.PositiveIntegerField(_("revision circulated"))
    state = StateField(
        _("state"), max_length=10, choices=State.choices, default=State.RUNNING, protected=True
    )
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    deadline = models.DateTimeField(_("deadline"))
    broken_at = models.DateTimeField(_("broken at"), null=True, blank=True)
    broken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    broken_by_delegation = models.ForeignKey(
        Delegation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    break_kind = models.CharField(
        _("broken by"), max_length=10, choices=BreakKind.choices, blank=True
    )
    break_reason = models.TextField(_("reason"), blank=True)
    # When people were told (see notifications.py); each notice goes out once.
    started_notified_at = models.DateTimeField(_("start notified at"), null=True, blank=True)
    broken_notified_at = models.DateTimeField(_("break notified at"), null=True, blank=True)
    notified_at = models.DateTimeField(_("outcome notified at"), null=True, blank=True)

    objects: ClassVar[models.Manager[SilenceProcedure]] = models.Manager()

    class Meta:
        verbose_name = _("silence procedure")
        verbose_name_plural = _("silence procedures")
        ordering = ["document", "-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["document"],
                condition=Q(broken_at__isnull=True),
                name="one_unbroken_silence_per_document",
            ),
            models.CheckConstraint(
                condition=Q(deadline__gt=F("started_at")), name="silence_deadline_after_start"
            ),
            models.CheckConstraint(
                condition=(
                    Q(state__in=["broken", "ended"], broken_at__isnull=False)
                    | Q(state__in=["running", "adopted"], broken_at__isnull=True)
                ),
                name="silence_state_matches_break",
            ),
        ]

    def __str__(self) -> str:
        return f"silence on {self.document_id} until {self.deadline:%Y-%m-%d %H:%M} UTC"

    def status(self, now: datetime | None = None) -> str:
        """running, broken (also when it ended with the document) or expired (adopted)."""
        if self.state in (self.State.BROKEN, self.State.ENDED):
            return "broken"
        if self.state == self.State.ADOPTED:
            return "expired"
        return "expired" if self.deadline <= (now or timezone.now()) else "running"

    @transition(
        field=state, source=State.RUNNING, target=State.BROKEN, permission=may_break_this_silence
    )
    def break_silence(
        self,
        *,
        at: datetime,
        by: User | None,
        delegation: Delegation,
        kind: str,
        reason: str,
    ) -> None:
        self.broken_at = at
        self.broken_by = by
        self.broken_by_delegation = delegation
        self.break_kind = kind
        self.break_reason = reason

    @transition(
        field=state, source=State.RUNNING, target=State.ENDED, permission=may_manage_its_document
    )
    def end_with_document(self, *, at: datetime, by: User | None, reason: str) -> None:
        self.broken_at = at
        self.broken_by = by
        self.break_kind = ""
        self.break_reason = reason

    @transition(field=state, source=State.RUNNING, target=State.ADOPTED, permission=nobody)
    def settle(self) -> None:
        """Recorded after the deadline passed unbroken."""
