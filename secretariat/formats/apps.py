from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormatsConfig(AppConfig):
    name = "secretariat.formats"
    verbose_name = _("Formats and delegations")
