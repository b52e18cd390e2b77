"""A meeting of the shared `world` format, ready for a session, and live-event capture."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from secretariat.core import events as core_events
from secretariat.meetings import services


@pytest.fixture
def published(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, dict[str, Any]]]:
    """Every live event the services publish, in order (the transport itself is tested by
    the live app)."""
    sent: list[tuple[str, str, dict[str, Any]]] = []
    original = core_events.publish

    def capture(name: str, key: str, event: dict[str, Any]) -> None:
        sent.append((name, key, event))
        original(name, key, event)

    monkeypatch.setattr(core_events, "publish", capture)
    return sent


@pytest.fixture
def meeting(world: Any) -> Any:
    """An announced online meeting with a two-item agenda, chaired by Japan."""
    m = services.meeting_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="foreign_ministers",
        number=8,
        mode="online",
        starts_at=datetime(2030, 3, 4, 5, 0, tzinfo=UTC),
        ends_at=datetime(2030, 3, 4, 7, 0, tzinfo=UTC),
        chair_state=world.jp.state,
        is_public=True,
    )
    services.agenda_item_add(
        actor=world.secretariat, meeting=m, title="Opening", kind="information"
    )
    services.agenda_item_add(
        actor=world.secretariat, meeting=m, title="Programme Document", kind="decision"
    )
    services.meeting_announce(actor=world.secretariat, meeting=m)
    m.refresh_from_db()
    return m


@pytest.fixture
def in_session(world: Any, meeting: Any) -> Any:
    """The meeting open, every member delegation registered and present."""
    people = {world.jp: world.chair, world.kz: world.head_kz, world.tm: world.delegate_tm}
    for delegation, person in people.items():
        services.participant_register(
            actor=person,
            meeting=meeting,
            delegation=delegation,
            name=person.full_name,
            user=person,
        )
    services.session_open(actor=world.chair, meeting=meeting, confirm_early=True)
    present = {p.pk: True for p in meeting.participants.all()}
    services.roll_call_record(actor=world.chair, meeting=meeting, present=present)
    meeting.refresh_from_db()
    return meeting


def later(hours: int = 1) -> datetime:
    return datetime.now(UTC) + timedelta(hours=hours)
