from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.e2e.conftest import log_in

DOC = "/formats/central-asia-japan/documents/programme-joint-efforts-pandemic/"


def test_delegate_negotiates_on_the_programme_document(new_page):
    page = new_page()
    log_in(page, "head@demo.example")
    page.goto("/formats/central-asia-japan/documents/")
    page.get_by_role("link", name=re.compile("Programme Document on Joint Efforts")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Programme Document")
    bracket = page.locator("#doc-main .bracket").first
    expect(bracket).to_contain_text("within 24 hours")
    expect(bracket.locator(".holders")).to_have_text("KZ")

    # record a position through htmx: the table updates without a page load
    page.evaluate("window.__marker = 'same page'")
    page.get_by_label("Position", exact=True).select_option("reserve")
    page.get_by_role("button", name=re.compile("Record on Rev")).click()
    expect(page.get_by_role("status")).to_contain_text("Position recorded.")
    row = page.locator('tr[data-delegation="KZ"]')
    expect(row).to_contain_text("reserve")
    assert page.evaluate("window.__marker") == "same page"

    # a refused action (422) shows its reason in place, and records nothing
    page.get_by_label("Position", exact=True).select_option("object")
    page.get_by_role("button", name=re.compile("Record on Rev")).click()
    expect(page.get_by_role("alert")).to_contain_text("An objection needs a reason.")
    expect(row).to_contain_text("reserve")
    assert page.evaluate("window.__marker") == "same page"

    # propose on a provision from the form loaded beside it, with the keyboard
    op6 = page.locator('article[data-label="OP6"]')
    op6.get_by_role("button", name="Propose").focus()
    page.keyboard.press("Enter")
    form = op6.locator("form")
    form.get_by_label("Proposal on OP6").select_option("replace")
    form.get_by_label("Text concerned").fill("once a year")
    form.get_by_label("Proposed text").fill("twice a year")
    form.get_by_label("Rationale").fill("Closer follow-up.")
    form.get_by_role("button", name="Submit the proposal").click()
    expect(page.get_by_role("status")).to_contain_text("Proposal submitted.")
    expect(page.locator('article[data-label="OP6"] .proposal')).to_have_count(2)

    # clean text drops the bracket; the diff page shows the track changes
    page.get_by_label("Clean text").check()
    page.get_by_role("button", name="Show").click()
    expect(page.locator('article[data-label="OP2"]')).not_to_contain_text("within 24 hours")
    page.goto(DOC + "diff/?from=1&to=3")
    expect(page.locator(".diff ins").first).to_be_visible()


def test_public_does_not_learn_of_drafts_but_reads_adopted_text(new_page):
    page = new_page()
    response = page.goto(DOC)
    assert response is not None
    assert response.status == 404
    page.goto("/formats/central-asia-japan/documents/")
    expect(page.get_by_role("link", name=re.compile("Programme Document"))).to_have_count(0)
    page.get_by_role("link", name=re.compile("Disaster Risk Reduction")).click()
    expect(page.locator("code.hash").first).to_have_text(re.compile("^[0-9a-f]{64}$"))


ROADMAP = "/formats/central-asia-japan/documents/roadmap-high-technologies/"

SELECT_WORDS = """([label, words]) => {
  const root = document.querySelector(`article[data-label="${label}"] .prov-text`);
  const node = root.firstChild;
  const at = node.textContent.indexOf(words);
  const range = document.createRange();
  range.setStart(node, at);
  range.setEnd(node, at + words.length);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  root.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
}"""


def test_pen_holder_brackets_a_selection_and_a_delegation_drops_its_holding(new_page):
    page = new_page()
    log_in(page, "secretariat@demo.example")
    page.goto(ROADMAP)
    page.evaluate("window.__marker = 'same page'")

    # select words with the mouse: a button offers to bracket exactly them
    page.evaluate(SELECT_WORDS, ["OP1", "digital technologies"])
    page.get_by_role("button", name="Bracket the selection").click()
    op1 = page.locator('article[data-label="OP1"]')
    form = op1.locator("form.bracket-form")
    expect(form.get_by_label("Text to bracket, as it reads")).to_have_value("digital technologies")
    form.get_by_label("Alternatives").fill("information and communication technologies")
    form.get_by_label("KZ", exact=True).check()
    form.get_by_role("button", name="Put in brackets").click()
    expect(page.get_by_role("status")).to_contain_text("Text bracketed.")
    bracket = page.locator('article[data-label="OP1"] .bracket')
    expect(bracket).to_contain_text("[digital technologies / information and communication")
    expect(bracket.locator(".holders")).to_have_text("KZ")

    # the keyboard way: open the provision's bracket panel and type the words
    op2 = page.locator('article[data-label="OP2"]')
    op2.get_by_role("button", name="Brackets").focus()
    page.keyboard.press("Enter")
    span = op2.get_by_label("Text to bracket, as it reads")
    span.fill("research institutes")
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Text bracketed.")
    expect(page.locator('article[data-label="OP2"] .bracket')).to_have_text("[research institutes]")
    # words that occur nowhere get a clear error and change nothing
    op2 = page.locator('article[data-label="OP2"]')
    op2.get_by_role("button", name="Brackets").click()
    op2.get_by_label("Text to bracket, as it reads").fill("laboratories")
    op2.get_by_role("button", name="Put in brackets").click()
    expect(page.get_by_role("alert")).to_contain_text("“laboratories” does not occur in OP2")
    assert page.evaluate("window.__marker") == "same page"

    # Kazakhstan's head no longer holds the bracket in OP1
    other = new_page()
    log_in(other, "head@demo.example")
    other.goto(ROADMAP)
    op1 = other.locator('article[data-label="OP1"]')
    op1.get_by_role("button", name="Brackets").click()
    op1.get_by_role("button", name="KZ no longer holds this bracket").click()
    expect(other.get_by_role("status")).to_contain_text("Holders of the bracket recorded.")
    expect(other.locator('article[data-label="OP1"] .bracket .holders')).to_have_count(0)


def test_a_position_recorded_elsewhere_appears_without_a_reload(new_page):
    watcher = new_page()
    log_in(watcher, "head@demo.example")
    watcher.goto(DOC)
    watcher.evaluate("window.__marker = 'same page'")
    expect(watcher.locator("#doc-live")).to_have_attribute("data-live-status", "live")

    chair = new_page()
    log_in(chair, "chair@demo.example")  # head of the Turkmen delegation
    chair.goto(DOC)
    chair.get_by_label("Position", exact=True).select_option("reserve")
    chair.get_by_role("button", name=re.compile("Record on Rev")).click()
    expect(chair.get_by_role("status")).to_contain_text("Position recorded.")

    expect(watcher.locator('tr[data-delegation="TM"]')).to_contain_text("reserve", timeout=10000)
    assert watcher.evaluate("window.__marker") == "same page"
