"""The command table: every action declared once, reachable from the page and the API,
page forms parsed with the API's schemas, refusals one status and one message."""

from __future__ import annotations

import ast
import json
import re
import typing
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.urls import reverse
from pydantic import BaseModel

from secretariat.formats.models import WORKING_LANGUAGE_CODES
from secretariat.negotiation import api as negotiation_api
from secretariat.negotiation import schemas
from secretariat.negotiation.commands import PAGE_ACTIONS, commands, format_commands
from secretariat.negotiation.models import (
    Document,
    DocumentKind,
    PositionStance,
    ProposalKind,
    ProvisionKind,
)
from secretariat.negotiation.tests.factories import make_document, provision

NEGOTIATION = Path(__file__).resolve().parent.parent


# --- one declaration, both doors ------------------------------------------------------------


def _api_command_names() -> set[str]:
    """The commands the API endpoints run: `run(request, "<name>", ...)`, the transition
    endpoint's names, and `format_commands.execute("<name>", ...)`."""
    found: set[str] = set()
    for path in (NEGOTIATION / "api").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            args = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if name == "run" and args:
                found.add(str(args[0]))
            if name == "execute" and args:
                found.add(str(args[0]))
    found |= set(typing.get_args(schemas.TransitionName))
    return found


def test_every_command_is_reachable_from_the_api_and_the_page():
    table = set(commands.names()) | set(format_commands.names())
    assert _api_command_names() == table
    assert {action.command for action in PAGE_ACTIONS.values()} == set(commands.names())


def test_every_page_action_has_a_form_on_the_page():
    sources = [p.read_text() for p in (NEGOTIATION / "templates").rglob("*.html")]
    sources.append((NEGOTIATION / "rendering.py").read_text())
    text = "\n".join(sources)
    used = set(re.findall(r"act\.(\w+)", text)) | set(re.findall(r'act\["(\w+)"\]', text))
    assert used == set(PAGE_ACTIONS)


def test_the_literals_of_the_schemas_are_the_models_choices():
    assert set(typing.get_args(schemas.DocumentKindName)) == set(DocumentKind.values)
    assert set(typing.get_args(schemas.ProvisionKindName)) == set(ProvisionKind.values)
    assert set(typing.get_args(schemas.LanguageCode)) == WORKING_LANGUAGE_CODES
    proposal_kinds = typing.get_type_hints(schemas.ProposalIn)["kind"]
    assert set(typing.get_args(proposal_kinds)) == set(ProposalKind.values)
    stances = typing.get_type_hints(schemas.PositionIn)["stance"]
    assert set(typing.get_args(stances)) == set(PositionStance.values)


# --- page forms in the API's shape ----------------------------------------------------------


@pytest.mark.django_db
def test_page_forms_are_parsed_with_the_api_schemas(world):
    doc = make_document(world, languages=["en", "ru"])
    titles = PAGE_ACTIONS["titles"].parse(doc, QueryDict("version=3&title_ru=Заголовок"))
    assert titles == schemas.DocumentPatchIn(expected_version=3, titles={"ru": "Заголовок"})
    share = PAGE_ACTIONS["share"].parse(doc, QueryDict("version=3&shared=1"))
    assert share == schemas.DocumentPatchIn(expected_version=3, shared_with_observers=True)
    silence = PAGE_ACTIONS["silence"].parse(doc, QueryDict("version=3&deadline=2099-05-01T09:00"))
    assert isinstance(silence, schemas.SilenceIn)
    assert silence.deadline.isoformat() == "2099-05-01T09:00:00+00:00"  # the page says UTC
    bracket = PAGE_ACTIONS["bracket"].parse(
        doc, QueryDict("version=3&provision=7&span=x&alternatives=a%0D%0A%0D%0Ab&holders=JP")
    )
    assert bracket == schemas.BracketAddCommand(
        provision=7, expected_version=3, span="x", alternatives=["a", "b"], holders=["JP"]
    )
    # the hidden `version` is the document's; a proposal's own version is not it
    rebase = PAGE_ACTIONS["rebase"].parse(doc, QueryDict("version=3&proposal=5&old_text="))
    assert rebase == schemas.RebaseCommand(proposal=5, old_text="")
    stance = PAGE_ACTIONS["stance"].parse(doc, QueryDict("proposal=5&delegation=2&stance="))
    assert stance == schemas.StanceCommand(proposal=5, delegation="2", stance=None)
    with pytest.raises(ValidationError, match="date and time as YYYY-MM-DD HH:MM"):
        PAGE_ACTIONS["silence"].parse(doc, QueryDict("version=3&deadline=soon"))
    with pytest.raises(ValidationError, match="expected_version"):
        PAGE_ACTIONS["edit"].parse(doc, QueryDict("provision=7&text=x"))


