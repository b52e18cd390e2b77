from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def test_delegate_logs_in_switches_to_russian_and_sees_the_format_page(page):
    log_in(page, "delegate@demo.example")
    expect(page.get_by_role("heading", name="Your delegations")).to_be_visible()
    expect(page.locator(".seat-list")).to_contain_text("Japan")

    page.get_by_label("Language").select_option("ru")  # submits at once
    expect(page.locator("html")).to_have_attribute("lang", "ru")
    expect(page.get_by_role("heading", name="Ваши делегации")).to_be_visible()

    page.get_by_role("link", name=re.compile("Центральная Азия")).first.click()
    expect(page.get_by_role("heading", name="Государства-члены")).to_be_visible()
    table = page.locator("table").first
    for name in ("Япония", "Казахстан", "Кыргызстан", "Таджикистан", "Туркменистан", "Узбекистан"):
        expect(table).to_contain_text(name)
    expect(page.locator('time.clock[data-tz="Asia/Tokyo"]')).to_have_text(
        re.compile(r"^\d\d:\d\d$")
    )
    expect(page.get_by_role("heading", name="Ваш статус")).to_be_visible()


def test_format_page_in_japanese_without_signing_in(page):
    page.goto("/formats/central-asia-japan/")
    page.get_by_label("Language").select_option("ja")
    expect(page.get_by_role("heading", name="加盟国")).to_be_visible()
    expect(page.locator("h1")).to_have_text("「中央アジア＋日本」対話")


def test_other_delegation_cannot_open_an_internal_page(page):
    log_in(page, "delegate@demo.example")  # Japan
    response = page.goto("/formats/central-asia-japan/delegations/KZ/internal/")
    assert response is not None
    assert response.status == 403
    expect(page.get_by_role("heading", name="Not allowed")).to_be_visible()


def test_keyboard_user_reaches_content_with_the_skip_link(page):
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()


def test_api_docs_load(page):
    page.goto("/api/docs")
    expect(page.locator("body")).to_contain_text("Secretariat API")
