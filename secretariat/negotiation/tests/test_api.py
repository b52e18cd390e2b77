from __future__ import annotations

import json

import pytest

from secretariat.negotiation import services
from secretariat.negotiation.tests.factories import agree_all, make_document, provision

pytestmark = pytest.mark.django_db


def post(client, path, data, method="post"):
    return getattr(client, method)(path, json.dumps(data), content_type="application/json")


@pytest.mark.parametrize("who", ["anonymous", "outsider", "observer", "observer_state_delegate"])
def test_draft_and_its_parts_are_404_for_outsiders(client, world, who):
    doc = make_document(world)
    if who != "anonymous":
        client.force_login(getattr(world, who))
    for path in ("", "/revisions", "/proposals", "/positions", "/diff?old=1&new=1"):
        assert client.get(f"/api/documents/{doc.pk}{path}").status_code == 404, path
    assert client.get("/api/formats/caj/documents").json() == []


@pytest.mark.parametrize("who", ["observer", "observer_state_delegate"])
def test_observer_sees_shared_text_not_proposals(client, world, who):
    doc = make_document(world, shared=True)
    client.force_login(getattr(world, who))
    assert client.get(f"/api/documents/{doc.pk}").status_code == 200
    assert client.get(f"/api/documents/{doc.pk}/proposals").status_code == 404
    assert client.get(f"/api/documents/{doc.pk}/positions").status_code == 404


def test_text_revisions_and_diff(client, world):
    doc = make_document(world)
    client.force_login(world.secretariat)
    data = client.get(f"/api/documents/{doc.pk}").json()
    assert data["document"]["open_brackets"] == 1
    op1 = data["provisions"][3]
    assert op1["label"] == "OP1"
    assert "within 24 hours" not in op1["clean_text"]
    version = data["document"]["version"]
    response = post(
        client,
        f"/api/documents/{doc.pk}/provisions/{op1['id']}",
        {"text": "Share outbreak data without delay.", "expected_version": version},
        method="patch",
    )
    assert response.status_code == 200
    stale = post(
        client,
        f"/api/documents/{doc.pk}/provisions/{op1['id']}",
        {"text": "Lost update.", "expected_version": version},
        method="patch",
    )
    assert stale.status_code == 409
    assert "changed by someone else" in stale.json()["detail"]
    diff = client.get(f"/api/documents/{doc.pk}/diff?old=1&new=2").json()
    assert diff["counts"]["changed"] == 1
    revisions = client.get(f"/api/documents/{doc.pk}/revisions").json()
    assert [r["label"] for r in revisions] == ["Rev.1", "Rev.2"]


def test_create_document_and_malformed_text(client, world):
    client.force_login(world.secretariat)
    bad = post(
        client,
        "/api/formats/caj/documents",
        {"kind": "concept", "title": "C", "text": "Noting,\n1. [open"},
    )
    assert bad.status_code == 422
    assert "Line 2" in bad.json()["detail"]
    good = post(
        client,
        "/api/formats/caj/documents",
        {"kind": "concept", "title": "C", "text": "1. One [a / b]{KZ}.", "pen_holder": "KZ"},
    )
    assert good.status_code == 201
    assert good.json()["pen_holder"] == "KZ"
    client.force_login(world.head_kz)
    assert (
        post(client, "/api/formats/caj/documents", {"kind": "concept", "title": "D"}).status_code
        == 403
    )


def test_create_requires_sign_in(client, world):
    response = post(client, "/api/formats/caj/documents", {"kind": "concept", "title": "C"})
    assert response.status_code == 401


def test_proposal_stance_incorporate_via_api(client, world):
    doc = make_document(world)
    client.force_login(world.head_kz)
    created = post(
        client,
        f"/api/documents/{doc.pk}/proposals",
        {
            "delegation": "KZ",
            "kind": "replace",
            "provision": provision(doc, 4).pk,
            "old_text": "vaccines",
            "new_text": "vaccines and tests",
            "rationale": "Tests matter.",
        },
    )
    assert created.status_code == 201
    pid = created.json()["id"]
    client.force_login(world.delegate_tm)
    assert post(
        client, f"/api/proposals/{pid}/stance", {"delegation": "TM", "stance": "support"}
    ).json()["supporters"] == ["TM"]
    assert (
        post(client, f"/api/proposals/{pid}/stance", {"delegation": "KZ", "stance": "support"})
    ).status_code == 403
    client.force_login(world.secretariat)
    version = client.get(f"/api/documents/{doc.pk}").json()["document"]["version"]
    result = post(
        client,
        f"/api/proposals/{pid}/incorporate",
        {"expected_version": version, "bracketed": False},
    )
    assert result.json()["status"] == "incorporated"


