"""Negotiated documents: provisions, immutable revisions, proposals, positions, adoption.

Storage of the text. A provision has a stable identity (`Provision`) and one row per
stretch of revisions in which its text, kind and place stayed the same
(`ProvisionVersion`, valid from revision `valid_from` up to, not including, `valid_to`).
Reading any revision is therefore one query, whatever the number of revisions, and an
edit of one provision writes one row, not a copy of the document.

Order. Provisions sort by `order_key`, a sparse integer: inserting between two provisions
takes the middle of the gap, so neighbours keep their rows; numbers ("OP3", "(b)") are
derived from the order when read, which is what "renumbered on insertion" means here.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition

from secretariat.formats.models import WORKING_LANGUAGE_CHOICES, Delegation, DialogueFormat


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


class Document(models.Model):
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
    state = FSMField(_("state"), choices=DocumentState.choices, default=DocumentState.DRAFT)
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

    # --- the lifecycle graph (permissions and preconditions live in services) ---------------

    @transition(field=state, source=DocumentState.DRAFT, target=DocumentState.NEGOTIATION)
    def open_negotiation(self) -> None:
        self.final_mode = FinalMode.NONE

    @transition(field=state, source=DocumentState.NEGOTIATION, target=DocumentState.FINAL)
    def finalise(self, mode: str, deadline: datetime | None = None) -> None:
        self.final_mode = mode
        self.silence_deadline = deadline

    @transition(field=state, source=DocumentState.FINAL, target=DocumentState.NEGOTIATION)
    def reopen(self) -> None:
        self.final_mode = FinalMode.NONE
        self.silence_deadline = None

    @transition(field=state, source=DocumentState.FINAL, target=DocumentState.ADOPTED)
    def adopt(self) -> None:
        pass

    @transition(
        field=state,
        source=[DocumentState.DRAFT, DocumentState.NEGOTIATION, DocumentState.FINAL],
        target=DocumentState.WITHDRAWN,
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


class Proposal(models.Model):
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
    status = models.CharField(
        _("status"), max_length=15, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
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
        return self.status == ProposalStatus.OPEN


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


class SilenceProcedure(models.Model):
    """The chair circulates the final text; silence until `deadline` (UTC) means adoption."""

    class BreakKind(models.TextChoices):
        OBJECTION = "objection", _("objection")
        AMENDMENT = "amendment", _("amendment")

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="silence_procedures"
    )
    revision_number = models.PositiveIntegerField(_("revision circulated"))
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
        ]

    def __str__(self) -> str:
        return f"silence on {self.document_id} until {self.deadline:%Y-%m-%d %H:%M} UTC"

    def status(self, now: datetime | None = None) -> str:
        if self.broken_at:
            return "broken"
        return "expired" if self.deadline <= (now or timezone.now()) else "running"
