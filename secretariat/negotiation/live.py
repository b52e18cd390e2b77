"""Live updates of the document page: topic "document", key = the document's id.

Services that record a position or change proposals publish a content-free event in
their transaction (`announce`); an open document page follows the topic and, on an
event from someone else, reloads its body over plain HTTP, so every viewer sees exactly
what the page would show them. Whoever may see the document's drafts may follow it.
"""

from __future__ import annotations

from typing import Any

from secretariat.live.publish import publish
from secretariat.negotiation import policy
from secretariat.negotiation.models import Document

TOPIC = "document"


def _document(key: str) -> Document | None:
    if not key.isdigit():
        return None
    return Document.objects.select_related("format").filter(pk=int(key)).first()


def authorize(user: Any, key: str) -> bool:
    document = _document(key)
    return document is not None and policy.can_view_drafting(user, document)


def snapshot(user: Any, key: str) -> dict[str, Any]:
    document = _document(key)
    if document is None:
        return {}
    return {"version": document.version, "revision": document.current_revision}


def announce(document: Document, kind: str, actor: Any) -> None:
    """Inside the service's transaction: the event leaves when it commits."""
    publish(TOPIC, str(document.pk), {"kind": kind, "by": getattr(actor, "pk", None)})
