"""The announcements API: list for participants, send for the secretariat."""

from __future__ import annotations

from typing import Any

import pytest

from secretariat.announcements.models import Announcement
from secretariat.announcements.services import announcement_send
from secretariat.announcements.tests.refusals import nothing_changed

pytestmark = pytest.mark.django_db

NOT_FOLLOWERS = ["outsider", "anonymous"]
API = "/api/live/formats/caj/announcements"


def test_api_send_and_list(client: Any, world: Any) -> None:
    client.force_login(world.secretariat)
    response = client.post(API, {"text": "Delegations, please register."}, "application/json")
    assert response.status_code == 201
    assert response.json()["text"] == "Delegations, please register."
    client.force_login(world.delegate_kz)
    assert [a["text"] for a in client.get(API).json()] == ["Delegations, please register."]


@pytest.mark.parametrize("who", ["chair", "delegate_kz", "observer", "outsider"])
def test_api_send_forbidden(client: Any, world: Any, who: str) -> None:
    client.force_login(getattr(world, who))
    with nothing_changed():
        response = client.post(API, {"text": "Hi"}, "application/json")
    assert response.status_code == 403
    assert "secretariat" in response.json()["detail"]
    assert not Announcement.objects.exists()


def test_api_send_bad_input_is_422(client: Any, world: Any) -> None:
    client.force_login(world.secretariat)
    response = client.post(API, {"text": " "}, "application/json")
    assert response.status_code == 422
    assert "text" in response.json()["detail"]
    assert client.post(API, {}, "application/json").status_code == 422
    assert not Announcement.objects.exists()


@pytest.mark.parametrize("who", NOT_FOLLOWERS)
def test_api_list_hidden_from_outsiders(client: Any, world: Any, who: str) -> None:
    announcement_send(actor=world.secretariat, fmt=world.fmt, text="Internal notice")
    if who != "anonymous":
        client.force_login(getattr(world, who))
    response = client.get(API)
    assert response.status_code == 403
    assert "Internal notice" not in response.content.decode()


def test_api_send_needs_a_session(client: Any, world: Any) -> None:
    response = client.post(API, {"text": "Hi"}, "application/json")
    assert response.status_code == 401
    assert not Announcement.objects.exists()


def test_api_send_checks_the_csrf_token(world: Any) -> None:
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.secretariat)
    assert strict.post(API, {"text": "Hi"}, "application/json").status_code == 403
    assert not Announcement.objects.exists()


def test_api_send_refuses_unknown_fields(client: Any, world: Any) -> None:
    client.force_login(world.secretariat)
    with nothing_changed():
        response = client.post(API, {"text": "Hi", "author": "someone"}, "application/json")
    assert response.status_code == 422
    assert "author" in response.json()["detail"]


def test_api_for_an_unknown_format_is_404(client: Any, world: Any) -> None:
    client.force_login(world.secretariat)
    assert client.get("/api/live/formats/nowhere/announcements").status_code == 404
    with nothing_changed():
        response = client.post(
            "/api/live/formats/nowhere/announcements", {"text": "Hi"}, "application/json"
        )
    assert response.status_code == 404


def test_api_lists_newest_first_with_author_and_time(client: Any, world: Any) -> None:
    first = announcement_send(actor=world.secretariat, fmt=world.fmt, text="First.")
    announcement_send(actor=world.secretariat, fmt=world.fmt, text="Second.")
    client.force_login(world.observer)
    rows = client.get(API).json()
    assert [r["text"] for r in rows] == ["Second.", "First."]
    assert rows[1]["id"] == first.pk
    assert rows[1]["author"] == world.secretariat.full_name
    assert rows[1]["created_at"].endswith("Z")  # UTC, and it says so


def test_api_send_is_in_the_openapi_schema(client: Any) -> None:
    paths = client.get("/api/openapi.json").json()["paths"]
    assert set(paths["/api/live/formats/{slug}/announcements"]) == {"get", "post"}
