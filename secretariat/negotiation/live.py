"""Live updates of the document page: topic "document", key = the document's id.

Whoever may see the document's drafts may follow it; what a follower holds is the
document's snapshot (`events.snapshot_of`) and the services send its changes as typed
events (`events.emit`, see negotiation/events.py).
"""

from __future__ import annotations

from typing import Any

from secretariat.core.types import Actor
from secretariat.live.topics import Topic
from secretariat.negotiation import policy
from secretariat.negotiation.events import TOPIC, snapshot_of
from secretariat.negotiation.models import Document

__all__ = ["TOPIC", "authorize", "snapshot"]


def _document(key: str) -> Document | None:
    if not key.isdigit():
        return None
    return Document.objects.select_related("format").filter(pk=int(key)).first()


def authorize(user: Actor, key: str) -> bool:
    document = _document(key)
    return document is not None and policy.can_view_drafting(user, document)


def snapshot(user: Actor, key: str) -> dict[str, Any]:
    document = _document(key)
    if document is None:
        return {}
    return snapshot_of(document).model_dump(mode="json")


LIVE_TOPICS = [Topic(TOPIC, authorize=authorize, snapshot=snapshot)]
