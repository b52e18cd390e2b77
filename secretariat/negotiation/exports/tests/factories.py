"""Export snapshots for tests, in the three working languages."""
# ruff: noqa: E501  (sample provisions read best on one line)

from __future__ import annotations

from datetime import date

from secretariat.negotiation.exports import ExportDocument, ExportProvision

PROVISIONS = {
    "en": (
        ("", "heading", "Programme Document of the “Central Asia + Japan” Dialogue"),
        (
            "",
            "preambular",
            "Recognising the threat the pandemic poses to [Central Asia and Japan / the region]{JP,KZ},",
        ),
        (
            "1.",
            "operative",
            "The participants [agree / decide]{KZ} to act on COVID-19/SARS-CoV-2 [within the Dialogue [and beyond]{TM}]{JP}.",
        ),
        ("(a)", "subparagraph", "exchanging information on prevention and treatment;"),
        (
            "(b)",
            "subparagraph",
            r"holding videoconferences of specialists \[experts\] & nurses <all>;",
        ),
        ("II.", "heading", "Final provisions"),
        ("2.", "operative", "Japan intends to provide a grant medical project."),
    ),
    "ru": (
        ("", "heading", "Программный документ Диалога «Центральная Азия + Япония»"),
        (
            "1.",
            "operative",
            "Участники [договорились / решили]{KZ} координировать усилия: Қазақстан, Oʻzbekiston, Türkmenistan.",
        ),
    ),
    "ja": (
        ("", "heading", "「中央アジア＋日本」対話プログラム文書"),
        (
            "1.",
            "operative",
            "参加国は、[新型コロナウイルス / 感染症]{JP}への共同対応を[強化する]{KZ,TM}。",
        ),
    ),
}
TITLES = {"en": "Programme Document", "ru": "Программный документ", "ja": "プログラム文書"}
HASH = "3f" * 32


def export_document(
    language: str = "en", *, adopted: bool = False, **overrides: object
) -> ExportDocument:
    provisions = PROVISIONS[language]
    if adopted:
        provisions = PROVISIONS_ADOPTED[language]  # an adopted text has no brackets left
    fields: dict[str, object] = dict(
        title=TITLES[language],
        kind="programme",
        format_name="Central Asia + Japan",
        status="Adopted" if adopted else "Under negotiation",
        language=language,
        revision_label="Rev.3",
        provisions=tuple(ExportProvision(*p) for p in provisions),
        adopted_hash=HASH if adopted else None,
        adopted_on=date(2026, 3, 1) if adopted else None,
        format_slug="central-asia-japan",
        document_slug="programme-document",
        revision_date=date(2026, 2, 20),
        kind_label="Programme",
    )
    fields.update(overrides)
    return ExportDocument(**fields)


PROVISIONS_ADOPTED = {
    "en": (
        ("", "heading", "Programme Document of the “Central Asia + Japan” Dialogue"),
        (
            "1.",
            "operative",
            "The participants agree to act on COVID-19/SARS-CoV-2 within the Dialogue.",
        ),
    ),
    "ru": (("1.", "operative", "Участники договорились координировать усилия."),),
    "ja": (("1.", "operative", "参加国は、新型コロナウイルスへの共同対応を強化する。"),),
}
