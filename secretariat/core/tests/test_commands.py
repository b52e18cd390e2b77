"""The command table: one declaration per action, forms parsed with the API's schema."""

from __future__ import annotations

from typing import Literal

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict

from secretariat.core.commands import CommandTable, parse_form, refusal_message, refusal_status
from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.core.events import Event, affected_keys
from secretariat.core.schemas import InputSchema


class RenameIn(InputSchema):
    title: str
    tags: list[str] = []
    shared: bool = False
    expected_version: int | None = None


def make_table() -> CommandTable[dict[str, object]]:
    table = CommandTable[dict[str, object]]("test")

    @table.command("rename", RenameIn, message=lambda result: f"Renamed to {result}.")
    def _rename(actor: object, target: dict[str, object], data: RenameIn) -> str:
        target["title"] = data.title
        return data.title

    return table


def test_a_form_parses_into_the_api_schema_and_runs_the_service():
    table = make_table()
    form = QueryDict("title=New&tags=a&tags=b&shared=1&csrfmiddlewaretoken=x&expected_version=")
    data = table.parse_form("rename", form)
    assert data == RenameIn(title="New", tags=["a", "b"], shared=True)
    target: dict[str, object] = {}
    result, message = table.execute("rename", actor=None, target=target, data=data)
    assert (result, message, target) == ("New", "Renamed to New.", {"title": "New"})
    assert table.names() == ["rename"]
    assert "rename" in table


def test_a_missing_checkbox_is_false_and_bad_input_is_a_validation_error():
    table = make_table()
    parsed = table.parse_form("rename", QueryDict("title=x"))
    assert isinstance(parsed, RenameIn)
    assert parsed.shared is False
    with pytest.raises(ValidationError, match="title"):
        table.parse_form("rename", QueryDict("tags=a"))
    with pytest.raises(ValidationError, match="expected_version"):
        table.parse_form("rename", QueryDict("title=x&expected_version=two"))


class ChoiceIn(InputSchema):
    stance: Literal["support", "oppose"] | None
    old_text: str | None = None
    after: int | None = None
    count: int = 3
    shared: bool | None = None


def test_an_empty_value_is_text_for_text_fields_and_none_where_none_is_taken():
    parsed = parse_form(ChoiceIn, QueryDict("stance=&old_text=&after=&count="))
    assert parsed == ChoiceIn(stance=None, old_text="", after=None, count=3, shared=None)
    with pytest.raises(ValidationError, match="stance"):
        parse_form(ChoiceIn, QueryDict("old_text=x"))
    assert parse_form(ChoiceIn, QueryDict("stance=oppose&shared=0")).shared is False


def test_the_api_refuses_unknown_fields_and_an_action_is_declared_once():
    with pytest.raises(ValueError, match="Extra inputs"):
        RenameIn.model_validate({"title": "x", "titles": {}})
    table = make_table()
    with pytest.raises(ValueError, match="declared twice"):
        table.command("rename", RenameIn, message="again")(lambda a, t, d: None)
    with pytest.raises(TypeError):
        table.execute("rename", actor=None, target={}, data=InputSchema())


@pytest.mark.parametrize(
    ("exc", "status", "text"),
    [
        (PermissionDenied("no"), 403, "no"),
        (ConflictError("late"), 409, "late"),
        (ValidationError("bad"), 422, "bad"),
        (ValidationError({"title": ["empty"]}), 422, "title: empty"),
    ],
)
def test_refusals_have_one_status_and_message(exc, status, text):
    assert (refusal_status(exc), refusal_message(exc)) == (status, text)


def test_affected_keys_close_over_the_table():
    feeds = {"speaking_time": ["floor"], "floor": ["speakers"], "agenda": []}
    assert affected_keys(["speaking_time"], feeds) == {"speaking_time", "floor", "speakers"}
    assert affected_keys(["agenda"], feeds) == {"agenda"}


def test_events_are_typed():
    class Pinged(Event):
        topic = "test-topic"
        kind = "pinged"
        count: int

    assert Pinged(count=2).payload() == {"kind": "pinged", "count": 2}
    with pytest.raises(ValueError, match="Extra inputs"):
        Pinged.model_validate({"count": 1, "other": 2})


def test_an_edit_form_may_clear_the_fields_it_names():
    class EditIn(InputSchema):
        version: int
        title: str | None = None
        number: int | None = None

    form = QueryDict("version=3&title=&number=")
    # An edit form names what it may clear; its other empty fields stay unchanged (unset).
    only_title = parse_form(EditIn, form, blank={"title"})
    assert only_title.model_dump(exclude_unset=True) == {"version": 3, "title": ""}
    cleared = parse_form(EditIn, form, blank={"title", "number"})
    assert cleared.model_dump(exclude_unset=True) == {"version": 3, "title": "", "number": None}
