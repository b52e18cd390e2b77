"""The character rule (secretariat.core.text) and its three uses: finding, Django validator,
pydantic check in InputSchema."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError as PydanticValidationError

from secretariat.core.schemas import InputSchema
from secretariat.core.text import (
    FORBIDDEN,
    forbidden_characters,
    payload_refusals,
    querydict_refusals,
    refusal_message,
    validate_clean_text,
)

REFUSED = {
    "\x00": ("U+0000", "NULL", "control"),
    "\x1b": ("U+001B", "CONTROL CHARACTER", "control"),
    "\ud800": ("U+D800", "LONE SURROGATE", "surrogate"),
    chr(0xDFFF): ("U+DFFF", "LONE SURROGATE", "surrogate"),
    "\uffff": ("U+FFFF", "NONCHARACTER", "noncharacter"),
    "\u202a": ("U+202A", "LEFT-TO-RIGHT EMBEDDING", "direction"),
    "\u202e": ("U+202E", "RIGHT-TO-LEFT OVERRIDE", "direction"),
    "\u2066": ("U+2066", "LEFT-TO-RIGHT ISOLATE", "direction"),
    "\u2069": ("U+2069", "POP DIRECTIONAL ISOLATE", "direction"),
    "\u200e": ("U+200E", "LEFT-TO-RIGHT MARK", "direction"),
    "\u200f": ("U+200F", "RIGHT-TO-LEFT MARK", "direction"),
    "\u061c": ("U+061C", "ARABIC LETTER MARK", "direction"),
    "\u200b": ("U+200B", "ZERO WIDTH SPACE", "invisible"),
    "\u200c": ("U+200C", "ZERO WIDTH NON-JOINER", "invisible"),
    "\u200d": ("U+200D", "ZERO WIDTH JOINER", "invisible"),
    "\u2060": ("U+2060", "WORD JOINER", "invisible"),
    "\ufeff": ("U+FEFF", "ZERO WIDTH NO-BREAK SPACE", "invisible"),
    "\U000e0041": ("U+E0041", "TAG LATIN CAPITAL LETTER A", "invisible"),
}

ACCEPTED = [
    "Share outbreak data within 24 hours.",
    "Line one\nline two\ttabbed\r\n",
    "Центральная Азия + Япония",
    "中央アジア＋日本対話 髙橋 﨑",  # U+9AD9, U+FA11: real family names
    "葛\U000e0100城",  # an ideographic variation selector (IVS) of a Japanese name
    "co\u00adoperation",  # soft hyphen
    "مرحبا",  # Arabic letters without marks
    "🇯🇵 🇰🇿",
]


@pytest.mark.parametrize("char", REFUSED)
def test_each_refused_character_is_named_with_its_position(char):
    codepoint, name, kind = REFUSED[char]
    [found] = forbidden_characters(f"Parties{char} agree")
    assert (found.codepoint, found.name, found.kind, found.position) == (codepoint, name, kind, 8)
    assert f"{codepoint} {name} at position 8" in refusal_message([found], "title")


@pytest.mark.parametrize("text", ACCEPTED)
def test_ordinary_text_of_every_script_is_accepted(text):
    assert forbidden_characters(text) == []
    validate_clean_text(text)


@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cf", "Cs"])))
def test_text_without_controls_or_formats_is_accepted(text):
    # Letters, marks, numbers, punctuation, symbols and spaces of every script pass; only
    # the listed noncharacters among them are refused.
    assert [f.char for f in forbidden_characters(text)] == [c for c in text if c in "\ufffe\uffff"]


@given(st.text(), st.sampled_from(sorted(REFUSED)), st.text())
def test_a_refused_character_is_found_wherever_it_sits(before, char, after):
    found = forbidden_characters(before + char + after)
    assert any(f.char == char and f.position == len(before) + 1 for f in found)
    assert all(FORBIDDEN.match(f.char) for f in found)


def test_the_message_never_repeats_the_character_and_stops_after_three():
    found = forbidden_characters("a\u202eb\u202ec\u202ed\u202ee\u202e")
    message = refusal_message(found, "text")
    assert "\u202e" not in message
    assert message.startswith("text: U+202E RIGHT-TO-LEFT OVERRIDE at position 2")
    assert "more of them: 2" in message


def test_django_validator_refuses_with_a_code():
    with pytest.raises(ValidationError) as refused:
        validate_clean_text("Title\u200b")
    assert refused.value.code == "forbidden_character"
    assert "U+200B ZERO WIDTH SPACE at position 6" in refused.value.messages[0]
    validate_clean_text(12)  # not a text: not this validator's business


def test_payload_walk_reaches_nested_values_and_keys():
    payload = {
        "title": "ok",
        "provisions": [{"text": "fine"}, {"text": "bad\u202e"}],
        "titles": {"ru\u200b": "x", "ja": ["y", "z\x00"]},
    }
    where = [r.where for r in payload_refusals(payload)]
    assert where == ["provisions.1.text", "a field name in titles", "titles.ja.1"]


def test_querydict_walk_checks_every_value_and_may_skip_fields():
    data = QueryDict(mutable=True)
    data.setlist("title", ["ok", "b\u202ead"])
    data["password"] = "\u202e"
    assert [r.where for r in querydict_refusals(data, skip=lambda f: f == "password")] == ["title"]


class Nested(InputSchema):
    text: str


class Outer(InputSchema):
    title: str
    parts: list[Nested] = []
    labels: dict[str, str] = {}


def test_input_schema_refuses_characters_anywhere_in_the_payload():
    with pytest.raises(PydanticValidationError) as refused:
        Outer.model_validate({"title": "t", "parts": [{"text": "\u2066x"}]})
    [error] = refused.value.errors()
    assert error["type"] == "forbidden_character"
    assert "parts.0.text: U+2066 LEFT-TO-RIGHT ISOLATE at position 1" in error["msg"]
    with pytest.raises(PydanticValidationError, match=r"U\+D800"):
        Outer.model_validate({"title": "t", "labels": {"en": "\ud800"}})
    assert Outer.model_validate({"title": "Ж", "labels": {"ja": "日本"}}).title == "Ж"


def test_input_schema_still_refuses_unknown_fields():
    with pytest.raises(PydanticValidationError) as refused:
        Outer.model_validate({"title": "t", "titles": {"ru": "x"}})
    assert refused.value.errors()[0]["type"] == "extra_forbidden"
