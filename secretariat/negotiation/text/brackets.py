r"""Square-bracketed negotiation text: parse, edit, serialise and render provision markup.

Pure Python (no models). The negotiation core stores every provision as a *markup*
string and goes through this module for everything that looks inside it.

Markup
------
- Agreed text is plain text.
- Unagreed text is in square brackets: ``[text]``. A bracket may offer alternatives,
  separated by a *separator*: ``[option A / option B]``.
- A bracket may name the delegations holding it, as ISO 3166 alpha-2 codes in braces
  right after the closing bracket (no space): ``[option A / option B]{JP,KZ}``. Codes are
  upper-cased, de-duplicated and sorted; ``{}`` means no holders.
- Brackets nest: ``[a [b]{KZ} c]{JP}``.
- The separator rule: inside a bracket, at that bracket's own level (not inside a nested
  bracket), a ``/`` with white space immediately before it AND immediately after it is a
  separator; the white space around it belongs to the separator. Any other ``/`` is text:
  ``COVID-19/SARS``, ``and/or``, ``1 /2``. Outside brackets ``/`` is always text.
- Escapes: ``\[ \] \/ \{ \} \\`` stand for the literal character. A backslash before any
  other character (or at the end) is a literal backslash.
- Errors raise `BracketSyntaxError(message, position)` with a 0-based character offset
  into the markup: unclosed bracket, stray ``]``, empty option, bad holder code,
  unterminated holders list.

Model
-----
``parse(markup) -> Text``: a Text is a tuple of nodes, ``Span(text)`` and
``Bracket(options: tuple[Text, ...], holders: tuple[str, ...])`` (frozen dataclasses).
Adjacent spans are merged and empty spans dropped, so equal texts compare equal.

Brackets are numbered 0, 1, 2, ... in depth-first (pre-order) order: an outer bracket
before the brackets nested in it, options left to right. `brackets()`,
`resolve_bracket()`, `set_holders()` and `render_html()` use these indexes.

The *plain rendering* (`plain_text`) shows a bracket as ``[``, its options joined by
``" / "`` and ``]``, without holders and escapes. `add_bracket` takes offsets into it.

Functions
---------
- ``parse(markup) -> Text``; ``serialize(text) -> str`` (``parse(serialize(t)) == t``;
  ``serialize(parse(m))`` is the normalised ``m``).
- ``clean_text(text) -> str``: agreed text only (brackets and their content dropped,
  white space collapsed, no space left before punctuation).
- ``plain_text(text) -> str``; ``open_brackets(text) -> int`` (nested included);
  ``brackets(text) -> list[BracketInfo]``.
- ``resolve_bracket(text, index, choice) -> Text``: keep option ``choice`` (0-based),
  or ``choice=None`` to agree the text of a single-option bracket.
- ``set_holders(text, index, holders) -> Text``.
- ``add_bracket(markup, start, end, alternatives=(), holders=()) -> str``.
- ``render_html(text) -> SafeString``.
- ``import_word_text(text) -> list[tuple[str, str]]``: see its docstring.

Edits that do not fit the text (unknown index, choice out of range, a selection that
cuts a bracket) raise `BracketEditError`. Both error classes are ``ValueError``s.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

__all__ = [
    "Bracket",
    "BracketEditError",
    "BracketError",
    "BracketInfo",
    "BracketSyntaxError",
    "Node",
    "Span",
    "Text",
    "add_bracket",
    "brackets",
    "clean_text",
    "import_word_text",
    "normalise_holders",
    "open_brackets",
    "parse",
    "plain_text",
    "render_html",
    "resolve_bracket",
    "serialize",
    "set_holders",
]


class BracketError(ValueError):
    """Something is wrong with bracket markup or with an edit of it."""


class BracketSyntaxError(BracketError):
    """Malformed markup. ``position`` is the 0-based character offset of the problem."""

    def __init__(self, message: str, position: int) -> None:
        super().__init__(
            _("%(message)s (at character %(position)d)")
            % {"message": message, "position": position}
        )
        self.message = message
        self.position = position


class BracketEditError(BracketError):
    """An edit that does not fit the text (no such bracket, option or selection)."""


@dataclass(frozen=True, slots=True)
class Span:
    text: str


@dataclass(frozen=True, slots=True)
class Bracket:
    options: tuple[Text, ...]
    holders: tuple[str, ...] = ()


Node = Span | Bracket
Text = tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class BracketInfo:
    """One bracket as lists show it: options in plain rendering, holders as codes."""

    index: int
    depth: int
    options: tuple[str, ...]
    holders: tuple[str, ...]


_HOLDER_CODE = re.compile(r"[A-Za-z]{2}")
_ESCAPABLE = frozenset("[]/{}\\")


def normalise_holders(holders: Iterable[str]) -> tuple[str, ...]:
    """Upper-case, de-duplicate and sort ISO alpha-2 codes; raise on a bad code."""
    codes: set[str] = set()
    for code in holders:
        stripped = code.strip()
        if not _HOLDER_CODE.fullmatch(stripped):
            raise BracketEditError(
                _("“%(code)s” is not a two-letter ISO country code (e.g. JP, KZ).")
                % {"code": stripped}
            )
        codes.add(stripped.upper())
    return tuple(sorted(codes))


# --------------------------------------------------------------------------- parsing


def _append_span(nodes: list[Node], text: str) -> None:
    if not text:
        return
    if nodes and isinstance(nodes[-1], Span):
        nodes[-1] = Span(nodes[-1].text + text)
    else:
        nodes.append(Span(text))


def _extend(nodes: list[Node], more: Iterable[Node]) -> None:
    for node in more:
        if isinstance(node, Span):
            _append_span(nodes, node.text)
        else:
            nodes.append(node)


def _normal(nodes: Iterable[Node]) -> Text:
    out: list[Node] = []
    _extend(out, nodes)
    return tuple(out)


class _Parser:
    def __init__(self, markup: str, locate: Callable[[int], int] | None = None) -> None:
        self.s = markup
        self.i = 0
        # Where an offset of `markup` is in the text the user gave (import maps it back).
        self.at = locate or (lambda offset: offset)

    def error(self, message: str, position: int) -> BracketSyntaxError:
        return BracketSyntaxError(message, self.at(position))

    def text(self, opened_at: int | None) -> list[Text]:
        """Parse until the end (top level) or the matching "]" (inside a bracket, which
        `opened_at` locates); returns the options read (exactly one at top level)."""
        s = self.s
        options: list[Text] = []
        nodes: list[Node] = []
        buf: list[str] = []

        def flush() -> None:
            if buf:
                _append_span(nodes, "".join(buf))
                buf.clear()

        def close_option(at: int) -> None:
            flush()
            option = tuple(nodes)
            if opened_at is not None and _is_blank(option):
                raise self.error(
                    _("empty option in the bracket opened at %(position)d")
                    % {"position": self.at(opened_at)},
                    at,
                )
            options.append(option)
            nodes.clear()

        while self.i < len(s):
            ch = s[self.i]
            if ch == "\\":
                nxt = s[self.i + 1] if self.i + 1 < len(s) else ""
                if nxt in _ESCAPABLE and nxt:
                    buf.append(nxt)
                    self.i += 2
                else:
                    buf.append("\\")
                    self.i += 1
            elif ch == "[":
                flush()
                start = self.i
                self.i += 1
                inner = self.text(start)
                holders = self.holders()
                nodes.append(Bracket(tuple(inner), holders))
            elif ch == "]":
                if opened_at is None:
                    raise self.error(_("stray “]” without an opening “[”"), self.i)
                close_option(self.i)
                self.i += 1
                return options
            elif (
                opened_at is not None
                and ch == "/"
                and self._separator_before()
                and self.i + 1 < len(s)
                and s[self.i + 1].isspace()
            ):
                # The white space before the slash belongs to the separator.
                while buf and buf[-1].isspace():
                    buf.pop()
                close_option(self.i)
                self.i += 1
                while self.i < len(s) and s[self.i].isspace():
                    self.i += 1
            else:
                buf.append(ch)
                self.i += 1
        if opened_at is not None:
            raise self.error(
                _("unclosed bracket: the “[” opened at %(position)d has no “]”")
                % {"position": self.at(opened_at)},
                opened_at,
            )
        flush()
        options.append(tuple(nodes))
        return options

    def _separator_before(self) -> bool:
        """Is the character before the current "/" unescaped white space?"""
        j = self.i - 1
        return j >= 0 and self.s[j].isspace()

    def holders(self) -> tuple[str, ...]:
        s = self.s
        if self.i >= len(s) or s[self.i] != "{":
            return ()
        opened = self.i
        close = s.find("}", self.i)
        if close < 0:
            raise self.error(
                _("unterminated holders list: the “{” at %(position)d has no “}”")
                % {"position": self.at(opened)},
                opened,
            )
        body = s[self.i + 1 : close]
        codes: list[str] = []
        offset = self.i + 1
        for part in body.split(","):
            stripped = part.strip()
            position = offset + (len(part) - len(part.lstrip()))
            offset += len(part) + 1
            if not stripped and body.strip() == "":
                continue
            if not _HOLDER_CODE.fullmatch(stripped):
                raise self.error(
                    _(
                        "bad holder code “%(code)s”: holders are two-letter ISO country "
                        "codes separated by commas, e.g. {JP,KZ}"
                    )
                    % {"code": stripped},
                    position,
                )
            codes.append(stripped)
        self.i = close + 1
        return normalise_holders(codes)


def _is_blank(text: Text) -> bool:
    return all(isinstance(n, Span) and not n.text.strip() for n in text)


def parse(markup: str, *, locate: Callable[[int], int] | None = None) -> Text:
    """Parse provision markup into a Text; raise BracketSyntaxError on malformed input.

    `locate` (optional) maps an offset in `markup` to the offset reported in errors."""
    if not _MARKUP_CHARS.search(markup):
        # most provisions are agreed plain text: no need to walk them character by character
        return (Span(markup),) if markup else ()
    parser = _Parser(markup, locate)
    return parser.text(None)[0]


_MARKUP_CHARS = re.compile(r"[\[\]\\{}]")


# ----------------------------------------------------------------------- serialising


def _escape_span(text: str, *, in_bracket: bool) -> str:
    out: list[str] = []
    last = len(text) - 1
    for k, ch in enumerate(text):
        if ch in "[]{\\":
            out.append("\\" + ch)
        elif ch == "/" and in_bracket:
            before = k == 0 or text[k - 1].isspace()
            after = k == last or text[k + 1].isspace()
            out.append("\\/" if before and after else "/")
        else:
            out.append(ch)
    return "".join(out)


def _serialize(text: Text, *, in_bracket: bool) -> str:
    parts: list[str] = []
    for node in text:
        if isinstance(node, Span):
            parts.append(_escape_span(node.text, in_bracket=in_bracket))
        else:
            inner = " / ".join(_serialize(o, in_bracket=True) for o in node.options)
            holders = "{" + ",".join(node.holders) + "}" if node.holders else ""
            parts.append(f"[{inner}]{holders}")
    return "".join(parts)


def serialize(text: Text) -> str:
    """Markup for a Text; parse(serialize(text)) == text for any parsed text."""
    return _serialize(text, in_bracket=False)


# ---------------------------------------------------------------------- reading views

_SPACE_RUN = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r" +([.,;:!?)\]}»”、。，．：；！？）」』])")
_SPACE_AFTER_OPEN = re.compile(r"([(«“「『（]) +")


def _plain(text: Text) -> str:
    parts: list[str] = []
    for node in text:
        if isinstance(node, Span):
            parts.append(node.text)
        else:
            parts.append("[" + " / ".join(_plain(o) for o in node.options) + "]")
    return "".join(parts)


def plain_text(text: Text) -> str:
    """The text as read: brackets as "[a / b]", no holders, no escapes."""
    return _plain(text)


def clean_text(text: Text) -> str:
    """Agreed text only: brackets and their content dropped, white space normalised."""
    agreed = "".join(n.text for n in text if isinstance(n, Span))
    agreed = _SPACE_RUN.sub(" ", agreed).strip()
    agreed = _SPACE_BEFORE_PUNCT.sub(r"\1", agreed)
    return _SPACE_AFTER_OPEN.sub(r"\1", agreed)


def _walk(text: Text, depth: int = 0) -> Iterator[tuple[Bracket, int]]:
    for node in text:
        if isinstance(node, Bracket):
            yield node, depth
            for option in node.options:
                yield from _walk(option, depth + 1)


def open_brackets(text: Text) -> int:
    """How many brackets the text has, nested ones included."""
    return sum(1 for _ in _walk(text))


def brackets(text: Text) -> list[BracketInfo]:
    """Every bracket in depth-first order, with its depth (0 = top level)."""
    return [
        BracketInfo(
            index=k,
            depth=depth,
            options=tuple(_plain(o) for o in bracket.options),
            holders=bracket.holders,
        )
        for k, (bracket, depth) in enumerate(_walk(text))
    ]


# --------------------------------------------------------------------------- editing


_Replacer = Callable[[Bracket], Text]


def _replace_bracket(text: Text, index: int, replace: _Replacer) -> Text:
    counter = [index]
    result = _replace_in(text, counter, replace)
    if counter[0] >= 0:
        total = open_brackets(text)
        raise BracketEditError(
            _("There is no bracket number %(number)d: the text has %(count)d bracket(s).")
            % {"number": index + 1, "count": total}
        )
    return result


def _replace_in(text: Text, counter: list[int], replace: _Replacer) -> Text:
    if counter[0] < 0:
        return text
    out: list[Node] = []
    for node in text:
        if isinstance(node, Bracket) and counter[0] >= 0:
            if counter[0] == 0:
                counter[0] = -1
                _extend(out, replace(node))
                continue
            counter[0] -= 1
            options = tuple(_replace_in(o, counter, replace) for o in node.options)
            out.append(Bracket(options, node.holders))
        else:
            _extend(out, (node,))
    return tuple(out)


def resolve_bracket(text: Text, index: int, choice: int | None) -> Text:
    """Remove bracket `index`: keep its option `choice` (0-based) in its place, or, with
    choice=None, agree the text of a single-option bracket. Brackets nested in the kept
    option stay open."""

    def resolve(bracket: Bracket) -> Text:
        count = len(bracket.options)
        if choice is None:
            if count != 1:
                raise BracketEditError(
                    _(
                        "This bracket has %(count)d alternatives: choose one of them to "
                        "remove the bracket."
                    )
                    % {"count": count}
                )
            return bracket.options[0]
        if not 0 <= choice < count:
            raise BracketEditError(
                _("This bracket has %(count)d option(s); there is no option %(number)d.")
                % {"count": count, "number": choice + 1}
            )
        return bracket.options[choice]

    return _replace_bracket(text, index, resolve)


_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:!?])")


def drop_bracket(text: Text, index: int) -> Text:
    """Remove bracket `index` together with everything in it (e.g. an agreed deletion), and
    tidy the white space it leaves: no double spaces, no space before punctuation."""
    dropped = _replace_bracket(text, index, lambda bracket: ())
    return tuple(
        Span(_SPACE_BEFORE_PUNCTUATION.sub(r"\1", re.sub(r"\s{2,}", " ", node.text)))
        if isinstance(node, Span)
        else node
        for node in dropped
    )


def set_holders(text: Text, index: int, holders: Iterable[str]) -> Text:
    """Replace the holders of bracket `index` (codes normalised; empty = none)."""
    codes = normalise_holders(holders)
    return _replace_bracket(text, index, lambda bracket: (Bracket(bracket.options, codes),))


def _node_length(node: Node) -> int:
    return len(node.text) if isinstance(node, Span) else len(_plain((node,)))


def _wrap(text: Text, start: int, end: int, make: Callable[[Text], Text]) -> Text:
    """Wrap plain offsets [start, end) of `text` (relative to its plain rendering)."""
    # Find whether the selection lies strictly inside one bracket's option.
    position = 0
    for k, node in enumerate(text):
        length = _node_length(node)
        node_start, node_end = position, position + length
        if isinstance(node, Bracket) and node_start < start and end < node_end:
            option_start = node_start + 1
            for o, option in enumerate(node.options):
                option_end = option_start + len(_plain(option))
                if option_start <= start and end <= option_end:
                    options = list(node.options)
                    options[o] = _wrap(option, start - option_start, end - option_start, make)
                    return (*text[:k], Bracket(tuple(options), node.holders), *text[k + 1 :])
                option_start = option_end + 3  # " / "
            raise BracketEditError(
                _(
                    "The selection runs across the alternatives of a bracket; select text "
                    "within one alternative or the whole bracket."
                )
            )
        position = node_end
    before: list[Node] = []
    selected: list[Node] = []
    after: list[Node] = []
    position = 0
    for node in text:
        length = _node_length(node)
        node_start, node_end = position, position + length
        position = node_end
        if node_end <= start:
            before.append(node)
        elif node_start >= end:
            after.append(node)
        elif isinstance(node, Span):
            cut_a = max(start - node_start, 0)
            cut_b = min(end - node_start, length)
            _append_span(before, node.text[:cut_a])
            _append_span(selected, node.text[cut_a:cut_b])
            _append_span(after, node.text[cut_b:])
        elif start <= node_start and node_end <= end:
            selected.append(node)
        else:
            raise BracketEditError(
                _(
                    "The selection cuts across an existing bracket; select text outside it, "
                    "inside one of its alternatives, or the whole bracket."
                )
            )
    return _normal([*before, *make(tuple(selected)), *after])


def add_bracket(
    markup: str,
    start: int,
    end: int,
    alternatives: Sequence[str] = (),
    holders: Iterable[str] = (),
) -> str:
    """Bracket the span [start, end) of the provision's plain rendering (`plain_text`).

    The span (trimmed of surrounding white space) becomes option 1 and each markup in
    `alternatives` a further option. The span may lie inside one option of an existing
    bracket (the new bracket nests there) or contain whole brackets, but may not cut one.
    Returns the new markup; raises BracketSyntaxError for malformed markup or
    alternatives and BracketEditError for a selection that does not fit.
    """
    text = parse(markup)
    plain = _plain(text)
    if not (0 <= start <= end <= len(plain)):
        raise BracketEditError(
            _("The selection %(start)d–%(end)d is outside the text (0–%(length)d).")
            % {"start": start, "end": end, "length": len(plain)}
        )
    while start < end and plain[start].isspace():
        start += 1
    while end > start and plain[end - 1].isspace():
        end -= 1
    if start == end:
        raise BracketEditError(_("Select the text to put in brackets."))
    parsed_alternatives: list[Text] = []
    for number, alternative in enumerate(alternatives, start=2):
        option = parse(alternative.strip())
        if _is_blank(option):
            raise BracketEditError(_("Alternative %(number)d is empty.") % {"number": number})
        parsed_alternatives.append(option)
    codes = normalise_holders(holders)

    def wrap(selected: Text) -> Text:
        return (Bracket((selected, *parsed_alternatives), codes),)

    return serialize(_wrap(text, start, end, wrap))


# ------------------------------------------------------------------------- rendering


def _render(text: Text, counter: list[int]) -> str:
    parts: list[str] = []
    for node in text:
        if isinstance(node, Span):
            parts.append(str(escape(node.text)))
            continue
        index = counter[0]
        counter[0] += 1
        options = '<span class="sep"> / </span>'.join(
            f'<span class="option">{_render(o, counter)}</span>' for o in node.options
        )
        holders = (
            f'<sup class="holders">{escape(", ".join(node.holders))}</sup>' if node.holders else ""
        )
        parts.append(f'<span class="bracket" data-bracket="{index}">[{options}]{holders}</span>')
    return "".join(parts)


def render_html(text: Text) -> SafeString:
    """HTML of the full text with brackets marked up (see the module docstring)."""
    return mark_safe(_render(text, [0]))  # noqa: S308 - every text piece is escaped


# ------------------------------------------------------------------------ Word import

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
