"""Line breaking for the PDF exports: runs of styled text cut into lines of a given width.

Latin and Cyrillic text breaks at spaces. Japanese text breaks between any two characters,
except where Japanese typesetting forbids it (JIS X 4051 kinsoku, simplified): no line
starts with a closing bracket, a comma or full stop, a small kana or a prolonged sound
mark, and none ends with an opening bracket. Lines are left-aligned: fpdf2 justifies by
widening spaces, which stretches Japanese lines that have one or two spaces in them.

Pure: it knows nothing of fonts or PDFs. The caller gives each piece its width.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

NO_LINE_START = frozenset(
    "、。，．,.・：；:;？！?!‼⁇⁈⁉゛゜ヽヾゝゞ々〻ー‐゠–〜～)）]］}｝」』】〕〉》〙〗〟’”｠»"
    "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ…‥%％"
    "｡､｣ﾞﾟｧｨｩｪｫｯｬｭｮｰ"
)
NO_LINE_END = frozenset("(（[［{｛「『【〔〈《〘〖〝‘“｟«｢")


def is_cjk(char: str) -> bool:
    """A character of Japanese text, between any two of which a line may break."""
    code = ord(char)
    return (
        0x2E80 <= code <= 0x9FFF  # radicals, CJK punctuation, kana, enclosed, ideographs
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs (﨑)
        or 0xFE30 <= code <= 0xFE4F
        or 0xFF00 <= code <= 0xFFEF  # full-width and half-width forms
        or 0x20000 <= code <= 0x3FFFF  # supplementary ideographs (𠮷)
    )


_CJK_CLASS = "\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
TOKENS = re.compile(rf"\n|[^\S\n]+|[{_CJK_CLASS}]|[^\s{_CJK_CLASS}]+")


@dataclass(frozen=True)
class Style:
    """How a piece is set: the font family, weight, size in points, colour (RGB)."""

    family: str
    bold: bool
    size: float
    color: tuple[int, int, int]


@dataclass
class Piece:
    style: Style
    text: str
    width: float


@dataclass
class _Box:
    """Pieces no line break may fall between (a word; a Japanese character with the
    punctuation that may not be parted from it)."""

    pieces: list[Piece] = field(default_factory=list)

    @property
    def width(self) -> float:
        return sum(p.width for p in self.pieces)


Measure = Callable[[Style, str], float]
Line = list[Piece]


def _words(runs: Iterable[tuple[Style, str]]) -> Iterable[tuple[Style, str]]:
    for style, text in runs:
        for word in TOKENS.findall(text):
            yield style, word


def _may_break(before: str, after: str) -> bool:
    """Between two adjacent non-space tokens (a space is always a break)."""
    if not (is_cjk(before[-1]) or is_cjk(after[0])):
        return False  # one word, set in two fonts
    return after[0] not in NO_LINE_START and before[-1] not in NO_LINE_END


def _items(runs: Iterable[tuple[Style, str]], measure: Measure) -> list[_Box | Piece | None]:
    """Boxes, glue (a space Piece) and forced line breaks (None)."""
    items: list[_Box | Piece | None] = []
    previous = ""
    for style, word in _words(runs):
        if word == "\n":
            items.append(None)
            previous = ""
        elif word.isspace():
            items.append(Piece(style, word, measure(style, word)))
            previous = ""
        else:
            piece = Piece(style, word, measure(style, word))
            last = items[-1] if items else None
            if isinstance(last, _Box) and previous and not _may_break(previous, word):
                last.pieces.append(piece)
            else:
                items.append(_Box([piece]))
            previous = word
    return items


def _split(box: _Box, width: float, measure: Measure) -> list[_Box]:
    """A box wider than a line (a long hash or address), cut between characters."""
    boxes = [_Box()]
    used = 0.0
    for piece in box.pieces:
        for char in piece.text:
            char_width = measure(piece.style, char)
            if used + char_width > width and boxes[-1].pieces:
                boxes.append(_Box())
                used = 0.0
            boxes[-1].pieces.append(Piece(piece.style, char, char_width))
            used += char_width
    return boxes


def break_lines(
    runs: Iterable[tuple[Style, str]], measure: Measure, *, width: float, first: float | None = None
) -> list[Line]:
    """Lines no wider than `width` (`first` for the first line); spaces at a break are
    dropped."""
    lines: list[Line] = [[]]
    used, room = 0.0, width if first is None else first
    glue: list[Piece] = []
    for item in _items(runs, measure):
        if item is None:
            lines.append([])
            used, room, glue = 0.0, width, []
            continue
        if isinstance(item, Piece):
            if lines[-1]:
                glue.append(item)
            continue
        spaces = sum(p.width for p in glue)
        if lines[-1] and used + spaces + item.width > room:
            lines.append([])
            used, room, glue, spaces = 0.0, width, [], 0.0
        if not lines[-1] and item.width > room < width:
            lines.append([])  # the first line starts part-way: begin on the next one
            used, room = 0.0, width
        lines[-1].extend(glue)
        used += spaces
        glue = []
        for part in _split(item, room, measure) if item.width > room else [item]:
            if lines[-1] and used + part.width > room:
                lines.append([])
                used, room = 0.0, width
            lines[-1].extend(part.pieces)
            used += part.width
    return [_merged(line) for line in lines]


def _merged(line: Line) -> Line:
    """Adjacent pieces in the same style as one (one text operator in the PDF)."""
    merged: Line = []
    for piece in line:
        if merged and merged[-1].style == piece.style:
            last = merged[-1]
            merged[-1] = Piece(last.style, last.text + piece.text, last.width + piece.width)
        else:
            merged.append(piece)
    return merged
