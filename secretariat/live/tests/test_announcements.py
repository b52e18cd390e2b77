"""Announcements: service, policy, API and page — who may send, who may read."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from secretariat.core.errors import PermissionDenied
from secretariat.core.models import AuditEntry
from secretariat.live import policy
from secretariat.live.models import Announcement, TopicVersion
from secretariat.live.services import announcement_send

pytestmark = pytest.mark.django_db

FOLLOWERS = ["secretariat", "chair", "head_kz", "delegate_kz", "expert_kz", "observer",
             "observer_state_delegate"]  # fmt: skip
NOT_FOLLOWERS = ["outsider", "anonymous"]
NOT_SENDERS = ["chair", "head_kz", "delegate_kz", "observer", "outsider", "anonymous"]
API = "/api/live/formats/caj/announcements"
PAGE = "/live/caj/announcements/"


@pytest.mark.parametrize("who", FOLLOWERS)
def test_participants_follow_announcements(world: Any, who: str) -> None:
    assert policy.can_follow_announcements(getattr(world, who), world.fmt)


@pytest.mark.parametrize("who", NOT_FOLLOWERS)
def test_outsiders_do_not_follow_announcements(world: Any, who: str) -> None:
    assert not policy.can_follow_announcements(getattr(world, who), world.fmt)


def test_superuser_without_a_seat_does_not_follow(world: Any) -> None:
    world.outsider.is_superuser = True
    assert not policy.can_follow_announcements(world.outsider, world.fmt)
    assert not policy.can_send_announcement(world.outsider, world.fmt)


def test_secretariat_sends_and_the_version_moves(
    world: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks() as callbacks:
        announcement = announcement_send(
            actor=world.secretariat, fmt=world.fmt, text="  Plenary at 10:00.  "
        )
    assert announcement.text == "Plenary at 10:00."
    assert announcement.author == world.secretariat
    assert len(callbacks) == 1  # one layer message, sent only after the commit
    assert TopicVersion.objects.get(topic="announcements", key="caj").version == 1
    assert AuditEntry.objects.filter(action="announcement.send").count() == 1


@pytest.mark.parametrize("who", NOT_SENDERS)
def test_others_may_not_send(world: Any, who: str) -> None:
    with pytest.raises(PermissionDenied):
        announcement_send(actor=getattr(world, who), fmt=world.fmt, text="Hello")
    assert not Announcement.objects.exists()
    assert not TopicVersion.objects.exists()


@pytest.mark.parametrize("text", ["", "   ", "x" * 1001])
def test_bad_text_changes_nothing(world: Any, text: str) -> None:
    with pytest.raises(ValidationError):
        announcement_send(actor=world.secretariat, fmt=world.fmt, text=text)
    assert not Announcement.objects.exists()
    assert not TopicVersion.objects.exists()


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


def test_page_for_secretariat_has_the_form(client: Any, world: Any) -> None:
    announcement_send(actor=world.secretariat, fmt=world.fmt, text="Welcome to Tokyo.")
    client.force_login(world.secretariat)
    html = client.get(PAGE).content.decode()
    assert "Welcome to Tokyo." in html
    assert 'name="text"' in html
    assert "live/live.js" in html


def test_page_for_a_delegate_has_no_form(client: Any, world: Any) -> None:
    client.force_login(world.delegate_kz)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert 'name="text"' not in response.content.decode()
    assert client.post(PAGE, {"text": "Hi"}).status_code == 403
    assert not Announcement.objects.exists()


@pytest.mark.parametrize("who", NOT_FOLLOWERS)
def test_page_hidden_from_outsiders(client: Any, world: Any, who: str) -> None:
    announcement_send(actor=world.secretariat, fmt=world.fmt, text="Internal notice")
    if who != "anonymous":
        client.force_login(getattr(world, who))
    response = client.get(PAGE)
    assert response.status_code == 403
    assert "Internal notice" not in response.content.decode()


def test_page_form_posts_and_redirects(client: Any, world: Any) -> None:
    client.force_login(world.secretariat)
    response = client.post(PAGE, {"text": "Lunch at noon."})
    assert response.status_code == 302
    assert Announcement.objects.get().text == "Lunch at noon."


def test_page_form_with_htmx_returns_a_fresh_form(client: Any, world: Any) -> None:
    client.force_login(world.secretariat)
    response = client.post(PAGE, {"text": "Lunch at noon."}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "Lunch at noon." not in response.content.decode()  # the feed shows it, live
    assert Announcement.objects.count() == 1


def test_page_form_rejects_empty_text(client: Any, world: Any) -> None:
    client.force_login(world.secretariat)
    response = client.post(PAGE, {"text": ""})
    assert response.status_code == 422
    assert not Announcement.objects.exists()


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


def test_sending_takes_a_constant_few_queries(
    world: Any, django_assert_max_num_queries: Any
) -> None:
    """The action's own path stays lean: the permission check, the insert, its audit
    record and the version bump, whatever the number of followers."""
    announcement_send(actor=world.secretariat, fmt=world.fmt, text="Warm-up.")
    actor = type(world.secretariat).objects.get(pk=world.secretariat.pk)  # as in a request
    # standing (4), savepoint, insert, audit, version update and read, release
    with django_assert_max_num_queries(10):
        announcement_send(actor=actor, fmt=world.fmt, text="Plenary at 10:00.")
