"""A person who pastes a hidden direction override into a negotiated text sees, in the page,
why nothing was saved (an htmx form: the 422 is shown where they are, the form keeps what
they typed)."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in

ROADMAP = "/formats/central-asia-japan/documents/roadmap-high-technologies/"


def test_pen_holder_sees_why_a_hidden_override_is_refused(new_page):
    page = new_page()
    log_in(page, "secretariat@demo.example")
    page.goto(ROADMAP)
    before = page.locator("#doc-main article").count()
    page.get_by_text("Add a provision at the end").click()
    text = "Parties \u202eagree to share data."
    page.locator("#ins-text").fill(text)
    page.get_by_role("button", name="Insert", exact=True).click()
    alert = page.locator("#refused-input")
    expect(alert).to_contain_text("Nothing was saved.")
    expect(alert).to_contain_text(re.compile(r"text: U\+202E RIGHT-TO-LEFT OVERRIDE at position 9"))
    expect(page.locator("#ins-text")).to_have_value(text)  # what they typed is still there
    page.reload()
    expect(page.locator("#doc-main article")).to_have_count(before)
