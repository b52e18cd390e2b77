"""The agenda of a meeting: drafted by the secretariat, approved as it stands when the
session opens, then frozen."""

from __future__ import annotations

from types import EllipsisType
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from secretariat.core.audit import audit_record
from secretariat.core.errors import ConflictError
from secretariat.core.types import Actor
from secretariat.meetings import events
from secretariat.meetings.events import MeetingAction
from secretariat.meetings.models import AgendaItem, Meeting
from secretariat.meetings.services._common import NOT_YET_OPEN, check_version, lock, must_manage

if TYPE_CHECKING:
    from secretariat.negotiation.models import Document


def _agenda_editable(meeting: Meeting) -> None:
    if meeting.agenda_approved_at is not None or meeting.status not in NOT_YET_OPEN:
        raise ConflictError(_("The agenda was approved at the opening; it no longer changes."))


def _check_document(meeting: Meeting, document: Document | None) -> None:
    if document is not None and document.format_id != meeting.format_id:
        raise ValidationError({"document": _("The document belongs to another format.")})


def _renumber(items: list[AgendaItem]) -> None:
    for index, each in enumerate(items, start=1):
        if each.position != index:
            each.position = index
            each.save(update_fields=["position"])


@transaction.atomic
def agenda_item_add(
    *,
    actor: Actor | None,
    meeting: Meeting,
    title: str,
    kind: str,
    description: str = "",
    document: Document | None = None,
) -> AgendaItem:
    """Add an item at the end of the draft agenda."""
    meeting = lock(meeting)
    must_manage(actor, meeting)
    _agenda_editable(meeting)
    _check_document(meeting, document)
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(m=Max("position"))["m"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        title=title.strip(),
        kind=kind,
        description=description,
        document=document,
    )
    item.full_clean()
    item.save()
    audit_record(actor=actor, action="agenda.add", target=meeting, summary=item.title)
    events.emit(meeting, MeetingAction.AGENDA_CHANGED, changed={"agenda_items"})
    return item


@transaction.atomic
def agenda_item_update(
    *,
    actor: Actor | None,
    item: AgendaItem,
    expected_version: int | None = None,
    title: str | None = None,
    kind: str | None = None,
    description: str | None = None,
    document: Document | EllipsisType | None = ...,
) -> AgendaItem:
    """Edit a draft agenda item; `document=...` leaves its linked document as it is."""
    meeting = lock(item.meeting)
    must_manage(actor, meeting)
    _agenda_editable(meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    check_version(item.version, expected_version, _("agenda item"))
    if title is not None:
        item.title = title.strip()
    if kind is not None:
        item.kind = kind
    if description is not None:
        item.description = description
    if not isinstance(document, EllipsisType):
        _check_document(meeting, document)
        item.document = document
    item.full_clean()
    item.version += 1
    item.save()
    audit_record(actor=actor, action="agenda.update", target=meeting, summary=item.title)
    events.emit(meeting, MeetingAction.AGENDA_CHANGED, changed={"agenda_items"})
    return item


@transaction.atomic
def agenda_item_move(*, actor: Actor | None, item: AgendaItem, position: int) -> list[AgendaItem]:
    """Put the item at `position` (1-based) and renumber the others in order."""
    meeting = lock(item.meeting)
    must_manage(actor, meeting)
    _agenda_editable(meeting)
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position", "pk"))
    if not 1 <= position <= len(items):
        raise ValidationError(_("Give a position between 1 and %(n)s.") % {"n": len(items)})
    moving = next(i for i in items if i.pk == item.pk)
    items.remove(moving)
    items.insert(position - 1, moving)
    _renumber(items)
    audit_record(actor=actor, action="agenda.move", target=meeting, summary=moving.title)
    events.emit(meeting, MeetingAction.AGENDA_CHANGED, changed={"agenda_items"})
    return items


@transaction.atomic
def agenda_item_remove(*, actor: Actor | None, item: AgendaItem) -> None:
    """Take an item off the draft agenda; the others close up."""
    meeting = lock(item.meeting)
    must_manage(actor, meeting)
    _agenda_editable(meeting)
    title = item.title
    item.delete()
    _renumber(list(AgendaItem.objects.filter(meeting=meeting)))
    audit_record(actor=actor, action="agenda.remove", target=meeting, summary=title)
    events.emit(meeting, MeetingAction.AGENDA_CHANGED, changed={"agenda_items"})
