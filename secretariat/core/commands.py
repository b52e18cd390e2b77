"""Command tables: each action of a capability declared once, used by its pages and its API.

A capability's `commands.py` builds one `CommandTable` and registers each action with its
name, its input schema (an `InputSchema`, the same one the API endpoint takes), the service
call and the message a person reads on success::

    commands = CommandTable[Document]("negotiation")

    @commands.command("finalise", VersionIn, message=_lazy("The text is final."))
    def _finalise(actor: Actor, document: Document, data: VersionIn) -> object:
        return services.document_finalise(
            actor=actor, document=document, expected_version=data.expected_version
        )

The API endpoint calls `commands.execute("finalise", actor=..., target=doc, data=payload)`;
the page action parses its form with `commands.parse_form(name, request.POST)` and calls the
same. Service refusals become one status and one message (`refusal_status`,
`refusal_message`): 403 for PermissionDenied, 409 for ConflictError, 422 for ValidationError.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

import pydantic
from django.core.exceptions import ValidationError
from django.utils.functional import Promise

from secretariat.core.errors import ConflictError, PermissionDenied
from secretariat.core.schemas import InputSchema
from secretariat.core.types import Actor

TargetT = TypeVar("TargetT")
InputT = TypeVar("InputT", bound=InputSchema)

#: What a service raises to refuse: the action changes nothing and the person is told why.
REFUSALS: tuple[type[Exception], ...] = (PermissionDenied, ConflictError, ValidationError)

Message = str | Promise | Callable[[Any], str]


def refusal_status(exc: Exception) -> int:
    if isinstance(exc, PermissionDenied):
        return 403
    if isinstance(exc, ConflictError):
        return 409
    return 422


def refusal_message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        if hasattr(exc, "message_dict"):
            return "; ".join(
                " ".join(msgs) if field == "__all__" else f"{field}: {' '.join(msgs)}"
                for field, msgs in exc.message_dict.items()
            )
        return " ".join(exc.messages)
    return str(exc)


@dataclass(frozen=True)
class Command(Generic[TargetT, InputT]):
    name: str
    input: type[InputT]
    run: Callable[[Actor, TargetT, InputT], object]
    message: Message

    def success_message(self, result: object) -> str:
        if callable(self.message) and not isinstance(self.message, Promise):
            return self.message(result)
        return str(self.message)


class CommandTable(Generic[TargetT]):
    """The actions of one capability on one kind of target (a document, a meeting...)."""

    def __init__(self, capability: str) -> None:
        self.capability = capability
        self._commands: dict[str, Command[TargetT, Any]] = {}

    def command(
        self, name: str, input: type[InputT], *, message: Message
    ) -> Callable[
        [Callable[[Actor, TargetT, InputT], object]], Callable[[Actor, TargetT, InputT], object]
    ]:
        def register(
            run: Callable[[Actor, TargetT, InputT], object],
        ) -> Callable[[Actor, TargetT, InputT], object]:
            if name in self._commands:
                raise ValueError(f"{self.capability}: command {name!r} is declared twice.")
            self._commands[name] = Command(name=name, input=input, run=run, message=message)
            return run

        return register

    def __getitem__(self, name: str) -> Command[TargetT, Any]:
        return self._commands[name]

    def __contains__(self, name: object) -> bool:
        return name in self._commands

    def __iter__(self) -> Iterator[str]:
        return iter(self._commands)

    def names(self) -> list[str]:
        return list(self._commands)

    def execute(
        self, name: str, *, actor: Actor, target: TargetT, data: InputSchema
    ) -> tuple[object, str]:
        """Run the action; return the service's result and the success message. Refusals
        (REFUSALS) propagate: the API's handlers and `refusal_*` turn them into a 4xx."""
        command = self._commands[name]
        if not isinstance(data, command.input):
            raise TypeError(f"{name}: expected {command.input.__name__}, got {type(data).__name__}")
        result = command.run(actor, target, data)
        return result, command.success_message(result)

    def parse_form(
        self, name: str, form: Mapping[str, Any], *, blank: Collection[str] = ()
    ) -> InputSchema:
        """The page's form data as the command's input schema (the API's own): list fields
        take every value, booleans read "1"/"on"/"true" (an absent box is False, or left
        out when the field takes None and is not in `blank`), an empty value is "" for text
        fields, None for fields that take None, and left out of other optional fields. An
        edit form names in `blank` the fields it may clear; its other empty fields are left
        out (no change). Fields the schema does not declare (the CSRF token, buttons) are
        ignored. Invalid input raises ValidationError with the schema's messages."""
        schema: type[InputSchema] = self._commands[name].input
        return parse_form(schema, form, blank=blank)


def _is_list(annotation: Any) -> bool:
    origin = typing.get_origin(annotation)
    if origin in (list, tuple, set, frozenset):
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_is_list(a) for a in typing.get_args(annotation) if a is not type(None))
    return False


def _options(annotation: Any) -> tuple[Any, ...]:
    """The types a field takes: the members of a union, or the annotation itself."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return typing.get_args(annotation)
    return (annotation,)


def _is_bool(annotation: Any) -> bool:
    return bool in _options(annotation)


def _takes_none(annotation: Any) -> bool:
    return type(None) in _options(annotation)


def _takes_empty_text(annotation: Any) -> bool:
    """An empty string is a value of this field (a `str`, or a Literal that lists "")."""
    return any(
        option is str or (typing.get_origin(option) is Literal and "" in typing.get_args(option))
        for option in _options(annotation)
    )


def _takes_text(annotation: Any) -> bool:
    if annotation is str:
        return True
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return any(_takes_text(a) for a in typing.get_args(annotation))
    return False


def parse_form(
    schema: type[InputT], form: Mapping[str, Any], *, blank: Collection[str] = ()
) -> InputT:
    """See `CommandTable.parse_form`. A field in `blank` sent empty is cleared: "" when it
    takes text, None otherwise (an emptied number or choice)."""
    data: dict[str, Any] = {}
    getlist = getattr(form, "getlist", None)
    for field_name, field in schema.model_fields.items():
        key = field.alias or field_name
        annotation = field.annotation
        if _is_list(annotation):
            values = getlist(key) if getlist else form.get(key, [])
            if values or field.is_required():
                data[key] = [v for v in values if v != ""]
            continue
        if key not in form:
            unchecked = key in blank or not _takes_none(annotation)
            if _is_bool(annotation) and unchecked and not field.is_required():
                data[key] = False  # an unchecked box sends nothing ("no change" when None)
            continue
        value = form.get(key)
        if _is_bool(annotation):
            data[key] = str(value).lower() in ("1", "on", "true", "yes")
        elif value == "" and key in blank:
            data[key] = "" if _takes_text(annotation) else None
        elif value == "" and blank and not field.is_required():
            continue  # an edit form: an empty field it may not clear is left unchanged
        elif value == "" and not _takes_empty_text(annotation):
            if _takes_none(annotation):
                data[key] = None  # an empty choice or number is "none"
            elif field.is_required():
                data[key] = value  # refused by the schema, with its message
        else:
            data[key] = value
    return validate_input(schema, data)


def validate_input(schema: type[InputT], data: Mapping[str, Any]) -> InputT:
    """`data` as `schema`; invalid input raises Django's ValidationError with the schema's
    messages (a refusal like any other: 422, nothing changed)."""
    try:
        return schema.model_validate(data)
    except pydantic.ValidationError as exc:
        raise ValidationError(
            [
                f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" if e["loc"] else e["msg"]
                for e in exc.errors()
            ]
        ) from exc
