"""Live announcements in two browsers: the secretariat sends one, a delegate's open page
shows it without a reload."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import expect

from tests.e2e.conftest import log_in

PAGE = "/live/central-asia-japan/announcements/"
ZONED = re.compile(r"JST \(UTC\+9\)$")


def test_an_announcement_reaches_an_open_page_without_a_reload(new_page: Any) -> None:
    delegate = new_page()
    log_in(delegate, "delegate@demo.example")
    delegate.goto(PAGE)
    status = delegate.locator("[data-live-status]")
    expect(status).to_have_attribute("data-state", "live")
    feed = delegate.locator("[data-live-feed]")
    expect(feed).to_contain_text("Delegations are kindly asked")  # the demo's, from the snapshot
    expect(delegate.get_by_role("heading", name="Send an announcement")).to_have_count(0)
    delegate.evaluate("window.__sameDocument = true")  # gone if the page reloads

    secretariat = new_page()
    log_in(secretariat, "secretariat@demo.example")
    secretariat.goto(PAGE)
    text = "The plenary resumes at 15:30 in Hall B."
    secretariat.get_by_role("textbox", name="Announcement").fill(text)
    secretariat.get_by_role("button", name="Send to everyone").click()
    # htmx hands back an empty form; the sender's own feed shows it through the socket too
    expect(secretariat.get_by_role("textbox", name="Announcement")).to_have_value("")
    expect(secretariat.locator("[data-live-feed]")).to_contain_text(text)

    newest = delegate.locator("[data-live-feed] .live-item").first
    expect(newest).to_contain_text(text)
    expect(newest).to_contain_text("Mariko Tanaka")  # the secretariat member who sent it
    expect(newest).to_have_class("live-item live-new")  # added by the socket, not the server
    # in the delegate's zone (Asia/Tokyo), and saying so
    expect(newest.locator("time")).to_have_text(ZONED)
    assert delegate.evaluate("window.__sameDocument === true")
    expect(status).to_have_attribute("data-state", "live")
