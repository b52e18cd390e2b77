from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from django import forms
from django.contrib.auth.forms import (
    AdminPasswordChangeForm,
    AuthenticationForm,
    PasswordChangeForm,
)
from django.utils.translation import gettext_lazy as _

from secretariat.accounts.models import User
from secretariat.accounts.services import user_password_set
from secretariat.core.types import Actor

#: Who is using the admin's password form in this request (set by the user admin).
admin_actor: ContextVar[Actor | None] = ContextVar("admin_actor", default=None)


class EmailAuthenticationForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class AuditedPasswordChangeForm(PasswordChangeForm):
    """A person changes their own password through the service (audited)."""

    def save(self, commit: bool = True) -> Any:
        user: User = self.user
        return user_password_set(actor=user, user=user, password=self.cleaned_data["new_password1"])


class AuditedAdminPasswordChangeForm(AdminPasswordChangeForm):  # type: ignore[type-arg]  # not generic at run time
    """An administrator sets or disables someone's password through the service."""

    def save(self, commit: bool = True) -> Any:
        usable = self.cleaned_data.get("set_usable_password", True)
        return user_password_set(
            actor=admin_actor.get(),
            user=self.user,
            password=self.cleaned_data["password1"] if usable else None,
        )
