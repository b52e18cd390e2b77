"""Issue 7, bad input: lone surrogates, NUL bytes, direction controls and invisible characters
are refused with 422 on every HTTP path (API, page forms, htmx actions, the admin), and
nothing is stored. Runs on SQLite and, in CI's second pass, on PostgreSQL."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from secretariat.accounts.models import User
from secretariat.formats.models import DialogueFormat, MemberState
from secretariat.negotiation.models import Document
from tests.support.unchanged import database_unchanged

pytestmark = pytest.mark.django_db

DOCUMENTS = "/api/formats/caj/documents"
BAD = {
    "lone surrogate": ("\ud800", "U+D800 LONE SURROGATE"),
    "NUL": ("\x00", "U+0000 NULL"),
    "override": ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    "isolate": ("\u2067", "U+2067 RIGHT-TO-LEFT ISOLATE"),
    "mark": ("\u200f", "U+200F RIGHT-TO-LEFT MARK"),
    "zero width": ("\u200b", "U+200B ZERO WIDTH SPACE"),
    "byte order mark": ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
}


def document(title: str = "Joint statement", text: str = "1. Parties agree.") -> dict[str, str]:
    return {"kind": "concept", "title": title, "text": text}


def post_json(client, path, data, method="post"):
    # json.dumps escapes a lone surrogate as \ud800, exactly what a fuzzer sends
    return getattr(client, method)(path, json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("name", BAD)
def test_api_refuses_the_character_in_a_title_and_stores_nothing(client, world, name):
    char, described = BAD[name]
    client.force_login(world.secretariat)
    with database_unchanged():
        response = post_json(client, DOCUMENTS, document(title=f"Joint{char} statement"))
    assert response.status_code == 422
    assert f"title: {described} at position 6" in response.json()["detail"]
    assert post_json(client, DOCUMENTS, document()).status_code == 201  # the same, clean


def test_api_refuses_in_negotiated_text_nested_lists_and_keys(client, world):
    client.force_login(world.secretariat)
    with database_unchanged():
        text = post_json(client, DOCUMENTS, document(text="1. Parties \u202eagree."))
        nested = post_json(client, DOCUMENTS, {**document(), "authentic_languages": ["en\u200d"]})
        key = post_json(client, DOCUMENTS, {**document(), "ti\u2066tle": "x"})
    assert "text: U+202E RIGHT-TO-LEFT OVERRIDE at position 12" in text.json()["detail"]
    assert "authentic_languages.0: U+200D ZERO WIDTH JOINER" in nested.json()["detail"]
    assert "a field name" in key.json()["detail"]
    assert {r.status_code for r in (text, nested, key)} == {422}


def test_api_refuses_bodies_that_are_not_strict_utf8_json(client, world):
    client.force_login(world.secretariat)
    bodies = [b'{"kind": "concept", "title": "\xff"}', b'{"title": ', b'{"title": NaN}']
    with database_unchanged():
        answers = [client.post(DOCUMENTS, b, content_type="application/json") for b in bodies]
    assert [a.status_code for a in answers] == [422, 422, 422]
    assert all("not valid JSON" in a.json()["detail"] for a in answers)


def test_api_refuses_in_query_and_path(client, world):
    doc = Document.objects.create(format=world.fmt, kind="concept", title="T", slug="t")
    client.force_login(world.secretariat)
    query = client.get(f"/api/documents/{doc.pk}/diff", {"old": "1", "new": "1", "q": "\x00"})
    assert query.status_code == 422
    assert "q: U+0000 NULL" in query.json()["detail"]
    path = client.get("/api/formats/%00")
    assert path.status_code == 404
    assert path["Content-Type"] == "application/json"


def test_unknown_field_is_named(client, world):
    client.force_login(world.secretariat)
    with database_unchanged():
        response = post_json(client, "/api/me", {"full_name": "Aiko", "titles": {}}, "patch")
    assert response.status_code == 422
    assert response.json()["detail"] == "field titles is not accepted here"


def test_page_form_refuses_and_stores_nothing(client, world):
    client.force_login(world.secretariat)
    url = reverse("negotiation:list", args=["caj"])
    with database_unchanged():
        response = client.post(url, {**document(title="Joint\u202e statement")})
    assert response.status_code == 422
    body = response.content.decode()
    assert "title: U+202E RIGHT-TO-LEFT OVERRIDE at position 6" in body
    assert "Nothing was saved." in body
    assert client.post(url, document()).status_code == 302  # the same, clean


def test_htmx_action_is_refused_with_a_fragment_htmx_may_show(client, world):
    client.force_login(world.secretariat)
    url = reverse("negotiation:list", args=["caj"])
    with database_unchanged():
        response = client.post(url, document(text="1. A\u200bB."), headers={"HX-Request": "true"})
    assert response.status_code == 422
    assert response["X-Refused-Input"] == "1"
    assert response["HX-Retarget"] == "#main"
    assert "<html" not in response.content.decode()


def test_page_query_string_is_checked_too(client, world):
    client.force_login(world.secretariat)
    response = client.get(reverse("negotiation:list", args=["caj"]), {"q": "\x00"})
    assert response.status_code == 422


def test_profile_page_refuses_an_invisible_name(client, world):
    client.force_login(world.delegate_kz)
    with database_unchanged():
        response = client.post(
            reverse("accounts:profile"), {"full_name": "Aig\u200berim", "time_zone": "UTC"}
        )
    assert response.status_code == 422


def test_passwords_are_not_checked_since_only_their_hash_is_stored(client, world):
    user = User.objects.create_user("p@example.org", "old-password-1", full_name="P")
    client.force_login(user)
    new = "new\u200bpassword-\u202e2"
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": "old-password-1", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(new)


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("root@example.org", "pw", full_name="Root"))
    return client


def state_form(name: str) -> dict[str, str]:
    return {
        "iso2": "KG",
        "iso3": "KGZ",
        "name_en": name,
        "name_ru": "",
        "name_ja": "",
        "capital_en": "Bishkek",
        "capital_ru": "",
        "capital_ja": "",
        "time_zone": "Asia/Bishkek",
    }


def test_admin_refuses_and_stores_nothing(admin_client):
    url = "/admin/formats/memberstate/add/"
    with database_unchanged():
        response = admin_client.post(url, state_form("Kyrgyz\u202eRepublic"))
    assert response.status_code == 422
    assert "name_en: U+202E" in response.content.decode()
    assert admin_client.post(url, state_form("Kyrgyzstan")).status_code == 302
    assert MemberState.objects.filter(name="Kyrgyzstan").exists()


def test_admin_format_name_with_a_zero_width_space_is_refused(admin_client):
    with database_unchanged():
        response = admin_client.post(
            "/admin/formats/dialogueformat/add/", {"name_en": "C5\u200b+1", "slug": "c5"}
        )
    assert response.status_code == 422
    assert not DialogueFormat.objects.filter(slug="c5").exists()


def test_a_page_json_body_with_the_character_is_refused_as_json(client, world):
    client.force_login(world.secretariat)
    path = reverse("negotiation:list", args=[world.fmt.slug])
    with database_unchanged():
        response = client.post(
            path, json.dumps({"title": "Joint\u202estatement"}), content_type="application/json"
        )
    assert response.status_code == 422
    assert "U+202E" in response.json()["detail"]


def test_a_page_json_body_that_is_no_json_is_left_to_the_view(client, world):
    client.force_login(world.secretariat)
    path = reverse("negotiation:list", args=[world.fmt.slug])
    with database_unchanged():
        response = client.post(path, "{not json", content_type="application/json")
    # The form view reads no JSON: it answers its own refusal (no title), nothing stored.
    assert response.status_code == 422


def test_an_api_path_with_the_character_is_not_found(client, world):
    response = client.get("/api/formats/caj\u200b")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
