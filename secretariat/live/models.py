"""The version counter of each live topic key."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TopicVersion(models.Model):
    """How many events a topic key has published. It is bumped in the same transaction as
    the change an event describes, so a snapshot read in one transaction sees the change
    and its version together or neither (see `secretariat.live.versions`)."""

    topic = models.CharField(_("topic"), max_length=32)
    key = models.CharField(_("key"), max_length=64)
    version = models.PositiveBigIntegerField(_("version"), default=0)

    class Meta:
        verbose_name = _("live topic version")
        verbose_name_plural = _("live topic versions")
        constraints = [
            models.UniqueConstraint(fields=["topic", "key"], name="live_topic_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.topic}/{self.key} v{self.version}"
