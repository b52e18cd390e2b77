"""Re-create the subset fonts of this folder (a one-off tool, not used at run time).

    python build_fonts.py NotoSans[wdth,wght].ttf NotoSansJP[wght].ttf

The arguments are the variable fonts from google/fonts (ofl/notosans, ofl/notosansjp).
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont
from fontTools.varLib import instancer

HERE = Path(__file__).resolve().parent


def _jis_x_0208() -> set[str]:
    chars: set[str] = set()
    for row in range(0xA1, 0xFF):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(bytes([row, cell]).decode("euc_jp"))
            except UnicodeDecodeError:
                continue
    return chars


def _ranges(*ranges: tuple[int, int]) -> set[str]:
    return {chr(c) for start, end in ranges for c in range(start, end)}


JAPANESE = _jis_x_0208() | _ranges((0x3000, 0x3100), (0xFF00, 0xFFF0))
WESTERN = _ranges(
    (0x20, 0x7F), (0xA0, 0x530), (0x1E00, 0x1F00),
    (0x2000, 0x2070), (0x20A0, 0x20C1), (0x2100, 0x2150),
)  # fmt: skip


def build(source: Path, target: Path, weight: int, chars: set[str]) -> None:
    font = TTFont(source)
    axes: dict[str, float] = {"wght": weight}
    if "wdth" in [axis.axisTag for axis in font["fvar"].axes]:
        axes["wdth"] = 100
    font = instancer.instantiateVariableFont(font, axes, updateFontNames=True)
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(chars)))
    subsetter.subset(font)
    font.save(target)


def main() -> None:
    noto_sans, noto_sans_jp = (Path(arg) for arg in sys.argv[1:3])
    build(noto_sans, HERE / "NotoSans-Regular.ttf", 400, WESTERN)
    build(noto_sans, HERE / "NotoSans-Bold.ttf", 700, WESTERN)
    build(noto_sans_jp, HERE / "NotoSansJP-Regular.ttf", 400, JAPANESE)


if __name__ == "__main__":
    main()
