"""The markup rules hold on every write path: API, page, paste and import.

Brackets nested deeper than `MAX_NESTING` and a `{` that does not follow `]` are refused
with a clear 422 (API) or page message, and nothing changes; a text at the limit is
accepted and its page, API and exports answer for everyone who may see it.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from secretariat.core.models import AuditEntry
from secretariat.negotiation.models import Document
from secretariat.negotiation.tests.factories import make_document, provision
from secretariat.negotiation.tests.support import unchanged
from secretariat.negotiation.text.brackets import MAX_NESTING

pytestmark = pytest.mark.django_db

TOO_DEEP = [MAX_NESTING + 1, 400, 5000]


def nested(depth: int) -> str:
    """A provision whose brackets nest `depth` levels: "Share [data [on [...]]]."."""
    return "Share " + "[data " * depth + "now" + "]" * depth + "."


def send(client: Any, method: str, path: str, data: dict[str, Any]) -> Any:
    return getattr(client, method)(path, json.dumps(data), content_type="application/json")


def page_action(doc: Document, action: str) -> str:
    return reverse("negotiation:action", args=[doc.format.slug, doc.slug, action])


def edit_op1(client: Any, doc: Document, text: str) -> Any:
    """PATCH the text of OP1 (the fourth provision of the programme) through the API."""
    return send(
        client,
        "patch",
        f"/api/documents/{doc.pk}/provisions/{provision(doc, 3).pk}",
        {"text": text, "expected_version": doc.version},
    )


def propose_for_op1(client: Any, doc: Document, new_text: str) -> Any:
    """Kazakhstan proposes to replace OP1 with `new_text` (as its delegate)."""
    data = {
        "delegation": "KZ",
        "kind": "replace",
        "provision": provision(doc, 3).pk,
        "new_text": new_text,
        "rationale": "Clearer.",
    }
    return send(client, "post", f"/api/documents/{doc.pk}/proposals", data)


def assert_refused_for_nesting(response: Any) -> None:
    assert response.status_code == 422, response.content[:300]
    detail = response.json()["detail"]
    assert f"at most {MAX_NESTING} levels" in str(detail)


def api_writes(doc: Document, markup: str) -> dict[str, tuple[str, str, dict]]:
    """Every API endpoint that takes provision markup, with `markup` in it."""
    op1 = provision(doc, 3).pk
    version = doc.version
    return {
        "edit provision": (
            "patch",
            f"/api/documents/{doc.pk}/provisions/{op1}",
            {"text": markup, "expected_version": version},
        ),
        "insert provision": (
            "post",
            f"/api/documents/{doc.pk}/provisions",
            {"after": op1, "kind": "operative", "text": markup, "expected_version": version},
        ),
        "paste whole text": (
            "put",
            f"/api/documents/{doc.pk}/text",
            {"text": f"Noting,\n1. {markup}\n", "expected_version": version},
        ),
        "bracket alternative": (
            "post",
            f"/api/documents/{doc.pk}/provisions/{op1}/brackets",
            {"span": "outbreak data", "alternatives": [markup], "expected_version": version},
        ),
        "translation": (
            "put",
            f"/api/documents/{doc.pk}/languages/ru/provisions/{op1}",
            {"text": markup, "expected_version": version},
        ),
    }


@pytest.mark.parametrize("depth", TOO_DEEP)
@pytest.mark.parametrize(
    "path",
    [
        "edit provision",
        "insert provision",
        "paste whole text",
        "bracket alternative",
        "translation",
    ],
)
def test_api_refuses_nesting_beyond_the_limit(client, world, depth, path):
    doc = make_document(world, languages=["en", "ru"])
    client.force_login(world.secretariat)
    method, url, data = api_writes(doc, nested(depth))[path]
    with unchanged(doc):
        assert_refused_for_nesting(send(client, method, url, data))


@pytest.mark.parametrize("depth", TOO_DEEP)
def test_api_refuses_a_deep_proposal(client, world, depth):
    doc = make_document(world)
    client.force_login(world.delegate_kz)
    with unchanged(doc):
        assert_refused_for_nesting(propose_for_op1(client, doc, nested(depth)))


@pytest.mark.parametrize("depth", TOO_DEEP)
def test_api_refuses_a_deep_new_document(client, world, depth):
    client.force_login(world.secretariat)
    before = (Document.objects.count(), AuditEntry.objects.count())
    response = send(
        client,
        "post",
        "/api/formats/caj/documents",
        {"kind": "programme", "title": "Deep", "text": f"1. {nested(depth)}\n"},
    )
    assert_refused_for_nesting(response)
    assert (Document.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.parametrize("depth", TOO_DEEP)
@pytest.mark.parametrize("action", ["edit", "paste"])
def test_page_refuses_nesting_beyond_the_limit(client, world, depth, action):
    doc = make_document(world)
    client.force_login(world.secretariat)
    markup = nested(depth)
    data = {"provision": provision(doc, 3).pk, "text": markup, "version": doc.version}
    if action == "paste":
        data = {"text": f"Noting,\n1. {markup}\n", "version": doc.version}
    with unchanged(doc):
        response = client.post(page_action(doc, action), data, HTTP_HX_REQUEST="true")
        assert response.status_code == 422  # refused: the reason is in the page body
        assert f"at most {MAX_NESTING} levels" in response.content.decode()


def test_bracketing_inside_the_innermost_bracket_is_refused(client, world):
    doc = make_document(world, text=f"Noting,\n1. {nested(MAX_NESTING)}\n")
    client.force_login(world.secretariat)
    op1 = provision(doc, 1).pk
    with unchanged(doc):
        response = send(
            client,
            "post",
            f"/api/documents/{doc.pk}/provisions/{op1}/brackets",
            {"span": "now", "expected_version": doc.version},
        )
        assert_refused_for_nesting(response)


def test_incorporating_as_bracketed_alternative_beyond_the_limit_is_refused(client, world):
    doc = make_document(world)
    client.force_login(world.delegate_kz)
    created = propose_for_op1(client, doc, nested(MAX_NESTING))
    assert created.status_code == 201
    client.force_login(world.secretariat)
    doc = Document.objects.get(pk=doc.pk)
    with unchanged(doc):
        response = send(
            client,
            "post",
            f"/api/proposals/{created.json()['id']}/incorporate",
            {"expected_version": doc.version, "bracketed": True},
        )
        assert_refused_for_nesting(response)


def test_the_limit_itself_is_accepted_and_shown_to_everyone(client, world):
    doc = make_document(world, shared=True)
    client.force_login(world.secretariat)
    assert edit_op1(client, doc, nested(MAX_NESTING)).status_code == 200
    shown = client.get(f"/api/documents/{doc.pk}").json()
    assert shown["provisions"][3]["open_brackets"] == MAX_NESTING
    page = reverse("negotiation:document", args=[doc.format.slug, doc.slug])
    for who in ("secretariat", "delegate_kz", "observer"):
        client.force_login(getattr(world, who))
        shown = client.get(page)
        assert shown.status_code == 200, who
        assert shown.content.decode().count('class="bracket"') >= MAX_NESTING
        assert client.get(f"/api/documents/{doc.pk}").status_code == 200
    client.force_login(world.secretariat)
    for fmt in ("akn", "docx", "pdf"):
        assert client.get(f"/api/documents/{doc.pk}/export/{fmt}").status_code == 200, fmt


# --- a "{" that does not follow "]" ----------------------------------------------------------


def test_api_refuses_an_unescaped_brace(client, world):
    doc = make_document(world)
    client.force_login(world.secretariat)
    with unchanged(doc):
        response = edit_op1(client, doc, "The {JP} text")
        assert response.status_code == 422
        detail = str(response.json()["detail"])
        assert "must be escaped" in detail
        assert "\\{" in detail


def test_an_escaped_brace_is_text(client, world):
    doc = make_document(world)
    client.force_login(world.secretariat)
    assert edit_op1(client, doc, "The \\{JP} text").status_code == 200
    provisions = client.get(f"/api/documents/{doc.pk}").json()["provisions"]
    assert provisions[3]["clean_text"] == "The {JP} text"


def test_paste_keeps_a_literal_brace_as_text(client, world):
    """Word has no escapes: a pasted "{" that does not follow "]" is a literal brace."""
    doc = make_document(world)
    client.force_login(world.secretariat)
    response = send(
        client,
        "put",
        f"/api/documents/{doc.pk}/text",
        {"text": "Noting,\n1. The {JP} text.\n", "expected_version": doc.version},
    )
    assert response.status_code == 200
    provisions = client.get(f"/api/documents/{doc.pk}").json()["provisions"]
    assert provisions[1]["clean_text"] == "The {JP} text."


def test_page_refuses_an_unescaped_brace(client, world):
    doc = make_document(world)
    client.force_login(world.secretariat)
    data = {"provision": provision(doc, 3).pk, "text": "The {JP} text", "version": doc.version}
    with unchanged(doc):
        response = client.post(page_action(doc, "edit"), data, HTTP_HX_REQUEST="true")
        assert response.status_code == 422  # refused: the reason is in the page body
        assert "must be escaped" in response.content.decode()
