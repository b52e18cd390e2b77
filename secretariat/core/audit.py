"""Services append to the audit trail through this one function."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from secretariat.core.models import AuditEntry
from secretariat.core.types import Actor


def audit_record(
    *, actor: Actor | None, action: str, target: models.Model, summary: str = "", **data: Any
) -> AuditEntry:
    """One entry in the same transaction as the change; `actor` None (or anonymous) is the
    system (the demo loader, a scheduled follow-up)."""
    person = actor if actor is not None and not isinstance(actor, AnonymousUser) else None
    return AuditEntry.objects.create(
        actor=person,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        summary=summary[:300],
        data=data,
    )
