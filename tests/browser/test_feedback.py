"""Members answer a meeting pulse from the e-mail link on a phone; the leader sees the
result appear only when the k-th answer arrives."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.demo import DEMO_SLUG, LEADER_EMAIL, LEADER_PASSWORD, load_demo
from natverk.feedback.tasks import open_pulses
from natverk.meetings.models import Meeting
from natverk.meetings.publishing import publish_changes
from natverk.outbox.actions import deliver_due
from natverk.programs import actions
from natverk.programs.demo import load_demo_program
from tests.browser.conftest import DESKTOP, PHONE
from tests.programs.conftest import run_worker


@pytest.mark.browser
def test_pulse_answers_from_the_mail_link_and_results_at_the_kth_answer(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = load_demo(members=60)
    program = load_demo_program(world, applicants=24)
    actions.start_matching_run(program, by=world.leader, time_limit=0.5)
    run_worker()
    run = program.runs.get()
    assert run.status == "done", run.error
    publish_changes(program)
    group = program.groups.order_by("-number").first()
    assert group is not None
    Meeting.objects.filter(group=group, number=1).update(
        starts_at=timezone.now() - dt.timedelta(hours=2),
        ends_at=timezone.now() - dt.timedelta(minutes=30),
    )
    deliver_due()
    mail.outbox.clear()
    open_pulses()
    deliver_due()
    links = [
        re.search(r"(/feedback/[\w-]+/)", m.body).group(1)  # type: ignore[union-attr]
        for m in mail.outbox
        if "/feedback/" in m.body
    ]
    k = program.organisation.min_report_size
    assert len(links) >= k
    shots = screenshot_dir / "feedback"
    shots.mkdir(exist_ok=True)

    leader = browser.new_context(locale="sv-SE", viewport=DESKTOP).new_page()
    leader.goto(live_server.url + "/accounts/login/")
    leader.fill("#id_username", LEADER_EMAIL)
    leader.fill("#id_password", LEADER_PASSWORD)
    leader.get_by_role("button", name="Logga in").click()
    dashboard = f"{live_server.url}/o/{DEMO_SLUG}/programs/{program.pk}/feedback/"

    for n, link in enumerate(links[:k], start=1):
        phone = browser.new_context(locale="sv-SE", viewport=PHONE)
        page = phone.new_page()
        page.goto(live_server.url + link)  # no login: the link is the key
        page.get_by_label("4").first.check()
        page.get_by_label("Ja").first.check()
        page.get_by_label("Gav energi").check()
        page.get_by_label("En sak att behålla").fill("Öppningsrundan")
        if n == 1:
            page.screenshot(path=str(shots / "pulse-phone.png"), full_page=True)
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"] + 1
        page.get_by_role("button", name="Skicka mitt svar").click()
        expect(page.get_by_role("heading", name="Tack!")).to_be_visible()
        phone.close()
        leader.goto(dashboard)
        first = leader.locator("table.chart tbody tr").first
        if n < k:
            expect(first).to_contain_text(f"Färre än {k} svar")
        else:
            expect(first).to_contain_text(f"4,0 ({k})")
    leader.screenshot(path=str(shots / "dashboard-desktop.png"), full_page=True)
    # Reusing a link: the second answer is refused.
    again = browser.new_context(locale="sv-SE", viewport=PHONE).new_page()
    again.goto(live_server.url + links[0])
    expect(again.get_by_text("Du har redan svarat. Tack!")).to_be_visible()