def test_positions_adoption_and_public_read(client, world):
    doc = make_document(world, text="Noting,\n1. Agreed.\n")
    client.force_login(world.head_kz)
    response = post(
        client, f"/api/documents/{doc.pk}/positions", {"delegation": "KZ", "stance": "object"}
    )
    assert response.status_code == 422
    client.force_login(world.observer_state_delegate)
    assert (
        post(
            client, f"/api/documents/{doc.pk}/positions", {"delegation": "US", "stance": "agree"}
        ).status_code
        == 404
    )
    client.force_login(world.chair)
    version = client.get(f"/api/documents/{doc.pk}").json()["document"]["version"]
    final = post(
        client, f"/api/documents/{doc.pk}/transitions/finalise", {"expected_version": version}
    )
    assert final.json()["state"] == "final"
    agree_all(world, doc)
    adopted = post(client, f"/api/documents/{doc.pk}/adopt", {"reference": "8th meeting"})
    assert adopted.status_code == 200
    hashes = adopted.json()["adopted_hashes"]
    assert len(hashes["en"]) == 64
    client.logout()
    public = client.get(f"/api/documents/{doc.pk}").json()
    assert public["adopted_hashes"] == hashes
    assert client.get(f"/api/documents/{doc.pk}/proposals").status_code == 404
    again = post(client, f"/api/documents/{doc.pk}/adopt", {})
    assert again.status_code == 401


def test_silence_via_api_shows_capitals(client, world):
    doc = make_document(world, text="1. Agreed.\n")
    client.force_login(world.chair)
    version = client.get(f"/api/documents/{doc.pk}").json()["document"]["version"]
    started = post(
        client,
        f"/api/documents/{doc.pk}/silence",
        {"deadline": "2099-05-01T09:00:00Z", "expected_version": version},
    )
    assert started.status_code == 201
    body = started.json()
    assert body["status"] == "running"
    assert body["capitals"]["JP"].startswith("2099-05-01T18:00:00+09:00")
    client.force_login(world.head_kz)
    broken = post(
        client,
        f"/api/documents/{doc.pk}/silence/break",
        {"delegation": "KZ", "kind": "objection", "reason": "Not ready."},
    )
    assert broken.json()["status"] == "broken"
    assert broken.json()["broken_by"] == "KZ"


def test_translation_and_languages_via_api(client, world):
    doc = make_document(world, text="1. Agreed.\n", languages=["en", "ru"])
    client.force_login(world.secretariat)
    pid = provision(doc, 0).pk
    response = post(
        client,
        f"/api/documents/{doc.pk}/languages/ru/provisions/{pid}",
        {"text": "Согласовано."},
        method="put",
    )
    assert response.json()["provisions"][0]["translation_status"] == "current"
    bad = post(
        client,
        f"/api/documents/{doc.pk}/languages/ja/provisions/{pid}",
        {"text": "合意"},
        method="put",
    )
    assert bad.status_code == 422


