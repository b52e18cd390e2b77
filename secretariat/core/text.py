"""The one rule for characters a text may hold, wherever it comes from.

Negotiated texts state parties' obligations, so what a person reads must be what is stored.
Refused, everywhere (API bodies and query strings, page forms, the admin), with 422 and a
message naming the character, where it is and why:

- control characters other than tab, line feed and carriage return (U+0000-U+0008, U+000B,
  U+000C, U+000E-U+001F): invisible, not allowed in XML exports, and NUL cannot be stored
  in PostgreSQL;
- lone surrogates (U+D800-U+DFFF): not characters at all, they cannot be encoded as UTF-8;
- the noncharacters U+FFFE and U+FFFF;
- direction controls (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069): they make a
  text display in an order other than the one it is stored and compared in ("Trojan source");
- invisible characters (U+180E, U+200B-U+200D, U+2060-U+2064, U+206A-U+206F, U+FEFF,
  U+FFF9-U+FFFB, the tag characters U+E0000-U+E007F): two texts that look the same compare
  different, and hidden text can ride along.

Everything else is accepted, including soft hyphens, variation selectors (the ideographic
variants of Japanese names) and every script's letters. `docs/api.md` says the same.

The rule is used three ways: `forbidden_characters` (the finding), `validate_clean_text`
(a Django validator) and `payload_refusals` (every string anywhere in a parsed JSON or form
payload, keys too), which `InputSchema`, the API's parser and `CleanInputMiddleware` use.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext as _

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f"
_SURROGATE = "\ud800-\udfff"
_NONCHARACTER = "\ufffe\uffff"
_DIRECTION = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u180e\u200b-\u200d\u2060-\u2064\u206a-\u206f\ufeff\ufff9-\ufffb\U000e0000-\U000e007f"

FORBIDDEN = re.compile(f"[{_CONTROL}{_SURROGATE}{_NONCHARACTER}{_DIRECTION}{_INVISIBLE}]")
_KINDS = [
    ("control", re.compile(f"[{_CONTROL}]")),
    ("surrogate", re.compile(f"[{_SURROGATE}]")),
    ("noncharacter", re.compile(f"[{_NONCHARACTER}]")),
    ("direction", re.compile(f"[{_DIRECTION}]")),
    ("invisible", re.compile(f"[{_INVISIBLE}]")),
]
#: How many findings one message names; a pasted text full of them needs no list of all.
MESSAGE_LIMIT = 3


@dataclass(frozen=True)
class ForbiddenCharacter:
    """One refused character: `position` counts characters from 1, as a person would."""

    char: str
    position: int

    @property
    def codepoint(self) -> str:
        return f"U+{ord(self.char):04X}"

    @property
    def kind(self) -> str:
        return next(kind for kind, pattern in _KINDS if pattern.match(self.char))

    @property
    def name(self) -> str:
        if self.char == "\x00":
            return "NULL"
        fallback = {"control": "CONTROL CHARACTER", "surrogate": "LONE SURROGATE"}
        return unicodedata.name(self.char, fallback.get(self.kind, "NONCHARACTER"))

    def describe(self) -> str:
        reasons = {
            "control": _("a control character"),
            "surrogate": _("a lone surrogate, which is not a character"),
            "noncharacter": _("a noncharacter"),
            "direction": _("a direction control, which can make a text read differently"),
            "invisible": _("an invisible character"),
        }
        return _("%(codepoint)s %(name)s at position %(position)d (%(reason)s)") % {
            "codepoint": self.codepoint,
            "name": self.name,
            "position": self.position,
            "reason": reasons[self.kind],
        }


def forbidden_characters(value: str) -> list[ForbiddenCharacter]:
    """Every refused character in `value`, in order; empty when the text is clean."""
    if not FORBIDDEN.search(value):  # the common case costs one scan
        return []
    return [ForbiddenCharacter(m.group(), m.start() + 1) for m in FORBIDDEN.finditer(value)]


def refusal_message(found: list[ForbiddenCharacter], where: str = "") -> str:
    """'title: U+202E RIGHT-TO-LEFT OVERRIDE at position 4 (...): not accepted in a text.'
    The message names characters by code point, never repeats them (they are invisible)."""
    named = "; ".join(f.describe() for f in found[:MESSAGE_LIMIT])
    more = len(found) - MESSAGE_LIMIT
    if more > 0:
        named += "; " + _("more of them: %(count)d") % {"count": more}
    message = _("%(characters)s: not accepted in a text.") % {"characters": named}
    return f"{where}: {message}" if where else message


@deconstructible
class CleanTextValidator:
    """A Django validator: refuses a text holding any character of the rule above."""

    code = "forbidden_character"

    def __call__(self, value: object) -> None:
        if isinstance(value, str) and (found := forbidden_characters(value)):
            raise ValidationError(refusal_message(found), code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, CleanTextValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_clean_text = CleanTextValidator()


@dataclass(frozen=True)
class Refusal:
    """A string in a payload that holds refused characters, and where it sits."""

    where: str  # "title", "provisions.2.text", "titles.<key>" for a key itself
    found: list[ForbiddenCharacter]

    def message(self) -> str:
        return refusal_message(self.found, self.where)


def payload_refusals(data: object, where: str = "") -> Iterator[Refusal]:
    """Every string anywhere in a parsed payload (dicts, lists, keys too) that breaks the rule."""
    if isinstance(data, str):
        if found := forbidden_characters(data):
            yield Refusal(where or _("the body"), found)
    elif isinstance(data, dict):
        for key, value in data.items():
            path = f"{where}.{key}" if where else str(key)
            if isinstance(key, str) and (found := forbidden_characters(key)):
                yield Refusal(_("a field name in %(where)s") % {"where": where or "/"}, found)
                path = f"{where}.?" if where else "?"
            yield from payload_refusals(value, path)
    elif isinstance(data, list | tuple):
        for index, item in enumerate(data):
            yield from payload_refusals(item, f"{where}.{index}" if where else str(index))


def querydict_refusals(
    data: Any, skip: Callable[[str], bool] = lambda field: False
) -> Iterator[Refusal]:
    """The same for a query string or a submitted form: each field, each of its values."""
    for field in data:
        if skip(field):
            continue
        if found := forbidden_characters(field):
            yield Refusal(_("a field name"), found)
            continue
        for value in data.getlist(field):
            yield from payload_refusals(value, field)
