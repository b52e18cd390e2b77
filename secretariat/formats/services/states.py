"""States: created once, corrected rarely, removed only when nothing refers to them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.services import model_update
from secretariat.core.types import Actor
from secretariat.formats.models import MemberState


@transaction.atomic
def state_create(
    *,
    actor: Actor | None,
    iso2: str,
    iso3: str,
    name: str,
    capital: str,
    time_zone: str,
    **translations: str,
) -> MemberState:
    state = MemberState(
        iso2=iso2.upper(),
        iso3=iso3.upper(),
        name=name,
        capital=capital,
        time_zone=time_zone,
        **translations,
    )
    state.full_clean()
    state.save()
    audit_record(actor=actor, action="state.create", target=state, summary=state.name)
    return state


@transaction.atomic
def state_update(*, actor: Actor | None, state: MemberState, data: dict[str, Any]) -> MemberState:
    """Corrects a state's names, codes or capital's zone; the audit entry keeps old and new."""
    for code in ("iso2", "iso3"):
        if isinstance(data.get(code), str):
            data[code] = data[code].upper()
    changes = model_update(state, data)
    if changes:
        audit_record(
            actor=actor, action="state.update", target=state, summary=state.name, changes=changes
        )
    return state


@transaction.atomic
def state_delete(*, actor: Actor | None, state: MemberState) -> None:
    """A state that belongs to a format, or chaired one, stays: its record is history."""
    summary = state.name
    audit_record(actor=actor, action="state.delete", target=state, summary=summary)
    try:
        state.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("%(state)s belongs to a format or chaired one, so it cannot be deleted.")
            % {"state": summary}
        ) from exc
