"""Services append to the audit trail through this one function."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from secretariat.core.models import AuditEntry


def audit_record(
    *, actor: Any, action: str, target: models.Model, summary: str = "", **data: Any
) -> AuditEntry:
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        target_type=ContentType.objects.get_for_model(target),
        target_id=str(target.pk),
        summary=summary[:300],
        data=data,
    )
