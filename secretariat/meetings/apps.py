from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "secretariat.meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        from secretariat.live.topics import register_topic
        from secretariat.meetings import live

        register_topic(live.TOPIC, authorize=live.authorize_session, snapshot=live.session_snapshot)
        register_topic(
            live.OUTCOMES_TOPIC, authorize=live.authorize_outcomes, snapshot=live.outcomes_snapshot
        )
