from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NegotiationConfig(AppConfig):
    """Its live topic is declared in `negotiation/live.py` (LIVE_TOPICS), found by the live app."""

    name = "secretariat.negotiation"
    verbose_name = _("Negotiation")
