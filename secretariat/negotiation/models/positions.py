"""Positions of member delegations on the text of a revision."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from secretariat.formats.models import Delegation
from secretariat.negotiation.models.documents import Document


class PositionStance(models.TextChoices):
    AGREE = "agree", _("agree")
    AD_REFERENDUM = "ad_referendum", _("agree ad referendum")
    RESERVE = "reserve", _("reserve")
    OBJECT = "object", _("object")


class Position(models.Model):
    """A member delegation's position on the text of one revision.

    Counts towards consensus only while it concerns the current revision; an "ad
    referendum" agreement counts once its capital confirmed it.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="positions")
    delegation = models.ForeignKey(Delegation, on_delete=models.PROTECT, related_name="+")
    stance = models.CharField(_("position"), max_length=15, choices=PositionStance.choices)
    reason = models.TextField(_("reason"), blank=True)
    revision_number = models.PositiveIntegerField(_("on revision"))
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    version = models.PositiveIntegerField(_("version"), default=1)

    objects: ClassVar[models.Manager[Position]] = models.Manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        constraints = [
            models.UniqueConstraint(fields=["document", "delegation"], name="position_once"),
            models.CheckConstraint(
                condition=~Q(stance="object") | ~Q(reason=""), name="objection_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation_id}: {self.stance}"

    def counts_as_agreement(self, current_revision: int) -> bool:
        if self.revision_number != current_revision:
            return False
        if self.stance == PositionStance.AGREE:
            return True
        return self.stance == PositionStance.AD_REFERENDUM and self.confirmed_at is not None
