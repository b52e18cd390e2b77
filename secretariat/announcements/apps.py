from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnouncementsConfig(AppConfig):
    """A format's announcements; its live topic is declared in `announcements/live.py`."""

    name = "secretariat.announcements"
    verbose_name = _("Announcements")
