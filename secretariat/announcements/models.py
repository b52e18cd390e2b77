"""A format's announcements: short notices its secretariat sends to its participants."""

from __future__ import annotations

from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 1000


class Announcement(models.Model):
    """A short notice the secretariat sends to everyone taking part in a format (member
    delegations, observers and the secretariat), shown live on their pages.

    Until the live transport and this capability became two apps the model lived in
    `secretariat.live`; its migrations moved it here with its rows (the table was renamed,
    the content type of its audit entries follows)."""

    format = models.ForeignKey(
        "formats.DialogueFormat",
        verbose_name=_("format"),
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    text = models.TextField(
        _("text"), max_length=TEXT_MAX_LENGTH, validators=[MaxLengthValidator(TEXT_MAX_LENGTH)]
    )
    author = models.ForeignKey(
        "accounts.User",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["format", "-created_at"])]

    def __str__(self) -> str:
        return self.text[:60]
