"""Bracket markup: parsing, errors with positions, edits, rendering and Word import."""

from __future__ import annotations

import sys

import pytest

from secretariat.negotiation.text.brackets import (
    MAX_NESTING,
    Bracket,
    BracketEditError,
    BracketInfo,
    BracketSyntaxError,
    Span,
    add_bracket,
    brackets,
    clean_text,
    import_word_text,
    nesting_depth,
    open_brackets,
    parse,
    plain_text,
    render_html,
    resolve_bracket,
    serialize,
    set_holders,
)

SAMPLE = "We [strongly / firmly]{JP,KZ} support [the [joint]{KZ} response]{JP} to COVID-19/SARS."


class TestParse:
    def test_plain_text_is_one_span(self):
        assert parse("Agreed text.") == (Span("Agreed text."),)

    def test_empty_markup(self):
        assert parse("") == ()

    def test_alternatives_and_holders(self):
        assert parse("a [x / y]{kz, JP} b") == (
            Span("a "),
            Bracket(((Span("x"),), (Span("y"),)), ("JP", "KZ")),
            Span(" b"),
        )

    def test_nested_brackets(self):
        assert parse("[a [b]{KZ} c]{JP}") == (
            Bracket(
                ((Span("a "), Bracket(((Span("b"),),), ("KZ",)), Span(" c")),),
                ("JP",),
            ),
        )

    @pytest.mark.parametrize("markup", ["[COVID-19/SARS]", "[and/or]", "[a /b]", "[a/ b]", "x / y"])
    def test_slash_without_spaces_on_both_sides_is_text(self, markup):
        text = parse(markup)
        assert all(len(b.options) == 1 for b in text if isinstance(b, Bracket))
        assert plain_text(text) == markup

    def test_separator_swallows_surrounding_white_space(self):
        assert parse("[a   /\tb]") == (Bracket(((Span("a"),), (Span("b"),))),)

    def test_separator_only_at_the_brackets_own_level(self):
        (outer,) = parse("[a [b / c] d]")
        assert isinstance(outer, Bracket)
        assert len(outer.options) == 1
        assert open_brackets(parse("[a [b / c] d]")) == 2

    def test_escapes(self):
        assert parse(r"\[a\] \/ \{b\} \\") == (Span(r"[a] / {b} \ "[:-1]),)
        assert parse(r"[x \/ y]") == (Bracket(((Span("x / y"),),)),)

    def test_unknown_escape_is_a_literal_backslash(self):
        assert parse(r"C:\path\n") == (Span(r"C:\path\n"),)
        assert parse("end\\") == (Span("end\\"),)

    def test_empty_holders_mean_none(self):
        assert parse("[a]{}") == parse("[a]") == parse("[a]{ }")

    def test_escaped_brace_not_after_bracket_is_text(self):
        assert parse("[a] \\{JP}") == (Bracket(((Span("a"),),)), Span(" {JP}"))
        assert parse("a } b") == (Span("a } b"),)


class TestSyntaxErrors:
    @pytest.mark.parametrize(
        ("markup", "position", "words"),
        [
            ("ok [a", 3, "unclosed bracket"),
            ("[a [b]", 0, "unclosed bracket"),
            ("a] b", 1, "stray “]”"),
            ("[]", 1, "empty option"),
            ("[ ]", 2, "empty option"),
            ("[a / ]", 5, "empty option"),
            ("[ / b]", 2, "empty option"),
            ("[a]{J1}", 4, "bad holder code"),
            ("[a]{JP,,KZ}", 7, "bad holder code"),
            ("[a]{JPN}", 4, "bad holder code"),
            ("[a]{JP", 3, "unterminated holders"),
        ],
    )
    def test_error_says_what_and_where(self, markup, position, words):
        with pytest.raises(BracketSyntaxError) as caught:
            parse(markup)
        assert caught.value.position == position
        assert words in caught.value.message
        assert f"at character {position}" in str(caught.value)

    def test_unclosed_message_names_the_opening(self):
        with pytest.raises(BracketSyntaxError, match="opened at 4"):
            parse("abc [def")

    def test_is_a_value_error(self):
        with pytest.raises(ValueError, match="stray"):
            parse("]")


def nested(depth: int) -> str:
    return "We " + "[agree " * depth + "now" + "]" * depth + "."


