"""Under the Content-Security-Policy the pages still work and the browser blocks nothing:
htmx's preview in the group editor, the language switch (natverk.js) and the admin."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.demo import DEMO_SLUG, LEADER_EMAIL, LEADER_PASSWORD, load_demo
from natverk.programs import actions
from natverk.programs.demo import load_demo_program
from tests.programs.conftest import run_worker

# Every blocked load or inline script is reported to the page as this event.
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__violations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


def _violations(page: Page, console: list[str]) -> list[str]:
    found: list[str] = page.evaluate("window.__violations")
    return found + [line for line in console if "Content Security Policy" in line]


@pytest.mark.browser
def test_pages_work_and_nothing_is_blocked_by_the_policy(
    live_server: LiveServer, browser: Browser, transactional_db: None
) -> None:
    world = load_demo(members=30)
    program = load_demo_program(world, applicants=24)
    actions.start_matching_run(program, by=world.leader)
    run_worker()
    context = browser.new_context(locale="sv-SE")
    context.add_init_script(WATCH)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(message.text))
    page.on("pageerror", lambda error: console.append(f"Content Security Policy? {error}"))

    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", LEADER_EMAIL)
    page.fill("#id_password", LEADER_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Välkommen, Lena")).to_be_visible()
    assert _violations(page, console) == []

    # htmx posts the preview and swaps it in (no inline style or eval needed).
    page.goto(f"{live_server.url}/o/{DEMO_SLUG}/programs/{program.pk}/groups/")
    first = program.groups.get(number=1).members.first()
    second = program.groups.get(number=2)
    assert first is not None
    page.select_option("#member", str(first.application_id))
    page.select_option("#target", f"group:{second.pk}")
    expect(page.get_by_text("Ändring i poäng")).to_be_visible()
    assert _violations(page, console) == []

    # The language switch is natverk.js's change handler, not an inline onchange.
    page.select_option("#language", "en")
    expect(page.get_by_role("heading", name="Groups")).to_be_visible()
    assert _violations(page, console) == []
    context.close()
