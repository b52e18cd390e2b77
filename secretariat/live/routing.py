"""The WebSocket route of the live transport: one endpoint for every topic."""

from __future__ import annotations

from django.urls import URLPattern, path

from secretariat.live.consumers import LiveConsumer

websocket_urlpatterns: list[URLPattern] = [
    path("ws/live/<str:name>/<str:key>/", LiveConsumer.as_asgi()),
]
