"""The PDF set-up every export shares: embedded fonts, a font per run of text, and the
check that every character is printed.

    pdf = ExportPDF(language="ja")
    pdf.add_page()
    pdf.use(11, bold=True)
    pdf.paragraph(6, ["山﨑 髙橋, ", Span("Қазақстан", color=(138, 62, 0))])
    body = pdf.finish()  # raises UnprintableText naming any character no font has

fpdf2 draws a character only with the font that is current and leaves out, without an
error, a character that font lacks. So text is cut into runs, each word set in the first
font that has all of it (the Japanese font first for a word with Japanese in it, so that
its digits and punctuation match the kana), and every string fpdf2 is handed is
checked against the font it is drawn with (`normalize_text`): a character no embedded
font has fails the whole export, by name. fpdf2's own fallback fonts are not used: after a
line drawn in a fallback font it set the next line's first glyphs in the wrong font (the
bold "D" that stood for the bullet before each decision in Japanese minutes).

The fonts and what they cover: fonts/README.md; the character sets: `charsets`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from fontTools.ttLib import TTFont
from fpdf import FPDF
from fpdf.enums import TextEmphasis
from fpdf.fonts import TTFFont

from secretariat.core.exports.errors import UnprintableText
from secretariat.core.exports.typeset import Line, Style, break_lines, is_cjk

FONTS = Path(__file__).resolve().parent / "fonts"
SANS = "NotoSans"
JAPANESE = "NotoSansJP"
SUPPLEMENT = "DejaVuSans"  # the few JIS X 0213 characters the Noto subsets lack (≒, ⅓)
FACES = {
    SANS: ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"),
    JAPANESE: ("NotoSansJP-Regular.ttf", "NotoSansJP-Bold.ttf"),
    SUPPLEMENT: ("DejaVuSans-Regular.ttf", "DejaVuSans-Bold.ttf"),
}
FAMILIES = (SANS, JAPANESE, SUPPLEMENT)
# A word with Japanese in it is set in the Japanese font, digits and punctuation included
# (… and “” centred as in Japanese text); other words in the first family that has them.
JAPANESE_FIRST = (JAPANESE, SANS, SUPPLEMENT)

# Characters fpdf2 acts on rather than draws.
LINE_BREAKS = frozenset("\n")
# A tab draws as a space; a carriage return is dropped, as fpdf2 does in multi_cell.
WHITESPACE_FORMS = str.maketrans({"\t": " ", "\r": None})
WORDS = re.compile(r"\s+|\S+")

Align = Literal["L", "R"]


@dataclass(frozen=True)
class FaceMetrics:
    """What a face draws and how wide, per 1000 units of the em (as fpdf2 rounds it)."""

    codes: frozenset[int]
    widths: dict[int, int]


@cache
def face_metrics(family: str, style: str) -> FaceMetrics:
    """Read once per process: choosing fonts and breaking lines need only these, and a
    face is added to a document only if it is used."""
    with TTFont(FONTS / FACES[family][1 if style == "B" else 0]) as font:
        scale = 1000 / font["head"].unitsPerEm
        advances = font["hmtx"].metrics
        cmap = font.getBestCmap()
        # 65535 marks a glyph without advance; fpdf2 rounds half up.
        widths = {
            code: round(scale * (0 if advances[glyph][0] == 65535 else advances[glyph][0]) + 0.001)
            for code, glyph in cmap.items()
        }
    return FaceMetrics(frozenset(cmap), widths)


@dataclass(frozen=True)
class Span:
    """Text in one weight, size (points) and colour; None keeps what is current."""

    text: str
    bold: bool | None = None
    size: float | None = None
    color: tuple[int, int, int] | None = None


@lru_cache(maxsize=65536)
def first_family(text: str, style: str) -> str | None:
    """The first family that has all of `text` (a word: words repeat, hence the cache)."""
    order = JAPANESE_FIRST if any(is_cjk(c) for c in text) else FAMILIES
    for family in order:
        codes = face_metrics(family, style).codes
        if all(c in LINE_BREAKS or ord(c) in codes for c in text):
            return family
    return None


class ExportPDF(FPDF):
    """An A4 PDF in `language` with the embedded fonts; write text through
    `paragraph`, `line_text` and `box_text`, and end with `finish`."""

    def __init__(self, *, language: str) -> None:
        super().__init__(format="A4")
        self.main = SANS
        self._unprintable: dict[str, None] = {}
        self._style = ""
        if language:
            self.set_lang(language)
        self.set_creator("Secretariat")

    def set_font(
        self, family: str | None = None, style: str | TextEmphasis = "", size: float = 0
    ) -> None:
        """fpdf2's set_font; a face of ours is added to the document when first set, so
        that a PDF carries (and fpdf2 subsets) only the faces it uses."""
        if family in FACES:
            bold = "B" if "B" in str(style).upper() else ""
            if family.lower() + bold not in self.fonts:
                self.add_font(family, bold, FONTS / FACES[family][1 if bold else 0])
        super().set_font(family, style, size)

    # --- choosing fonts -------------------------------------------------------------------

    def _has(self, family: str, char: str) -> bool:
        return char in LINE_BREAKS or ord(char) in face_metrics(family, self._style).codes

    def _family_for(self, text: str, current: str | None) -> str | None:
        if current and text.isspace() and all(self._has(current, c) for c in text):
            return current  # spaces stay in the run they are in
        return first_family(text, self._style)

    def runs(self, text: str) -> list[tuple[str, str]]:
        """`text` as (family, text) runs: each word (or space) in the first family that has
        all of it, else character by character; a character no family has is noted."""
        pieces: list[tuple[str, str]] = []
        for token in WORDS.findall(text.translate(WHITESPACE_FORMS)):
            current = pieces[-1][0] if pieces else None
            family = self._family_for(token, current)
            if family is not None:
                pieces.append((family, token))
                continue
            for char in token:
                current = pieces[-1][0] if pieces else None
                found = self._family_for(char, current)
                if found is None:
                    self._unprintable.setdefault(char)
                pieces.append((found or current or self.main, char))
        return self._merged(pieces)

    @staticmethod
    def _merged(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
        runs: list[tuple[str, str]] = []
        for family, text in pieces:
            if runs and runs[-1][0] == family:
                runs[-1] = (family, runs[-1][1] + text)
            else:
                runs.append((family, text))
        return runs

    def normalize_text(self, text: str) -> str:
        """fpdf2 hands every string it draws or measures here: note what the current font
        cannot draw (fpdf2 itself would leave it out without a word)."""
        text = super().normalize_text(text).translate(WHITESPACE_FORMS)
        if not isinstance(self.current_font, TTFFont):
            return text  # a core font: fpdf2 refuses what it cannot encode
        cmap = self.current_font.cmap
        for char in text:
            if ord(char) not in cmap and char not in LINE_BREAKS:
                self._unprintable.setdefault(char)
        return text

    # --- drawing --------------------------------------------------------------------------

    def use(self, size: float, *, bold: bool = False) -> None:
        """Set the size and weight of the text that follows (in the main family)."""
        self._style = "B" if bold else ""
        self.set_font(self.main, self._style, size)

    def styled_runs(self, spans: Iterable[Span | str]) -> list[tuple[Style, str]]:
        """Spans (a plain string takes the current weight, size and colour) as runs of
        one font each."""
        current = (self._style == "B", self.font_size_pt, self._color())
        styled: list[tuple[Style, str]] = []
        for span in spans:
            if isinstance(span, str):
                span = Span(span)
            bold = current[0] if span.bold is None else span.bold
            size = span.size or current[1]
            self._style = "B" if bold else ""
            for family, text in self.runs(span.text):
                styled.append((Style(family, bold, size, span.color or current[2]), text))
        self._style = "B" if current[0] else ""
        return styled

    def _color(self) -> tuple[int, int, int]:
        red, green, blue = (round(c * 255) for c in self.text_color.colors[:3])  # type: ignore[union-attr]
        return (red, green, blue)

    def measure(self, style: Style, text: str) -> float:
        """The width of `text` in `style`, in mm (fpdf2 sets no kerning, so the widths of
        the characters add up)."""
        widths = face_metrics(style.family, "B" if style.bold else "").widths
        return sum(widths.get(ord(c), 0) for c in text) * style.size * 0.001 / self.k

    def lines(self, spans: Iterable[Span | str], width: float) -> list[Line]:
        return break_lines(self.styled_runs(spans), self.measure, width=width)

    def draw_lines(self, lines: list[Line], h: float, *, x: float) -> None:
        """Each line `h` high from the current y, starting at `x`; a page break falls
        between lines. Leaves y below the last line and the style as it was."""
        before = (self.font_family, self.font_style, self.font_size_pt, self._color())
        for line in lines:
            if self.will_page_break(h):
                self.add_page()
            size = max((p.style.size for p in line), default=self.font_size_pt) / self.k
            baseline = self.y + 0.5 * h + 0.3 * size
            left = x
            for piece in line:
                style = piece.style
                self.set_font(style.family, "B" if style.bold else "", style.size)
                self.set_text_color(*style.color)
                self.text(left, baseline, piece.text)
                left += piece.width
            self.y += h
        self.set_font(before[0], before[1], before[2])
        self.set_text_color(*before[3])
        self.x = self.l_margin

    def paragraph(
        self,
        h: float,
        spans: Iterable[Span | str],
        *,
        left: float | None = None,
        indent: float = 0,
        label: str = "",
    ) -> None:
        """A left-aligned paragraph starting `indent` right of `left` (default: the left
        margin); `label` (a bullet or a number) hangs in the indent. Ends at the left
        margin below its last line."""
        start = self.l_margin if left is None else left
        lines = self.lines(spans, self.w - self.r_margin - start - indent)
        if label:
            if self.will_page_break(h):
                self.add_page()
            self.draw_lines(self.lines([label], max(indent, 1.0)), h, x=start)
            self.y -= h
        self.draw_lines(lines, h, x=start + indent)

    def line_text(self, w: float, h: float, text: str, *, align: Align = "L") -> None:
        """`text` on one line in a cell `w` wide from the current position (the caller
        makes it fit); the position moves past the cell. Cells, not `draw_lines`, so that
        fpdf2 fills in the page total ("{nb}")."""
        x, y = self.x, self.y
        runs = self.styled_runs([text])
        widths = [self.measure(style, run) for style, run in runs]
        self.set_x(x + (w - sum(widths) if align == "R" else 0))
        family, style_name, size = self.font_family, self.font_style, self.font_size_pt
        margin, self.c_margin = self.c_margin, 0
        for (style, run), width in zip(runs, widths, strict=True):
            self.set_font(style.family, "B" if style.bold else "", style.size)
            self.cell(width, h, run)
        self.c_margin = margin
        self.set_font(family, style_name, size)
        self.set_xy(x + w, y)

    def text_width(self, text: str) -> float:
        return sum(self.measure(style, run) for style, run in self.styled_runs([text]))

    def box_text(
        self,
        h: float,
        spans: Iterable[Span | str],
        fill: tuple[int, int, int],
        *,
        padding: float = 2,
    ) -> None:
        """Text on a filled box the width of the text area."""
        lines = self.lines(spans, self.epw - 2 * padding)
        height = len(lines) * h + 2 * padding
        if self.will_page_break(height):
            self.add_page()
        self.set_fill_color(*fill)
        self.rect(self.l_margin, self.y, self.epw, height, style="F")
        self.y += padding
        self.draw_lines(lines, h, x=self.l_margin + padding)
        self.y += padding

    def finish(self) -> bytes:
        """The PDF, or UnprintableText if any character could not be drawn."""
        if self._unprintable:  # spare the font subsetting of a refused export
            for font in self.fonts.values():
                if isinstance(font, TTFFont):
                    font.close()  # output() would have closed the font files
            raise UnprintableText(list(self._unprintable))
        body = bytes(self.output())  # draws the last footer, checked as well
        if self._unprintable:
            raise UnprintableText(list(self._unprintable))
        return body
