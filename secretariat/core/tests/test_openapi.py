"""Issue 7, the API contract: every operation documents its errors; schema names are unique."""

from __future__ import annotations

from ninja import Router, Schema

from secretariat.api import SecretariatAPI, api
from secretariat.core.openapi import ERROR_RESPONSES


def test_every_operation_documents_its_errors_with_the_error_schema():
    schema = api.get_openapi_schema()
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]
    operations = [op for path in schema["paths"].values() for op in path.values()]
    assert len(operations) > 50
    for op in operations:
        for status in ERROR_RESPONSES:
            body = op["responses"][status]["content"]["application/json"]["schema"]
            assert body == {"$ref": "#/components/schemas/Error"}, (op["operationId"], status)


def test_confirm_positions_publishes_the_body_the_server_takes():
    """Two classes were both called DelegationIn: the document promised the meetings one."""
    schema = api.get_openapi_schema()
    body = schema["paths"]["/api/documents/{document_id}/positions/confirm"]["post"]
    ref = body["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    component = schema["components"]["schemas"][ref.rsplit("/", 1)[1]]
    assert list(component["properties"]) == ["delegation"]
    floor = schema["paths"]["/api/meetings/{meeting_id}/floor/request"]["post"]
    ref = floor["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/MeetingsDelegationIn"
    assert list(schema["components"]["schemas"]["MeetingsDelegationIn"]["properties"]) == [
        "delegation_id"
    ]


def _router(module: str, field: str) -> Router:
    namespace: dict[str, object] = {"__module__": module, "__annotations__": {field: int}}
    Twin = type("Twin", (Schema,), namespace)  # noqa: N806 - a class, made twice
    router = Router()

    def endpoint(request, payload):  # annotated below: this module's names are strings
        return None

    endpoint.__annotations__ = {"payload": Twin, "return": None}
    router.post(f"/{field}")(endpoint)
    return router


def test_a_second_class_of_a_taken_name_gets_its_capability_prefix():
    twins = SecretariatAPI(urls_namespace="twins")
    twins.add_router("/a", _router("secretariat.alpha.schemas", "first"))
    twins.add_router("/b", _router("secretariat.beta.schemas", "second"))
    schema = twins.get_openapi_schema(path_prefix="")
    assert set(schema["components"]["schemas"]) >= {"Twin", "BetaTwin"}
    assert list(schema["components"]["schemas"]["BetaTwin"]["properties"]) == ["second"]
    assert schema.schema_collisions == [
        ("Twin", "secretariat.alpha.schemas.Twin", "secretariat.beta.schemas.Twin")
    ]


def test_the_collisions_of_the_published_api_are_known():
    """The one left is for the capabilities to rename (negotiation keeps the short name)."""
    collisions = api.get_openapi_schema().schema_collisions
    assert [name for name, _kept, _renamed in collisions] in ([], ["DelegationIn"])
