"""The agenda: read it, and (the secretariat, before the opening) draft it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Status
from ninja.security import django_auth

from secretariat.meetings import selectors
from secretariat.meetings.api._common import agenda_out, router, run, visible_meeting
from secretariat.meetings.models import AgendaItem
from secretariat.meetings.schemas import (
    AgendaItemIn,
    AgendaItemMoveIn,
    AgendaItemOut,
    AgendaItemPatch,
    AgendaItemRef,
    AgendaItemUpdateIn,
    AgendaMoveIn,
)


@router.get("/meetings/{meeting_id}/agenda", response=list[AgendaItemOut], summary="Agenda")
def get_agenda(request: HttpRequest, meeting_id: int) -> list[AgendaItemOut]:
    meeting = visible_meeting(request, meeting_id)
    return [agenda_out(row) for row in selectors.agenda_rows(meeting, request.user)]


def _row(request: HttpRequest, item: AgendaItem) -> AgendaItemOut:
    rows = selectors.agenda_rows(item.meeting, request.user)
    return agenda_out(next(row for row in rows if row.pk == item.pk))


@router.post(
    "/meetings/{meeting_id}/agenda",
    response={201: AgendaItemOut},
    auth=django_auth,
    summary="Add an agenda item (secretariat, before the opening)",
)
def add_agenda_item(request: HttpRequest, meeting_id: int, payload: AgendaItemIn) -> Any:
    item = run(request, "agenda-add", visible_meeting(request, meeting_id), payload)
    return Status(201, _row(request, item))


def _item(request: HttpRequest, item_id: int) -> AgendaItem:
    item = get_object_or_404(AgendaItem.objects.select_related("meeting__format"), pk=item_id)
    visible_meeting(request, item.meeting_id)
    return item


@router.patch(
    "/agenda-items/{item_id}",
    response=AgendaItemOut,
    auth=django_auth,
    summary="Edit an agenda item",
)
def update_agenda_item(request: HttpRequest, item_id: int, payload: AgendaItemPatch) -> Any:
    item = _item(request, item_id)
    data = AgendaItemUpdateIn(item_id=item.pk, **payload.model_dump(exclude_unset=True))
    return _row(request, run(request, "agenda-update", item.meeting, data))


@router.post(
    "/agenda-items/{item_id}/move",
    response=list[AgendaItemOut],
    auth=django_auth,
    summary="Move an agenda item to a position",
)
def move_agenda_item(request: HttpRequest, item_id: int, payload: AgendaMoveIn) -> Any:
    item = _item(request, item_id)
    run(request, "agenda-move", item.meeting, AgendaItemMoveIn(item_id=item.pk, **payload.dict()))
    return [agenda_out(row) for row in selectors.agenda_rows(item.meeting, request.user)]


@router.delete(
    "/agenda-items/{item_id}",
    response={204: None},
    auth=django_auth,
    summary="Remove an agenda item",
)
def remove_agenda_item(request: HttpRequest, item_id: int) -> Any:
    item = _item(request, item_id)
    run(request, "agenda-remove", item.meeting, AgendaItemRef(item_id=item.pk))
    return Status(204, None)
