"""Changes of announcements: the secretariat sends one to the format's participants."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from secretariat.announcements import policy, selectors
from secretariat.announcements.events import AnnouncementPublished
from secretariat.announcements.models import Announcement
from secretariat.core.audit import audit_record
from secretariat.core.errors import PermissionDenied
from secretariat.core.events import send_event
from secretariat.core.types import Actor
from secretariat.formats.models import DialogueFormat


@transaction.atomic
def announcement_send(*, actor: Actor, fmt: DialogueFormat, text: str) -> Announcement:
    """Only the format's secretariat sends a notice to everyone taking part in the format;
    followers receive it live once the transaction commits. A refusal writes nothing."""
    if actor.is_anonymous or not policy.can_send_announcement(actor, fmt):
        raise PermissionDenied(
            _("Only the secretariat of %(format)s sends announcements.")
            % {"format": fmt.short_name or fmt.name}
        )
    announcement = Announcement(format=fmt, text=text.strip(), author=actor)
    # The format and the author are the instances in hand: no query to prove they exist.
    announcement.full_clean(exclude=["format", "author"])
    announcement.save()
    audit_record(
        actor=actor, action="announcement.send", target=announcement, summary=announcement.text
    )
    send_event(
        AnnouncementPublished(announcement=selectors.announcement_data(announcement)),
        key=fmt.slug,
    )
    return announcement
