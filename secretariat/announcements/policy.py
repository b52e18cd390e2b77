"""Who may follow and send a format's announcements (built on secretariat.policy)."""

from __future__ import annotations

from secretariat.core.types import Actor
from secretariat.formats.models import DialogueFormat
from secretariat.policy import Visibility, standing


def can_follow_announcements(user: Actor, fmt: DialogueFormat) -> bool:
    """Everyone taking part in the format: member and observer delegations, individual
    observers and the secretariat. Not the public, not people of other formats."""
    return standing(user, fmt).may_see(Visibility.OBSERVERS)


def can_send_announcement(user: Actor, fmt: DialogueFormat) -> bool:
    """The format's secretariat only (not the chair, not superusers as such)."""
    return standing(user, fmt).secretariat
