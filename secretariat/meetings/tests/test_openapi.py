"""The published OpenAPI says what the server takes: one schema per name across the whole
API, and the meetings' enums and ranges visible."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import pydantic

from secretariat.api import api


def _subclasses(cls: type) -> set[type]:
    found = set()
    for sub in cls.__subclasses__():
        found.add(sub)
        found |= _subclasses(sub)
    return found


def _spec() -> dict[str, Any]:
    return api.get_openapi_schema()


def test_no_two_schemas_share_a_name():
    components = set(_spec()["components"]["schemas"])
    by_name: dict[str, set[str]] = defaultdict(set)
    for cls in _subclasses(pydantic.BaseModel):
        if cls.__module__.startswith("secretariat.") and cls.__name__ in components:
            by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    shared = {name: places for name, places in by_name.items() if len(places) > 1}
    assert shared == {}
    assert "MeetingsDelegationIn" in components


def _operation(path: str, method: str = "post") -> dict[str, Any]:
    return _spec()["paths"][f"/api{path}"][method]


def _parameter(path: str, name: str, method: str = "post") -> dict[str, Any]:
    (param,) = [p for p in _operation(path, method)["parameters"] if p["name"] == name]
    return param


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return _spec()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_session_actions_and_transitions_are_enums():
    action = _resolve(_parameter("/meetings/{meeting_id}/session/{action}", "action")["schema"])
    assert set(action["enum"]) == {
        "open",
        "close",
        "next",
        "speakers-open",
        "speakers-close",
        "floor-end",
    }
    flag = _parameter("/meetings/{meeting_id}/session/{action}", "confirm_early")
    assert (flag["in"], flag["schema"]["type"]) == ("query", "boolean")
    name = _resolve(_parameter("/meetings/{meeting_id}/transitions/{name}", "name")["schema"])
    assert set(name["enum"]) == {"announce", "postpone", "cancel"}


def test_slot_finder_ranges_are_published():
    path = "/formats/{slug}/meeting-slots"
    days = _parameter(path, "days", "get")["schema"]
    duration = _parameter(path, "duration_minutes", "get")["schema"]
    assert (days["minimum"], days["maximum"]) == (1, 90)
    assert (duration["minimum"], duration["maximum"]) == (15, 540)


def test_meeting_inputs_publish_their_choices_and_refuse_unknown_fields():
    schemas = _spec()["components"]["schemas"]
    meeting_in = schemas["MeetingIn"]
    assert meeting_in["additionalProperties"] is False
    speaking = meeting_in["properties"]["speaking_time"]
    assert (speaking["minimum"], speaking["maximum"]) == (15, 3600)
    assert set(_resolve(meeting_in["properties"]["kind"])["enum"]) == {
        "summit",
        "foreign_ministers",
        "senior_officials",
        "expert_group",
    }
    assert set(_resolve(schemas["DecisionIn"]["properties"]["kind"])["enum"]) == {
        "decision",
        "adopted",
        "noted",
    }
