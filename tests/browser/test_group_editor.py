"""The group editor in a real browser (issue 11, item 6): choosing the target before the
member, a program with someone unassigned, and duplicate names, on a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.demo import DEMO_SLUG, LEADER_EMAIL, LEADER_PASSWORD, load_demo
from natverk.programs import actions
from natverk.programs.demo import load_demo_program
from natverk.programs.models import Application, GroupMember
from tests.browser.conftest import PHONE
from tests.programs.conftest import run_worker


@pytest.mark.browser
def test_editor_answers_any_order_and_places_the_unassigned(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = load_demo(members=60)
    program = load_demo_program(world, applicants=24)
    actions.start_matching_run(program, by=world.leader, time_limit=0.5)
    run_worker()
    late = program.applications.filter(status="submitted").first()
    assert late is not None
    # Someone who can meet any time, in any language, from an employer of their own.
    Application.objects.filter(pk=late.pk).update(
        availability="", languages="sv, da, en", employer="Egen firma"
    )
    actions.set_application_status(late, "accepted")
    twins = list(program.applications.filter(status="accepted").exclude(pk=late.pk)[:2])
    Application.objects.filter(pk__in=[t.pk for t in twins]).update(name="Anna Andersson")

    page = browser.new_context(locale="sv-SE", viewport=PHONE).new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", LEADER_EMAIL)
    page.fill("#id_password", LEADER_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.goto(f"{live_server.url}/o/{DEMO_SLUG}/programs/{program.pk}/groups/")
    # The unassigned person is first on the page.
    expect(page.get_by_role("heading", name="Utan grupp (1)")).to_be_visible()
    # The target chosen before the member: a hint, not an error page.
    page.select_option("#target", index=1)
    expect(page.get_by_text("Välj en medlem först.")).to_be_visible()
    # Duplicate names are told apart in the picker.
    options = page.locator("#member option").all_inner_texts()
    assert sum(o.startswith("Anna Andersson (") for o in options) == 2
    # Place the late applicant in a group where they fit.
    fitting = next(
        g
        for g in program.groups.all()
        if not actions.preview_change(program, late, group=g).problems
    )
    page.select_option(f"#place-{late.pk}", f"group:{fitting.pk}")
    expect(page.get_by_text("Ändring i poäng")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "editor-place-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    page.get_by_role("button", name="Spara ändringen").click()
    expect(page.get_by_text("Grupperna är ändrade.")).to_be_visible()
    assert GroupMember.objects.get(application=late).group == fitting
    expect(page.get_by_role("heading", name="Utan grupp (1)")).to_have_count(0)
