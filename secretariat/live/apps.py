from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    """The live transport: topics, versions, the per-process hub and the WebSocket endpoint.
    Capabilities declare their topics in their own `live.py` (LIVE_TOPICS)."""

    name = "secretariat.live"
    verbose_name = _("Live updates")

    def ready(self) -> None:
        from secretariat.live.topics import autodiscover_topics

        autodiscover_topics()
