"""Meetings of a format: agenda, participants, the session record, minutes and statements.

Times are stored in UTC. The lifecycles of a meeting, its minutes and its statement are
guarded state machines (django-fsm-2): the state field is protected (no code assigns it),
each transition names its `permission=` (asking `secretariat.meetings.policy`), which the
pages ask through `has_transition_perm` to decide which buttons to show, and services are
the only callers of the transitions.
"""

from __future__ import annotations

from typing import ClassVar, TypeAlias

from django.conf import settings
from django.contrib.auth.models import AbstractUser, AnonymousUser, PermissionsMixin
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from secretariat.core.types import Actor
from secretariat.formats.models import Delegation, DialogueFormat, MemberState


class MeetingKind(models.TextChoices):
    SUMMIT = "summit", _("summit")
    FOREIGN_MINISTERS = "foreign_ministers", _("meeting of the Foreign Ministers")
    SENIOR_OFFICIALS = "senior_officials", _("meeting of Senior Officials")
    EXPERT_GROUP = "expert_group", _("expert group meeting")


class MeetingMode(models.TextChoices):
    ONLINE = "online", _("online")
    IN_PERSON = "in_person", _("in person")
    HYBRID = "hybrid", _("hybrid")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ANNOUNCED = "announced", _("announced")
    IN_SESSION = "in_session", _("in session")
    CLOSED = "closed", _("closed")
    MINUTES_APPROVED = "minutes_approved", _("minutes approved")
    POSTPONED = "postponed", _("postponed")
    CANCELLED = "cancelled", _("cancelled")


class ConferenceProviderChoice(models.TextChoices):
    NONE = "", _("no video conference")
    JITSI = "jitsi", _("Jitsi room")
    EXTERNAL = "external", _("external link")


#: Who django-fsm hands a transition's `permission=` (the person `has_transition_perm` asks for).
FsmUser: TypeAlias = "AbstractUser | AnonymousUser | PermissionsMixin"


def _actor(user: FsmUser) -> Actor:
    from secretariat.accounts.models import User

    return user if isinstance(user, User | AnonymousUser) else AnonymousUser()


def _may_manage(meeting: models.Model, user: FsmUser) -> bool:
    """The secretariat manages the meeting's lifecycle (`policy.can_manage_meeting`)."""
    from secretariat.meetings import policy

    assert isinstance(meeting, Meeting)
    return policy.can_manage_meeting(_actor(user), meeting)


def _may_run(meeting: models.Model, user: FsmUser) -> bool:
    """The chair or the secretariat runs the session (`policy.can_run_session`)."""
    from secretariat.meetings import policy

    assert isinstance(meeting, Meeting)
    return policy.can_run_session(_actor(user), meeting)


def _may_manage_records(record: models.Model, user: FsmUser) -> bool:
    """Minutes and the statement: the secretariat of the meeting's format."""
    from secretariat.meetings import policy

    assert isinstance(record, Minutes | PressStatement)
    return policy.can_manage_meeting(_actor(user), record.meeting)