def deep_tree(depth: int) -> Bracket:
    """A bracket nested `depth` levels, built without the parser (which refuses it)."""
    node = Bracket(((Span("now"),),))
    for _ in range(depth - 1):
        node = Bracket(((Span("agree "), node),))
    return node


class TestNestingLimit:
    def test_the_limit_is_accepted(self):
        text = parse(nested(MAX_NESTING))
        assert nesting_depth(text) == MAX_NESTING
        assert open_brackets(text) == MAX_NESTING
        assert serialize(text) == nested(MAX_NESTING)
        assert render_html(text).count('class="bracket"') == MAX_NESTING

    @pytest.mark.parametrize("depth", [MAX_NESTING + 1, 400, 5000, 200_000])
    def test_deeper_is_refused_at_the_bracket_that_opens_one_level_too_many(self, depth):
        markup = nested(depth)
        with pytest.raises(BracketSyntaxError) as caught:
            parse(markup)
        assert caught.value.position == len("We ") + len("[agree ") * MAX_NESTING
        assert markup[caught.value.position] == "["
        assert f"at most {MAX_NESTING} levels deep" in caught.value.message
        assert f"level {MAX_NESTING + 1}" in caught.value.message

    def test_levels_count_nesting_not_brackets(self):
        side_by_side = " ".join([nested(MAX_NESTING)] * 50)
        assert nesting_depth(parse(side_by_side)) == MAX_NESTING
        assert nesting_depth(parse("[a / [b]] [c]")) == 2
        assert nesting_depth(parse("none")) == 0

    def test_read_views_do_not_recurse(self):
        """A text deeper than any the parser lets in, and deeper than Python's recursion
        limit, is still walked: the read views never recurse."""
        depth = 5 * sys.getrecursionlimit()
        text = (deep_tree(depth),)
        assert nesting_depth(text) == depth
        assert open_brackets(text) == depth
        assert plain_text(text) == "[agree " * (depth - 1) + "[now" + "]" * depth
        assert serialize(text) == plain_text(text)
        assert render_html(text).count("data-bracket=") == depth

    def test_add_bracket_refuses_to_nest_deeper(self):
        markup = nested(MAX_NESTING)
        inner = plain_text(parse(markup)).index("now")
        with pytest.raises(BracketEditError, match=f"at most {MAX_NESTING} levels"):
            add_bracket(markup, inner, inner + 3)
        with pytest.raises(BracketEditError, match=f"{MAX_NESTING + 1} levels deep"):
            add_bracket(markup, 0, len(plain_text(parse(markup))))

    def test_add_bracket_may_reach_the_limit(self):
        markup = nested(MAX_NESTING - 1)
        inner = plain_text(parse(markup)).index("now")
        assert nesting_depth(parse(add_bracket(markup, inner, inner + 3))) == MAX_NESTING

    def test_paste_refuses_too_deep_with_the_position_in_the_paste(self):
        pasted = f"Title\n1. {nested(400)}\n"
        with pytest.raises(BracketSyntaxError) as caught:
            import_word_text(pasted)
        assert caught.value.message.startswith("paragraph 2: brackets may nest at most")
        assert caught.value.position == pasted.index("[") + len("[agree ") * MAX_NESTING


class TestBraces:
    @pytest.mark.parametrize(
        ("markup", "position"),
        [
            ("The {JP} text", 4),
            ("[a] {JP}", 4),
            ("[a]{JP}{KZ}", 7),
            ("[a {JP}]", 3),
            ("\\]{JP}", 2),
            ("{", 0),
        ],
    )
    def test_a_brace_that_does_not_follow_a_bracket_is_refused(self, markup, position):
        with pytest.raises(BracketSyntaxError) as caught:
            parse(markup)
        assert caught.value.position == position
        assert "must be escaped" in caught.value.message
        assert "\\{" in caught.value.message  # says how

    def test_escaped_it_is_text_and_serialises_escaped(self):
        text = parse("The \\{JP} text")
        assert text == (Span("The {JP} text"),)
        assert serialize(text) == "The \\{JP} text"
        assert serialize((Span("{"),)) == "\\{"


