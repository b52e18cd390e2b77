"""Typed times say their zone: the preview in every capital before circulating or planning,
the zone choice beside every date-time field, and refusals that change nothing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from secretariat.meetings.models import Meeting
from secretariat.negotiation.models import Document, SilenceProcedure
from secretariat.negotiation.tests.factories import make_document

pytestmark = pytest.mark.django_db

CLEAN_TEXT = "Noting,\n1. Agreed text.\n2. More agreed text.\n"
PREVIEW = "/times/preview"


def as_viewer(client, user, zone):
    user.time_zone = zone
    user.save(update_fields=["time_zone"])
    client.force_login(user)


def test_preview_shows_the_typed_instant_in_every_member_capital(client, world):
    as_viewer(client, world.chair, "America/New_York")
    response = client.get(
        PREVIEW,
        {
            "preview_format": "caj",
            "preview_field": "deadline",
            "deadline": "2030-12-22T14:00",
            "preview_zone": "deadline_zone",
            "deadline_zone": "Asia/Tokyo",
        },
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "22 December 2030, 14:00 JST (UTC+9)" in html  # as typed, and Tokyo's row
    assert "22 December 2030, 00:00 EST (UTC-5)" in html  # the viewer's
    assert "22 December 2030, 05:00 UTC" in html
    assert html.count("22 December 2030, 10:00 UTC+5") == 2  # Astana and Ashgabat
    assert "United States" not in html  # an observer: not a member capital
    assert "<html" not in html  # a fragment for htmx


def test_preview_of_a_span_and_without_javascript_a_page_with_a_way_back(client, world):
    as_viewer(client, world.secretariat, "UTC")
    response = client.post(
        PREVIEW,
        {
            "preview_format": "caj",
            "preview_field": "starts_at",
            "preview_until": "ends_at",
            "starts_at": "2030-03-04T12:00",
            "ends_at": "2030-03-04T14:00",
            "zone": "Asia/Tokyo",
            "preview_back": "/formats/caj/meetings/",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert "4 March 2030, 03:00–05:00 UTC" in html
    assert "4 March 2030, 08:00–10:00 UTC+5" in html
    assert 'href="/formats/caj/meetings/"' in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"at": "22/12/2030"}, "YYYY-MM-DD HH:MM"),
        ({"at": "2030-12-22T14:00", "zone": "Asia/Tokio"}, "not a time zone"),
        ({"at": "2030-03-10T02:30", "zone": "America/New_York"}, "does not exist"),
        ({"at": "2030-12-22T14:00", "until": "2030-12-22T13:00"}, "end must come after"),
    ],
)
def test_preview_of_bad_input_says_what_is_wrong(client, world, params, message):
    response = client.get(PREVIEW, {"format": "caj", **params})
    assert response.status_code == 422
    assert message in response.content.decode()


def test_preview_before_anything_is_typed_asks_for_a_time_and_unknown_formats_are_404(
    client, world
):
    response = client.get(PREVIEW, {"format": "caj", "at": ""})
    assert response.status_code == 200
    assert "Type a date and time" in response.content.decode()
    assert (
        client.get(PREVIEW, {"format": "no-such-format", "at": "2030-01-01T10:00"}).status_code
        == 404
    )


def test_preview_never_links_back_off_site(client, world):
    response = client.get(
        PREVIEW, {"at": "2030-01-01T10:00", "preview_back": "https://evil.example/"}
    )
    assert 'href="/"' in response.content.decode()


def _silence(client, doc, **data):
    url = reverse("negotiation:action", args=[doc.format.slug, doc.slug, "silence"])
    return client.post(url, {"version": doc.version, **data})


def test_chair_circulates_with_a_deadline_typed_in_a_capitals_zone(client, world):
    doc = make_document(world, text=CLEAN_TEXT)
    as_viewer(client, world.chair, "America/New_York")
    page = client.get(f"/formats/caj/documents/{doc.slug}/").content.decode()
    assert 'name="deadline_zone"' in page
    assert '<option value="America/New_York" selected>' in page
    _silence(client, doc, deadline="2030-12-22T10:00", deadline_zone="Asia/Almaty")
    procedure = SilenceProcedure.objects.get(document=doc)
    assert procedure.deadline == datetime(2030, 12, 22, 5, 0, tzinfo=UTC)


def test_without_a_zone_the_deadline_is_in_the_chairs_own_zone(client, world):
    doc = make_document(world, text=CLEAN_TEXT)
    as_viewer(client, world.chair, "Asia/Tokyo")
    _silence(client, doc, deadline="2030-12-22T14:00")
    assert SilenceProcedure.objects.get(document=doc).deadline == datetime(
        2030, 12, 22, 5, 0, tzinfo=UTC
    )


def test_a_deadline_the_clocks_skip_is_refused_and_nothing_changes(client, world):
    doc = make_document(world, text=CLEAN_TEXT)
    before = Document.objects.filter(pk=doc.pk).values("state", "version", "silence_deadline")[0]
    as_viewer(client, world.chair, "UTC")
    response = _silence(client, doc, deadline="2030-03-10T02:30", deadline_zone="America/New_York")
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "does not exist in America/New_York" in page
    assert not SilenceProcedure.objects.filter(document=doc).exists()
    after = Document.objects.filter(pk=doc.pk).values("state", "version", "silence_deadline")[0]
    assert after == before


def _plan(client, **times):
    return client.post(
        "/formats/caj/meetings/new/",
        {"kind": "senior_officials", "mode": "online", "number": "3", **times},
    )


def test_a_meeting_is_planned_in_the_zone_chosen_beside_its_times(client, world):
    as_viewer(client, world.secretariat, "America/New_York")
    page = client.get("/formats/caj/meetings/").content.decode()
    assert 'name="zone"' in page
    assert 'id="preview-starts_at"' in page
    response = _plan(
        client, starts_at="2030-02-02T10:00", ends_at="2030-02-02T12:00", zone="Asia/Tokyo"
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert (meeting.starts_at, meeting.ends_at) == (
        datetime(2030, 2, 2, 1, 0, tzinfo=UTC),
        datetime(2030, 2, 2, 3, 0, tzinfo=UTC),
    )


def test_a_meeting_time_the_clocks_pass_twice_is_refused_and_nothing_is_planned(client, world):
    as_viewer(client, world.secretariat, "America/New_York")
    response = _plan(client, starts_at="2030-11-03T01:30", ends_at="2030-11-03T03:00")
    assert response.status_code == 422
    assert "happens twice in America/New_York" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_meeting_time_that_is_no_date_is_refused_and_the_form_keeps_its_zone(client, world):
    as_viewer(client, world.secretariat, "UTC")
    response = _plan(client, starts_at="tomorrow", ends_at="2030-02-02T12:00", zone="Asia/Tokyo")
    assert response.status_code == 422
    html = response.content.decode()
    assert "Enter a valid date/time." in html
    assert '<option value="Asia/Tokyo" selected>' in html
    assert not Meeting.objects.exists()


def test_the_edit_form_shows_the_stored_times_in_the_viewers_zone(client, world):
    from secretariat.meetings import services

    meeting = services.meeting_create(
        actor=world.secretariat,
        fmt=world.fmt,
        kind="foreign_ministers",
        mode="online",
        starts_at=datetime(2030, 3, 4, 5, 0, tzinfo=UTC),
        ends_at=datetime(2030, 3, 4, 7, 0, tzinfo=UTC),
    )
    as_viewer(client, world.secretariat, "Asia/Tokyo")
    html = client.get(f"/meetings/{meeting.pk}/").content.decode()
    assert 'name="starts_at" value="2030-03-04T14:00"' in html
    assert '<option value="Asia/Tokyo" selected>' in html
