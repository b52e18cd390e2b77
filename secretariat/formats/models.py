"""Dialogue formats, their member states, delegations and the people in them."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from secretariat.core.timezones import validate_time_zone

# Languages a format may work in (ISO 639-1). The UI itself speaks en, ru, ja.
WORKING_LANGUAGE_CHOICES = [
    ("en", _("English")),
    ("ru", _("Russian")),
    ("ja", _("Japanese")),
    ("fr", _("French")),
    ("de", _("German")),
    ("zh", _("Chinese")),
    ("ar", _("Arabic")),
    ("es", _("Spanish")),
    ("kk", _("Kazakh")),
    ("ky", _("Kyrgyz")),
    ("tg", _("Tajik")),
    ("tk", _("Turkmen")),
    ("uz", _("Uzbek")),
]
WORKING_LANGUAGE_CODES = frozenset(code for code, _label in WORKING_LANGUAGE_CHOICES)


def validate_working_languages(value: object) -> None:
    if not isinstance(value, list) or not value:
        raise ValidationError(_("Give at least one working language as a list of codes."))
    unknown = [code for code in value if code not in WORKING_LANGUAGE_CODES]
    if unknown:
        raise ValidationError(
            _("Unknown language code(s): %(codes)s."),
            params={"codes": ", ".join(map(str, unknown))},
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("Each working language may be listed only once."))


class MemberState(models.Model):
    """A state as ISO 3166 knows it, with its capital's time zone from the tz database."""

    iso2 = models.CharField(
        _("ISO 3166 alpha-2"),
        max_length=2,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2}$", _("Two capital letters, e.g. JP."))],
    )
    iso3 = models.CharField(
        _("ISO 3166 alpha-3"),
        max_length=3,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Three capital letters, e.g. JPN."))],
    )
    name = models.CharField(_("name"), max_length=100)
    capital = models.CharField(_("capital"), max_length=100)
    time_zone = models.CharField(
        _("capital's time zone"), max_length=64, validators=[validate_time_zone]
    )

    objects: ClassVar[models.Manager[MemberState]] = models.Manager()

    class Meta:
        verbose_name = _("state")
        verbose_name_plural = _("states")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def flag(self) -> str:
        """The flag emoji: the two regional-indicator letters of the alpha-2 code."""
        return "".join(chr(0x1F1E6 + ord(letter) - ord("A")) for letter in self.iso2)


class DialogueFormat(models.Model):
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60)
    founded_year = models.PositiveSmallIntegerField(
        _("founding year"), validators=[MinValueValidator(1945), MaxValueValidator(2100)]
    )
    description = models.TextField(_("description"), blank=True)
    working_languages = models.JSONField(
        _("working languages"),
        default=list,
        blank=True,  # the validator explains what is missing
        validators=[validate_working_languages],
    )
    states: models.ManyToManyField[MemberState, Membership] = models.ManyToManyField(
        MemberState, through="Membership", related_name="formats", verbose_name=_("states")
    )

    objects: ClassVar[models.Manager[DialogueFormat]] = models.Manager()

    class Meta:
        verbose_name = _("dialogue format")
        verbose_name_plural = _("dialogue formats")
        ordering = ["founded_year", "name"]

    def __str__(self) -> str:
        return self.short_name or self.name

    def clean(self) -> None:
        super().clean()
        if not self.working_languages:  # field validators skip empty values
            raise ValidationError(
                {"working_languages": _("Give at least one working language as a list of codes.")}
            )


class Membership(models.Model):
    class Kind(models.TextChoices):
        MEMBER = "member", _("member")
        OBSERVER = "observer", _("observer")

    format = models.ForeignKey(DialogueFormat, on_delete=models.CASCADE, related_name="memberships")
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="memberships")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MEMBER)
    since = models.DateField(_("since"))

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["format", "state__name"]
        constraints = [
            models.UniqueConstraint(fields=["format", "state"], name="membership_once_per_format"),
            models.CheckConstraint(
                condition=Q(kind__in=["member", "observer"]), name="membership_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} in {self.format} ({self.get_kind_display()})"


class Delegation(models.Model):
    """The delegation of one state to one format."""

    format = models.ForeignKey(DialogueFormat, on_delete=models.CASCADE, related_name="delegations")
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="delegations")
    people: models.ManyToManyField[Any, DelegationMember] = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="DelegationMember",
        related_name="delegations",
        verbose_name=_("people"),
    )

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        ordering = ["format", "state__name"]
        constraints = [
            models.UniqueConstraint(fields=["format", "state"], name="delegation_once_per_format"),
        ]

    def __str__(self) -> str:
        return f"{self.state} — {self.format}"


class DelegationMember(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("head of delegation")
        DELEGATE = "delegate", _("delegate")
        EXPERT = "expert", _("expert")

    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="delegation_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices)
    function = models.CharField(_("function"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["delegation", "role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["delegation", "user"], name="delegation_member_once"),
            models.UniqueConstraint(
                fields=["delegation"],
                condition=Q(role="head"),
                name="one_head_per_delegation",
                violation_error_message=_("This delegation already has a head of delegation."),
            ),
            models.CheckConstraint(
                condition=Q(role__in=["head", "delegate", "expert"]),
                name="delegation_member_role_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.delegation})"


class SecretariatMember(models.Model):
    format = models.ForeignKey(
        DialogueFormat, on_delete=models.CASCADE, related_name="secretariat_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="secretariat_memberships"
    )
    function = models.CharField(_("function"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("secretariat member")
        verbose_name_plural = _("secretariat members")
        ordering = ["format", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["format", "user"], name="secretariat_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.format} secretariat)"


class Observer(models.Model):
    """A person admitted to follow a format without a say (e.g. from a partner organisation)."""

    format = models.ForeignKey(DialogueFormat, on_delete=models.CASCADE, related_name="observers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="observer_seats"
    )
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("observer")
        verbose_name_plural = _("observers")
        ordering = ["format", "user__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["format", "user"], name="observer_once_per_format"),
        ]

    def __str__(self) -> str:
        return f"{self.user} (observer, {self.format})"


class Chairmanship(models.Model):
    """A member state chairs a format for a term; terms of one format never overlap."""

    format = models.ForeignKey(
        DialogueFormat, on_delete=models.CASCADE, related_name="chairmanships"
    )
    state = models.ForeignKey(MemberState, on_delete=models.PROTECT, related_name="+")
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)

    class Meta:
        verbose_name = _("chairmanship")
        verbose_name_plural = _("chairmanships")
        ordering = ["format", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="chairmanship_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["format", "starts_on"], name="chairmanship_one_start_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.state} chairs {self.format} from {self.starts_on}"

    def covers(self, day: date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)
