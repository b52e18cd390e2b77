"""Line breaking: nothing lost, Latin at spaces, Japanese anywhere but against kinsoku."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from secretariat.core.exports.typeset import NO_LINE_END, NO_LINE_START, Style, break_lines

PLAIN = Style("Sans", False, 10, (0, 0, 0))
BOLD = Style("Sans", True, 10, (0, 0, 0))


def _width(style, text):
    return float(len(text))  # every character one unit wide


def _lines(text, width, style=PLAIN):
    return [
        "".join(p.text for p in line) for line in break_lines([(style, text)], _width, width=width)
    ]


def test_latin_breaks_at_spaces_and_drops_them():
    assert _lines("The ministers agreed to prepare four documents", 16) == [
        "The ministers",
        "agreed to",
        "prepare four",
        "documents",
    ]


def test_japanese_breaks_between_characters_but_keeps_punctuation_with_its_word():
    lines = _lines("発言した代表団（発言順）：トルクメニスタン、日本。", 7)
    assert "".join(lines) == "発言した代表団（発言順）：トルクメニスタン、日本。"
    for line in lines[1:]:
        assert line[0] not in NO_LINE_START, lines
    for line in lines:
        assert line[-1] not in NO_LINE_END, lines
    # The opening bracket went down with what it opens; 、 stayed with the ン before it.
    assert lines == ["発言した代表団", "（発言順）：ト", "ルクメニスタ", "ン、日本。"]


def test_a_latin_word_after_japanese_moves_whole_to_the_next_line():
    assert _lines("出席者Nurlanova", 10) == ["出席者", "Nurlanova"]


def test_a_word_longer_than_the_line_is_cut_between_characters():
    assert _lines("SHA-256 " + "3f" * 10, 8) == ["SHA-256", "3f3f3f3f", "3f3f3f3f", "3f3f"]


def test_line_breaks_are_kept_and_styles_merge_into_runs():
    lines = break_lines([(PLAIN, "a b "), (BOLD, "c\nd")], _width, width=20)
    assert [[(p.style.bold, p.text) for p in line] for line in lines] == [
        [(False, "a b "), (True, "c")],
        [(True, "d")],
    ]


JAPANESE = st.text(alphabet="日本代表団発言、。「」（）ー・ッゃ ABCxyz", max_size=80)


@given(JAPANESE, st.integers(min_value=6, max_value=40))
def test_no_character_is_lost_and_no_line_overflows(text, width):
    lines = _lines(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines:
        assert len(line) <= width or " " not in line
