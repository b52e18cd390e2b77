from __future__ import annotations

import pytest


def test_formats_list(client, world):
    data = client.get("/api/formats").json()
    assert {f["slug"] for f in data} == {"caj", "other"}


def test_format_detail_has_states_times_and_chair(client, world):
    data = client.get("/api/formats/caj").json()
    states = {s["iso2"]: s for s in data["states"]}
    assert set(states) == {"JP", "KZ", "TM", "US"}
    assert states["US"]["kind"] == "observer"
    assert states["JP"]["utc_offset"] == "UTC+9"
    assert states["KZ"]["head_of_delegation"] == world.head_kz.full_name
    assert data["chair"]["state"]["iso2"] == "JP"


def test_format_detail_translated_by_accept_language(client, world):
    world.kz.state.name_ru = "Казахстан"
    world.kz.state.save()
    data = client.get("/api/formats/caj", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert "Казахстан" in {s["name"] for s in data["states"]}


def test_unknown_format_is_json_404(client, db):
    response = client.get("/api/formats/nope")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_unknown_endpoint_is_json_404(client, db):
    response = client.get("/api/no/such/thing")
    assert response.status_code == 404
    assert "No API endpoint" in response.json()["detail"]


def test_bad_path_parameter_is_json_422(client, db):
    response = client.get("/api/delegations/abc")
    assert response.status_code == 422
    assert "delegation_id" in response.json()["detail"]


def test_states_and_delegations(client, world):
    assert {s["iso2"] for s in client.get("/api/states").json()} >= {"JP", "KZ", "TM", "US"}
    delegations = client.get("/api/formats/caj/delegations").json()
    assert {d["state"]["iso2"] for d in delegations} == {"JP", "KZ", "TM", "US"}
    assert all(d["members"] is None for d in delegations)


@pytest.mark.parametrize("who", ["anonymous", "delegate_tm", "observer", "outsider"])
def test_delegation_people_hidden_from_others(client, world, who):
    if who != "anonymous":
        client.force_login(getattr(world, who))
    data = client.get(f"/api/delegations/{world.kz.pk}").json()
    assert data["members"] is None
    assert data["head_of_delegation"] == world.head_kz.full_name


@pytest.mark.parametrize("who", ["head_kz", "secretariat"])
def test_delegation_people_shown_to_own_and_secretariat(client, world, who):
    client.force_login(getattr(world, who))
    data = client.get(f"/api/delegations/{world.kz.pk}").json()
    assert {m["email"] for m in data["members"]} == {
        world.head_kz.email,
        world.delegate_kz.email,
        world.expert_kz.email,
    }


def test_me_requires_sign_in(client, db):
    response = client.get("/api/me")
    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in to use this endpoint."}


def test_me_lists_seats(client, world):
    client.force_login(world.head_kz)
    data = client.get("/api/me").json()
    assert data["email"] == world.head_kz.email
    assert data["seats"] == [
        {
            "delegation_id": world.kz.pk,
            "format": "caj",
            "state": "KZ",
            "role": "head",
            "function": "",
        }
    ]
    assert data["secretariat_of"] == []


def test_me_for_secretariat_and_observer(client, world):
    client.force_login(world.secretariat)
    assert client.get("/api/me").json()["secretariat_of"] == ["caj"]
    client.force_login(world.observer)
    assert client.get("/api/me").json()["observer_of"] == ["caj"]


def test_openapi_schema_loads(client, db):
    schema = client.get("/api/openapi.json").json()
    assert "/api/formats/{slug}" in schema["paths"]
    assert client.get("/api/docs").status_code == 200


def test_wrong_method_is_json_405(client, db):
    response = client.post("/api/formats")
    assert response.status_code == 405
    assert response.json() == {"detail": "Method POST is not allowed here."}
    assert "GET" in response["Allow"]
