"""Video-conference providers behind one small plugin base (after Netflix Dispatch's
`plugins/bases/conference.py`). Two built-in providers: a Jitsi room on the server named by
settings.JITSI_SERVER, and an external link the secretariat pastes (e.g. from Zoom).

No provider calls out to the network: a Jitsi room exists as soon as someone opens its
URL, so an unguessable room name is all it takes.
"""

from __future__ import annotations

import secrets
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

if TYPE_CHECKING:
    from secretariat.meetings.models import Meeting

DEFAULT_JITSI_SERVER = "https://meet.jit.si"


class ConferenceProvider(ABC):
    slug: str
    label: Any  # a lazily translated name

    @abstractmethod
    def create_room(self, meeting: Meeting, *, link: str = "") -> str:
        """Return the link participants open to join."""


class JitsiProvider(ConferenceProvider):
    slug = "jitsi"
    label = gettext_lazy("Jitsi room")

    def server(self) -> str:
        return (getattr(settings, "JITSI_SERVER", "") or DEFAULT_JITSI_SERVER).rstrip("/")

    def create_room(self, meeting: Meeting, *, link: str = "") -> str:
        # 128 bits from the OS's CSPRNG: the room name is the only lock on a Jitsi room.
        room = f"secretariat-{meeting.format.slug}-{secrets.token_urlsafe(16)}"
        return f"{self.server()}/{room}"


class ExternalLinkProvider(ConferenceProvider):
    slug = "external"
    label = gettext_lazy("External link")

    def create_room(self, meeting: Meeting, *, link: str = "") -> str:
        link = link.strip()
        if not link:
            raise ValidationError(_("Paste the link of the video conference."))
        URLValidator(schemes=["https"])(link)
        if not urlsplit(link).hostname:
            raise ValidationError(_("Paste a complete https:// link."))
        return link


PROVIDERS: dict[str, ConferenceProvider] = {
    p.slug: p for p in (JitsiProvider(), ExternalLinkProvider())
}


def provider_get(slug: str) -> ConferenceProvider:
    try:
        return PROVIDERS[slug]
    except KeyError:
        raise ValidationError(
            _("Unknown video-conference provider “%(slug)s”; use one of: %(known)s.")
            % {"slug": slug, "known": ", ".join(PROVIDERS)}
        ) from None
