"""publish() refuses what it could not deliver exactly, and bumps nothing when it does."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction

from secretariat.live.models import TopicVersion
from secretariat.live.publish import publish

pytestmark = pytest.mark.django_db


def test_an_unknown_topic_is_refused() -> None:
    with transaction.atomic(), pytest.raises(ValueError, match="Unknown live topic"):
        publish("no-such-topic", "k1", {"n": 1})
    assert not TopicVersion.objects.exists()


def test_a_malformed_key_is_refused(notes_topic: dict[str, Any]) -> None:
    with transaction.atomic(), pytest.raises(ValueError, match="Invalid live topic key"):
        publish("notes", "bad key!", {"n": 1})
    assert not TopicVersion.objects.exists()


@pytest.mark.django_db(transaction=True)  # autocommit, as a view outside any service
def test_outside_a_transaction_is_refused(notes_topic: dict[str, Any]) -> None:
    with pytest.raises(RuntimeError, match="inside the transaction"):
        publish("notes", "k1", {"n": 1})
    assert not TopicVersion.objects.exists()


def test_inside_a_transaction_it_bumps_and_waits_for_the_commit(
    notes_topic: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        publish("notes", "k1", {"n": 1})
        publish("notes", "k1", {"n": 2})
    assert TopicVersion.objects.get(topic="notes", key="k1").version == 2
    assert len(callbacks) == 2
