r"""Square-bracket markup: its model, parser, serialiser and read views.

Markup (docs/negotiation-text.md says the same for readers outside the code)
------
- Agreed text is plain text.
- Unagreed text is in square brackets: ``[text]``. A bracket may offer alternatives,
  separated by a *separator*: ``[option A / option B]``.
- A bracket may name the delegations holding it, as ISO 3166 alpha-2 codes in braces
  right after the closing bracket (no space): ``[option A / option B]{JP,KZ}``. Codes are
  upper-cased, de-duplicated and sorted; ``{}`` means no holders.
- Brackets nest, at most `MAX_NESTING` levels: ``[a [b]{KZ} c]{JP}`` has two levels.
- The separator rule: inside a bracket, at that bracket's own level (not inside a nested
  bracket), a ``/`` with white space immediately before it AND immediately after it is a
  separator; the white space around it belongs to the separator. Any other ``/`` is text:
  ``COVID-19/SARS``, ``and/or``, ``1 /2``. Outside brackets ``/`` is always text.
- Escapes: ``\[ \] \/ \{ \} \\`` stand for the literal character. A backslash before any
  other character (or at the end) is a literal backslash. A ``{`` that does not follow
  ``]`` must be escaped (``\{``); a ``}`` alone is text.
- Errors raise `BracketSyntaxError(message, position)` with a 0-based character offset
  into the markup: unclosed bracket, stray ``]``, empty option, bad holder code,
  unterminated holders list, unescaped ``{``, brackets nested too deep.

Model
-----
``parse(markup) -> Text``: a Text is a tuple of nodes, ``Span(text)`` and
``Bracket(options: tuple[Text, ...], holders: tuple[str, ...])`` (frozen dataclasses).
Adjacent spans are merged and empty spans dropped, so equal texts compare equal.

Brackets are numbered 0, 1, 2, ... in depth-first (pre-order) order: an outer bracket
before the brackets nested in it, options left to right.

The *plain rendering* (`plain_text`) shows a bracket as ``[``, its options joined by
``" / "`` and ``]``, without holders and escapes.

Nothing here recurses: the parser keeps its open brackets on a list and the read views
walk a text through `_events`, so a deep input costs time in proportion to its length and
cannot exhaust the interpreter's stack.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

# Real negotiated texts rarely nest brackets more than three levels deep; eight leaves room
# for heavily negotiated passages and keeps every text readable (and cheap to render).
MAX_NESTING = 8


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


def _too_deep() -> str:
    return _(
        "brackets may nest at most %(limit)d levels deep, and this “[” opens level %(level)d"
    ) % {"limit": MAX_NESTING, "level": MAX_NESTING + 1}


# --------------------------------------------------------------------------- parsing


def append_span(nodes: list[Node], text: str) -> None:
    """Add text to `nodes`, merged into a Span that ends them."""
    if not text:
        return
    if nodes and isinstance(nodes[-1], Span):
        nodes[-1] = Span(nodes[-1].text + text)
    else:
        nodes.append(Span(text))


def normal(nodes: Iterable[Node]) -> Text:
    """`nodes` as a Text: adjacent spans merged, empty spans dropped."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Span):
            append_span(out, node.text)
        else:
            out.append(node)
    return tuple(out)


def is_blank(text: Text) -> bool:
    return all(isinstance(n, Span) and not n.text.strip() for n in text)


class _Open:
    """A bracket being read: where it opened, the options read and the current one."""

    __slots__ = ("nodes", "opened_at", "options")

    def __init__(self, opened_at: int) -> None:
        self.opened_at = opened_at
        self.options: list[Text] = []
        self.nodes: list[Node] = []


# The characters the parser must look at; everything between them is plain text.
_SPECIAL = re.compile(r"[\[\]\\{/]")


