"""The actions on a format's announcements, declared once for the page and the API."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from secretariat.announcements import services
from secretariat.announcements.models import Announcement
from secretariat.announcements.schemas import AnnouncementIn
from secretariat.core.commands import CommandTable
from secretariat.core.types import Actor
from secretariat.formats.models import DialogueFormat

commands = CommandTable[DialogueFormat]("announcements")


@commands.command("send", AnnouncementIn, message=_("Announcement sent."))
def _send(actor: Actor, fmt: DialogueFormat, data: AnnouncementIn) -> Announcement:
    return services.announcement_send(actor=actor, fmt=fmt, text=data.text)
