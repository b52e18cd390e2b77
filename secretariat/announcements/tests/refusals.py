"""`nothing_changed()`: a refused action leaves no announcement, no audit entry, no version
bump and no event waiting for the commit."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

from secretariat.announcements.models import Announcement
from secretariat.core.models import AuditEntry
from secretariat.live.models import TopicVersion


def _state() -> tuple[Any, ...]:
    return (
        list(Announcement.objects.order_by("pk").values_list("pk", "text", "author_id")),
        AuditEntry.objects.count(),
        list(TopicVersion.objects.order_by("pk").values_list("topic", "key", "version")),
        len(connection.run_on_commit),  # events leave on commit; a refusal queues none
    )


@contextmanager
def nothing_changed() -> Iterator[None]:
    before = _state()
    yield
    assert _state() == before