class _Parser:
    """Reads markup left to right; the brackets open at the cursor are a list, not the
    call stack."""

    def __init__(self, markup: str, locate: Callable[[int], int] | None = None) -> None:
        self.s = markup
        # Where an offset of `markup` is in the text the user gave (import maps it back).
        self.at = locate or (lambda offset: offset)
        self.top: list[Node] = []
        self.open: list[_Open] = []
        self.buf: list[str] = []

    def error(self, message: str, position: int) -> BracketSyntaxError:
        return BracketSyntaxError(message, self.at(position))

    def flush(self) -> list[Node]:
        """Move the pending text into the nodes of the innermost open bracket (or the top
        level) and return those nodes."""
        nodes = self.open[-1].nodes if self.open else self.top
        if self.buf:
            append_span(nodes, "".join(self.buf))
            self.buf.clear()
        return nodes

    def close_option(self, at: int) -> None:
        bracket = self.open[-1]
        option = tuple(self.flush())
        if is_blank(option):
            raise self.error(
                _("empty option in the bracket opened at %(position)d")
                % {"position": self.at(bracket.opened_at)},
                at,
            )
        bracket.options.append(option)
        bracket.nodes = []

    def parse(self) -> Text:
        s, n, buf = self.s, len(self.s), self.buf
        i = 0
        while i < n:
            found = _SPECIAL.search(s, i)
            if found is None:
                buf.append(s[i:])
                break
            j = found.start()
            if j > i:
                buf.append(s[i:j])
            ch = s[j]
            i = j + 1
            if ch == "\\":
                if i < n and s[i] in _ESCAPABLE:
                    buf.append(s[i])
                    i += 1
                else:
                    buf.append("\\")
            elif ch == "/":
                if self.open and s[j - 1].isspace() and i < n and s[i].isspace():
                    # A separator: the white space around it belongs to it.
                    pending = "".join(buf).rstrip()
                    buf[:] = [pending] if pending else []
                    self.close_option(j)
                    while i < n and s[i].isspace():
                        i += 1
                else:
                    buf.append("/")
            elif ch == "[":
                if len(self.open) >= MAX_NESTING:
                    raise self.error(_too_deep(), j)
                self.flush()
                self.open.append(_Open(j))
            elif ch == "]":
                if not self.open:
                    raise self.error(_("stray “]” without an opening “[”"), j)
                self.close_option(j)
                closed = self.open.pop()
                holders, i = self.holders(i)
                self.flush().append(Bracket(tuple(closed.options), holders))
            else:  # "{" not right after "]": holders are read with their bracket
                raise self.error(
                    _(
                        "a “{” that does not follow “]” must be escaped: write \\{ for a "
                        "literal brace (holders follow the closing bracket with no space, "
                        "as in [text]{JP})"
                    ),
                    j,
                )
        if self.open:
            opened = self.open[-1].opened_at
            raise self.error(
                _("unclosed bracket: the “[” opened at %(position)d has no “]”")
                % {"position": self.at(opened)},
                opened,
            )
        return tuple(self.flush())

    def holders(self, i: int) -> tuple[tuple[str, ...], int]:
        """The holders list starting at `i` (if any) and the offset after it."""
        s = self.s
        if i >= len(s) or s[i] != "{":
            return (), i
        close = s.find("}", i)
        if close < 0:
            raise self.error(
                _("unterminated holders list: the “{” at %(position)d has no “}”")
                % {"position": self.at(i)},
                i,
            )
        body = s[i + 1 : close]
        codes: list[str] = []
        offset = i + 1
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
        return normalise_holders(codes), close + 1


_MARKUP_CHARS = re.compile(r"[\[\]\\{]")


def parse(markup: str, *, locate: Callable[[int], int] | None = None) -> Text:
    """Parse provision markup into a Text; raise BracketSyntaxError on malformed input,
    including brackets nested deeper than `MAX_NESTING`.

    `locate` (optional) maps an offset in `markup` to the offset reported in errors."""
    if not _MARKUP_CHARS.search(markup):
        # most provisions are agreed plain text: no need to walk them
        return (Span(markup),) if markup else ()
    return _Parser(markup, locate).parse()


# ------------------------------------------------------------------------ walking

# The events of a walk: text, a bracket opening, a separator between its options, its end.
SPAN, OPEN, SEPARATOR, CLOSE = "span", "open", "separator", "close"


def _events(text: Text) -> Iterator[tuple[str, Node, int]]:
    """(event, node, depth) for the whole text in reading order, without recursion: SPAN
    with a Span, OPEN / SEPARATOR / CLOSE with their Bracket; depth 0 is the top level
    (a bracket's own events have the depth it sits at, its options one more)."""
    nodes: list[Iterator[Node]] = [iter(text)]
    opened: list[tuple[Bracket, Iterator[Text]]] = []
    while nodes:
        node = next(nodes[-1], None)
        if node is None:
            nodes.pop()
            if not opened:
                continue
            bracket, options = opened[-1]
            option = next(options, None)
            if option is None:
                opened.pop()
                yield CLOSE, bracket, len(opened)
            else:
                yield SEPARATOR, bracket, len(opened) - 1
                nodes.append(iter(option))
        elif isinstance(node, Span):
            yield SPAN, node, len(opened)
        else:
            yield OPEN, node, len(opened)
            options = iter(node.options)
            opened.append((node, options))
            nodes.append(iter(next(options, ())))


def brackets_in_order(text: Text) -> Iterator[tuple[Bracket, int]]:
    """Every bracket depth first (pre-order), with its depth (0 = top level)."""
    for event, node, depth in _events(text):
        if event == OPEN:
            assert isinstance(node, Bracket)
            yield node, depth


def nesting_depth(text: Text) -> int:
    """How many levels the brackets of the text nest (0: no bracket)."""
    deepest = 0
    pending = [(text, 0)]  # texts still to look at, with the depth they sit at
    while pending:
        level, depth = pending.pop()
        for node in level:
            if isinstance(node, Bracket):
                deepest = max(deepest, depth + 1)
                pending.extend((option, depth + 1) for option in node.options)
    return deepest


