"""Before circulating a text under silence, the chair types a deadline and sees it in
every member capital, as they type and, without JavaScript, on a page of its own."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in

DOC = "/formats/central-asia-japan/documents/programme-joint-efforts-pandemic/"
# 14:00 in Tokyo on 22 December 2030 is 05:00 UTC.
CAPITALS = {
    "Asia/Tokyo": "22 December 2030, 14:00 JST (UTC+9)",
    "Asia/Almaty": "22 December 2030, 10:00 UTC+5",  # Astana
    "Asia/Bishkek": "22 December 2030, 11:00 UTC+6",
    "Asia/Dushanbe": "22 December 2030, 10:00 UTC+5",
    "Asia/Ashgabat": "22 December 2030, 10:00 UTC+5",
    "Asia/Tashkent": "22 December 2030, 10:00 UTC+5",
}


def test_chair_types_a_silence_deadline_and_sees_it_in_every_capital(new_page):
    page = new_page()
    log_in(page, "chair@demo.example")  # head of the Turkmen delegation, in Asia/Ashgabat
    page.goto(DOC)
    zone = page.get_by_label("Time zone of the times you type")
    expect(zone).to_have_value("Asia/Ashgabat")  # the chair's own zone, preselected
    zone.select_option("Asia/Tokyo")
    page.get_by_label("Silence deadline").fill("2030-12-22T14:00")
    preview = page.locator("#preview-deadline")
    for capital_zone, words in CAPITALS.items():
        expect(preview.locator(f'tr[data-zone="{capital_zone}"]')).to_contain_text(words)
    expect(preview).to_contain_text("22 December 2030, 05:00 UTC")
    expect(preview).to_contain_text("22 December 2030, 10:00 UTC+5")  # the chair's own time
    # Another zone, the same typed digits: another instant, and the rows follow.
    zone.select_option("UTC")
    expect(preview.locator('tr[data-zone="Asia/Tokyo"]')).to_contain_text(
        "22 December 2030, 23:00 JST (UTC+9)"
    )


def test_without_javascript_the_preview_button_shows_a_page(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="en-GB", java_script_enabled=False)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        log_in(page, "chair@demo.example")
        page.goto(DOC)
        page.get_by_label("Time zone of the times you type").select_option("Asia/Tokyo")
        page.get_by_label("Silence deadline").fill("2030-12-22T14:00")
        page.get_by_role("button", name="Preview in every capital").click()
        expect(page.get_by_role("heading", name="Times in every capital")).to_be_visible()
        for capital_zone, words in CAPITALS.items():
            expect(page.locator(f'tr[data-zone="{capital_zone}"]')).to_contain_text(words)
        page.get_by_role("link", name="Back to the form").click()
        expect(page).to_have_url(re.compile(re.escape(DOC)))
    finally:
        context.close()


def test_capitals_clocks_are_right_before_any_script_runs(browser, base_url):
    context = browser.new_context(base_url=base_url, locale="en-GB", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/formats/central-asia-japan/")
        tokyo = page.locator('tr[data-state="JP"] time.clock')
        astana = page.locator('tr[data-state="KZ"] time.clock')
        hours = [int(clock.inner_text()[:2]) for clock in (tokyo, astana)]
        assert (hours[0] - hours[1]) % 24 == 4  # UTC+9 and UTC+5, not the same wall time
        expect(page.locator('tr[data-state="JP"] [data-clock-label]')).to_have_text("JST (UTC+9)")
        expect(page.locator('tr[data-state="KZ"] [data-clock-label]')).to_have_text("UTC+5")
    finally:
        context.close()
