"""Language versions: the pen-holder aligns each authentic language, provision by
provision, to the current revision."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.negotiation import events, policy
from secretariat.negotiation.events import emit
from secretariat.negotiation.models import Document, Provision, ProvisionTranslation
from secretariat.negotiation.services._common import lock_document, require, touch, user_of
from secretariat.negotiation.services._revisions import current_version_of, validate_markup


@transaction.atomic
def translation_set(
    *,
    actor: Actor,
    document: Document,
    provision: Provision,
    language: str,
    text: str,
    expected_version: int | None = None,
) -> ProvisionTranslation:
    """The pen-holder aligns a language version, provision by provision, to the current
    revision. Frozen once the text is adopted or under silence procedure; a translation
    has as many open brackets as the original."""
    doc = lock_document(document, expected_version)
    require(
        policy.can_edit_translations(actor, doc),
        _("Only the pen-holder maintains the language versions."),
    )
    if not policy.are_translations_editable(doc):
        raise ConflictError(
            _("The language versions of “%(title)s” are frozen: it is %(state)s.")
            % {"title": doc.title, "state": doc.effective_state_label()}
        )
    if language == doc.language or language not in doc.authentic_languages:
        raise ValidationError(
            _("%(lang)s is not another authentic language of this document.") % {"lang": language}
        )
    if not text.strip():
        raise ValidationError(_("The translation is empty."))
    version = current_version_of(doc, provision)
    if version is None:
        raise ConflictError(_("That provision is no longer in the current text."))
    count = validate_markup(text)
    if count != version.open_brackets:
        raise ValidationError(
            _("The translation has %(theirs)s open bracket(s), the original %(ours)s.")
            % {"theirs": count, "ours": version.open_brackets}
        )
    row, _created = ProvisionTranslation.objects.update_or_create(
        version=version,
        language=language,
        defaults={
            "document": doc,
            "provision": provision,
            "text": text.strip(),
            "updated_at": timezone.now(),
            "updated_by": user_of(actor),
        },
    )
    touch(doc)
    audit_record(
        actor=actor,
        action="translation.set",
        target=doc,
        summary=f"{language}: provision {provision.pk}",
    )
    emit(events.TranslationSet, doc, actor, changed=events.TOUCHED)
    return row