def _plain_options(bracket: Bracket) -> list[str] | None:
    """The texts of the options when each is plain text (no nested bracket), else None."""
    texts: list[str] = []
    for option in bracket.options:
        if len(option) != 1 or not isinstance(option[0], Span):
            return None
        texts.append(option[0].text)
    return texts


def _compose(
    text: Text,
    *,
    span: Callable[[str, int], str],
    opening: Callable[[Bracket], str],
    separator: str,
    closing: Callable[[Bracket], str],
) -> str:
    """Join the pieces a view makes of each span (with its depth), bracket opening,
    separator and bracket closing, in reading order. Most brackets hold plain text and are
    composed directly; a bracket with brackets in it goes through `_events`."""
    parts: list[str] = []
    for node in text:
        if isinstance(node, Span):
            parts.append(span(node.text, 0))
            continue
        options = _plain_options(node)
        if options is not None:
            inner = separator.join([span(option, 1) for option in options])
            parts.append(opening(node) + inner + closing(node))
            continue
        for event, item, depth in _events((node,)):
            if isinstance(item, Span):
                parts.append(span(item.text, depth))
            elif event == OPEN:
                parts.append(opening(item))
            elif event == SEPARATOR:
                parts.append(separator)
            else:
                parts.append(closing(item))
    return "".join(parts)


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


def _markup_holders(bracket: Bracket) -> str:
    return "]{" + ",".join(bracket.holders) + "}" if bracket.holders else "]"


def serialize(text: Text) -> str:
    """Markup for a Text; parse(serialize(text)) == text for any parsed text."""
    return _compose(
        text,
        span=lambda piece, depth: _escape_span(piece, in_bracket=depth > 0),
        opening=lambda bracket: "[",
        separator=" / ",
        closing=_markup_holders,
    )


# ---------------------------------------------------------------------- reading views

_SPACE_RUN = re.compile(r"\s+")
_SPACE_BEFORE_PUNCT = re.compile(r" +([.,;:!?)\]}»”、。，．：；！？）」』])")
_SPACE_AFTER_OPEN = re.compile(r"([(«“「『（]) +")


def plain_text(text: Text) -> str:
    """The text as read: brackets as "[a / b]", no holders, no escapes."""
    if len(text) == 1 and isinstance(text[0], Span):
        return text[0].text  # agreed text, the most common provision
    return _compose(
        text,
        span=lambda piece, depth: piece,
        opening=lambda bracket: "[",
        separator=" / ",
        closing=lambda bracket: "]",
    )


def clean_text(text: Text) -> str:
    """Agreed text only: brackets and their content dropped, white space normalised."""
    agreed = "".join(n.text for n in text if isinstance(n, Span))
    agreed = _SPACE_RUN.sub(" ", agreed).strip()
    agreed = _SPACE_BEFORE_PUNCT.sub(r"\1", agreed)
    return _SPACE_AFTER_OPEN.sub(r"\1", agreed)


def open_brackets(text: Text) -> int:
    """How many brackets the text has, nested ones included."""
    count = 0
    pending = [text]
    while pending:
        for node in pending.pop():
            if isinstance(node, Bracket):
                count += 1
                pending.extend(node.options)
    return count


def brackets(text: Text) -> list[BracketInfo]:
    """Every bracket in depth-first order, with its depth (0 = top level)."""
    return [
        BracketInfo(
            index=k,
            depth=depth,
            options=tuple(plain_text(o) for o in bracket.options),
            holders=bracket.holders,
        )
        for k, (bracket, depth) in enumerate(brackets_in_order(text))
    ]


# ------------------------------------------------------------------------- rendering

_OPTION_SEPARATOR = '</span><span class="sep"> / </span><span class="option">'


def _html_holders(bracket: Bracket) -> str:
    if not bracket.holders:
        return "</span>]</span>"
    return f'</span>]<sup class="holders">{escape(", ".join(bracket.holders))}</sup></span>'


def render_html(text: Text) -> SafeString:
    """HTML of the full text with brackets marked up: each bracket a ``span.bracket``
    with its index in ``data-bracket``, its options ``span.option`` between
    ``span.sep``, its holders a ``sup.holders``; all text escaped."""
    if len(text) == 1 and isinstance(text[0], Span):
        return escape(text[0].text)  # agreed text, the most common provision
    numbers = itertools.count()

    def opening(bracket: Bracket) -> str:
        return f'<span class="bracket" data-bracket="{next(numbers)}">[<span class="option">'

    html = _compose(
        text,
        span=lambda piece, depth: str(escape(piece)),
        opening=opening,
        separator=_OPTION_SEPARATOR,
        closing=_html_holders,
    )
    return mark_safe(html)  # noqa: S308 - every text piece is escaped
