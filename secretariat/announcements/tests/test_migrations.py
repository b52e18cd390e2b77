"""Announcements sent while the model lived in the live app survive the move: the same rows,
the same ids, and their audit entries still point at them."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("live", "0001_initial"), ("announcements", None)]


def _migrate(targets: list[tuple[str, str | None]]) -> Any:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    return executor.migrate(targets).apps  # the state of every app, as migrated


def test_rows_and_their_audit_entries_move_with_the_model(world: Any) -> None:
    old = _migrate(BEFORE)
    old_announcement_model = old.get_model("live", "Announcement")
    content_type_model = old.get_model("contenttypes", "ContentType")
    audit_entry_model = old.get_model("core", "AuditEntry")
    kept = old_announcement_model.objects.create(
        format_id=world.fmt.pk, text="Sent before the move."
    )
    old_type, _ = content_type_model.objects.get_or_create(app_label="live", model="announcement")
    audit_entry_model.objects.create(
        action="announcement.send", target_type=old_type, target_id=str(kept.pk)
    )

    latest = MigrationExecutor(connection).loader.graph.leaf_nodes()
    _migrate(latest)

    from django.contrib.contenttypes.models import ContentType as CurrentContentType

    from secretariat.announcements.models import Announcement
    from secretariat.core.models import AuditEntry as CurrentAuditEntry

    CurrentContentType.objects.clear_cache()
    moved = Announcement.objects.get()
    assert (moved.pk, moved.text, moved.format) == (kept.pk, "Sent before the move.", world.fmt)
    entry = CurrentAuditEntry.objects.get(action="announcement.send")
    assert entry.target_type == CurrentContentType.objects.get_for_model(Announcement)
    assert entry.target_type.pk == old_type.pk
    assert not CurrentContentType.objects.filter(app_label="live", model="announcement").exists()
    assert Announcement._meta.db_table in connection.introspection.table_names()
    assert "live_announcement" not in connection.introspection.table_names()
    after = Announcement.objects.create(format=world.fmt, text="Sent after the move.")
    assert after.pk > kept.pk  # the id sequence came along with the table