class TestSerialize:
    @pytest.mark.parametrize(
        "markup",
        [
            SAMPLE,
            "",
            "plain",
            r"lit \[x\] \\ and \{",
            "[a [b / c]{TM} d / e]{JP}",
            r"[a \/ b / c]",
            "[[x]\\/ y]",
            "日本は[医療 / 保健]{JP}協力を行う。",
        ],
    )
    def test_round_trip(self, markup):
        assert serialize(parse(markup)) == markup
        assert parse(serialize(parse(markup))) == parse(markup)

    def test_normalises(self):
        assert serialize(parse("[a  /  b]{kz,jp,KZ}")) == "[a / b]{JP,KZ}"
        assert serialize(parse(r"\}\x")) == r"}\\x"

    def test_top_level_slash_never_escaped(self):
        assert serialize((Span("a / b"),)) == "a / b"


class TestViews:
    def test_clean_text_drops_brackets_and_tidies_spaces(self):
        assert clean_text(parse(SAMPLE)) == "We support to COVID-19/SARS."
        assert clean_text(parse("We agree [in principle].")) == "We agree."
        assert clean_text(parse("(  [x]  a )")) == "(a)"

    def test_open_brackets_counts_nested(self):
        assert open_brackets(parse(SAMPLE)) == 3
        assert open_brackets(parse("none")) == 0

    def test_brackets_depth_first(self):
        assert brackets(parse(SAMPLE)) == [
            BracketInfo(0, 0, ("strongly", "firmly"), ("JP", "KZ")),
            BracketInfo(1, 0, ("the [joint] response",), ("JP",)),
            BracketInfo(2, 1, ("joint",), ("KZ",)),
        ]

    def test_plain_text(self):
        assert plain_text(parse(r"[a / b]{JP} \[c\]")) == "[a / b] [c]"


class TestEdits:
    def test_resolve_choice(self):
        assert serialize(resolve_bracket(parse(SAMPLE), 0, 1)) == (
            "We firmly support [the [joint]{KZ} response]{JP} to COVID-19/SARS."
        )

    def test_resolve_keeps_nested_brackets_open(self):
        resolved = resolve_bracket(parse(SAMPLE), 1, None)
        assert serialize(resolved) == (
            "We [strongly / firmly]{JP,KZ} support the [joint]{KZ} response to COVID-19/SARS."
        )
        assert open_brackets(resolved) == 2

    def test_resolve_nested(self):
        assert "the joint response" in serialize(resolve_bracket(parse(SAMPLE), 2, None))

    def test_resolve_merges_spans(self):
        assert resolve_bracket(parse("a [b] c"), 0, None) == (Span("a b c"),)

    def test_resolve_none_refuses_alternatives(self):
        with pytest.raises(BracketEditError, match="2 alternatives"):
            resolve_bracket(parse(SAMPLE), 0, None)

    @pytest.mark.parametrize("choice", [-1, 2])
    def test_resolve_choice_out_of_range(self, choice):
        with pytest.raises(BracketEditError, match="no option"):
            resolve_bracket(parse(SAMPLE), 0, choice)

    def test_unknown_index(self):
        with pytest.raises(BracketEditError, match="no bracket number 4"):
            resolve_bracket(parse(SAMPLE), 3, None)

    def test_set_holders(self):
        text = set_holders(parse(SAMPLE), 2, ["tm", "KZ", "TM"])
        assert brackets(text)[2].holders == ("KZ", "TM")
        assert brackets(set_holders(text, 0, []))[0].holders == ()

    def test_set_holders_bad_code(self):
        with pytest.raises(BracketEditError, match="two-letter"):
            set_holders(parse(SAMPLE), 0, ["Japan"])


