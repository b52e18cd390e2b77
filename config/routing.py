"""WebSocket routes of every capability that sends live events."""

from typing import Any

websocket_urlpatterns: list[Any] = []
