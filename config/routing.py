"""WebSocket routes. Every capability's live page goes through the live transport's one
endpoint (`/ws/live/<topic>/<key>/`); capabilities declare topics, not routes."""

from typing import Any

from secretariat.live import routing as live_routing

websocket_urlpatterns: list[Any] = [
    *live_routing.websocket_urlpatterns,
]
