"""Fixtures of the live transport's tests: an isolated group prefix per test and a
throw-away topic whose state the test controls."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from secretariat.live.topics import register_topic, unregister_topic
from tests.support.live import isolated_live_groups

__all__ = ["isolated_live_groups"]


@pytest.fixture(autouse=True)
def _isolated_groups(isolated_live_groups: None) -> None:
    """Every test here gets its own group prefix (see tests.support.live)."""


@pytest.fixture
def notes_topic() -> Iterator[dict[str, Any]]:
    """A topic `notes` whose state is a dict the test controls; only users whose e-mail
    is listed under `allowed` may follow it."""
    state: dict[str, Any] = {"items": [], "allowed": set(), "snapshots": 0}

    def authorize(user: Any, key: str) -> bool:
        return getattr(user, "email", None) in state["allowed"]

    def snapshot(user: Any, key: str) -> dict[str, Any]:
        state["snapshots"] += 1
        return {"key": key, "items": list(state["items"])}

    register_topic("notes", authorize=authorize, snapshot=snapshot)
    yield state
    unregister_topic("notes")
