"""Per topic-key versions, kept in the database next to the data they version.

Why the database and not Redis INCR: a client must never apply an event twice or miss
one. The event's version is bumped *inside* the transaction that makes the change, and a
snapshot reads the state and the version inside *one* consistent read (REPEATABLE READ
on PostgreSQL; SQLite's single writer gives the same). So a snapshot either contains a
change and reports its version, or contains neither. A Redis counter cannot be bumped
atomically with a database commit, so a snapshot could see the change but not yet its
version (the event would then be applied twice) or the other way round (missed).
The database is shared by every server process, so nothing here lives in one process.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from secretariat.live.models import TopicVersion

if TYPE_CHECKING:
    from secretariat.core.types import Actor
    from secretariat.live.topics import Topic

T = TypeVar("T")


def version_bump(name: str, key: str) -> int:
    """Next version of a topic key; call inside the transaction that makes the change
    (on PostgreSQL the row stays locked until it commits, so versions commit in order)."""
    lookup = TopicVersion.objects.filter(topic=name, key=key)
    if not lookup.update(version=F("version") + 1):
        try:
            with transaction.atomic():
                TopicVersion.objects.create(topic=name, key=key, version=1)
        except IntegrityError:  # another transaction created it first; it has committed
            lookup.update(version=F("version") + 1)
        else:
            return 1
    return lookup.values_list("version", flat=True).get()


def version_current(name: str, key: str) -> int:
    return (
        TopicVersion.objects.filter(topic=name, key=key).values_list("version", flat=True).first()
        or 0
    )


def read_consistently(name: str, key: str, read: Callable[[], T]) -> tuple[int, T]:
    """Run `read` and read the key's version in one consistent view of the database."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The first statement of the transaction: every later read sees one snapshot.
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        version = version_current(name, key)
        state = read()
    return version, state


def snapshot_with_version(topic: Topic, user: Actor, key: str) -> tuple[int, dict[str, Any]]:
    return read_consistently(topic.name, key, lambda: topic.snapshot(user, key))
