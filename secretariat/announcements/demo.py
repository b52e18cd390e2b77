"""Demo data: two announcements of the Central Asia + Japan Dialogue's secretariat.

Idempotent: an announcement whose text is already there is not sent again. Sent through
the service, like every change (an audit entry each; nobody follows the topic yet).
"""

from __future__ import annotations

from django.db import transaction

from secretariat.accounts.models import User
from secretariat.announcements import services
from secretariat.announcements.models import Announcement
from secretariat.formats.demo import CAJ
from secretariat.formats.models import DialogueFormat

SENDER = "secretariat@demo.example"
TEXTS = [
    "Welcome to the Central Asia + Japan Dialogue workspace. Draft texts, meetings and "
    "their records are here; announcements from the secretariat appear on this page.",
    "Delegations are kindly asked to confirm their participants for the next senior "
    "officials' meeting.",
]


@transaction.atomic
def load() -> list[Announcement]:
    fmt = DialogueFormat.objects.get(slug=CAJ)
    sender = User.objects.get(email=SENDER)
    sent = []
    for text in TEXTS:  # oldest first, so the feed shows the last one on top
        if not Announcement.objects.filter(format=fmt, text=text).exists():
            sent.append(services.announcement_send(actor=sender, fmt=fmt, text=text))
    return sent
