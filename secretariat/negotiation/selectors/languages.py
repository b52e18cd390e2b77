"""Reads of the authentic language versions: side by side, what keeps them from matching,
and the frozen texts with their hashes."""

from __future__ import annotations

from django.utils.translation import gettext as _

from secretariat.negotiation.models import Document, FrozenText, ProvisionTranslation
from secretariat.negotiation.rules import number_provisions
from secretariat.negotiation.selectors.revisions import ProvisionRow, current_versions


def attach_translations(
    document: Document, rows: list[ProvisionRow], language: str
) -> dict[str, int]:
    """Put each provision's `language` text beside it: current (aligned to this version),
    outdated (translating an older version) or missing. Two queries."""
    counts = {"current": 0, "outdated": 0, "missing": 0}
    if language == document.language:
        return counts
    aligned = {
        t.version_id: t.text
        for t in ProvisionTranslation.objects.filter(
            version__in=[r.version_id for r in rows], language=language
        )
    }
    older: dict[int, str] = {}
    for provision_id, text in (
        ProvisionTranslation.objects.filter(document=document, language=language)
        .exclude(version__in=[r.version_id for r in rows])
        .order_by("version__valid_from")
        .values_list("provision_id", "text")
    ):
        older[provision_id] = text
    for row in rows:
        if row.version_id in aligned:
            row.translation, row.translation_status = aligned[row.version_id], "current"
        elif row.provision_id in older:
            row.translation, row.translation_status = older[row.provision_id], "outdated"
        else:
            row.translation, row.translation_status = None, "missing"
        counts[row.translation_status] += 1
    return counts


def language_gaps(doc: Document) -> list[str]:
    """What keeps the authentic language versions from matching the current revision."""
    versions = current_versions(doc)
    gaps: list[str] = []
    others = [code for code in doc.languages if code != doc.language]
    if not others:
        return gaps
    aligned = set(
        ProvisionTranslation.objects.filter(
            version__in=[v.pk for v in versions], language__in=others
        ).values_list("version_id", "language")
    )
    numbering = number_provisions(v.kind for v in versions)
    older = set(
        ProvisionTranslation.objects.filter(document=doc, language__in=others)
        .exclude(version__in=[v.pk for v in versions])
        .values_list("provision_id", "language")
    )
    for code in others:
        if not doc.title_in(code):
            gaps.append(_("%(lang)s: the title is not translated") % {"lang": code})
        missing = [
            n.label
            for v, n in zip(versions, numbering, strict=True)
            if (v.pk, code) not in aligned and (v.provision_id, code) not in older
        ]
        stale = [
            n.label
            for v, n in zip(versions, numbering, strict=True)
            if (v.pk, code) not in aligned and (v.provision_id, code) in older
        ]
        if missing:
            gaps.append(
                _("%(lang)s: not translated: %(where)s")
                % {"lang": code, "where": ", ".join(missing[:12])}
            )
        if stale:
            gaps.append(
                _("%(lang)s: aligned to an older revision: %(where)s")
                % {"lang": code, "where": ", ".join(stale[:12])}
            )
    return gaps


def frozen_texts(document: Document) -> list[FrozenText]:
    """The adopted texts with their SHA-256, negotiating language first."""
    revision = document.adopted_revision_number()
    if revision is None:
        return []
    return frozen_at(document, revision)


def frozen_at(document: Document, revision: int) -> list[FrozenText]:
    """The texts frozen at `revision` (at adoption, or when circulated under silence
    procedure) with their SHA-256, negotiating language first."""
    rows = list(FrozenText.objects.filter(document=document, revision_number=revision))
    order = {code: i for i, code in enumerate(document.languages)}
    return sorted(rows, key=lambda f: order.get(f.language, 99))
