"""The refusal of an export that would leave out characters: a 422 naming each of them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

MAX_NAMED = 12
UNNAMED = {"Cc": "<control>", "Co": "<private use>", "Cs": "<surrogate>", "Cn": "<unassigned>"}
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp", "Zs", "Mn", "Me"})
# What XML 1.0 (and so DOCX and Akoma Ntoso) cannot carry at all.
NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def describe_character(char: str) -> str:
    """e.g. "U+9AD9 CJK UNIFIED IDEOGRAPH-9AD9 (髙)", "U+E000 <private use>"; an invisible
    character is named only."""
    category = unicodedata.category(char)
    name = unicodedata.name(char, "") or UNNAMED.get(category, "<unnamed>")
    if category in INVISIBLE_CATEGORIES:
        return f"U+{ord(char):04X} {name}"
    return f"U+{ord(char):04X} {name} ({char})"


class UnprintableText(ValidationError):
    """An export would have to leave out characters: no embedded font has them (PDF) or
    the format cannot carry them (`control`: XML control characters in DOCX).

    A ValidationError (the API answers it with 422); the message names each character
    and is translated when read, in the reader's language."""

    def __init__(self, characters: Sequence[str], *, control: bool = False) -> None:
        self.characters = tuple(dict.fromkeys(characters))
        named = ", ".join(describe_character(c) for c in self.characters[:MAX_NAMED])
        if len(self.characters) > MAX_NAMED:
            named += ", …"
        if control:
            message = gettext_lazy(
                "This export cannot carry the control characters %(characters)s."
            )
        elif len(self.characters) == 1:
            message = gettext_lazy(
                "%(characters)s cannot be printed in this export: no font it embeds has "
                "this character."
            )
        else:
            message = gettext_lazy(
                "These characters cannot be printed in this export (no font it embeds has "
                "them): %(characters)s."
            )
        super().__init__(message, code="unprintable", params={"characters": named})

    def __str__(self) -> str:
        return " ".join(self.messages)


def check_xml_characters(texts: Iterable[str]) -> None:
    """Raise UnprintableText for characters XML cannot carry (a DOCX library would fail
    on them with a bare ValueError)."""
    found = [match.group() for text in texts for match in NOT_XML.finditer(text)]
    if found:
        raise UnprintableText(found, control=True)
