"""The published OpenAPI of the API: every operation documents its errors, and every schema
has a name of its own.

django-ninja names a component after its class and keeps the last one of a name, so two
different `DelegationIn` classes published one body for two operations (and the server
refused what the document promised). Here a second, different class with a taken name is
published under its capability's prefix (`MeetingsDelegationIn`), every `$ref` to it follows,
and the collision is recorded in `schema_collisions` (a test keeps the list in view).
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from ninja.openapi.schema import OpenAPISchema
from ninja.operation import Operation
from pydantic import BaseModel

REF_PREFIX = "#/components/schemas/"

ERROR_SCHEMA: dict[str, Any] = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {"type": "string", "description": "What went wrong, in the asked language."},
        "errors": {
            "type": "array",
            "items": {"type": "object"},
            "description": "For invalid input: one entry per problem, with its location.",
        },
    },
    "required": ["detail"],
}

#: The errors any operation may answer, each with the same `Error` body.
ERROR_RESPONSES = {
    401: "Not signed in: sign in and send the session cookie.",
    403: "Not allowed for you, or the CSRF token (X-CSRFToken) is missing on a write.",
    404: "No such thing, or nothing you may see.",
    409: "A conflict: someone changed it first, or its state does not allow this.",
    422: "Invalid input: `detail` names the field and the reason.",
}

T = TypeVar("T")


def _models_in(annotation: Any) -> Iterator[type]:
    """The pydantic models and enums an annotation mentions, however nested."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel | enum.Enum):
        yield annotation
        if issubclass(annotation, BaseModel):
            for field in annotation.model_fields.values():
                yield from _models_in(field.annotation)
        return
    for arg in typing.get_args(annotation):
        yield from _models_in(arg)


def _capability(cls: type) -> str:
    parts = cls.__module__.split(".")
    return parts[1].title() if len(parts) > 2 and parts[0] == "secretariat" else "Other"


def _rewrite_refs(value: T, renames: dict[str, str]) -> T:
    if not renames:
        return value
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "$ref" and isinstance(item, str) and item.startswith(REF_PREFIX):
                name = item[len(REF_PREFIX) :]
                value[key] = REF_PREFIX + renames.get(name, name)
            else:
                _rewrite_refs(item, renames)
    elif isinstance(value, list | tuple):
        for item in value:
            _rewrite_refs(item, renames)
    return value


class ContractOpenAPISchema(OpenAPISchema):
    """ninja's OpenAPI document, with error responses and unique schema names."""

    def __init__(self, api: Any, path_prefix: str) -> None:
        self.schema_owners: dict[str, str] = {}  # component name -> module.qualname
        self.schema_collisions: list[tuple[str, str, str]] = []  # name, kept, renamed
        self._classes: dict[str, list[type]] = {}
        self._renames: dict[str, str] = {}
        super().__init__(api, path_prefix)
        self.schemas["Error"] = ERROR_SCHEMA

    # --- unique names ------------------------------------------------------------------------

    def _named(self, model: Any, produce: Callable[[], T]) -> T:
        classes: dict[str, list[type]] = {}
        for cls in _models_in(model):
            if cls not in classes.setdefault(cls.__name__, []):
                classes[cls.__name__].append(cls)
        self._classes, self._renames = classes, {}
        return _rewrite_refs(produce(), self._renames)

    def _create_schema_from_model(self, model: Any, *args: Any, **kwargs: Any) -> Any:
        parent = super()._create_schema_from_model
        return self._named(model, lambda: parent(model, *args, **kwargs))

    def _extract_parameters(self, model: Any) -> Any:
        parent = super()._extract_parameters
        return self._named(model, lambda: parent(model))

    def _owner(self, name: str) -> tuple[str, type | None]:
        candidates = self._classes.get(name, [])
        if len(candidates) == 1:
            cls = candidates[0]
            return f"{cls.__module__}.{cls.__qualname__}", cls
        return f"?{name}", None

    def add_schema_definitions(self, definitions: dict[str, Any]) -> None:
        for name in list(definitions):
            owner, cls = self._owner(name)
            kept = self.schema_owners.setdefault(name, owner)
            if kept == owner:
                continue
            prefix = _capability(cls) if cls else "Other"
            new_name, counter = f"{prefix}{name}", 2
            while self.schema_owners.get(new_name, owner) != owner:
                new_name, counter = f"{prefix}{name}{counter}", counter + 1
            self.schema_owners[new_name] = owner
            if (name, kept, owner) not in self.schema_collisions:
                self.schema_collisions.append((name, kept, owner))
            self._renames[name] = new_name
            definitions[new_name] = definitions.pop(name)
        _rewrite_refs(definitions, self._renames)
        super().add_schema_definitions(definitions)

    # --- errors --------------------------------------------------------------------------------

    def operation_details(self, operation: Operation) -> dict[str, Any]:
        details: dict[str, Any] = super().operation_details(operation)
        responses = details.setdefault("responses", {})
        for status, description in ERROR_RESPONSES.items():
            if status not in responses and str(status) not in responses:
                responses[status] = {
                    "description": description,
                    "content": {"application/json": {"schema": {"$ref": f"{REF_PREFIX}Error"}}},
                }
        return details
