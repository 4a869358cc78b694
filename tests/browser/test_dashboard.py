"""A network leader logs in with a real browser and sees the dashboard in Swedish."""

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.demo import LEADER_EMAIL, LEADER_PASSWORD, load_demo
from tests.browser.conftest import DESKTOP, PHONE


@pytest.mark.browser
@pytest.mark.parametrize(("name", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_leader_logs_in_and_sees_the_swedish_dashboard(
    live_server: LiveServer,
    browser: Browser,
    transactional_db: None,
    screenshot_dir: Path,
    name: str,
    viewport: dict[str, int],
) -> None:
    load_demo(members=60)
    context = browser.new_context(locale="sv-SE", viewport=viewport)
    page = context.new_page()
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", name="Logga in")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / f"login-{name}.png"), full_page=True)
    page.fill("#id_username", LEADER_EMAIL)
    page.fill("#id_password", LEADER_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Välkommen, Lena")).to_be_visible()
    expect(page.get_by_text("Vanligaste yrken")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / f"dashboard-{name}.png"), full_page=True)
    # Nothing overflows sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    context.close()


@pytest.mark.browser
def test_language_switch_turns_the_page_danish(
    live_server: LiveServer, browser: Browser, transactional_db: None
) -> None:
    load_demo(members=10)
    context = browser.new_context(locale="sv-SE")
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.select_option("#language", "da")
    expect(page.get_by_role("heading", name="Log ind")).to_be_visible()
    context.close()