class Meeting(FSMModelMixin, models.Model):
    format = models.ForeignKey(DialogueFormat, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    number = models.PositiveSmallIntegerField(
        _("ordinal number"),
        null=True,
        blank=True,
        help_text=_("The 8 of “8th meeting of the Foreign Ministers”; leave empty if unnumbered."),
    )
    title = models.CharField(
        _("title"), max_length=200, blank=True, help_text=_("Optional; e.g. “Online meeting”.")
    )
    mode = models.CharField(_("mode"), max_length=10, choices=MeetingMode.choices)
    host_state = models.ForeignKey(
        MemberState,
        verbose_name=_("host state"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    chair_state = models.ForeignKey(
        MemberState,
        verbose_name=_("chair"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    starts_at = models.DateTimeField(_("starts at (UTC)"))
    ends_at = models.DateTimeField(_("ends at (UTC)"))
    is_public = models.BooleanField(
        _("public"),
        default=False,
        help_text=_(
            "Public meetings appear in the public calendar and have a public outcomes page."
        ),
    )
    status = FSMField(
        _("status"),
        max_length=20,
        choices=MeetingStatus.choices,
        default=MeetingStatus.PLANNED,
        protected=True,
    )
    conference_provider = models.CharField(
        _("video conference"),
        max_length=20,
        choices=ConferenceProviderChoice.choices,
        blank=True,
        default="",
    )
    conference_url = models.URLField(_("video conference link"), max_length=500, blank=True)
    agenda_approved_at = models.DateTimeField(_("agenda approved at"), null=True, blank=True)
    # The live session: where the console stands now.
    current_item = models.ForeignKey(
        "AgendaItem", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    speakers_open = models.BooleanField(_("list of speakers open"), default=False)
    speaking_time = models.PositiveSmallIntegerField(
        _("speaking time (seconds)"), default=180, help_text=_("Per speaker.")
    )
    opened_at = models.DateTimeField(_("session opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("session closed at"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects: ClassVar[models.Manager[Meeting]] = models.Manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["format", "kind", "number"],
                condition=Q(number__isnull=False),
                name="meeting_number_once_per_kind",
            ),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "planned",
                        "announced",
                        "in_session",
                        "closed",
                        "minutes_approved",
                        "postponed",
                        "cancelled",
                    ]
                ),
                name="meeting_status_valid",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="meeting_number_positive"),
        ]

    def __str__(self) -> str:
        return str(self.display_name)

    @property
    def display_name(self) -> str:
        from secretariat.meetings.naming import meeting_name

        return meeting_name(self)

    @property
    def is_online(self) -> bool:
        return self.mode in (MeetingMode.ONLINE, MeetingMode.HYBRID)

    # --- Lifecycle (the permission callables answer the UI's "which buttons"; services call
    # the transitions and check the same permission for the person acting).

    @transition(
        field=status,
        source=MeetingStatus.PLANNED,
        target=MeetingStatus.ANNOUNCED,
        permission=_may_manage,
    )
    def announce(self) -> None:
        """Make the meeting known to the format (and the public when it is public)."""

    @transition(
        field=status,
        source=[MeetingStatus.PLANNED, MeetingStatus.ANNOUNCED],
        target=MeetingStatus.POSTPONED,
        permission=_may_manage,
    )
    def postpone(self) -> None:
        """The meeting will not take place at the announced time."""

    @transition(
        field=status,
        source=MeetingStatus.POSTPONED,
        target=MeetingStatus.ANNOUNCED,
        permission=_may_manage,
    )
    def reschedule(self) -> None:
        """A postponed meeting gets new times and is announced again."""

    @transition(
        field=status,
        source=[MeetingStatus.PLANNED, MeetingStatus.ANNOUNCED, MeetingStatus.POSTPONED],
        target=MeetingStatus.CANCELLED,
        permission=_may_manage,
    )
    def cancel(self) -> None:
        """The meeting will not take place."""

    @transition(
        field=status,
        source=MeetingStatus.ANNOUNCED,
        target=MeetingStatus.IN_SESSION,
        permission=_may_run,
    )
    def open_session(self) -> None:
        """The chair opens the session; the agenda is approved at that moment."""

    @transition(
        field=status,
        source=MeetingStatus.IN_SESSION,
        target=MeetingStatus.CLOSED,
        permission=_may_run,
    )
    def close_session(self) -> None:
        """The chair closes the session; its record is complete."""

    @transition(
        field=status,
        source=MeetingStatus.CLOSED,
        target=MeetingStatus.MINUTES_APPROVED,
        permission=_may_manage,
    )
    def approve_minutes(self) -> None:
        """The minutes are final and frozen."""


class AgendaItemKind(models.TextChoices):
    INFORMATION = "information", _("for information")
    DISCUSSION = "discussion", _("for discussion")
    DECISION = "decision", _("for decision")


class AgendaItem(models.Model):
    Kind = AgendaItemKind

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    description = models.TextField(_("description"), blank=True)
    document = models.ForeignKey(
        "negotiation.Document",
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["information", "discussion", "decision"]),
                name="agenda_item_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.title}"


class Participant(models.Model):
    """A person a delegation registers for a meeting; roll call records presence."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="meeting_participants"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_participations",
    )
    name = models.CharField(_("name"), max_length=200)
    function = models.CharField(_("function"), max_length=200, blank=True)
    present = models.BooleanField(_("present"), null=True, blank=True)
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["meeting", "delegation__state__name", "registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "user"],
                condition=Q(user__isnull=False),
                name="participant_once_per_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.delegation.state})"


class Speaker(models.Model):
    """An entry on the list of speakers of one agenda item."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting")
        SPEAKING = "speaking", _("has the floor")
        DONE = "done", _("spoke")
        WITHDRAWN = "withdrawn", _("withdrawn")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="speakers")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="speakers")
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["meeting", "requested_at", "pk"]
        constraints = [
            # A delegation waits at most once per item; it may ask again after speaking.
            models.UniqueConstraint(
                fields=["agenda_item", "delegation"],
                condition=Q(status="waiting"),
                name="speaker_waits_once_per_item",
            ),
            models.UniqueConstraint(
                fields=["meeting"], condition=Q(status="speaking"), name="one_floor_per_meeting"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation.state} on {self.agenda_item}"


class DecisionKind(models.TextChoices):
    DECISION = "decision", _("decision")
    ADOPTED_BY_CONSENSUS = "adopted", _("adopted by consensus")
    NOTED = "noted", _("taken note")


class Decision(models.Model):
    Kind = DecisionKind

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("text"))
    document = models.ForeignKey(
        "negotiation.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_decisions",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "recorded_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Minutes(FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        CIRCULATED = "circulated", _("circulated for approval")
        FINAL = "final", _("final")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = FSMField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, protected=True
    )
    deadline = models.DateTimeField(_("approve or comment by"), null=True, blank=True)
    final_hash = models.CharField(_("SHA-256 of the final text"), max_length=64, blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "circulated", "final"]),
                name="minutes_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Minutes of {self.meeting}"

    @transition(
        field=status, source=Status.DRAFT, target=Status.CIRCULATED, permission=_may_manage_records
    )
    def circulate(self) -> None:
        """Delegations may now approve or comment until the deadline."""

    @transition(
        field=status, source=Status.CIRCULATED, target=Status.DRAFT, permission=_may_manage_records
    )
    def reopen(self) -> None:
        """The secretariat takes the text back to revise it after comments."""

    @transition(
        field=status, source=Status.CIRCULATED, target=Status.FINAL, permission=_may_manage_records
    )
    def finalise(self) -> None:
        """Final and frozen."""


