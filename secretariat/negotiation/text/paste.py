"""Text pasted from a word processor, turned into provisions of bracket markup.

Word has no escapes: a backslash, and a "{" that does not follow "]", are literal
characters there, and holders are written in parentheses after a bracket. This module
converts such a paste to product markup (`import_word_text`) and parses it, so its
errors carry offsets into the pasted text.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from secretariat.negotiation.text.markup import BracketSyntaxError, parse, plain_text, serialize

_NUMBERING = [
    # (pattern, kind hint); tried in order on the start of a paragraph.
    (
        re.compile(r"^(?:chapter|section|part|глава|раздел|часть)\s+[\dIVXLC]+\.?\s+", re.I),
        "heading",
    ),
    (re.compile(r"^[IVXLC]+\.\s+"), "heading"),
    (re.compile(r"^\d+(?:\.\d+)+\.?\s+"), "subparagraph"),
    (re.compile(r"^\d+[.)]\s+"), "operative"),
    (re.compile(r"^\(?[a-zа-я]\)\s+"), "subparagraph"),
    (re.compile(r"^\(?(?:i{1,3}|iv|v|vi{1,3}|ix|x)\)\s+"), "subparagraph"),
    (re.compile(r"^[0-9０-９]+[.．、)）]\s*"), "operative"),
    (re.compile(r"^[（(][a-zａ-ｚ0-9０-９]+[）)]\s*"), "subparagraph"),
    (re.compile(r"^[•·▪‣◦–—-]\s+"), "subparagraph"),
]
_WORD_HOLDERS = re.compile(r"\s*[(（]\s*([A-Z]{2}(?:\s*[,;/、，]\s*[A-Z]{2}|\s+[A-Z]{2})*)\s*[)）]")
_WORD_TRANSLATE = {"［": "[", "］": "]", "\u00a0": " ", "\u2009": " ", "\u202f": " "}


def _word_kind(body: str) -> str:
    """A kind hint for an unnumbered paragraph."""
    stripped = body.rstrip()
    if stripped.endswith((",", ";", "、")):
        return "preambular"
    if len(stripped) <= 80 and not stripped.endswith((".", ":", "。", "]")):
        return "heading"
    return ""


def _word_paragraph_to_markup(body: str, offset: int) -> tuple[str, list[int]]:
    """Convert one pasted paragraph to markup, mapping each output char to its source."""
    out: list[str] = []
    source: list[int] = []
    k = 0
    while k < len(body):
        ch = _WORD_TRANSLATE.get(body[k], body[k])
        if ch.isspace():
            run_end = k
            while (
                run_end < len(body)
                and (_WORD_TRANSLATE.get(body[run_end], body[run_end])).isspace()
            ):
                run_end += 1
            out.append(" ")
            source.append(offset + k)
            k = run_end
            continue
        if ch == "]":
            out.append("]")
            source.append(offset + k)
            k += 1
            if k < len(body) and body[k] == "{":
                continue  # product markup holders: parsed as they are
            match = _WORD_HOLDERS.match(body, k)
            if match:
                codes = re.split(r"[\s,;/、，]+", match.group(1).strip())
                holders = "{" + ",".join(codes) + "}"
                out.append(holders)
                source.extend([offset + match.start(1)] * len(holders))
                k = match.end()
            continue
        if ch == "\\":
            out.append("\\\\")
            source.extend([offset + k] * 2)
        elif ch == "{" and not (out and out[-1] == "]"):
            out.append("\\{")
            source.extend([offset + k] * 2)
        else:
            out.append(ch)
            source.append(offset + k)
        k += 1
    return "".join(out), source


def import_word_text(text: str) -> list[tuple[str, str]]:
    """Split text pasted from a word processor into provisions: [(kind_hint, markup)].

    Rules:
    - One provision per non-empty line (a word processor pastes one line per
      paragraph); blank lines are ignored. White space runs (tabs, no-break spaces)
      become one space; full-width brackets ``［］`` become ``[]``.
    - Numbering at the start of a paragraph is stripped and turned into a kind hint:
      "I." / "Chapter 2" -> ``heading``; "1." / "1)" / "１．" -> ``operative``;
      "(a)" / "a)" / "(iv)" / "1.1" / "•" -> ``subparagraph``. Unnumbered paragraphs
      ending with "," or ";" -> ``preambular``; short ones without a closing full stop
      -> ``heading``; otherwise ``""`` (no hint).
    - ``[...]`` is a bracket and " / " inside it separates alternatives, as in the
      product markup. Holders may follow a closing bracket in parentheses, as
      delegations write them in Word: ``[text] (JP, KZ)`` (two or more upper-case
      two-letter codes, or one, separated by commas, semicolons, slashes or spaces);
      the product form ``[text]{JP,KZ}`` is accepted too.
    - A backslash, and a "{" that does not follow "]", are literal characters.
    - Malformed brackets raise BracketSyntaxError whose position is the offset in the
      pasted text and whose message names the paragraph; nothing is returned.
    """
    result: list[tuple[str, str]] = []
    offset = 0
    paragraph = 0
    for line in text.splitlines(keepends=True):
        line_offset = offset
        offset += len(line)
        body = line.rstrip("\r\n")
        stripped = body.lstrip()
        if not stripped.strip():
            continue
        paragraph += 1
        start = line_offset + (len(body) - len(stripped))
        hint = ""
        for pattern, kind in _NUMBERING:
            match = pattern.match(stripped)
            if match and match.end() < len(stripped.rstrip()):
                hint = kind
                start += match.end()
                stripped = stripped[match.end() :]
                break
        markup, source = _word_paragraph_to_markup(stripped.rstrip(), start)
        end = source[-1] + 1 if source else start

        def locate(position: int, source: list[int] = source, end: int = end) -> int:
            return source[position] if position < len(source) else end

        try:
            parsed = parse(markup, locate=locate)
        except BracketSyntaxError as error:
            raise BracketSyntaxError(
                _("paragraph %(number)d: %(message)s")
                % {"number": paragraph, "message": error.message},
                error.position,
            ) from error
        if not hint:
            hint = _word_kind(plain_text(parsed))
        result.append((hint, serialize(parsed)))
    return result
