"""Changes of the live capability: sending a format's announcement."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import PermissionDenied
from secretariat.formats.models import DialogueFormat
from secretariat.live import policy
from secretariat.live.events import announcement_published
from secretariat.live.models import Announcement


@transaction.atomic
def announcement_send(*, actor: Any, fmt: DialogueFormat, text: str) -> Announcement:
    """The format's secretariat sends a notice to everyone taking part in the format;
    followers receive it live once the transaction commits."""
    if not policy.can_send_announcement(actor, fmt):
        raise PermissionDenied(
            _("Only the secretariat of %(format)s sends announcements.")
            % {"format": fmt.short_name or fmt.name}
        )
    announcement = Announcement(
        format=fmt, text=text.strip(), author=actor if actor.is_authenticated else None
    )
    # The format and the author are the instances in hand: no query to prove they exist.
    announcement.full_clean(exclude=["format", "author"])
    announcement.save()
    audit_record(
        actor=actor, action="announcement.send", target=announcement, summary=announcement.text
    )
    announcement_published(fmt, announcement)
    return announcement
