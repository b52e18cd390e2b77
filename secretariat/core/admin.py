"""The admin site: the audit trail (read only) and `ServiceAdmin`, the base of every admin
that writes: its saves and deletes, inline rows included, go through the capability's
services, so they are validated by the same rules and leave audit entries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.core.models import AuditEntry
from secretariat.core.types import Actor

admin.site.site_header = "Secretariat administration"
admin.site.site_title = "Secretariat"

Refusal = (ValidationError, PermissionDenied, ConflictError)


@dataclass(frozen=True)
class AdminWrites:
    """How the admin creates, changes and deletes one model: through which services.

    `create(actor, obj)` gets the unsaved object the form filled and returns the saved one;
    `update(actor, obj, data)` gets the stored object and the changed fields' new values.
    """

    create: Callable[[Actor, Any], models.Model]
    update: Callable[[Actor, Any, dict[str, Any]], models.Model]
    delete: Callable[[Actor, Any], None]


#: Filled by each capability's admin module: model -> its writes (inlines use them too).
ADMIN_WRITES: dict[type[models.Model], AdminWrites] = {}


def writes_for(model: type[models.Model]) -> AdminWrites:
    try:
        return ADMIN_WRITES[model]
    except KeyError:  # a model the admin may write without a service: refuse loudly
        raise DjangoPermissionDenied(f"{model.__name__} has no admin services") from None


def changed_values(obj: models.Model, form: forms.BaseForm) -> dict[str, Any]:
    """The new values of the model fields the form changed (translated fields included)."""
    names = {f.name for f in obj._meta.concrete_fields}
    return {name: getattr(obj, name) for name in form.changed_data if name in names}


def refusal_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


class ServiceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]  # a mixin for any model's admin
    """Saves and deletes through `ADMIN_WRITES[model]`. A refusal rolls the whole save back
    (the admin's change view is one transaction) and is shown as the admin's error."""

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        writes = writes_for(type(obj))
        if change:
            stored = type(obj)._base_manager.get(pk=obj.pk)
            writes.update(request.user, stored, changed_values(obj, form))
        else:
            saved = writes.create(request.user, obj)
            obj.pk = saved.pk
            obj._state.adding = False

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        formset.save(commit=False)  # fills new_objects, changed_objects, deleted_objects
        writes = writes_for(formset.model)
        for obj in formset.deleted_objects:
            writes.delete(request.user, obj)
        for obj in formset.new_objects:
            writes.create(request.user, obj)
        forms_by_instance = {id(f.instance): f for f in formset.forms}
        for obj, _fields in formset.changed_objects:
            stored = type(obj)._base_manager.get(pk=obj.pk)
            writes.update(request.user, stored, changed_values(obj, forms_by_instance[id(obj)]))

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        writes_for(type(obj)).delete(request.user, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        writes = writes_for(queryset.model)
        try:
            with transaction.atomic():
                for obj in queryset:
                    writes.delete(request.user, obj)
        except Refusal as exc:
            self.message_user(request, refusal_text(exc), level=messages.ERROR)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except Refusal as exc:  # rolled back already: show the form again, unchanged
            self.message_user(request, refusal_text(exc), level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        try:
            with transaction.atomic():
                return super().delete_view(request, object_id, extra_context)
        except Refusal as exc:
            self.message_user(request, refusal_text(exc), level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin[AuditEntry]):
    """The audit trail is append-only: it can be read and searched, never edited."""

    list_display = ["at", "actor", "action", "target_type", "target_id", "summary"]
    list_filter = ["action", "target_type"]
    search_fields = ["summary", "action", "actor__full_name", "actor__email"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
