"""The joint press statement: public once published; drafted and edited by the
secretariat."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Status
from ninja.security import django_auth

from secretariat.core.errors import PermissionDenied
from secretariat.meetings import policy
from secretariat.meetings.api._common import router, run, visible_meeting
from secretariat.meetings.models import PressStatement
from secretariat.meetings.schemas import EmptyIn, StatementEditIn, StatementOut


def _statement_out(statement: PressStatement) -> StatementOut:
    return StatementOut(
        status=statement.status,
        version=statement.version,
        texts=statement.texts,
        published_at=statement.published_at,
    )


def _statement(request: HttpRequest, meeting_id: int) -> PressStatement:
    meeting = visible_meeting(request, meeting_id)
    statement = PressStatement.objects.filter(meeting=meeting).select_related("meeting").first()
    published = statement is not None and statement.status == PressStatement.Status.PUBLISHED
    if not policy.can_view_statement(request.user, meeting, published):
        raise PermissionDenied(
            _("The draft statement is for member delegations and the secretariat.")
        )
    if statement is None:
        raise Http404
    return statement


@router.get(
    "/meetings/{meeting_id}/statement",
    response=StatementOut,
    summary="Joint press statement (public once published)",
)
def get_statement(request: HttpRequest, meeting_id: int) -> Any:
    return _statement_out(_statement(request, meeting_id))


@router.post(
    "/meetings/{meeting_id}/statement",
    response={201: StatementOut},
    auth=django_auth,
    summary="Draft the statement from the outcomes (secretariat)",
)
def generate_statement(request: HttpRequest, meeting_id: int) -> Any:
    meeting = visible_meeting(request, meeting_id)
    return Status(201, _statement_out(run(request, "statement-generate", meeting, EmptyIn())))


@router.put(
    "/meetings/{meeting_id}/statement",
    response=StatementOut,
    auth=django_auth,
    summary="Edit the draft statement",
)
def edit_statement(request: HttpRequest, meeting_id: int, payload: StatementEditIn) -> Any:
    statement = _statement(request, meeting_id)
    return _statement_out(run(request, "statement-edit", statement.meeting, payload))


@router.post(
    "/meetings/{meeting_id}/statement/publish",
    response=StatementOut,
    auth=django_auth,
    summary="Publish the statement",
)
def publish_statement(request: HttpRequest, meeting_id: int) -> Any:
    statement = _statement(request, meeting_id)
    return _statement_out(run(request, "statement-publish", statement.meeting, EmptyIn()))
