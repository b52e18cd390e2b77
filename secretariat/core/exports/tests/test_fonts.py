"""The shipped fonts cover JIS X 0208, JIS X 0213 and CP932 whole, in both weights."""

from __future__ import annotations

from functools import cache

import pytest
from fontTools.ttLib import TTFont

from secretariat.core.exports import charsets
from secretariat.core.exports.pdf import FACES, FONTS
from tests.support.exports import NAMES, UNPRINTABLE, characters


@cache
def _cmap(file: str) -> frozenset[int]:
    with TTFont(FONTS / file) as font:
        return frozenset(font.getBestCmap())


@cache
def _covered(weight: int) -> frozenset[int]:
    """What the families of one weight (0 regular, 1 bold) draw together."""
    return frozenset().union(*(_cmap(files[weight]) for files in FACES.values()))


def _gaps(chars: frozenset[str], weight: int) -> list[str]:
    return sorted(f"U+{ord(c):04X}" for c in chars if ord(c) not in _covered(weight))


@pytest.mark.parametrize("weight", [0, 1], ids=["regular", "bold"])
@pytest.mark.parametrize(
    "charset", [charsets.jis_x_0208, charsets.jis_x_0213, charsets.cp932], ids=lambda f: f.__name__
)
def test_every_character_of_the_japanese_character_sets_has_a_glyph(charset, weight):
    assert _gaps(charset(), weight) == []


@pytest.mark.parametrize("weight", [0, 1], ids=["regular", "bold"])
def test_names_of_real_delegation_lists_have_glyphs_and_emoji_do_not(weight):
    assert _gaps(frozenset(characters(NAMES)), weight) == []
    assert len(_gaps(frozenset(UNPRINTABLE), weight)) == len(UNPRINTABLE)


def test_bold_draws_what_regular_draws():
    for regular, bold in FACES.values():
        assert _cmap(regular) == _cmap(bold)


def test_the_character_sets_are_the_standard_ones():
    assert len(charsets.jis_x_0208()) == 6879
    # 11,233 characters, 25 of them written as two code points (kana with a combining mark).
    assert len(charsets.jis_x_0213()) == 11209
    assert charsets.jis_x_0208() < charsets.jis_x_0213()
    assert "\u2985" in charsets.jis_x_0213()  # ⦅, 1-2-54, drawn with the glyph of U+FF5F
    assert "\U00020089" in charsets.jis_x_0213()  # plane 2, row 1
    # CP932: the NEC special characters and the IBM extensions, no user-defined area.
    assert set("①Ⅲ㈱髙﨑") <= charsets.cp932()
    assert "髙" not in charsets.jis_x_0213()
    assert not any(0xE000 <= ord(c) <= 0xF8FF for c in charsets.cp932())
    # 𠮷 is in neither set; the Japanese subset carries it as an extra.
    assert "\U00020bb7" in charsets.japanese() - charsets.jis_x_0213() - charsets.cp932()
