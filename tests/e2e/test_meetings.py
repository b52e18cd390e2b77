"""The live session in two browsers: the chair runs the console, the Japanese delegate
follows from their own view; each sees the other's action without reloading."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in


def _open_eighth_meeting(page) -> None:
    page.goto("/formats/central-asia-japan/meetings/")
    page.get_by_role("link", name="8th meeting of the Foreign Ministers").click()
    expect(page.get_by_role("heading", name="8th meeting of the Foreign Ministers")).to_be_visible()


def test_chair_gives_the_floor_and_the_delegate_sees_it_live(new_page):
    chair = new_page()
    log_in(chair, "chair@demo.example")  # head of the Turkmen delegation; Turkmenistan chairs
    _open_eighth_meeting(chair)
    chair.get_by_role("link", name="Session console").click()
    expect(chair.locator("[data-conn]")).to_have_text("live")
    # The demo's 8th meeting is weeks away: opening it now asks for confirmation first.
    chair.once("dialog", lambda dialog: dialog.accept())
    chair.get_by_role("button", name="Open the session").click()
    expect(chair.locator("[data-bind=status]")).to_have_text("in session")
    chair.get_by_role("button", name="Open the list of speakers").click()
    expect(chair.locator("[data-speakers-open]")).to_have_text("open")

    delegate = new_page()
    log_in(delegate, "delegate@demo.example")  # delegate of Japan
    _open_eighth_meeting(delegate)
    delegate.get_by_role("link", name="Follow the session").click()
    expect(delegate.locator("[data-conn]")).to_have_text("live")
    delegate.get_by_role("button", name="Request the floor for Japan").click()

    # The chair's console shows the request without a reload.
    speakers = chair.locator("[data-speakers]")
    expect(speakers).to_contain_text("Japan")
    expect(speakers).to_contain_text("waiting")
    chair.get_by_role("button", name="Give the floor to the next speaker").click()

    # The delegate's page shows that Japan has the floor, and the countdown runs.
    expect(delegate.locator("[data-floor]")).to_contain_text("Japan")
    expect(delegate.locator("[data-floor]")).to_contain_text("has the floor")
    countdown = delegate.locator("[data-countdown]")
    expect(countdown).to_have_text(re.compile(r"^[23]:\d\d$"))
    expect(delegate.locator("[data-speakers] .speaker-speaking")).to_contain_text("Japan")

    # A decision recorded by the chair reaches the public outcomes view live.
    public = new_page()
    public.goto(chair.url.replace("/live/", "/outcomes/"))
    expect(public.locator("[data-conn]")).to_have_text("live")
    chair.get_by_role("button", name="End the speech").click()
    chair.get_by_role("textbox", name="Decision").fill(
        "The ministers heard Japan on the opening item."
    )
    chair.get_by_role("button", name="Record on the current item").click()
    expect(public.locator("[data-decisions]")).to_contain_text("The ministers heard Japan")
    expect(delegate.locator("[data-decisions]")).to_contain_text("The ministers heard Japan")
    expect(delegate.locator("[data-floor]")).to_contain_text("Nobody has the floor.")


def test_observer_cannot_follow_the_internal_session(new_page):
    observer = new_page()
    log_in(observer, "observer@demo.example")
    _open_eighth_meeting(observer)
    expect(observer.get_by_role("link", name="Follow the session")).to_have_count(0)
    expect(observer.get_by_text("Join the video conference")).to_have_count(0)
    expect(observer.get_by_text("The link is for registered participants")).to_be_visible()


def test_secretariat_finds_a_time_with_the_keyboard(new_page):
    page = new_page()
    log_in(page, "secretariat@demo.example")
    page.goto("/formats/central-asia-japan/meetings/")
    page.get_by_label("Duration (minutes)").fill("180")
    page.get_by_label("Duration (minutes)").press("Enter")
    table = page.locator("table.slots")
    expect(table).to_be_visible()
    first = table.locator("tbody tr").first
    expect(first.locator("th")).to_contain_text("04:00–07:00")
    expect(first).to_contain_text("13:00")  # Tokyo
