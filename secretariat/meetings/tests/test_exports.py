from __future__ import annotations

import io

import pytest
from docx import Document as DocxDocument

from secretariat.core.exports import UnprintableText
from secretariat.meetings import exports, services
from tests.support.exports import NAMES, UNPRINTABLE, docx_text, missing, pdf_text, stretched_lines

TEXT = "# Протокол: 第8回外相会合\n\n## Attendance\n- Japan: 山田\n- Kazakhstan: Дана\nParagraph."


def test_pdf_carries_cyrillic_and_cjk():
    from pypdf import PdfReader

    body = exports.render_pdf("Minutes", TEXT, footer="Final · SHA-256 abc")
    assert body.startswith(b"%PDF")
    text = PdfReader(io.BytesIO(body)).pages[0].extract_text()
    assert "Протокол" in text
    assert "外相会合" in text


def test_docx_structure():
    body = exports.render_docx("Minutes", TEXT, footer="Draft")
    document = DocxDocument(io.BytesIO(body))
    styles = [(p.style.name if p.style else "", p.text) for p in document.paragraphs]
    assert ("Heading 1", "Протокол: 第8回外相会合") in styles
    assert ("List Bullet", "Japan: 山田") in styles
    assert styles[-1] == ("Normal", "Draft")


@pytest.fixture
def minutes(world, in_session):
    closed = services.session_close(actor=world.chair, meeting=in_session)
    return services.minutes_generate(actor=world.secretariat, meeting=closed)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_minutes_export_for_members_only(client, world, minutes, fmt):
    url = f"/meetings/{minutes.meeting_id}/minutes.{fmt}?lang=ru"
    for who in ("observer", "outsider"):
        client.force_login(getattr(world, who))
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 403
    client.force_login(world.head_kz)
    response = client.get(url)
    assert response.status_code == 200
    assert f"minutes-{minutes.meeting_id}-ru.{fmt}" in response["Content-Disposition"]


def test_statement_export_public_once_published(client, world, minutes):
    statement = services.statement_generate(actor=world.secretariat, meeting=minutes.meeting)
    url = f"/meetings/{minutes.meeting_id}/statement.pdf"
    assert client.get(url).status_code == 403
    services.statement_publish(actor=world.secretariat, statement=statement)
    response = client.get(url)
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert client.get(f"/meetings/{minutes.meeting_id}/statement.xls").status_code == 404


# --- no character silently dropped -------------------------------------------------------

NAMED_TEXT = (
    f"# 議事録: {NAMES}\n\n## {NAMES}\n- 日本: {NAMES}\n- Қазақстан: Дана Ёлкина\n"
    f"発言した代表団（発言順）：{NAMES}。\n"
)


@pytest.mark.parametrize("language", ["en", "ru", "ja"])
def test_pdf_keeps_every_character_of_real_names(language):
    body = exports.render_pdf(NAMES, NAMED_TEXT, footer=f"Final · {NAMES}", language=language)
    assert missing(NAMES + "•", pdf_text(body)) == []


def test_docx_keeps_every_character_of_real_names():
    body = exports.render_docx(NAMES, NAMED_TEXT, footer=NAMES, language="ja")
    assert missing(NAMES, docx_text(body)) == []


@pytest.mark.parametrize("where", ["text", "footer"])
def test_pdf_refuses_a_character_no_font_has_and_names_it(where):
    parts = {"title": "Minutes", "text": TEXT, "footer": "Final"}
    parts[where] += f" {UNPRINTABLE}"
    with pytest.raises(UnprintableText) as refused:
        exports.render_pdf(parts["title"], parts["text"], footer=parts["footer"])
    assert "U+1F600 GRINNING FACE" in str(refused.value)
    assert "U+E000" in str(refused.value)


def test_docx_refuses_control_characters_it_cannot_carry():
    with pytest.raises(UnprintableText) as refused:
        exports.render_docx("Minutes", TEXT + "\x07", footer="Draft")
    assert "U+0007 " in str(refused.value)


JAPANESE_DECISIONS = (
    "## 1. 開会及び議題の採択\n発言した代表団（発言順）：トルクメニスタン。\n"
    "- 留意: The agenda was adopted as proposed.\n"
    "発言した代表団（発言順）： トルクメニスタン， 日本， カザフスタン， ウズベキスタン， "
    "キルギス， タジキスタン， トルクメニスタン， 日本， カザフスタン， ウズベキスタン。\n"
    "- 決定: The ministers agreed to prepare four documents.\n"
)


def test_japanese_minutes_draw_a_bullet_before_each_decision():
    """A line after Japanese text used to start in the wrong font: a bold "h" or "D"."""
    lines = pdf_text(exports.render_pdf("議事録", JAPANESE_DECISIONS, language="ja")).splitlines()
    decisions = [line for line in lines if "留意" in line or "決定" in line]
    assert len(decisions) == 2
    assert all(line.startswith("•") for line in decisions), decisions


def test_japanese_minutes_lines_are_not_stretched():
    body = exports.render_pdf("議事録", JAPANESE_DECISIONS, language="ja")
    assert stretched_lines(body) == 0


def _texts_with(minutes, extra):
    revision = minutes.revisions.first()
    return {lang: text + extra for lang, text in revision.texts.items()}


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_minutes_export_with_real_names_keeps_them(client, world, minutes, fmt):
    services.minutes_edit(
        actor=world.secretariat, minutes=minutes, texts=_texts_with(minutes, f"\n- {NAMES}\n")
    )
    client.force_login(world.head_kz)
    response = client.get(f"/meetings/{minutes.meeting_id}/minutes.{fmt}?lang=ja")
    assert response.status_code == 200
    text = pdf_text(response.content) if fmt == "pdf" else docx_text(response.content)
    assert missing(NAMES, text) == []


def test_minutes_export_refuses_with_422_naming_the_character(client, world, minutes):
    minutes = services.minutes_edit(
        actor=world.secretariat, minutes=minutes, texts=_texts_with(minutes, "\n- 😀\n")
    )
    revisions = minutes.revisions.count()
    client.force_login(world.head_kz)
    response = client.get(f"/meetings/{minutes.meeting_id}/minutes.pdf?lang=ru")
    assert response.status_code == 422
    assert response["Content-Type"].startswith("text/html")
    assert "U+1F600 GRINNING FACE" in response.content.decode()
    assert b"%PDF" not in response.content
    assert minutes.revisions.count() == revisions


def test_statement_export_refuses_with_422_naming_the_character(client, world, minutes):
    statement = services.statement_generate(actor=world.secretariat, meeting=minutes.meeting)
    statement = services.statement_edit(
        actor=world.secretariat,
        statement=statement,
        texts={lang: text + "\n😀" for lang, text in statement.texts.items()},
    )
    services.statement_publish(actor=world.secretariat, statement=statement)
    response = client.get(f"/meetings/{minutes.meeting_id}/statement.pdf?lang=ja")
    assert response.status_code == 422
    assert "U+1F600 GRINNING FACE" in response.content.decode()
    docx_response = client.get(f"/meetings/{minutes.meeting_id}/statement.docx?lang=ja")
    assert (
        docx_response.status_code == 200
    )  # DOCX carries any character; the reader's fonts draw it
    assert "😀" in docx_text(docx_response.content)
