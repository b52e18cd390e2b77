"""The character sets the embedded PDF fonts must cover, computed from Python's codecs.

Japanese delegation lists are typed on machines whose character sets are JIS X 0213
(every modern Japanese input method) or Windows' CP932 (Shift_JIS with the NEC and IBM
extensions, where 髙 U+9AD9, 﨑 U+FA11, ①, Ⅲ and ㈱ live). `build_fonts.py` subsets the
fonts to these sets and the tests check the shipped fonts against them.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

ROW_BYTES = range(0xA1, 0xFF)  # the 94 rows (and cells) of a JIS plane in EUC
# JIS X 0213 plane 2 uses only these rows; Python's EUC decoder maps the other rows of the
# 0x8F prefix to JIS X 0212, which is not part of JIS X 0213.
JIS_X_0213_PLANE_2_ROWS = (1, 3, 4, 5, 8, 12, 13, 14, 15, *range(78, 95))
# Lead bytes 0xF0-0xF9 are the user-defined area (private use, U+E000-U+E757): no font
# can know what a user defined there.
CP932_LEAD_BYTES = (*range(0x81, 0xA0), *range(0xE0, 0xF0), *range(0xFA, 0xFD))
CP932_TRAIL_BYTES = (*range(0x40, 0x7F), *range(0x80, 0xFD))

# Names typed in Japan that no JIS or Windows character set has but fonts do (Adobe-Japan1):
# 𠮷 U+20BB7, the "tsuchi-yoshi" of the family name Yoshida.
NAME_EXTRAS = frozenset("\U00020bb7")


def _decoded(sequences: Iterable[bytes], encoding: str) -> frozenset[str]:
    chars: set[str] = set()
    for sequence in sequences:
        try:
            chars.update(sequence.decode(encoding))
        except UnicodeDecodeError:
            continue  # an unassigned code point of the set
    return frozenset(chars)


@cache
def jis_x_0208() -> frozenset[str]:
    """JIS X 0208 (6,879 characters: the set of EUC-JP and of the former font subset)."""
    return _decoded((bytes([r, c]) for r in ROW_BYTES for c in ROW_BYTES), "euc_jp")


@cache
def jis_x_0213() -> frozenset[str]:
    """JIS X 0213:2004, both planes (11,233 characters; a few are base + combining mark
    pairs, counted here as their code points)."""
    plane_1 = (bytes([r, c]) for r in ROW_BYTES for c in ROW_BYTES)
    plane_2 = (bytes([0x8F, 0xA0 + r, c]) for r in JIS_X_0213_PLANE_2_ROWS for c in ROW_BYTES)
    return _decoded(plane_1, "euc_jis_2004") | _decoded(plane_2, "euc_jis_2004")


@cache
def cp932() -> frozenset[str]:
    """Windows-31J: JIS X 0208 with the NEC special characters (row 13), the NEC-selected
    IBM extensions (rows 89-92) and the IBM extensions (0xFA-0xFC), and half-width kana."""
    double = (bytes([lead, trail]) for lead in CP932_LEAD_BYTES for trail in CP932_TRAIL_BYTES)
    single = (bytes([b]) for b in (*range(0x20, 0x7F), *range(0xA1, 0xE0)))
    return _decoded(double, "cp932") | _decoded(single, "cp932")


def code_point_range(start: int, end: int) -> frozenset[str]:
    """The characters start..end, both included."""
    return frozenset(chr(c) for c in range(start, end + 1))


@cache
def japanese() -> frozenset[str]:
    """What the Japanese font subset is built from: JIS X 0213, CP932, the name extras and
    the blocks Japanese text draws from (kana, CJK punctuation, full-width forms,
    enclosed numbers and ideographs, CJK compatibility), with ASCII and Latin-1 so that a
    Japanese export sets Latin text in the same design."""
    blocks = (
        code_point_range(0x20, 0x7E)
        | code_point_range(0xA0, 0xFF)
        | code_point_range(0x2000, 0x206F)  # general punctuation
        | code_point_range(0x2150, 0x218F)  # number forms (Ⅲ)
        | code_point_range(0x2460, 0x24FF)  # enclosed alphanumerics (①)
        | code_point_range(0x3000, 0x30FF)  # CJK punctuation, hiragana, katakana
        | code_point_range(0x31F0, 0x33FF)  # katakana extension, enclosed CJK (㈱), ㍻
        | code_point_range(0xFF00, 0xFFEF)  # full-width and half-width forms
    )
    return jis_x_0213() | cp932() | NAME_EXTRAS | blocks


@cache
def western() -> frozenset[str]:
    """What the Noto Sans subset is built from: Latin, Latin Extended (Turkmen, Uzbek,
    Kazakh Latin), IPA and spacing modifiers (Uzbek ʻ), Greek, Cyrillic with the Central
    Asian letters, Latin Extended Additional, punctuation, currency, letterlike symbols."""
    return (
        code_point_range(0x20, 0x7E)
        | code_point_range(0xA0, 0x52F)
        | code_point_range(0x1E00, 0x1EFF)
        | code_point_range(0x2000, 0x206F)
        | code_point_range(0x20A0, 0x20C0)
        | code_point_range(0x2100, 0x214F)
    )
