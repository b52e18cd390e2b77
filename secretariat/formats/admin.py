from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

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


@admin.register(MemberState)
class MemberStateAdmin(TranslationAdmin):
    list_display = ["name", "iso2", "iso3", "capital", "time_zone"]
    search_fields = ["name", "iso2", "iso3", "capital"]
    list_filter = ["time_zone"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["state"]


class ChairmanshipInline(admin.TabularInline):
    model = Chairmanship
    extra = 0
    autocomplete_fields = ["state"]


class SecretariatMemberInline(admin.TabularInline):
    model = SecretariatMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(DialogueFormat)
class DialogueFormatAdmin(TranslationAdmin):
    list_display = ["name", "short_name", "founded_year", "slug"]
    search_fields = ["name", "short_name", "slug"]
    list_filter = ["founded_year"]
    prepopulated_fields = {"slug": ("short_name",)}
    inlines = [MembershipInline, ChairmanshipInline, SecretariatMemberInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["state", "format", "kind", "since"]
    list_filter = ["kind", "format"]
    search_fields = ["state__name", "format__name"]
    autocomplete_fields = ["state", "format"]


class DelegationMemberInline(admin.TabularInline):
    model = DelegationMember
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Delegation)
class DelegationAdmin(admin.ModelAdmin):
    list_display = ["state", "format"]
    list_filter = ["format"]
    search_fields = ["state__name", "format__name"]
    autocomplete_fields = ["state", "format"]
    inlines = [DelegationMemberInline]


@admin.register(DelegationMember)
class DelegationMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "delegation", "role", "function"]
    list_filter = ["role", "delegation__format", "delegation__state"]
    search_fields = ["user__full_name", "user__email", "delegation__state__name", "function"]
    autocomplete_fields = ["user", "delegation"]


@admin.register(SecretariatMember)
class SecretariatMemberAdmin(admin.ModelAdmin):
    list_display = ["user", "format", "function"]
    list_filter = ["format"]
    search_fields = ["user__full_name", "user__email", "function"]
    autocomplete_fields = ["user", "format"]


@admin.register(Observer)
class ObserverAdmin(admin.ModelAdmin):
    list_display = ["user", "format", "organisation"]
    list_filter = ["format"]
    search_fields = ["user__full_name", "user__email", "organisation"]
    autocomplete_fields = ["user", "format"]


@admin.register(Chairmanship)
class ChairmanshipAdmin(admin.ModelAdmin):
    list_display = ["format", "state", "starts_on", "ends_on"]
    list_filter = ["format", "state"]
    search_fields = ["format__name", "state__name"]
    autocomplete_fields = ["format", "state"]
    date_hierarchy = "starts_on"
