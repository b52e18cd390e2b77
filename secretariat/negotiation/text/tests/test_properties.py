"""Properties of the markup and the word diff, explored by hypothesis.

- parse / serialise round trip; any string parses or fails at a position inside it;
- adding a bracket and then resolving it (keeping the original option) or agreeing it
  gives the text back; keeping the alternative instead replaces the span;
- a bracketed insertion that is then dropped leaves the text as it was (drop tidies the
  white space it leaves, as docs/negotiation-text.md says);
- nesting is accepted up to `MAX_NESTING` and refused beyond;
- applying the ops of `word_diff(old, new)` to `old` rebuilds `new` exactly.

Profiles are bounded (a few hundred examples, no deadline, no example database) so that
the suite stays quick and does not flake on a loaded machine.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from secretariat.negotiation.text.brackets import (
    MAX_NESTING,
    BracketEditError,
    BracketSyntaxError,
    add_bracket,
    brackets,
    clean_text,
    drop_bracket,
    nesting_depth,
    open_brackets,
    parse,
    plain_text,
    resolve_bracket,
    serialize,
)
from secretariat.negotiation.text.diff import DiffOp, word_diff
from secretariat.negotiation.text.markup import _Parser

BOUNDED = settings(max_examples=300, deadline=None, database=None)
# Each example of an edit property tries every end of the selection: fewer examples.
EDITS = settings(max_examples=150, deadline=None, database=None)

# Markup made of safe pieces: hypothesis explores nesting, separators and escapes.
_WORD = st.sampled_from(["a", "b c", "COVID-19/SARS", " / ", "/", "日本", "\\", "{", "}", "x "])


def _escaped(parts: list[str]) -> str:
    return "".join(parts).replace("\\", "\\\\").replace("{", "\\{")


def _markup(depth: int, *, blank: bool = True) -> st.SearchStrategy[str]:
    """Markup nested up to `depth` levels; with blank=False never only white space (every
    word has a character that is not white space, so no filter is needed)."""
    if depth == 0:
        return st.lists(_WORD, min_size=0 if blank else 1, max_size=4).map(_escaped)
    option = _markup(depth - 1, blank=False).map(lambda m: m.replace(" / ", " \\/ "))
    bracket = st.builds(
        lambda options, holders: (
            "["
            + " / ".join(o.strip() or "x" for o in options)
            + "]"
            + ("{" + ",".join(holders) + "}" if holders else "")
        ),
        st.lists(option, min_size=1, max_size=3),
        st.lists(st.sampled_from(["JP", "KZ", "TM", "US"]), max_size=3),
    )
    pieces = st.one_of(st.lists(_WORD, min_size=1, max_size=4).map(_escaped), bracket)
    return st.lists(pieces, min_size=0 if blank else 1, max_size=4).map("".join)


def _parsed(markup: str) -> str:
    """The normalised form of `markup`, or skip the example when it does not parse."""
    try:
        return serialize(parse(markup))
    except BracketSyntaxError:
        assume(False)
        raise  # not reached: assume(False) stops the example


# --- parse and serialise -------------------------------------------------------------------


@BOUNDED
@given(_markup(2))
def test_property_round_trip(markup):
    try:
        text = parse(markup)
    except BracketSyntaxError:
        return  # e.g. an option that is only an escaped separator's white space
    normal = serialize(text)
    assert parse(normal) == text
    assert serialize(parse(normal)) == normal
    assert open_brackets(text) == len(brackets(text))
    assert (
        open_brackets(
            parse(
                clean_text(text)
                .replace("\\", "\\\\")
                .replace("[", "\\[")
                .replace("]", "\\]")
                .replace("{", "\\{")
            )
        )
        == 0
    )


@BOUNDED
@given(st.text(alphabet="ab[]/ {}\\JP,", max_size=20))
def test_property_any_string_parses_or_fails_cleanly(markup):
    error: BracketSyntaxError | None = None
    try:
        text = parse(markup)
    except BracketSyntaxError as caught:
        error = caught
    if error is not None:
        assert 0 <= error.position <= len(markup)
    else:
        assert parse(serialize(text)) == text


@BOUNDED
@given(st.text(alphabet="ab /,.;:-()\t\u3000日本", max_size=30))
def test_plain_text_fast_path_parses_as_the_full_parser(markup):
    assert parse(markup) == _Parser(markup).parse()


Shaped = tuple[str, int]  # markup and how deep its brackets nest


def _bracket_of(options: list[Shaped]) -> Shaped:
    return "[" + " / ".join(m for m, _ in options) + "]", 1 + max(d for _, d in options)


def _option_of(parts: list[Shaped]) -> Shaped:
    return " ".join(m for m, _ in parts), max(d for _, d in parts)


def _shaped_bracket(children: st.SearchStrategy[Shaped]) -> st.SearchStrategy[Shaped]:
    option = st.lists(children, min_size=1, max_size=3).map(_option_of)
    return st.lists(option, min_size=1, max_size=2).map(_bracket_of)


_SHAPED = st.recursive(
    st.sampled_from(["a", "b c", "日本"]).map(lambda word: (word, 0)),
    _shaped_bracket,
    max_leaves=12,
)


@BOUNDED
@given(_SHAPED, st.integers(0, MAX_NESTING + 4))
def test_property_nesting_accepted_up_to_the_limit(shaped, around):
    inner, inner_depth = shaped
    markup = "[" * around + inner + "]" * around
    depth = inner_depth + around
    if depth <= MAX_NESTING:
        text = parse(markup)
        assert nesting_depth(text) == depth
        assert serialize(text) == markup
        return
    with pytest.raises(BracketSyntaxError) as caught:
        parse(markup)
    assert f"at most {MAX_NESTING} levels" in caught.value.message
    assert markup[caught.value.position] == "["


# --- bracket edits -------------------------------------------------------------------------

NEW = "ZZ"  # a holder code the markup strategy never uses: it finds the added bracket


def _added(markup: str) -> int:
    indexes = [b.index for b in brackets(parse(markup)) if b.holders == (NEW,)]
    assert len(indexes) == 1
    return indexes[0]


def _fits(markup: str, start: int, end: int) -> bool:
    try:
        add_bracket(markup, start, end, (), [NEW])
    except BracketEditError:
        return False
    return True


def _selection(data: st.DataObject, markup: str) -> tuple[int, int]:
    """A span of the plain rendering that can be bracketed: drawn among those that fit,
    so that few examples are thrown away."""
    length = len(plain_text(parse(markup)))
    start = data.draw(st.integers(0, length), label="start")
    ends = [end for end in range(start, length + 1) if _fits(markup, start, end)]
    assume(ends)
    return start, data.draw(st.sampled_from(ends), label="end")


def _bracket(markup: str, start: int, end: int, alternatives: list[str]) -> str:
    try:
        return add_bracket(markup, start, end, alternatives, [NEW])
    except BracketEditError:
        assume(False)  # the bracket would nest too deep
        raise


@EDITS
@given(_markup(2), st.data())
def test_property_add_then_keep_the_original_option_restores_the_text(markup, data):
    original = _parsed(markup)
    start, end = _selection(data, original)
    alternatives = data.draw(st.lists(st.sampled_from(["other", "日本", "a / b"]), max_size=2))
    bracketed = _bracket(original, start, end, alternatives)
    index = _added(bracketed)
    assert serialize(resolve_bracket(parse(bracketed), index, 0)) == original
    if not alternatives:
        assert serialize(resolve_bracket(parse(bracketed), index, None)) == original


@EDITS
@given(_markup(2), st.data())
def test_property_keeping_the_alternative_replaces_the_span(markup, data):
    original = _parsed(markup)
    start, end = _selection(data, original)
    bracketed = _bracket(original, start, end, ["other"])
    plain = plain_text(parse(original))
    selected = plain[start:end].strip()
    kept = plain_text(resolve_bracket(parse(bracketed), _added(bracketed), 1))
    cut = start + (len(plain[start:end]) - len(plain[start:end].lstrip()))
    assert kept == plain[:cut] + "other" + plain[cut + len(selected) :]


_TIDY_WORD = st.sampled_from(
    ["We", "agree", "to", "cooperate", "[closely]{KZ}", "[a / b]", "日本", "COVID-19/SARS"]
)


@BOUNDED
@given(
    st.lists(_TIDY_WORD, min_size=1, max_size=8),
    st.sampled_from([".", ",", ";", ""]),
    st.sampled_from(["[in principle]{ZZ}", "[fully / partly]{ZZ}", "[[joint]{TM} action]{ZZ}"]),
    st.data(),
)
def test_property_dropping_a_bracketed_insertion_restores_the_text(words, end, inserted, data):
    """An inserted passage in brackets, dropped (an agreed deletion), leaves the text as it
    was: drop removes the bracket with its text and the double space or the space before
    punctuation that it leaves."""
    original = " ".join(words) + end
    last = len(words) if end else len(words) - 1  # at the very end a space would be left
    assume(last >= 1)
    at = data.draw(st.integers(1, last), label="after word")
    with_insertion = " ".join([*words[:at], inserted, *words[at:]]) + end
    dropped = drop_bracket(parse(with_insertion), _added(with_insertion))
    assert serialize(dropped) == serialize(parse(original))


# --- word diff -----------------------------------------------------------------------------

_DIFF_ALPHABET = "ab c, .;/-日本はテキスト Мир да\t\n"


def _apply(old: str, ops: list[DiffOp]) -> str:
    """Apply the ops to `old`: equal and delete must match it where they stand."""
    out: list[str] = []
    at = 0
    for op, text in ops:
        assert text, "an op with no text"
        if op == "insert":
            out.append(text)
            continue
        assert old.startswith(text, at), (op, text, at)
        at += len(text)
        if op == "equal":
            out.append(text)
        else:
            assert op == "delete"
    assert at == len(old)
    return "".join(out)


@st.composite
def _revisions(draw: st.DrawFn) -> tuple[str, str]:
    old = draw(st.text(alphabet=_DIFF_ALPHABET, max_size=60))
    if draw(st.booleans()):
        return old, draw(st.text(alphabet=_DIFF_ALPHABET, max_size=60))
    new = old
    for _ in range(draw(st.integers(1, 4))):  # a few edits of the old text
        start = draw(st.integers(0, len(new)))
        end = draw(st.integers(start, min(len(new), start + 10)))
        new = new[:start] + draw(st.text(alphabet=_DIFF_ALPHABET, max_size=8)) + new[end:]
    return old, new


@BOUNDED
@given(_revisions())
def test_property_applying_the_word_diff_rebuilds_the_new_text(revisions):
    old, new = revisions
    ops = word_diff(old, new)
    assert _apply(old, ops) == new
    assert all(a[0] != b[0] for a, b in itertools.pairwise(ops))
    if old == new:
        assert all(op == "equal" for op, _text in ops)
