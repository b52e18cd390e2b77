"""PDF export: real glyphs for Latin, Cyrillic and Japanese; brackets; the hash."""

from __future__ import annotations

import io

import pypdf
import pytest
from fontTools.ttLib import TTFont

from secretariat.core.exports.pdf import FONTS
from secretariat.negotiation.exports import render
from secretariat.negotiation.exports.tests.factories import HASH, export_document


def _pdf(data):
    body, content_type, file_name = render(data, "pdf")
    assert body.startswith(b"%PDF-")
    assert content_type == "application/pdf"
    assert file_name.endswith(".pdf")
    return pypdf.PdfReader(io.BytesIO(body))


def _text(reader):
    return "\n".join(page.extract_text() for page in reader.pages)


def _squash(text):
    return "".join(text.split())


def _embedded_fonts(reader):
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            (descendant,) = font["/DescendantFonts"]
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            data = descriptor["/FontFile2"].get_object().get_data()
            fonts[str(font["/BaseFont"]).split("+", 1)[1]] = TTFont(io.BytesIO(data))
    return fonts


def _drawn_glyphs(font):
    """Glyphs in an embedded subset that have outlines (not empty, not .notdef)."""
    glyf = font["glyf"]
    return [
        name
        for name in font.getGlyphOrder()
        if name != ".notdef" and glyf[name].numberOfContours != 0
    ]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "en",
            ["Programme Document", "COVID-19/SARS-CoV-2", "[agree / decide]", "Finalprovisions"],
        ),
        (
            "ru",
            [
                "Программныйдокумент",
                "[договорились/решили]",
                "Қазақстан",
                "Oʻzbekiston",
                "Türkmenistan",
            ],
        ),
        (
            "ja",
            ["「中央アジア＋日本」対話プログラム文書", "[新型コロナウイルス/感染症]", "[強化する]"],
        ),
    ],
)
def test_text_extracts_back_in_every_script(language, expected):
    text = _squash(_text(_pdf(export_document(language))))
    for fragment in expected:
        assert _squash(fragment) in text


def test_japanese_and_cyrillic_use_real_embedded_glyphs():
    fonts = _embedded_fonts(_pdf(export_document("ja")))
    assert {"NotoSans", "NotoSansBold", "NotoSansJP"} <= set(fonts)
    japanese = {c for p in export_document("ja").provisions for c in p.markup if ord(c) > 0x3000}
    japanese |= set("プログラム文書")
    # Every Japanese character drawn has a glyph with outlines in the Japanese subset.
    assert len(_drawn_glyphs(fonts["NotoSansJP"])) >= len(japanese)
    fonts = _embedded_fonts(_pdf(export_document("ru")))
    cyrillic = {c for c in "ПрограммныйдокументҚазақстан" if not c.isspace()}
    assert len(_drawn_glyphs(fonts["NotoSans"])) + len(_drawn_glyphs(fonts["NotoSansBold"])) >= len(
        cyrillic
    )


def test_shipped_fonts_cover_the_working_languages():
    western = TTFont(FONTS / "NotoSans-Regular.ttf").getBestCmap()
    japanese = TTFont(FONTS / "NotoSansJP-Regular.ttf").getBestCmap()
    for char in "AzÄçňýžşÜ ЖщӘәҚқҢңҮүҰұІіӨөҺһ ʻ«»–—“”№":
        assert char.isspace() or ord(char) in western, char
    for char in "日本語のテキスト、。「」［］（）中央アジア協力覚書":
        assert ord(char) in japanese, char


def test_draft_shows_notice_and_bracket_count():
    text = _text(_pdf(export_document("en")))
    assert "Draft for negotiation" in text
    assert "Open brackets: 4" in text
    assert "SHA-256" not in text


def test_adopted_text_prints_its_hash_and_no_draft_notice():
    reader = _pdf(export_document("en", adopted=True))
    text = _squash(_text(reader))
    assert HASH in text
    assert "Draftfornegotiation" not in text
    assert "Adoptedon" in text
    assert reader.metadata["/Keywords"] == f"sha256:{HASH}"


def test_labels_follow_the_document_language():
    text = _squash(_text(_pdf(export_document("ru"))))
    assert "Открытыескобки:1" in text


def test_long_document_paginates():
    many = export_document(
        "en",
        provisions=tuple(
            export_document("en")
            .provisions[2]
            .__class__(f"{n}.", "operative", "Text [a / b]{JP}. " * 8)
            for n in range(1, 120)
        ),
    )
    reader = _pdf(many)
    assert len(reader.pages) > 3
    assert "Page 2/" in reader.pages[1].extract_text()
