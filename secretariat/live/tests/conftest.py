"""Fixtures of the live tests: an isolated group prefix per test, a throw-away topic, and a
way to run async test bodies on one event loop."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import pytest
from asgiref.sync import async_to_sync
from channels.routing import URLRouter

from config.routing import websocket_urlpatterns
from secretariat.live.tests.communicator import WebsocketCommunicator
from secretariat.live.topics import register_topic, unregister_topic


@pytest.fixture(autouse=True)
def _isolated_groups(settings: Any) -> None:
    """Tests (and parallel test workers) sharing one Redis must not hear each other."""
    settings.LIVE_GROUP_PREFIX = f"t{uuid.uuid4().hex[:12]}"


def run(body: Callable[[], Awaitable[Any]]) -> Any:
    """Run an async test body. async_to_sync keeps database_sync_to_async on this thread,
    so the consumer sees the test's database connection."""
    return async_to_sync(body)()


def communicator(user: Any, path: str) -> WebsocketCommunicator:
    comm = WebsocketCommunicator(URLRouter(websocket_urlpatterns), path)
    comm.scope["user"] = user
    return comm


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
