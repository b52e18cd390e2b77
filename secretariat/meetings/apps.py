from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    """Its live topics are declared in `meetings/live.py` (LIVE_TOPICS), found by the live app."""

    name = "secretariat.meetings"
    verbose_name = _("Meetings")
