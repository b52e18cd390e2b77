"""The base of every input schema of the API (and of the page forms that share it).

An input names exactly the fields it takes: a field the schema does not know is refused
with 422, never silently dropped (a client that sends `titles` to an endpoint that does not
take them learns so at once).

Every string anywhere in the input, nested schemas, lists, dict keys and values alike, obeys
the character rule of `secretariat.core.text`: direction controls, invisible characters,
control characters and lone surrogates are refused before any field is validated.
"""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import ConfigDict, model_validator
from pydantic_core import PydanticCustomError

from secretariat.core.text import payload_refusals


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")

    @model_validator(mode="before")
    @classmethod
    def _refuse_forbidden_characters(cls, data: Any) -> Any:
        refusals = list(payload_refusals(data)) if isinstance(data, dict | list | str) else []
        if refusals:
            raise PydanticCustomError(
                "forbidden_character",
                "{message}",
                {"message": " ".join(refusal.message() for refusal in refusals)},
            )
        return data
