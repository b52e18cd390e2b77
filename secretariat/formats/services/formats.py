"""Dialogue formats themselves."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from secretariat.core.audit import audit_record
from secretariat.core.services import model_update
from secretariat.core.types import Actor
from secretariat.formats.models import DialogueFormat


@transaction.atomic
def format_create(
    *,
    actor: Actor | None,
    slug: str,
    name: str,
    short_name: str,
    founded_year: int,
    working_languages: list[str],
    description: str = "",
    **translations: str,
) -> DialogueFormat:
    fmt = DialogueFormat(
        slug=slug,
        name=name,
        short_name=short_name,
        founded_year=founded_year,
        working_languages=working_languages,
        description=description,
        **translations,
    )
    fmt.full_clean()
    fmt.save()
    audit_record(actor=actor, action="format.create", target=fmt, summary=fmt.name)
    return fmt


@transaction.atomic
def format_update(
    *, actor: Actor | None, fmt: DialogueFormat, data: dict[str, Any]
) -> DialogueFormat:
    changes = model_update(fmt, data)
    if changes:
        audit_record(
            actor=actor, action="format.update", target=fmt, summary=fmt.name, changes=changes
        )
    return fmt


@transaction.atomic
def format_delete(*, actor: Actor | None, fmt: DialogueFormat) -> None:
    """Deletes the format with its memberships, delegations, seats and terms (one entry)."""
    audit_record(
        actor=actor,
        action="format.delete",
        target=fmt,
        summary=fmt.name,
        memberships=fmt.memberships.count(),
        delegations=fmt.delegations.count(),
    )
    fmt.delete()
