"""WebSocket routes of every capability that sends live events."""

from typing import Any

from django.urls import path

from secretariat.live.consumers import LiveConsumer

websocket_urlpatterns: list[Any] = [
    path("ws/live/<str:name>/<str:key>/", LiveConsumer.as_asgi()),
]
