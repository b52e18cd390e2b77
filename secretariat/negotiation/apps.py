from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NegotiationConfig(AppConfig):
    name = "secretariat.negotiation"
    verbose_name = _("Negotiation")

    def ready(self) -> None:
        from secretariat.live.topics import register_topic
        from secretariat.negotiation import live

        register_topic(live.TOPIC, authorize=live.authorize, snapshot=live.snapshot)