class TestAddBracket:
    MARKUP = "We support the joint response to the pandemic."

    def test_brackets_a_span_with_alternatives_and_holders(self):
        assert add_bracket(self.MARKUP, 3, 10, ["endorse"], ["kz"]) == (
            "We [support / endorse]{KZ} the joint response to the pandemic."
        )

    def test_trims_white_space_of_the_selection(self):
        assert add_bracket(self.MARKUP, 2, 11) == "We [support] the joint response to the pandemic."

    def test_nests_inside_an_option(self):
        markup = "We [support / endorse]{KZ} the response."
        # plain: "We [support / endorse] the response." -> "endorse" is 14..21
        assert add_bracket(markup, 14, 21, ["welcome"], ["JP"]) == (
            "We [support / [endorse / welcome]{JP}]{KZ} the response."
        )

    def test_can_contain_whole_brackets(self):
        markup = "We [support]{KZ} the response."
        assert add_bracket(markup, 0, len("We [support] the")) == "[We [support]{KZ} the] response."

    def test_refuses_to_cut_a_bracket(self):
        with pytest.raises(BracketEditError, match="cuts across"):
            add_bracket("We [support]{KZ} the response.", 0, 6)

    def test_refuses_to_span_alternatives(self):
        with pytest.raises(BracketEditError, match="alternatives"):
            add_bracket("We [support / endorse] it.", 5, 16)

    @pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 400), (7, 3)])
    def test_refuses_offsets_outside(self, start, end):
        with pytest.raises(BracketEditError, match="outside"):
            add_bracket(self.MARKUP, start, end)

    def test_refuses_empty_selection(self):
        with pytest.raises(BracketEditError, match="Select"):
            add_bracket(self.MARKUP, 2, 3)

    def test_refuses_empty_alternative(self):
        with pytest.raises(BracketEditError, match="Alternative 2 is empty"):
            add_bracket(self.MARKUP, 3, 10, ["  "])

    def test_malformed_alternative(self):
        with pytest.raises(BracketSyntaxError):
            add_bracket(self.MARKUP, 3, 10, ["[oops"])

    def test_alternative_with_spaced_slash_stays_one_option(self):
        result = add_bracket(self.MARKUP, 3, 10, ["support and / or endorse"])
        assert brackets(parse(result))[0].options == ("support", "support and / or endorse")


class TestRenderHtml:
    def test_structure(self):
        html = render_html(parse("a [x / y]{JP,KZ} [p [q] r]"))
        assert html == (
            'a <span class="bracket" data-bracket="0">[<span class="option">x</span>'
            '<span class="sep"> / </span><span class="option">y</span>]'
            '<sup class="holders">JP, KZ</sup></span> '
            '<span class="bracket" data-bracket="1">[<span class="option">p '
            '<span class="bracket" data-bracket="2">[<span class="option">q</span>]</span>'
            " r</span>]</span>"
        )

    def test_escapes_text(self):
        html = render_html(parse('<script>alert(1)</script> [&amp; / "x"]'))
        assert "<script>" not in html
        assert "&lt;script&gt;" in html
        assert "&amp;amp;" in html
        assert "&quot;x&quot;" in html


class TestImportWordText:
    PASTED = (
        "PROGRAMME DOCUMENT\n"
        "\n"
        "Recognising the threat of the [coronavirus / COVID-19] pandemic,\n"
        "1.\tThe participants [agree / decide] (JP, KZ) to cooperate.\n"
        "(a) exchanging information on COVID-19/SARS\u00a0 measures;\n"
        "1.1 setting up a [joint]{TM} hotline;\n"
        "II. Final provisions\n"
        "２．日本は［医療 / 保健］（JP、KZ）協力を行う。\n"
        "Costs {if any} are shared [equally] (KZ; TM) in C:\\budget.\n"
    )

    def test_splits_and_hints(self):
        assert import_word_text(self.PASTED) == [
            ("heading", "PROGRAMME DOCUMENT"),
            ("preambular", "Recognising the threat of the [coronavirus / COVID-19] pandemic,"),
            ("operative", "The participants [agree / decide]{JP,KZ} to cooperate."),
            ("subparagraph", "exchanging information on COVID-19/SARS measures;"),
            ("subparagraph", "setting up a [joint]{TM} hotline;"),
            ("heading", "Final provisions"),
            ("operative", "日本は[医療 / 保健]{JP,KZ}協力を行う。"),
            ("", r"Costs \{if any} are shared [equally]{KZ,TM} in C:\\budget."),
        ]

    def test_lowercase_parentheses_are_text(self):
        assert import_word_text("We [agree] (in principle) to it.") == [
            ("", "We [agree] (in principle) to it.")
        ]

    def test_error_position_is_in_the_pasted_text(self):
        pasted = "Title\n\n  (b)  We   [agree / ]  to it.\n"
        with pytest.raises(BracketSyntaxError) as caught:
            import_word_text(pasted)
        assert caught.value.message.startswith("paragraph 2: empty option")
        assert pasted[caught.value.position] == "]"
        assert f"opened at {pasted.index('[')}" in caught.value.message

    def test_unclosed_at_end_of_paste(self):
        pasted = "Title\n1. We [agree to"
        with pytest.raises(BracketSyntaxError) as caught:
            import_word_text(pasted)
        assert caught.value.position == pasted.index("[")

    def test_empty_paste(self):
        assert import_word_text("\n \n") == []
