"""Every change to a person's account: by the person (profile, password) or by the admin.
Passwords reach the audit trail only as the fact that they changed."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from secretariat.accounts.models import User
from secretariat.core.audit import audit_record
from secretariat.core.errors import PermissionDenied
from secretariat.core.services import model_update
from secretariat.core.types import Actor


@transaction.atomic
def user_profile_update(*, actor: User, user: User, full_name: str, time_zone: str) -> User:
    """A person edits their own name and time zone; nobody edits someone else's here."""
    if actor.pk != user.pk:
        raise PermissionDenied("Only the person may change their own profile.")
    user.full_name = full_name.strip()
    user.time_zone = time_zone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "time_zone"])
    audit_record(actor=actor, action="user.profile_update", target=user, time_zone=time_zone)
    return user


@transaction.atomic
def user_create(
    *,
    actor: Actor | None,
    email: str,
    full_name: str,
    time_zone: str = "UTC",
    password_hash: str = "",
    is_staff: bool = False,
    is_superuser: bool = False,
    is_active: bool = True,
) -> User:
    """An account made by an administrator; `password_hash` as `make_password` gives it
    (empty: no password yet, the person cannot sign in with one)."""
    user = User(
        email=email,
        full_name=full_name.strip(),
        time_zone=time_zone,
        is_staff=is_staff,
        is_superuser=is_superuser,
        is_active=is_active,
    )
    if password_hash:
        user.password = password_hash
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(
        actor=actor, action="user.create", target=user, summary=user.email, is_staff=is_staff
    )
    return user


@transaction.atomic
def user_update(*, actor: Actor | None, user: User, data: dict[str, Any]) -> User:
    """An administrator changes an account; a changed password is noted, never stored."""
    changes = model_update(user, data)
    if "password" in changes:
        changes["password"] = ["***", "***"]
    if changes:
        audit_record(
            actor=actor, action="user.update", target=user, summary=user.email, changes=changes
        )
    return user


@transaction.atomic
def user_access_set(
    *,
    actor: Actor | None,
    user: User,
    groups: list[Group] | None = None,
    permissions: list[Permission] | None = None,
) -> User:
    """The groups and single permissions of an account (who may use the admin for what)."""
    changes: dict[str, Any] = {}
    if groups is not None:
        old = sorted(str(group) for group in user.groups.all())
        user.groups.set(groups)
        if old != (new := sorted(str(group) for group in groups)):
            changes["groups"] = [old, new]
    if permissions is not None:
        old = sorted(str(permission) for permission in user.user_permissions.all())
        user.user_permissions.set(permissions)
        if old != (new := sorted(str(permission) for permission in permissions)):
            changes["user_permissions"] = [old, new]
    if changes:
        audit_record(
            actor=actor, action="user.access_set", target=user, summary=user.email, changes=changes
        )
    return user


@transaction.atomic
def user_password_set(*, actor: Actor | None, user: User, password: str | None) -> User:
    """Sets a password (validated by the form that asked for it); None disables password
    sign-in. The audit entry says who did it, not what it is."""
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(
        actor=actor,
        action="user.password_set",
        target=user,
        summary=user.email,
        usable=password is not None,
    )
    return user


@transaction.atomic
def user_delete(*, actor: Actor | None, user: User) -> None:
    """The account goes with its seats; the audit trail keeps its entries (actor emptied)."""
    audit_record(actor=actor, action="user.delete", target=user, summary=user.email)
    user.delete()
