"""Edits of bracket markup: resolve (keep an option, agree), drop, set holders, add.

Each takes a Text (or markup) and returns a new one; an edit that does not fit the text
(no such bracket, option out of range, a selection that cuts a bracket, a bracket that
would nest deeper than `MAX_NESTING`) raises `BracketEditError`.

The helpers below recurse along the nesting of the text they are given; `parse` refuses
texts nested deeper than `MAX_NESTING` and `add_bracket` refuses to make one, so the
recursion is never deeper than that.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from django.utils.translation import gettext as _

from secretariat.negotiation.text.markup import (
    MAX_NESTING,
    Bracket,
    BracketEditError,
    Node,
    Span,
    Text,
    append_span,
    is_blank,
    nesting_depth,
    normal,
    normalise_holders,
    open_brackets,
    parse,
    plain_text,
    serialize,
)

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
                out.extend(replace(node))
                continue
            counter[0] -= 1
            options = tuple(_replace_in(o, counter, replace) for o in node.options)
            out.append(Bracket(options, node.holders))
        else:
            out.append(node)
    return normal(out)


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
    return len(node.text) if isinstance(node, Span) else len(plain_text((node,)))


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
                option_end = option_start + len(plain_text(option))
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
            append_span(before, node.text[:cut_a])
            append_span(selected, node.text[cut_a:cut_b])
            append_span(after, node.text[cut_b:])
        elif start <= node_start and node_end <= end:
            selected.append(node)
        else:
            raise BracketEditError(
                _(
                    "The selection cuts across an existing bracket; select text outside it, "
                    "inside one of its alternatives, or the whole bracket."
                )
            )
    return normal([*before, *make(tuple(selected)), *after])


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
    bracket (the new bracket nests there) or contain whole brackets, but may not cut one,
    and the brackets may not end up nested deeper than `MAX_NESTING`.
    Returns the new markup; raises BracketSyntaxError for malformed markup or
    alternatives and BracketEditError for a selection that does not fit.
    """
    text = parse(markup)
    plain = plain_text(text)
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
        if is_blank(option):
            raise BracketEditError(_("Alternative %(number)d is empty.") % {"number": number})
        parsed_alternatives.append(option)
    codes = normalise_holders(holders)

    def wrap(selected: Text) -> Text:
        return (Bracket((selected, *parsed_alternatives), codes),)

    bracketed = _wrap(text, start, end, wrap)
    if nesting_depth(bracketed) > MAX_NESTING:
        raise BracketEditError(
            _(
                "This bracket would nest the brackets %(depth)d levels deep; brackets may nest "
                "at most %(limit)d levels. Agree or drop an inner bracket first."
            )
            % {"depth": nesting_depth(bracketed), "limit": MAX_NESTING}
        )
    return serialize(bracketed)