class MinutesRevision(models.Model):
    """An immutable text of the minutes: one per edit, in every working language."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    texts = models.JSONField(_("text per language"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minutes revision")
        verbose_name_plural = _("minutes revisions")
        ordering = ["minutes", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["minutes", "number"], name="minutes_revision_once"),
        ]

    def __str__(self) -> str:
        return f"{self.minutes} r{self.number}"


class MinutesResponseKind(models.TextChoices):
    APPROVE = "approve", _("approves")
    COMMENT = "comment", _("comments")


class MinutesResponse(models.Model):
    """A delegation approves the circulated minutes, or comments on them."""

    Kind = MinutesResponseKind

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="responses")
    revision = models.ForeignKey(MinutesRevision, on_delete=models.CASCADE, related_name="+")
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("response"), max_length=8, choices=Kind.choices)
    text = models.TextField(_("comment"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("response to minutes")
        verbose_name_plural = _("responses to minutes")
        ordering = ["minutes", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["revision", "delegation"],
                condition=Q(kind="approve"),
                name="minutes_approved_once_per_revision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegation.state} {self.kind}"


class PressStatement(FSMModelMixin, models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="statement")
    texts = models.JSONField(_("text per language"))
    status = FSMField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, protected=True
    )
    published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("joint press statement")
        verbose_name_plural = _("joint press statements")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["draft", "published"]), name="statement_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Statement of {self.meeting}"

    @transition(
        field=status, source=Status.DRAFT, target=Status.PUBLISHED, permission=_may_manage_records
    )
    def publish(self) -> None:
        """Public with the meeting; the text no longer changes."""


class CalendarToken(models.Model):
    """The secret in a person's private calendar feed URL; replaced when revoked."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="meeting_calendar"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar token")
        verbose_name_plural = _("calendar tokens")

    def __str__(self) -> str:
        return f"calendar of {self.user}"
