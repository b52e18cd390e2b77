"""Changes a person makes to their own account."""

from __future__ import annotations

from django.db import transaction

from secretariat.accounts.models import User
from secretariat.core.audit import audit_record


@transaction.atomic
def user_profile_update(*, actor: User, user: User, full_name: str, time_zone: str) -> User:
    """A person edits their own name and time zone; nobody edits someone else's here."""
    from secretariat.core.errors import PermissionDenied

    if actor.pk != user.pk:
        raise PermissionDenied("Only the person may change their own profile.")
    user.full_name = full_name.strip()
    user.time_zone = time_zone
    user.full_clean(exclude=["password"])
    user.save(update_fields=["full_name", "time_zone"])
    audit_record(actor=actor, action="user.profile_update", target=user, time_zone=time_zone)
    return user