# --- refusals: a status and a message, and nothing changed -----------------------------------


def _post_api(client: Any, path: str, data: dict[str, Any], method: str = "post") -> Any:
    return getattr(client, method)(path, json.dumps(data), content_type="application/json")


@pytest.mark.django_db
def test_unknown_fields_are_refused_and_nothing_is_saved(client, world):
    client.force_login(world.secretariat)
    before = Document.objects.count()
    response = _post_api(
        client,
        "/api/formats/caj/documents",
        {"kind": "concept", "title": "C", "titles": {"ru": "Концепция"}},
    )
    assert response.status_code == 422
    assert "titles" in response.json()["detail"]
    assert Document.objects.count() == before
    doc = make_document(world)
    version = Document.objects.get(pk=doc.pk).version
    patched = _post_api(
        client,
        f"/api/documents/{doc.pk}",
        {"expected_version": version, "title": "New", "pen_holder": "KZ"},
        method="patch",
    )
    assert patched.status_code == 422
    assert Document.objects.get(pk=doc.pk).title == doc.title


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "data", "status", "text"),
    [
        ("head_kz", {"text": "Mine."}, 403, "Only the pen-holder"),
        ("secretariat", {"text": "Mine.", "version": 0}, 409, "changed by someone else"),
        ("secretariat", {"text": "   "}, 422, "has no text"),
        ("secretariat", {"text": "Mine.", "version": "x"}, 422, "expected_version"),
    ],
)
def test_a_refused_page_action_answers_its_status_with_the_reason(
    client, world, who, data, status, text
):
    doc = make_document(world)
    target = provision(doc, 1)
    client.force_login(getattr(world, who))
    form = {"provision": target.pk, "version": doc.version, **data}
    url = reverse("negotiation:action", args=["caj", doc.slug, "edit"])
    response = client.post(url, form, HTTP_HX_REQUEST="true")
    assert response.status_code == status
    body = response.content.decode()
    assert body.startswith('<div id="doc-main"')
    assert text in body
    assert Document.objects.get(pk=doc.pk).current_revision == 1


@pytest.mark.django_db
def test_a_delegation_holds_a_bracket_through_the_api(client, world):
    doc = make_document(world)
    op1 = provision(doc, 3)
    client.force_login(world.delegate_tm)
    version = Document.objects.get(pk=doc.pk).version
    path = f"/api/documents/{doc.pk}/provisions/{op1.pk}/brackets/0/hold"
    response = _post_api(
        client, path, {"delegation": "TM", "holds": True, "expected_version": version}
    )
    assert response.status_code == 200
    assert response.json()["current_revision"] == 2
    refused = _post_api(client, path, {"delegation": "KZ", "holds": True})
    assert refused.status_code == 403
    assert Document.objects.get(pk=doc.pk).current_revision == 2


# --- the published contract -----------------------------------------------------------------


def _models(annotation: Any, seen: set[type[BaseModel]]) -> None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in seen:
            seen.add(annotation)
            for field in annotation.model_fields.values():
                _models(field.annotation, seen)
        return
    for arg in typing.get_args(annotation):
        _models(arg, seen)


def test_schema_names_are_unique_across_the_whole_api():
    from secretariat.api import api

    seen: set[type[BaseModel]] = set()
    for bound in api._get_bound_routers():
        for path_view in bound.template.path_operations.values():
            for operation in path_view.operations:
                for model in operation.models:
                    _models(model, seen)
                for response in (operation.response_models or {}).values():
                    _models(response, seen)
    by_name: dict[str, set[str]] = defaultdict(set)
    for model in seen:
        by_name[model.__name__].add(f"{model.__module__}.{model.__qualname__}")
    assert {name: where for name, where in by_name.items() if len(where) > 1} == {}
    assert schemas.NegotiationDelegationIn in seen
    assert negotiation_api.router is not None


def test_the_openapi_documents_the_bodies_and_names_the_server_reads():
    from secretariat.api import api

    spec = api.get_openapi_schema()
    confirm = spec["paths"]["/api/documents/{document_id}/positions/confirm"]["post"]
    ref = confirm["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref.endswith("/NegotiationDelegationIn")
    body = spec["components"]["schemas"]["NegotiationDelegationIn"]
    assert set(body["properties"]) == {"delegation"}
    assert body.get("additionalProperties") is False
    transition = spec["paths"]["/api/documents/{document_id}/transitions/{name}"]["post"]
    name = next(p for p in transition["parameters"] if p["name"] == "name")
    assert set(name["schema"]["enum"]) == {"open", "finalise", "reopen", "withdraw"}
    create = spec["components"]["schemas"]["DocumentCreateIn"]["properties"]["kind"]
    assert set(create["enum"]) == set(DocumentKind.values)
