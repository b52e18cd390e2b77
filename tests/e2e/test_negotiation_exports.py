"""Exports from the document page, as a delegate downloads them, and who may not."""

from __future__ import annotations

import io
import re

import pypdf
from playwright.sync_api import expect

from secretariat.negotiation.exports.akn import read_akn
from tests.e2e.conftest import log_in
from tests.support.exports import NAMES, missing

DOCUMENT = "/formats/central-asia-japan/documents/programme-joint-efforts-pandemic/"
ADOPTED = "/formats/central-asia-japan/documents/joint-statement-disaster-risk-reduction/"


def _download(page, link_name):
    with page.expect_download() as info:
        page.get_by_role("link", name=link_name).first.click()
    download = info.value
    with open(download.path(), "rb") as stream:
        return download.suggested_filename, stream.read()


def test_delegate_downloads_russian_pdf_and_akoma_ntoso_with_brackets(page):
    log_in(page, "delegate@demo.example")
    page.goto(DOCUMENT)
    name, body = _download(page, "PDF (ru)")
    assert name.endswith("_ru.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(body)).pages)
    assert "Программный документ" in " ".join(text.split())
    assert "Открытые скобки" in text

    name, body = _download(page, "Akoma Ntoso XML")
    assert name.endswith(".xml")
    document = read_akn(body)  # validates against the OASIS schema
    assert document.adopted_hash is None
    assert any("[" in p.markup and "{" in p.markup for p in document.provisions)


def test_public_downloads_adopted_text_with_its_hash(page):
    page.goto(ADOPTED)
    expect(page.get_by_role("link", name="Akoma Ntoso XML")).to_be_visible()
    _, body = _download(page, "Akoma Ntoso XML")
    document = read_akn(body)
    assert document.adopted_hash is not None
    assert re.fullmatch(r"[0-9a-f]{64}", document.adopted_hash)
    expect(page.locator("body")).to_contain_text(document.adopted_hash)


def test_draft_exports_are_not_public(new_page):
    page = new_page()
    for fmt in ("pdf", "docx", "akn"):
        response = page.request.get(f"{DOCUMENT}export/{fmt}/")
        assert response.status in (403, 404), fmt
        assert b"%PDF" not in response.body()


def _create_document(page, title, text):
    """As the secretariat, through the API with the page's session (a Japanese document)."""
    csrf = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        "/api/formats/central-asia-japan/documents",
        data={"kind": "programme", "title": title, "language": "ja", "text": text},
        headers={"X-CSRFToken": csrf},
    )
    assert response.status == 201, response.text()
    return f"/formats/central-asia-japan/documents/{response.json()['slug']}/"


def test_japanese_pdf_keeps_every_name_of_a_delegation_list(page):
    log_in(page, "secretariat@demo.example")
    url = _create_document(page, f"代表団名簿 {NAMES}", f"出席者：{NAMES}。\n1. {NAMES}")
    page.goto(url)
    name, body = _download(page, "PDF (ja)")
    assert name.endswith("_ja.pdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(body)).pages)
    assert missing(NAMES, text) == []


def test_a_character_no_font_has_is_named_on_a_clear_page(page):
    log_in(page, "secretariat@demo.example")
    url = _create_document(page, "絵文字の入った文書", "出席者：山﨑 😀。")
    page.goto(url)
    with page.expect_response(lambda r: "/export/pdf/" in r.url) as info:
        page.get_by_role("link", name="PDF (ja)").click()
    assert info.value.status == 422
    expect(page.get_by_role("heading", name="This export cannot be made")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("U+1F600 GRINNING FACE")
