"""Dates outside the years meetings fall in (0001-01-01, 9999-12-31) are refused with 422
and change nothing, on every path: API, page, service; never a 500 from time-zone
arithmetic on them."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError

from secretariat.meetings import services
from secretariat.meetings.models import Meeting
from secretariat.meetings.tests.support import unchanged

PLAN = {
    "kind": "summit",
    "mode": "online",
    "starts_at": "2030-01-01T05:00:00Z",
    "ends_at": "2030-01-01T07:00:00Z",
}


def _post(client, url, body, method="post"):
    return getattr(client, method)(url, data=json.dumps(body), content_type="application/json")


@pytest.mark.parametrize(
    "when",
    [
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31T23:00:00-05:00",
        "1899-12-31T12:00:00Z",
        "2030-01-01T05:00:00",
    ],
)
def test_the_api_refuses_a_time_outside_the_calendar_or_without_its_zone(client, world, when):
    client.force_login(world.secretariat)
    response = _post(client, "/api/formats/caj/meetings", {**PLAN, "starts_at": when})
    assert response.status_code == 422, response.content
    assert not Meeting.objects.exists()


def test_edits_and_reschedules_refuse_it_too(client, world, meeting):
    client.force_login(world.secretariat)
    with unchanged(meeting):
        patch = {"version": meeting.version, "starts_at": "0001-01-01T00:00:00+09:00"}
        assert _post(client, f"/api/meetings/{meeting.pk}", patch, "patch").status_code == 422
        page = client.post(
            f"/meetings/{meeting.pk}/do/edit/",
            {
                "kind": "summit",
                "mode": "online",
                "starts_at": "0001-01-01T00:00",
                "ends_at": "0001-01-01T02:00",
                "version": meeting.version,
            },
            HTTP_HX_REQUEST="true",
        )
        assert page.status_code == 422
        assert "between 1990 and 2099" in page.content.decode()


def test_the_page_refuses_it_when_planning(client, world):
    client.force_login(world.secretariat)
    response = client.post(
        "/formats/caj/meetings/new/",
        {
            "kind": "summit",
            "mode": "online",
            "starts_at": "0001-01-01T00:00",
            "ends_at": "0001-01-01T01:00",
        },
    )
    assert response.status_code == 422
    assert "between 1990 and 2099" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_service_refuses_it_for_every_caller(world):
    with pytest.raises(ValidationError, match="between 1990 and 2099"):
        services.meeting_create(
            actor=world.secretariat,
            fmt=world.fmt,
            kind="summit",
            mode="online",
            starts_at=datetime(1, 1, 1, tzinfo=UTC),
            ends_at=datetime(1, 1, 2, tzinfo=UTC),
        )
    assert not Meeting.objects.exists()


@pytest.mark.parametrize(
    "query",
    ["start=0001-01-01", "start=9999-12-31&days=90", "days=0", "days=91", "duration_minutes=10000"],
)
def test_the_slot_finder_refuses_out_of_range_queries(client, world, query):
    assert client.get(f"/api/formats/caj/meeting-slots?{query}").status_code == 422


def test_a_minutes_deadline_outside_the_calendar_is_refused(client, world, in_session):
    closed = services.session_close(actor=world.chair, meeting=in_session)
    services.minutes_generate(actor=world.secretariat, meeting=closed)
    client.force_login(world.secretariat)
    with unchanged(closed):
        response = _post(
            client,
            f"/api/meetings/{closed.pk}/minutes/circulate",
            {"deadline": "9999-12-31T23:59:00-12:00"},
        )
    assert response.status_code == 422
