"""`database_unchanged()`: a refusal test's proof that nothing was written anywhere.

It snapshots every row of every model (sessions aside: signing in and flash messages live
there) and compares after the block, so a refusal that wrote to any table fails the test.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

from django.apps import apps
from django.contrib.sessions.models import Session


def database_snapshot() -> dict[str, list[tuple[Any, ...]]]:
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in apps.get_models()
        if model is not Session
    }


@contextlib.contextmanager
def database_unchanged() -> Iterator[None]:
    before = database_snapshot()
    yield
    after = database_snapshot()
    changed = [label for label in before if before[label] != after[label]]
    assert not changed, f"a refusal changed {changed}"
