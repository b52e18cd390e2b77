"""Documents and their text: provisions, immutable revisions, language versions and the
frozen (adopted or circulated) text with its hash."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import transition

from secretariat.formats.models import WORKING_LANGUAGE_CHOICES, Delegation, DialogueFormat
from secretariat.negotiation.models.lifecycle import (
    GuardedLifecycle,
    StateField,
    awaits_meeting,
    may_break_silence,
    may_chair,
    may_manage,
    may_open,
    nobody,
    not_adopted_by_silence,
    not_under_silence,
    under_silence,
)


class DocumentKind(models.TextChoices):
    PROGRAMME = "programme", _("programme")
    CONCEPT = "concept", _("concept")
    ROADMAP = "roadmap", _("roadmap")
    PLATFORM = "platform", _("platform")
    DECLARATION = "declaration", _("declaration")
    JOINT_STATEMENT = "joint_statement", _("joint statement")
    COMMUNIQUE = "communique", _("communiqué")


class DocumentState(models.TextChoices):
    DRAFT = "draft", _("draft")
    NEGOTIATION = "negotiation", _("under negotiation")
    FINAL = "final", _("final text")
    ADOPTED = "adopted", _("adopted")
    WITHDRAWN = "withdrawn", _("withdrawn")


class FinalMode(models.TextChoices):
    NONE = "", _("none")
    MEETING = "meeting", _("awaiting adoption at a meeting")
    SILENCE = "silence", _("under silence procedure")


class ProvisionKind(models.TextChoices):
    HEADING = "heading", _("heading")
    PREAMBULAR = "preambular", _("preambular paragraph")
    OPERATIVE = "operative", _("operative paragraph")
    SUBPARAGRAPH = "subparagraph", _("sub-paragraph")


class Document(GuardedLifecycle, models.Model):
    """A joint document of a format, negotiated provision by provision.

    Lifecycle: draft -> under negotiation -> final text (awaiting adoption at a meeting, or
    under silence procedure) -> adopted; or withdrawn. A silence procedure whose deadline
    passed unbroken means adopted, whether or not anything has written that down yet:
    `effective_state()` derives it from the stored deadline.
    """

    format = models.ForeignKey(DialogueFormat, on_delete=models.CASCADE, related_name="documents")
    slug = models.SlugField(_("slug"), max_length=80)
    kind = models.CharField(_("kind"), max_length=20, choices=DocumentKind.choices)
    title = models.CharField(_("title"), max_length=300)
    language = models.CharField(
        _("negotiating language"), max_length=5, choices=WORKING_LANGUAGE_CHOICES, default="en"
    )
    # Titles in the other authentic languages: {"ru": "...", "ja": "..."}.
    titles = models.JSONField(_("titles in other languages"), default=dict, blank=True)
    authentic_languages = models.JSONField(_("authentic languages"), default=list)
    pen_holder = models.ForeignKey(
        Delegation,
        verbose_name=_("pen-holder"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty: the secretariat holds the pen."),
    )
    state = StateField(
        _("state"), choices=DocumentState.choices, default=DocumentState.DRAFT, protected=True
    )
    final_mode = models.CharField(
        _("final text mode"), max_length=10, choices=FinalMode.choices, default="", blank=True
    )
    silence_deadline = models.DateTimeField(_("silence deadline"), null=True, blank=True)
    shared_with_observers = models.BooleanField(_("shared with observers"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    current_revision = models.PositiveIntegerField(_("current revision"), default=0)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True)
    adopted_revision = models.PositiveIntegerField(_("adopted revision"), null=True, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    adoption_method = models.CharField(_("adoption method"), max_length=10, blank=True)
    adoption_reference = models.CharField(_("adoption reference"), max_length=300, blank=True)
    adoption_reference_url = models.URLField(_("adoption reference link"), blank=True)
    withdrawn_reason = models.TextField(_("reason for withdrawal"), blank=True)

    objects: ClassVar[models.Manager[Document]] = models.Manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["format", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["format", "slug"], name="document_slug_per_format"),
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in DocumentState]), name="document_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(final_mode="silence") | Q(silence_deadline__isnull=False),
                name="document_silence_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    # --- derived state ----------------------------------------------------------------------

    def silence_expired(self, now: datetime | None = None) -> bool:
        return (
            self.state == DocumentState.FINAL
            and self.final_mode == FinalMode.SILENCE
            and self.silence_deadline is not None
            and self.silence_deadline <= (now or timezone.now())
        )

    def effective_state(self, now: datetime | None = None) -> str:
        """The state as of `now`: an unbroken silence past its deadline is adoption."""
        if self.silence_expired(now):
            return DocumentState.ADOPTED
        return str(self.state)

    def effective_state_label(self, now: datetime | None = None) -> str:
        state = self.effective_state(now)
        if state == DocumentState.FINAL and self.final_mode:
            return f"{DocumentState(state).label} — {FinalMode(self.final_mode).label}"
        return str(DocumentState(state).label)

    def is_adopted(self, now: datetime | None = None) -> bool:
        return self.effective_state(now) == DocumentState.ADOPTED

    def adopted_on(self, now: datetime | None = None) -> datetime | None:
        if self.adopted_at:
            return self.adopted_at
        if self.silence_expired(now):
            return self.silence_deadline
        return None

    def adopted_revision_number(self, now: datetime | None = None) -> int | None:
        if self.adopted_revision:
            return self.adopted_revision
        if self.silence_expired(now):
            return self.current_revision  # text cannot change while final
        return None

    @property
    def languages(self) -> list[str]:
        """The negotiating language first, then the other authentic languages."""
        others = [code for code in self.authentic_languages if code != self.language]
        return [self.language, *others]

    def title_in(self, language: str) -> str:
        if language == self.language:
            return self.title
        return str(self.titles.get(language, ""))

    @property
    def other_titles(self) -> list[tuple[str, str]]:
        """(language, title) for each authentic language besides the negotiating one."""
        return [(code, self.title_in(code)) for code in self.languages[1:]]

    # --- the lifecycle ----------------------------------------------------------------------
    # Services check the preconditions that need the database (brackets, consensus,
    # language versions) and say why a step is refused; these are the graph, who may take
    # each step and what the stored state must be for it.

    @transition(
        field=state,
        source=DocumentState.DRAFT,
        target=DocumentState.NEGOTIATION,
        permission=may_open,
    )
    def open_negotiation(self) -> None:
        self.final_mode = FinalMode.NONE

    @transition(
        field=state,
        source=DocumentState.NEGOTIATION,
        target=DocumentState.FINAL,
        permission=may_chair,
    )
    def finalise(self) -> None:
        """Final text, awaiting adoption at a meeting."""
        self.final_mode = FinalMode.MEETING
        self.silence_deadline = None

    @transition(
        field=state,
        source=[DocumentState.NEGOTIATION, DocumentState.FINAL],
        target=DocumentState.FINAL,
        conditions=[not_under_silence],
        permission=may_chair,
    )
    def circulate_under_silence(self, deadline: datetime) -> None:
        """Final text under silence procedure until `deadline`."""
        self.final_mode = FinalMode.SILENCE
        self.silence_deadline = deadline

    @transition(
        field=state,
        source=DocumentState.FINAL,
        target=DocumentState.NEGOTIATION,
        conditions=[awaits_meeting],
        permission=may_chair,
    )
    def reopen(self) -> None:
        self.final_mode = FinalMode.NONE
        self.silence_deadline = None

    @transition(
        field=state,
        source=DocumentState.FINAL,
        target=DocumentState.NEGOTIATION,
        conditions=[under_silence],
        permission=may_break_silence,
    )
    def break_silence(self) -> None:
        """A member delegation broke the silence: back to negotiation."""
        self.final_mode = FinalMode.NONE
        self.silence_deadline = None

    @transition(
        field=state,
        source=DocumentState.FINAL,
        target=DocumentState.ADOPTED,
        conditions=[awaits_meeting],
        permission=may_chair,
    )
    def adopt(self) -> None:
        pass

    @transition(
        field=state,
        source=DocumentState.FINAL,
        target=DocumentState.ADOPTED,
        conditions=[under_silence],
        permission=nobody,
    )
    def settle_silence(self) -> None:
        """The silence ended unbroken: the adoption is written down (it was already the
        state when read, see `effective_state`)."""

    @transition(
        field=state,
        source=[DocumentState.DRAFT, DocumentState.NEGOTIATION, DocumentState.FINAL],
        target=DocumentState.WITHDRAWN,
        conditions=[not_adopted_by_silence],
        permission=may_manage,
    )
    def withdraw(self) -> None:
        self.final_mode = FinalMode.NONE
        self.silence_deadline = None


class Revision(models.Model):
    """An immutable revision: Rev.1, Rev.2, ... with who made it, when and why."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField(_("number"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    summary = models.CharField(_("summary"), max_length=300, blank=True)

    objects: ClassVar[models.Manager[Revision]] = models.Manager()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["document", "number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="revision_number_once"),
            models.CheckConstraint(condition=Q(number__gte=1), name="revision_number_positive"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return f"Rev.{self.number}"


class Provision(models.Model):
    """The stable identity of a provision across revisions."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="provisions")
    created_in = models.PositiveIntegerField(_("created in revision"))

    objects: ClassVar[models.Manager[Provision]] = models.Manager()

    class Meta:
        verbose_name = _("provision")
        verbose_name_plural = _("provisions")

    def __str__(self) -> str:
        return f"provision {self.pk} of document {self.document_id}"


class ProvisionVersion(models.Model):
    """A provision as it stood from revision `valid_from` up to (not including) `valid_to`."""

    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="versions")
    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="provision_versions"
    )
    valid_from = models.PositiveIntegerField(_("valid from revision"))
    valid_to = models.PositiveIntegerField(_("valid up to revision"), null=True, blank=True)
    order_key = models.BigIntegerField(_("order key"))
    kind = models.CharField(_("kind"), max_length=20, choices=ProvisionKind.choices)
    text = models.TextField(_("text"), blank=True)  # bracket markup
    open_brackets = models.PositiveIntegerField(_("open brackets"), default=0)

    objects: ClassVar[models.Manager[ProvisionVersion]] = models.Manager()

    class Meta:
        verbose_name = _("provision version")
        verbose_name_plural = _("provision versions")
        indexes = [
            models.Index(fields=["document", "valid_from", "valid_to"], name="provver_doc_range"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["provision", "valid_from"], name="provver_once"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=F("valid_from")),
                name="provver_range_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provision_id} @{self.valid_from}-{self.valid_to or ''}"


class ProvisionTranslation(models.Model):
    """A provision in another authentic language, aligned to the version it translates."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="translations")
    provision = models.ForeignKey(Provision, on_delete=models.CASCADE, related_name="+")
    version = models.ForeignKey(
        ProvisionVersion, on_delete=models.CASCADE, related_name="translations"
    )
    language = models.CharField(_("language"), max_length=5, choices=WORKING_LANGUAGE_CHOICES)
    text = models.TextField(_("text"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    objects: ClassVar[models.Manager[ProvisionTranslation]] = models.Manager()

    class Meta:
        verbose_name = _("provision translation")
        verbose_name_plural = _("provision translations")
        constraints = [
            models.UniqueConstraint(fields=["version", "language"], name="translation_once"),
        ]

    def __str__(self) -> str:
        return f"{self.language}: {self.text[:40]}"


class FrozenText(models.Model):
    """The canonical text of one language version at one revision, with its SHA-256.

    Written when a text is adopted at a meeting or circulated under silence procedure; the
    adopted texts of a document are those of its adopted revision. Never updated.
    """

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="frozen_texts")
    language = models.CharField(_("language"), max_length=5, choices=WORKING_LANGUAGE_CHOICES)
    revision_number = models.PositiveIntegerField(_("revision"))
    title = models.CharField(_("title"), max_length=300)
    canonical = models.TextField(_("canonical text"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    frozen_at = models.DateTimeField(_("frozen at"), default=timezone.now)

    objects: ClassVar[models.Manager[FrozenText]] = models.Manager()

    class Meta:
        verbose_name = _("frozen text")
        verbose_name_plural = _("frozen texts")
        ordering = ["document", "revision_number", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["document", "language", "revision_number"], name="frozen_text_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.document_id} {self.language} Rev.{self.revision_number} {self.sha256[:12]}"
