"""Channels' own WebsocketCommunicator, without its package's live-server helpers.

`channels.testing/__init__.py` also imports ChannelsLiveServerTestCase, which needs the
daphne server; we serve with uvicorn and do not install daphne. The communicator itself
does not need it, so load `channels.testing.websocket` without running that __init__.
"""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path

import channels

try:
    from channels.testing import WebsocketCommunicator
except ModuleNotFoundError:  # no daphne
    package = types.ModuleType("channels.testing")
    package.__path__ = [str(Path(channels.__file__).parent / "testing")]
    sys.modules["channels.testing"] = package
    WebsocketCommunicator = importlib.import_module(
        "channels.testing.websocket"
    ).WebsocketCommunicator

__all__ = ["WebsocketCommunicator"]
