from __future__ import annotations

import pytest
from django.urls import reverse


def test_home_lists_formats_publicly(client, world):
    response = client.get(reverse("core:home"))
    assert response.status_code == 200
    assert world.fmt.name in response.content.decode()


def test_home_shows_signed_in_persons_delegations(client, world):
    client.force_login(world.head_kz)
    body = client.get(reverse("core:home")).content.decode()
    assert "Your delegations" in body
    assert "Kazakhstan" in body
    assert "head of delegation" in body


def test_format_page_lists_states_capitals_chair_and_clocks(
    client, world, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("formats:detail", args=[world.fmt.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    for name in ("Japan", "Kazakhstan", "Turkmenistan", "United States"):
        assert name in body
    assert 'data-tz="Asia/Tokyo"' in body
    assert "secretariat/flags/jp.svg" in body
    assert "Observers" in body


def test_format_page_404_for_unknown_slug(client, db):
    assert client.get("/formats/nope/").status_code == 404


def test_format_page_shows_standing_to_signed_in(client, world):
    client.force_login(world.secretariat)
    body = client.get(reverse("formats:detail", args=[world.fmt.slug])).content.decode()
    assert "Your standing" in body
    assert "Secretariat" in body


def test_format_page_in_russian(client, world):
    client.cookies["secretariat_language"] = "ru"
    body = client.get(reverse("formats:detail", args=[world.fmt.slug])).content.decode()
    assert "Государства-члены" in body
    assert 'lang="ru"' in body


def test_format_page_in_japanese(client, world):
    response = client.get(
        reverse("formats:detail", args=[world.fmt.slug]), HTTP_ACCEPT_LANGUAGE="ja"
    )
    assert "加盟国" in response.content.decode()


def test_delegation_page_is_public_but_hides_people(client, world):
    body = client.get(reverse("formats:delegation", args=[world.fmt.slug, "KZ"])).content.decode()
    assert "Kazakhstan" in body
    assert world.head_kz.full_name in body  # the head is a public fact
    assert world.expert_kz.email not in body


def test_delegation_page_shows_people_to_own_delegation(client, world):
    client.force_login(world.expert_kz)
    body = client.get(reverse("formats:delegation", args=[world.fmt.slug, "KZ"])).content.decode()
    assert world.delegate_kz.email in body


@pytest.mark.parametrize(
    "who", ["delegate_tm", "chair", "observer", "observer_state_delegate", "outsider"]
)
def test_delegation_internal_page_forbidden_to_others(client, world, who):
    client.force_login(getattr(world, who))
    response = client.get(reverse("formats:delegation_internal", args=[world.fmt.slug, "KZ"]))
    assert response.status_code == 403
    assert world.delegate_kz.email not in response.content.decode()


def test_delegation_internal_page_forbidden_to_anonymous(client, world):
    response = client.get(reverse("formats:delegation_internal", args=[world.fmt.slug, "KZ"]))
    assert response.status_code == 403
    assert "Log in" in response.content.decode()


@pytest.mark.parametrize("who", ["head_kz", "expert_kz", "secretariat"])
def test_delegation_internal_page_for_own_delegation_and_secretariat(client, world, who):
    client.force_login(getattr(world, who))
    response = client.get(reverse("formats:delegation_internal", args=[world.fmt.slug, "kz"]))
    assert response.status_code == 200
    assert world.delegate_kz.email in response.content.decode()


def test_unknown_delegation_is_404(client, world):
    assert client.get(reverse("formats:delegation", args=[world.fmt.slug, "ZZ"])).status_code == 404


def test_pages_refuse_post(client, world):
    assert client.post(reverse("formats:detail", args=[world.fmt.slug])).status_code == 405


def test_format_page_links_the_work_of_the_format(client, world):
    body = client.get(reverse("formats:detail", args=[world.fmt.slug])).content.decode()
    assert reverse("negotiation:list", args=[world.fmt.slug]) in body
    assert reverse("meetings:list", args=[world.fmt.slug]) in body
    assert reverse("announcements:list", args=[world.fmt.slug]) not in body  # members only


def test_format_page_links_announcements_for_members(client, world):
    client.force_login(world.delegate_kz)
    body = client.get(reverse("formats:detail", args=[world.fmt.slug])).content.decode()
    assert reverse("announcements:list", args=[world.fmt.slug]) in body
