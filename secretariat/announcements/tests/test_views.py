"""The announcements page: the feed for participants, the form for the secretariat."""

from __future__ import annotations

import zoneinfo
from typing import Any

import pytest

from secretariat.announcements.models import Announcement
from secretariat.announcements.services import announcement_send
from secretariat.announcements.tests.refusals import nothing_changed

pytestmark = pytest.mark.django_db

NOT_FOLLOWERS = ["outsider", "anonymous"]
PAGE = "/live/caj/announcements/"


def test_the_page_keeps_its_address() -> None:
    from django.urls import reverse

    assert reverse("announcements:list", args=["caj"]) == PAGE


def test_page_for_secretariat_has_the_form(client: Any, world: Any) -> None:
    announcement_send(actor=world.secretariat, fmt=world.fmt, text="Welcome to Tokyo.")
    client.force_login(world.secretariat)
    html = client.get(PAGE).content.decode()
    assert "Welcome to Tokyo." in html
    assert 'name="text"' in html
    assert "live/live.js" in html
    assert "announcements/announcements.js" in html


def test_page_for_a_delegate_has_no_form(client: Any, world: Any) -> None:
    client.force_login(world.delegate_kz)
    response = client.get(PAGE)
    assert response.status_code == 200
    assert 'name="text"' not in response.content.decode()
    with nothing_changed():
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
    with nothing_changed():
        response = client.post(PAGE, {"text": ""})
    assert response.status_code == 422
    assert not Announcement.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "anonymous"])
def test_outsiders_cannot_post_either(client: Any, world: Any, who: str) -> None:
    if who != "anonymous":
        client.force_login(getattr(world, who))
    with nothing_changed():
        response = client.post(PAGE, {"text": "Hi"})
    assert response.status_code == 403


def test_page_form_with_htmx_shows_what_is_wrong(client: Any, world: Any) -> None:
    client.force_login(world.secretariat)
    with nothing_changed():
        response = client.post(PAGE, {"text": "x" * 1001}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200  # htmx swaps only a 2xx: the form with its message
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "1000" in html


def test_page_form_without_its_field_is_422(client: Any, world: Any) -> None:
    client.force_login(world.secretariat)
    with nothing_changed():
        response = client.post(PAGE, {})
    assert response.status_code == 422


def test_page_says_the_zone_of_each_time(client: Any, world: Any) -> None:
    world.delegate_kz.time_zone = "Asia/Almaty"
    world.delegate_kz.save()
    announcement = announcement_send(actor=world.secretariat, fmt=world.fmt, text="Noted.")
    client.force_login(world.delegate_kz)
    html = client.get(PAGE).content.decode()
    local = announcement.created_at.astimezone(zoneinfo.ZoneInfo("Asia/Almaty"))
    assert f"{local:%H:%M} UTC+5</time>" in html  # Almaty has no zone name of its own


def test_a_refusal_by_the_service_itself_is_shown_and_changes_nothing(
    client: Any, world: Any, monkeypatch: Any
) -> None:
    """The page's own check let the post through (the person lost their seat meanwhile);
    the service refuses: 403, its message on the form, nothing written."""
    from types import SimpleNamespace

    from secretariat.announcements import policy, views

    page_policy = SimpleNamespace(
        can_follow_announcements=policy.can_follow_announcements,
        can_send_announcement=lambda user, fmt: True,  # the page's check only
    )
    monkeypatch.setattr(views, "policy", page_policy)
    client.force_login(world.delegate_kz)
    with nothing_changed():
        response = client.post(PAGE, {"text": "Hi"})
    assert response.status_code == 403
    assert "Only the secretariat of CA+J sends announcements." in response.content.decode()
