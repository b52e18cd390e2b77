"""Re-create the subset fonts of this folder (a one-off tool, not used at run time).

    python secretariat/core/exports/fonts/build_fonts.py \
        [--noto-sans 'NotoSans[wdth,wght].ttf'] \
        [--noto-sans-cjk /usr/share/fonts/opentype/noto] \
        [--dejavu /usr/share/fonts/truetype/dejavu]

--noto-sans is the variable font of google/fonts (ofl/notosans); it makes
NotoSans-Regular.ttf and NotoSans-Bold.ttf. --noto-sans-cjk is the folder of Noto Sans CJK
(Debian's fonts-noto-cjk: NotoSansCJK-Regular.ttc, NotoSansCJK-Bold.ttc); it makes
NotoSansJP-Regular.ttf and NotoSansJP-Bold.ttf from the Japanese face. The character sets
are those of `secretariat.core.exports.charsets`. --dejavu is the folder of DejaVu Sans
(Debian's fonts-dejavu-core); it makes DejaVuSans-Regular.ttf and DejaVuSans-Bold.ttf with
only the characters of those sets that the two Noto subsets lack (≒, ⅓, Greek with varia).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable
from fontTools.varLib import instancer

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[3]))  # the repository, to import the character sets

from secretariat.core.exports import charsets  # noqa: E402 - after the path is set

# JIS X 0213 1-2-54/55 map to U+2985/U+2986; Noto Sans CJK draws them as U+FF5F/U+FF60.
ALIASES = {0x2985: 0xFF5F, 0x2986: 0xFF60}
# Vertical metrics and their origin table: PDF exports set text horizontally only.
DROPPED_TABLES = ("VORG", "vhea", "vmtx")


def _subset(font: TTFont, chars: frozenset[str], *, layout: bool) -> None:
    options = subset.Options()
    # Noto Sans keeps its layout features (small); the Japanese face drops them: fpdf2
    # draws without text shaping, and the alternates (vertical, jp78, ruby...) would
    # double its size.
    options.layout_features = ["*"] if layout else []
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)


def _cff_to_truetype(font: TTFont) -> None:
    """Redraw the CFF outlines as TrueType quadratics (within 1 unit of 1000), so that the
    face embeds like the other fonts (FontFile2)."""
    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
        "maxComponentElements",
    ):
        setattr(maxp, field, 1 if field == "maxZones" else 0)
    # Glyph names kept (post format 2): without them fontTools derives a name for every
    # glyph each time fpdf2 loads the face, a third of its loading time.
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = order
    for tag in ("CFF ", *DROPPED_TABLES):
        if tag in font:
            del font[tag]
    font.sfntVersion = "\x00\x01\x00\x00"
    font["head"].glyphDataFormat = 0


def _rename(font: TTFont, family: str, style: str) -> None:
    """Noto Sans CJK JP subsets are published as "Noto Sans JP" (Google Fonts); so is this."""
    postscript = f"{family.replace(' ', '')}-{style}"
    full = family if style == "Regular" else f"{family} {style}"
    names = {1: family, 2: style, 3: f"{postscript};subset", 4: full, 6: postscript}
    for record in list(font["name"].names):
        if record.nameID in (*names, 16, 17):
            font["name"].removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        font["name"].setName(value, name_id, 3, 1, 0x409)
        font["name"].setName(value, name_id, 1, 0, 0)


def _alias(font: TTFont) -> None:
    for table in font["cmap"].tables:
        if table.isUnicode():
            for alias, char in ALIASES.items():
                if char in table.cmap:
                    table.cmap.setdefault(alias, table.cmap[char])


def _covered(*paths: Path) -> set[int]:
    return {c for path in paths for c in TTFont(path).getBestCmap()}


def build_western(source: Path, target: Path, weight: int) -> None:
    font = TTFont(source)
    axes: dict[str, float] = {"wght": weight}
    if "wdth" in [axis.axisTag for axis in font["fvar"].axes]:
        axes["wdth"] = 100
    font = instancer.instantiateVariableFont(font, axes, updateFontNames=True)
    _subset(font, charsets.western(), layout=True)
    font.save(target)


def build_japanese(collection: Path, target: Path, style: str) -> None:
    faces = TTCollection(collection).fonts
    font = next(f for f in faces if f["name"].getDebugName(1) == "Noto Sans CJK JP")
    _subset(font, charsets.japanese(), layout=False)
    _alias(font)
    _cff_to_truetype(font)
    _rename(font, "Noto Sans JP", style)
    font.save(target)


def build_supplement(source: Path, target: Path) -> None:
    """The characters of the target sets that the Noto subsets lack, from DejaVu Sans."""
    covered = _covered(*(HERE / f"{name}.ttf" for name in NOTO_FILES))
    wanted = {c for c in charsets.japanese() | charsets.western() if ord(c) not in covered}
    font = TTFont(source)
    _subset(font, frozenset(wanted), layout=False)
    font.save(target)


NOTO_FILES = ("NotoSans-Regular", "NotoSans-Bold", "NotoSansJP-Regular", "NotoSansJP-Bold")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--noto-sans", type=Path, help="NotoSans[wdth,wght].ttf")
    parser.add_argument("--noto-sans-cjk", type=Path, help="folder of NotoSansCJK-*.ttc")
    parser.add_argument("--dejavu", type=Path, help="folder of DejaVuSans*.ttf")
    args = parser.parse_args()
    if args.noto_sans:
        build_western(args.noto_sans, HERE / "NotoSans-Regular.ttf", 400)
        build_western(args.noto_sans, HERE / "NotoSans-Bold.ttf", 700)
    if args.noto_sans_cjk:
        for style in ("Regular", "Bold"):
            source = args.noto_sans_cjk / f"NotoSansCJK-{style}.ttc"
            build_japanese(source, HERE / f"NotoSansJP-{style}.ttf", style)
    if args.dejavu:
        build_supplement(args.dejavu / "DejaVuSans.ttf", HERE / "DejaVuSans-Regular.ttf")
        build_supplement(args.dejavu / "DejaVuSans-Bold.ttf", HERE / "DejaVuSans-Bold.ttf")
    if not (args.noto_sans or args.noto_sans_cjk or args.dejavu):
        parser.error("give --noto-sans, --noto-sans-cjk or --dejavu")


if __name__ == "__main__":
    main()
