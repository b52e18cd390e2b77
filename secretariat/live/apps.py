from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "secretariat.live"
    verbose_name = _("Live updates")

    def ready(self) -> None:
        from secretariat.live import events

        events.register()
