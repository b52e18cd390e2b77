"""Adoption by consensus, and the frozen text: each authentic language version at the
adopted (or circulated) revision in canonical form with its SHA-256. Adoption by silence
is in `silence`."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.formats.models import Delegation
from secretariat.negotiation import events, policy
from secretariat.negotiation.events import emit
from secretariat.negotiation.models import (
    Document,
    DocumentState,
    FinalMode,
    FrozenText,
    ProvisionTranslation,
)
from secretariat.negotiation.rules import Consensus, number_provisions
from secretariat.negotiation.selectors import consensus_of, current_versions
from secretariat.negotiation.services._common import (
    lock_document,
    refuse_language_gaps,
    refuse_open_brackets,
    require,
    touch,
    user_of,
)
from secretariat.negotiation.text.canonical import canonical_bytes, text_hash


def freeze(doc: Document) -> list[FrozenText]:
    """Canonical text and SHA-256 of every authentic language version at the current
    revision (idempotent: a revision is frozen once)."""
    versions = current_versions(doc)
    numbering = number_provisions(v.kind for v in versions)
    translations = {
        (t.version_id, t.language): t.text
        for t in ProvisionTranslation.objects.filter(version__in=[v.pk for v in versions])
    }
    frozen = []
    for code in doc.languages:
        provisions = [
            (
                n.number,
                v.kind,
                v.text if code == doc.language else translations[(v.pk, code)],
            )
            for v, n in zip(versions, numbering, strict=True)
        ]
        title = doc.title_in(code)
        body = canonical_bytes(title=title, language=code, provisions=provisions)
        digest = text_hash(title=title, language=code, provisions=provisions)
        row, _created = FrozenText.objects.get_or_create(
            document=doc,
            language=code,
            revision_number=doc.current_revision,
            defaults={"title": title, "canonical": body.decode("utf-8"), "sha256": digest},
        )
        frozen.append(row)
    return frozen


def _no_consensus(result: Consensus, members: dict[int, Delegation]) -> ConflictError:
    """Who keeps consensus from holding, by ISO code."""
    missing = [members[i].state.iso2 for i in result.missing if i not in result.objecting]
    objecting = [members[i].state.iso2 for i in result.objecting]
    parts = []
    if objecting:
        parts.append(_("objecting: %(codes)s") % {"codes": ", ".join(objecting)})
    if missing:
        parts.append(
            _("no (confirmed) agreement on the current revision from: %(codes)s")
            % {"codes": ", ".join(missing)}
        )
    return ConflictError(_("There is no consensus (%(detail)s).") % {"detail": "; ".join(parts)})


@transaction.atomic
def document_adopt_by_consensus(
    *,
    actor: Actor,
    document: Document,
    reference: str = "",
    reference_url: str = "",
    expected_version: int | None = None,
) -> Document:
    """The chair (or the secretariat) records adoption by consensus, e.g. at a meeting.

    Refused unless the document is final text awaiting adoption, no bracket is open, the
    positions give consensus on the current revision and every authentic language version
    matches it. Adoption freezes each language version with its SHA-256."""
    doc = lock_document(document, expected_version)
    require(
        policy.can_chair(actor, doc),
        _("Only the chair or the secretariat records adoption."),
    )
    state = doc.effective_state()
    if state != DocumentState.FINAL:
        raise ConflictError(
            _("Only a final text can be adopted; “%(title)s” is %(state)s.")
            % {"title": doc.title, "state": doc.effective_state_label()}
        )
    if doc.final_mode == FinalMode.SILENCE:
        raise ConflictError(
            _("“%(title)s” is under silence procedure until %(deadline)s UTC.")
            % {"title": doc.title, "deadline": f"{doc.silence_deadline:%Y-%m-%d %H:%M}"}
        )
    refuse_open_brackets(doc)
    result, members = consensus_of(doc)
    if not result.holds:
        raise _no_consensus(result, members)
    refuse_language_gaps(doc)
    freeze(doc)
    doc.adopt()
    doc.adopted_at = timezone.now()
    doc.adopted_revision = doc.current_revision
    doc.adopted_by = user_of(actor)
    doc.adoption_method = "meeting"
    doc.adoption_reference = reference.strip()
    doc.adoption_reference_url = reference_url.strip()
    doc.full_clean()
    touch(
        doc,
        "state",
        "adopted_at",
        "adopted_revision",
        "adopted_by",
        "adoption_method",
        "adoption_reference",
        "adoption_reference_url",
    )
    audit_record(
        actor=actor,
        action="document.adopt",
        target=doc,
        summary=reference or doc.title,
        revision=doc.current_revision,
    )
    emit(events.DocumentAdopted, doc, actor, changed=events.MOVED)
    return doc
