"""Sending an announcement: who may, what it writes, and what a refusal leaves alone."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from secretariat.announcements.models import Announcement
from secretariat.announcements.services import announcement_send
from secretariat.announcements.tests.refusals import nothing_changed
from secretariat.core.errors import PermissionDenied
from secretariat.core.models import AuditEntry
from secretariat.live.models import TopicVersion

pytestmark = pytest.mark.django_db

NOT_SENDERS = ["chair", "head_kz", "delegate_kz", "observer", "outsider", "anonymous"]


def test_secretariat_sends_and_the_version_moves(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        announcement = announcement_send(
            actor=world.secretariat, fmt=world.fmt, text="  Plenary at 10:00.  "
        )
    assert announcement.text == "Plenary at 10:00."
    assert announcement.author == world.secretariat
    assert len(callbacks) == 1  # one layer message, sent only after the commit
    assert TopicVersion.objects.get(topic="announcements", key="caj").version == 1
    assert AuditEntry.objects.filter(action="announcement.send").count() == 1


@pytest.mark.parametrize("who", NOT_SENDERS)
def test_others_may_not_send(world: Any, who: str) -> None:
    with nothing_changed(), pytest.raises(PermissionDenied):
        announcement_send(actor=getattr(world, who), fmt=world.fmt, text="Hello")
    assert not Announcement.objects.exists()
    assert not TopicVersion.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "x" * 1001])
def test_bad_text_changes_nothing(world: Any, text: str) -> None:
    with nothing_changed(), pytest.raises(ValidationError):
        announcement_send(actor=world.secretariat, fmt=world.fmt, text=text)
    assert not Announcement.objects.exists()
    assert not TopicVersion.objects.exists()


def test_sending_takes_a_constant_few_queries(
    world: Any, django_assert_max_num_queries: Any
) -> None:
    """The action's own path stays lean: the permission check, the insert, its audit
    record and the version bump, whatever the number of followers."""
    announcement_send(actor=world.secretariat, fmt=world.fmt, text="Warm-up.")
    actor = type(world.secretariat).objects.get(pk=world.secretariat.pk)  # as in a request
    # standing (4), savepoint, insert, audit, version update and read, release
    with django_assert_max_num_queries(10):
        announcement_send(actor=actor, fmt=world.fmt, text="Plenary at 10:00.")


def test_the_event_carries_the_announcement_as_readers_get_it(
    world: Any, django_capture_on_commit_callbacks: Any, monkeypatch: Any
) -> None:
    from secretariat.live import publish as publish_module

    sent: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(publish_module, "_send", lambda group, msg: sent.append((group, msg)))
    with django_capture_on_commit_callbacks(execute=True):
        announcement = announcement_send(actor=world.secretariat, fmt=world.fmt, text="Noon.")
    [(group, message)] = sent
    assert group.endswith(".announcements.caj")
    assert (message["topic"], message["key"], message["version"]) == ("announcements", "caj", 1)
    event = json.loads(message["text"])["event"]
    assert event["kind"] == "announcement.published"
    assert event["announcement"] == {
        "id": announcement.pk,
        "text": "Noon.",
        "author": world.secretariat.full_name,
        "created_at": event["announcement"]["created_at"],
    }
    assert datetime.fromisoformat(event["announcement"]["created_at"]) == announcement.created_at


def test_the_audit_entry_points_at_the_announcement(world: Any) -> None:
    announcement = announcement_send(actor=world.secretariat, fmt=world.fmt, text="Noted.")
    entry = AuditEntry.objects.get(action="announcement.send")
    assert (entry.actor, entry.target_type.app_label, entry.target_id) == (
        world.secretariat,
        "announcements",
        str(announcement.pk),
    )
    assert entry.summary == "Noted."


def _queries_to_send(world: Any, text: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    actor = type(world.secretariat).objects.get(pk=world.secretariat.pk)  # as in a request
    with CaptureQueriesContext(connection) as queries:
        announcement_send(actor=actor, fmt=world.fmt, text=text)
    return len(queries)


def test_sending_costs_the_same_with_many_announcements_and_followers(world: Any) -> None:
    from secretariat.accounts.models import User
    from secretariat.formats.models import DelegationMember

    announcement_send(actor=world.secretariat, fmt=world.fmt, text="Warm-up.")
    few = _queries_to_send(world, "With few.")
    for n in range(30):
        announcement_send(actor=world.secretariat, fmt=world.fmt, text=f"Earlier {n}.")
        follower = User.objects.create_user(email=f"f{n}@example.org", full_name=f"Follower {n}")
        DelegationMember.objects.create(delegation=world.kz, user=follower, role="delegate")
    assert _queries_to_send(world, "With many.") == few
