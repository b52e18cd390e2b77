"""Formats in the admin. Every save and delete, inline rows included, calls the services of
`secretariat.formats.services` (validated, audited); a refused save shows the rule's message
and changes nothing. The chairmanship form asks the same rule before saving."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from modeltranslation.admin import TranslationAdmin

from secretariat.core.admin import ADMIN_WRITES, AdminWrites, ServiceAdmin
from secretariat.formats import services as s
from secretariat.formats.models import (
    Chairmanship,
    Delegation,
    DelegationMember,
    DialogueFormat,
    Membership,
    MemberState,
    Observer,
    SecretariatMember,
)


def _fields(obj: Any, *names: str) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in names}


def _translations(obj: Any, *names: str) -> dict[str, Any]:
    """The per-language columns of translated fields (name_ru, name_ja...)."""
    from django.conf import settings

    return {
        f"{name}_{code}": getattr(obj, f"{name}_{code}")
        for name in names
        for code, _label in settings.LANGUAGES
        if code != "en"
    }


ADMIN_WRITES.update(
    {
        MemberState: AdminWrites(
            create=lambda a, o: s.state_create(
                actor=a,
                **_fields(o, "iso2", "iso3", "time_zone"),
                name=o.name_en or o.name,
                capital=o.capital_en or o.capital,
                **_translations(o, "name", "capital"),
            ),
            update=lambda a, o, d: s.state_update(actor=a, state=o, data=d),
            delete=lambda a, o: s.state_delete(actor=a, state=o),
        ),
        DialogueFormat: AdminWrites(
            create=lambda a, o: s.format_create(
                actor=a,
                **_fields(o, "slug", "founded_year", "working_languages"),
                name=o.name_en or o.name,
                short_name=o.short_name_en or o.short_name,
                description=o.description_en or o.description or "",
                **_translations(o, "name", "short_name", "description"),
            ),
            update=lambda a, o, d: s.format_update(actor=a, fmt=o, data=d),
            delete=lambda a, o: s.format_delete(actor=a, fmt=o),
        ),
        Membership: AdminWrites(
            create=lambda a, o: s.membership_add(
                actor=a, fmt=o.format, state=o.state, kind=o.kind, since=o.since
            ),
            update=lambda a, o, d: s.membership_update(actor=a, membership=o, data=d),
            delete=lambda a, o: s.membership_remove(actor=a, membership=o),
        ),
        Chairmanship: AdminWrites(
            create=lambda a, o: s.chairmanship_set(
                actor=a, fmt=o.format, state=o.state, starts_on=o.starts_on, ends_on=o.ends_on
            ),
            update=lambda a, o, d: s.chairmanship_update(actor=a, term=o, data=d),
            delete=lambda a, o: s.chairmanship_remove(actor=a, term=o),
        ),
        Delegation: AdminWrites(
            create=lambda a, o: s.delegation_create(actor=a, fmt=o.format, state=o.state),
            update=lambda a, o, d: s.delegation_update(actor=a, delegation=o, data=d),
            delete=lambda a, o: s.delegation_delete(actor=a, delegation=o),
        ),
        DelegationMember: AdminWrites(
            create=lambda a, o: s.delegation_member_add(
                actor=a, delegation=o.delegation, user=o.user, role=o.role, function=o.function
            ),
            update=lambda a, o, d: s.delegation_member_update(actor=a, seat=o, data=d),
            delete=lambda a, o: s.delegation_member_remove(actor=a, seat=o),
        ),
        SecretariatMember: AdminWrites(
            create=lambda a, o: s.secretariat_member_add(
                actor=a, fmt=o.format, user=o.user, function=o.function
            ),
            update=lambda a, o, d: s.secretariat_member_update(actor=a, seat=o, data=d),
            delete=lambda a, o: s.secretariat_member_remove(actor=a, seat=o),
        ),
        Observer: AdminWrites(
            create=lambda a, o: s.observer_add(
                actor=a, fmt=o.format, user=o.user, organisation=o.organisation
            ),
            update=lambda a, o, d: s.observer_update(actor=a, seat=o, data=d),
            delete=lambda a, o: s.observer_remove(actor=a, seat=o),
        ),
    }
)


class ChairmanshipForm(forms.ModelForm[Chairmanship]):
    """Says at once when a term overlaps another or the state is not a member."""

    class Meta:
        model = Chairmanship
        fields = ["format", "state", "starts_on", "ends_on"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        fmt = data.get("format") or getattr(self.instance, "format", None)
        if fmt is not None and fmt.pk and data.get("state") and data.get("starts_on"):
            try:
                s.chairmanship_check(
                    fmt=fmt,
                    state=data["state"],
                    starts_on=data["starts_on"],
                    ends_on=data.get("ends_on"),
                    exclude_pk=self.instance.pk,
                )
            except ValidationError as exc:
                self.add_error(None, exc)
        return data


@admin.register(MemberState)
class MemberStateAdmin(ServiceAdmin, TranslationAdmin):  # type: ignore[type-arg]  # untyped library
    list_display = ["name", "iso2", "iso3", "capital", "time_zone"]
    search_fields = ["name", "iso2", "iso3", "capital"]
    list_filter = ["time_zone"]


class MembershipInline(admin.TabularInline[Membership, DialogueFormat]):
    model = Membership
    extra = 0
    autocomplete_fields = ["state"]


class ChairmanshipInline(admin.TabularInline[Chairmanship, DialogueFormat]):
    model = Chairmanship
    form = ChairmanshipForm
    extra = 0
    autocomplete_fields = ["state"]


class SecretariatMemberInline(admin.TabularInline[SecretariatMember, DialogueFormat]):
    model = SecretariatMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(DialogueFormat)
class DialogueFormatAdmin(ServiceAdmin, TranslationAdmin):  # type: ignore[type-arg]  # untyped library
    list_display = ["name", "short_name", "founded_year", "slug"]
    search_fields = ["name", "short_name", "slug"]
    list_filter = ["founded_year"]
    prepopulated_fields = {"slug": ("short_name",)}
    inlines = [MembershipInline, ChairmanshipInline, SecretariatMemberInline]


@admin.register(Membership)
class MembershipAdmin(ServiceAdmin):
    list_display = ["state", "format", "kind", "since"]
    list_filter = ["kind", "format"]
    search_fields = ["state__name", "format__name"]
    autocomplete_fields = ["state", "format"]


class DelegationMemberInline(admin.TabularInline[DelegationMember, Delegation]):
    model = DelegationMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Delegation)
class DelegationAdmin(ServiceAdmin):
    list_display = ["state", "format"]
    list_filter = ["format"]
    search_fields = ["state__name", "format__name"]
    autocomplete_fields = ["state", "format"]
    inlines = [DelegationMemberInline]


@admin.register(DelegationMember)
class DelegationMemberAdmin(ServiceAdmin):
    list_display = ["user", "delegation", "role", "function"]
    list_filter = ["role", "delegation__format", "delegation__state"]
    search_fields = ["user__full_name", "user__email", "delegation__state__name", "function"]
    autocomplete_fields = ["user", "delegation"]


@admin.register(SecretariatMember)
class SecretariatMemberAdmin(ServiceAdmin):
    list_display = ["user", "format", "function"]
    list_filter = ["format"]
    search_fields = ["user__full_name", "user__email", "function"]
    autocomplete_fields = ["user", "format"]


@admin.register(Observer)
class ObserverAdmin(ServiceAdmin):
    list_display = ["user", "format", "organisation"]
    list_filter = ["format"]
    search_fields = ["user__full_name", "user__email", "organisation"]
    autocomplete_fields = ["user", "format"]


@admin.register(Chairmanship)
class ChairmanshipAdmin(ServiceAdmin):
    form = ChairmanshipForm
    list_display = ["format", "state", "starts_on", "ends_on"]
    list_filter = ["format", "state"]
    search_fields = ["format__name", "state__name"]
    autocomplete_fields = ["format", "state"]
    date_hierarchy = "starts_on"
