from __future__ import annotations

import io

import pytest
from docx import Document as DocxDocument

from secretariat.meetings import exports, services

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
