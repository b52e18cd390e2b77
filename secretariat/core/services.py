"""What every capability's services share (after HackSoft's `common/services.py`)."""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.db import models

M = TypeVar("M", bound=models.Model)


def jsonable(value: Any) -> Any:
    """A value as the audit trail stores it: objects by their key, dates as ISO text."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, datetime.date | datetime.datetime | datetime.time):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return str(value)


def model_update(instance: M, data: dict[str, Any]) -> dict[str, list[Any]]:
    """Sets the fields of `data` that differ, validates the whole instance and saves only
    those fields. Returns the changes, field -> [old, new], for the audit entry."""
    changes: dict[str, list[Any]] = {}
    for field, value in data.items():
        old = getattr(instance, field)
        if old != value:
            changes[field] = [jsonable(old), jsonable(value)]
            setattr(instance, field, value)
    if changes:
        instance.full_clean()
        instance.save(update_fields=list(changes))
    return changes
