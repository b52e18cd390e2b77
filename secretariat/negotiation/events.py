"""Live events of a negotiated document: topic "document", key = the document's id.

A page open on a document follows the topic; what it holds is the document's *snapshot*
(`snapshot_of`): what tells it that what it shows is stale (the version, the revision,
the state, the silence procedure with the hashes of the text under silence). Every service
that changes what the page shows sends one event after its write (`emit`), carrying who
acted and a patch of the snapshot: the new value of every key the change affects,
derived from the stored fields it changed (`FEEDS`). A client applies it as
`snapshot.update(patch)` (`apply_event`), so old snapshot + events == a fresh snapshot
(tested for every service that emits), and on an event from someone else reloads the
page's body over plain HTTP: each viewer reads only what it may see. The events carry no
text, proposals or positions.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict

from secretariat.core.events import Event as Event  # tests spy on these here
from secretariat.core.events import affected_keys
from secretariat.core.events import send_event as send_event
from secretariat.core.types import Actor
from secretariat.negotiation.models import Document

TOPIC = "document"


class SilenceState(BaseModel):
    """The document's latest silence procedure as a page must know it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    status: str  # running, broken, expired
    deadline: datetime
    revision: int  # the revision circulated
    sha256: dict[str, str]  # language -> hash of exactly the text under silence


class DocumentSnapshot(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int
    revision: int
    state: str  # the effective state (an unbroken silence past its deadline is adopted)
    final_mode: str
    silence: SilenceState | None


class DocumentPatch(BaseModel):
    """The keys of a snapshot that changed, each with its new value (unset: unchanged)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int | None = None
    revision: int | None = None
    state: str | None = None
    final_mode: str | None = None
    silence: SilenceState | None = None


#: Which snapshot keys each stored field of a document feeds ("silence" stands for the
#: silence procedure's rows).
FEEDS: dict[str, tuple[str, ...]] = {
    "current_revision": ("revision",),
    "silence_deadline": ("silence", "state"),
    "silence": ("silence",),
}
SNAPSHOT_KEYS = frozenset(DocumentSnapshot.model_fields)


class DocumentEvent(Event):
    """A change of a document: who made it and the snapshot keys it changed."""

    topic: ClassVar[str] = TOPIC

    by: int | None = None
    patch: DocumentPatch = DocumentPatch()

    def payload(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "by": self.by,
            "patch": self.patch.model_dump(mode="json", exclude_unset=True),
        }


class DocumentUpdated(DocumentEvent):
    kind = "document.updated"


class DocumentMoved(DocumentEvent):
    """A step of the lifecycle: opened, final, reopened, withdrawn."""

    kind = "document.moved"


class DocumentAdopted(DocumentEvent):
    kind = "document.adopted"


class TextRevised(DocumentEvent):
    """A new revision of the text (provisions, brackets, a pasted text)."""

    kind = "text.revised"


class TranslationSet(DocumentEvent):
    kind = "translation.set"


class ProposalCreated(DocumentEvent):
    kind = "proposal.created"


class ProposalStanceSet(DocumentEvent):
    kind = "proposal.stance"


class ProposalIncorporated(DocumentEvent):
    kind = "proposal.incorporated"


class ProposalSetAside(DocumentEvent):
    kind = "proposal.set_aside"


class ProposalWithdrawn(DocumentEvent):
    kind = "proposal.withdrawn"


class ProposalRebased(DocumentEvent):
    kind = "proposal.rebased"


class PositionRecorded(DocumentEvent):
    kind = "position.recorded"


class PositionConfirmed(DocumentEvent):
    kind = "position.confirmed"


class SilenceStarted(DocumentEvent):
    kind = "silence.started"


class SilenceBroken(DocumentEvent):
    kind = "silence.broken"


class SilenceAdopted(DocumentEvent):
    kind = "silence.adopted"


#: The stored fields a service changed when it only saved the document's next version;
#: when it wrote a new revision; when it took a step of the lifecycle.
TOUCHED = ("version",)
REVISED = ("version", "current_revision")
MOVED = ("version", "state", "final_mode", "silence_deadline")


def snapshot_of(document: Document, now: datetime | None = None) -> DocumentSnapshot:
    """What a page open on the document must know to tell that it is stale."""
    return DocumentSnapshot(
        version=document.version,
        revision=document.current_revision,
        state=document.effective_state(now),
        final_mode=document.final_mode,
        silence=silence_state(document, now),
    )


def silence_state(document: Document, now: datetime | None = None) -> SilenceState | None:
    from secretariat.negotiation.selectors import frozen_at, silence_latest

    procedure = silence_latest(document)
    if procedure is None:
        return None
    return SilenceState(
        status=procedure.status(now),
        deadline=procedure.deadline,
        revision=procedure.revision_number,
        sha256={f.language: f.sha256 for f in frozen_at(document, procedure.revision_number)},
    )


def apply_event(snapshot: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
    """What a client holding the snapshot does with an event (the document page needs
    less: on an event from someone else it reloads its body)."""
    return {**snapshot, **event["patch"]}


def emit(
    event_type: type[DocumentEvent],
    document: Document,
    actor: Actor | None,
    *,
    changed: Iterable[str] = (),
) -> None:
    """After a service's write, inside its transaction: tell the pages open on the
    document. `changed` names the stored fields the service changed (nothing for a change
    of proposals or positions, which the snapshot does not hold); the patch carries the new
    value of every snapshot key they feed."""
    keys = affected_keys(changed, FEEDS) & SNAPSHOT_KEYS
    patch = DocumentPatch()
    if keys:
        current = snapshot_of(document)
        patch = DocumentPatch(**{key: getattr(current, key) for key in keys})
    by = actor.pk if actor is not None and actor.is_authenticated else None
    send_event(event_type(by=by, patch=patch), key=str(document.pk))
