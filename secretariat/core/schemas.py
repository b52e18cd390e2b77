"""The base of every input schema of the API (and of the page forms that share it).

An input names exactly the fields it takes: a field the schema does not know is refused
with 422, never silently dropped (a client that sends `titles` to an endpoint that does not
take them learns so at once).
"""

from __future__ import annotations

from ninja import Schema
from pydantic import ConfigDict


class InputSchema(Schema):
    model_config = ConfigDict(extra="forbid")