def test_transitions_and_bracket_endpoints(client, world):
    doc = make_document(world, state="draft")
    client.force_login(world.secretariat)
    v = client.get(f"/api/documents/{doc.pk}").json()["document"]["version"]
    opened = post(client, f"/api/documents/{doc.pk}/transitions/open", {"expected_version": v})
    assert opened.json()["state"] == "negotiation"
    v = opened.json()["version"]
    op1 = provision(doc, 3).pk
    resolved = post(
        client,
        f"/api/documents/{doc.pk}/provisions/{op1}/brackets/0/resolve",
        {"expected_version": v, "choice": 0},
    )
    assert resolved.status_code == 200
    assert client.get(f"/api/documents/{doc.pk}").json()["document"]["open_brackets"] == 0
    v = resolved.json()["version"]
    added = post(
        client,
        f"/api/documents/{doc.pk}/provisions/{op1}/brackets",
        {"expected_version": v, "start": 0, "end": 3, "holders": ["JP"]},
    )
    assert added.status_code == 200
    v = added.json()["version"]
    holders = post(
        client,
        f"/api/documents/{doc.pk}/provisions/{op1}/brackets/0/holders",
        {"expected_version": v, "holders": ["JP", "TM"]},
        method="put",
    )
    assert holders.status_code == 200
    v = holders.json()["version"]
    moved = post(client, f"/api/documents/{doc.pk}/provisions/{op1}/move", {"expected_version": v})
    assert moved.status_code == 200
    v = moved.json()["version"]
    deleted = client.delete(f"/api/documents/{doc.pk}/provisions/{op1}?expected_version={v}")
    assert deleted.status_code == 200
    v = deleted.json()["version"]
    inserted = post(
        client,
        f"/api/documents/{doc.pk}/provisions",
        {"expected_version": v, "kind": "operative", "text": "New."},
    )
    assert inserted.status_code == 200
    v = inserted.json()["version"]
    shared = post(
        client,
        f"/api/documents/{doc.pk}",
        {"expected_version": v, "shared_with_observers": True},
        method="patch",
    )
    assert shared.json()["shared_with_observers"] is True
    withdrawn = post(
        client,
        f"/api/documents/{doc.pk}/transitions/withdraw",
        {"expected_version": shared.json()["version"], "reason": "Superseded."},
    )
    assert withdrawn.json()["state"] == "withdrawn"
    late = post(
        client,
        f"/api/documents/{doc.pk}/provisions",
        {"expected_version": withdrawn.json()["version"], "kind": "operative", "text": "x"},
    )
    assert late.status_code == 409


def test_replace_text_and_export(client, world):
    doc = make_document(world)
    client.force_login(world.secretariat)
    v = client.get(f"/api/documents/{doc.pk}").json()["document"]["version"]
    response = post(
        client,
        f"/api/documents/{doc.pk}/text",
        {"expected_version": v, "text": "Noting,\n1. [x / y] (JP, KZ) z."},
        method="put",
    )
    assert response.json()["current_revision"] == 2
    export = client.get(f"/api/documents/{doc.pk}/export/akn")
    assert export.status_code == 200
    assert b"akomaNtoso" in export.content


def test_proposal_withdraw_set_aside_rebase_api(client, world):
    doc = make_document(world)
    proposal = services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="delete",
        provision=provision(doc, 1),
        rationale="r",
    )
    other = services.proposal_create(
        actor=world.head_kz,
        document=doc,
        delegation=world.kz,
        kind="delete",
        provision=provision(doc, 2),
        rationale="r",
    )
    client.force_login(world.head_kz)
    rebased = post(client, f"/api/proposals/{proposal.pk}/rebase", {})
    assert rebased.status_code == 200
    assert post(client, f"/api/proposals/{proposal.pk}/withdraw", {}).json()["status"] == (
        "withdrawn"
    )
    client.force_login(world.secretariat)
    aside = post(client, f"/api/proposals/{other.pk}/set-aside", {"reason": "No support."})
    assert aside.json()["status"] == "set_aside"
    listing = client.get(f"/api/documents/{doc.pk}/proposals").json()
    assert {p["status"] for p in listing} == {"withdrawn", "set_aside"}


@pytest.mark.parametrize("action", ["hold", "holders", "resolve"])
def test_a_bracket_index_below_zero_is_refused_and_nothing_changes(client, world, action):
    from secretariat.negotiation.tests.support import unchanged

    doc = make_document(world, text="Noting,\n1. A [b / c]{KZ} d.\n")
    client.force_login(world.secretariat)
    base = f"/api/documents/{doc.pk}/provisions/{provision(doc, 1).pk}/brackets/-3"
    body: dict[str, object] = {"expected_version": doc.version}
    method, path = {
        "hold": ("post", f"{base}/hold"),
        "holders": ("put", f"{base}/holders"),
        "resolve": ("post", f"{base}/resolve"),
    }[action]
    extra: dict[str, dict[str, object]] = {
        "hold": {"delegation": "KZ", "holds": True},
        "holders": {"holders": ["KZ"]},
    }
    with unchanged(doc):
        response = getattr(client, method)(
            path, json.dumps(body | extra.get(action, {})), content_type="application/json"
        )
    assert response.status_code == 422
    assert "index: Input should be greater than or equal to 0" in response.json()["detail"]
