"""Importing applications from a forms export in a real browser, in Swedish, on a phone:
the leader sees the availability question found by its answers, and imports."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.demo import DEMO_SLUG, LEADER_EMAIL, LEADER_PASSWORD, load_demo
from natverk.programs.demo import load_demo_program
from tests.browser.conftest import PHONE
from tests.formats.forms_exports import google_forms


@pytest.mark.browser
def test_leader_confirms_the_columns_of_a_forms_export_on_a_phone(
    live_server: LiveServer,
    browser: Browser,
    transactional_db: None,
    screenshot_dir: Path,
    tmp_path: Path,
) -> None:
    world = load_demo(members=20)
    program = load_demo_program(world, applicants=10)
    export = google_forms("sv", n=30)
    path = tmp_path / "svar.csv"
    path.write_bytes(export.data)
    before = program.applications.count()

    page = browser.new_context(locale="sv-SE", viewport=PHONE).new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", LEADER_EMAIL)
    page.fill("#id_password", LEADER_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}/o/{DEMO_SLUG}/programs/{program.pk}/")
    page.get_by_role("link", name="Importera ansökningar från en formulärexport").click()
    page.set_input_files("#file", str(path))
    page.get_by_role("button", name="Läs filen").click()

    expect(page.get_by_role("heading", name="Kontrollera kolumnerna")).to_be_visible()
    times = page.locator("#field-availability")
    expect(times.locator("td.how")).to_have_text("på svaren")
    expect(times.locator("select option:checked")).to_contain_text("Vilka tider passar dig")
    expect(page.get_by_role("heading", name="30 personer kommer att importeras")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "import-columns-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1

    page.get_by_label("antagna").check()
    page.get_by_role("button", name="Importera", exact=True).click()
    expect(page.get_by_text("30 ansökningar importerades")).to_be_visible()
    assert program.applications.count() == before + 30
    assert program.applications.filter(email=export.people[0].email, status="accepted").exists()
