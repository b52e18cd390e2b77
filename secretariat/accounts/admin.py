"""People in the admin: every save goes through `secretariat.accounts.services` (audited)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from secretariat.accounts import services
from secretariat.accounts.forms import AuditedAdminPasswordChangeForm, admin_actor
from secretariat.accounts.models import User
from secretariat.core.admin import ADMIN_WRITES, AdminWrites, ServiceAdmin
from secretariat.core.types import Actor


def _create(actor: Actor, user: User) -> User:
    return services.user_create(
        actor=actor,
        email=user.email,
        full_name=user.full_name,
        time_zone=user.time_zone,
        password_hash=user.password,  # hashed (or marked unusable) by the add form
        is_staff=user.is_staff,
        is_superuser=user.is_superuser,
        is_active=user.is_active,
    )


ADMIN_WRITES[User] = AdminWrites(
    create=_create,
    update=lambda actor, user, data: services.user_update(actor=actor, user=user, data=data),
    delete=lambda actor, user: services.user_delete(actor=actor, user=user),
)


@admin.register(User)
class UserAdmin(ServiceAdmin, BaseUserAdmin):  # type: ignore[type-arg]  # the stubs want an AbstractUser; ours is e-mail based
    ordering = ["full_name"]
    list_display = ["full_name", "email", "time_zone", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["full_name", "email"]
    change_password_form = AuditedAdminPasswordChangeForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Person"), {"fields": ("full_name", "time_zone")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": ("email", "full_name", "time_zone", "password1", "password2"),
            },
        ),
    )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        data = form.cleaned_data
        if "groups" in data or "user_permissions" in data:
            services.user_access_set(
                actor=request.user,
                user=form.instance,
                groups=list(data["groups"]) if "groups" in data else None,
                permissions=list(data["user_permissions"]) if "user_permissions" in data else None,
            )
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def user_change_password(
        self, request: HttpRequest, id: str, form_url: str = ""
    ) -> HttpResponse:
        token = admin_actor.set(request.user)
        try:
            return super().user_change_password(request, id, form_url)
        finally:
            admin_actor.reset(token)
