"""What tests of live topics need: a WebSocket communicator on the product's routes, a way
to run async test bodies, and a channel-layer group prefix of their own.

Channels' own WebsocketCommunicator is used without its package's live-server helpers:
`channels.testing/__init__.py` also imports ChannelsLiveServerTestCase, which needs the
daphne server; we serve with uvicorn and do not install daphne. The communicator itself
does not need it, so load `channels.testing.websocket` without running that __init__.
"""

from __future__ import annotations

import importlib
import sys
import types
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import channels
import pytest
from asgiref.sync import async_to_sync

try:
    from channels.testing import WebsocketCommunicator
except ModuleNotFoundError:  # no daphne
    package = types.ModuleType("channels.testing")
    package.__path__ = [str(Path(channels.__file__).parent / "testing")]
    sys.modules["channels.testing"] = package
    WebsocketCommunicator = importlib.import_module(
        "channels.testing.websocket"
    ).WebsocketCommunicator

__all__ = ["WebsocketCommunicator", "communicator", "isolated_live_groups", "run"]


@pytest.fixture
def isolated_live_groups(settings: Any) -> None:
    """Tests (and parallel test workers) sharing one Redis must not hear each other."""
    settings.LIVE_GROUP_PREFIX = f"t{uuid.uuid4().hex[:12]}"


def run(body: Callable[[], Awaitable[Any]]) -> Any:
    """Run an async test body. async_to_sync keeps database_sync_to_async on this thread,
    so the consumer sees the test's database connection."""
    return async_to_sync(body)()


def communicator(user: Any, path: str) -> Any:
    """A WebSocket client of the product's routes, connected as `user` (as the session
    middleware would set it)."""
    from channels.routing import URLRouter

    from config.routing import websocket_urlpatterns

    comm = WebsocketCommunicator(URLRouter(websocket_urlpatterns), path)
    comm.scope["user"] = user
    return comm
