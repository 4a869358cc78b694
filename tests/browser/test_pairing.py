"""Colleague pairing in a real browser, in Swedish, on a desktop and a phone: HR sets up
a program, imports the employee list, makes a round; a colleague checks in from the
link in their e-mail; HR sees who now knows whom as a heatmap."""

from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.demo import load_demo
from natverk.outbox.actions import deliver_due
from natverk.pairing import actions, rounds
from natverk.pairing.demo import HR_EMAIL, HR_PASSWORD, _hr
from natverk.pairing.models import MeetupMember, PairingProgram, Participant
from natverk.workforce import generate_staff, write_employee_csv
from tests.browser.conftest import DESKTOP, PHONE


def _login(page: Page, base: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", HR_EMAIL)
    page.fill("#id_password", HR_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Välkommen", exact=False)).to_be_visible()


def _earlier_rounds(program: PairingProgram, today: dt.date) -> None:
    """Three rounds before today, as if the program had run for six weeks."""
    rng = random.Random(1)
    for weeks in (6, 4, 2):
        made = rounds.make_round(program.pk, today - dt.timedelta(weeks=weeks), introduce=False)
        assert made is not None
        _answer_some(made.pk, rng)


def _answer_some(round_id: int, rng: random.Random) -> None:
    for member in MeetupMember.objects.filter(meetup__round_id=round_id, answer=""):
        if rng.random() < 0.7:
            actions.check_in(member, MeetupMember.Answer.MET)


@pytest.mark.browser
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_hr_sets_up_pairing_and_a_colleague_checks_in_from_the_email(
    live_server: LiveServer,
    browser: Browser,
    transactional_db: None,
    screenshot_dir: Path,
    tmp_path: Path,
    size: str,
    viewport: dict[str, int],
) -> None:
    world = load_demo(members=20)
    _hr(world)
    base = live_server.url
    today = timezone.localdate()
    shots = screenshot_dir / f"pairing-{size}"
    shots.mkdir(exist_ok=True)

    def shot(page: Page, name: str) -> None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1

    hr = browser.new_context(locale="sv-SE", viewport=viewport)
    page = hr.new_page()
    _login(page, base)
    page.locator("#pairing-panel").get_by_role("link", name="Kollegaparning").click()
    page.fill("#id_title", "Fika över avdelningarna")
    page.select_option("#id_size", "pairs")
    page.select_option("#id_cadence", "biweekly")
    shot(page, "01-new-program")
    page.get_by_role("button", name="Skapa programmet").click()
    expect(page.get_by_role("heading", name="Fika över avdelningarna")).to_be_visible()

    # The HR export: 120 employees in nine departments and four offices.
    export = tmp_path / "personal.csv"
    write_employee_csv(
        generate_staff(120, seed=4, today=today, domain="nordljus.example.org"), export
    )
    page.set_input_files("#id_file", str(export))
    page.get_by_role("button", name="Importera listan").click()
    expect(page.get_by_text("120 personer tillagda")).to_be_visible()
    shot(page, "02-program")
    program = PairingProgram.objects.get(title="Fika över avdelningarna")
    assert program.participants.filter(status=Participant.Status.ACTIVE).count() == 120
    _earlier_rounds(program, today)

    page.get_by_role("button", name="Gör en omgång nu").click()
    expect(page.get_by_role("heading", name=re.compile("Omgång 4"))).to_be_visible()
    shot(page, "03-round")

    # A colleague opens the check-in link in their introduction e-mail: no login.
    deliver_due()
    intro = next(m for m in mail.outbox if "/pairing/checkin/" in m.body and "Hej" in m.body)
    link = re.search(r"https?://[^/\s]+(/pairing/checkin/\S+/)", intro.body)
    assert link is not None
    colleague = browser.new_context(locale="sv-SE", viewport=viewport).new_page()
    colleague.goto(base + link.group(1))
    expect(colleague.get_by_role("heading", name="Träffades ni?")).to_be_visible()
    shot(colleague, "04-checkin")
    colleague.get_by_role("button", name="Ja, vi träffades").click()
    expect(colleague.get_by_text("Tack! Du har svarat att ni träffades.")).to_be_visible()
    shot(colleague, "05-checked-in")
    person = Participant.objects.get(email=intro.to[0])
    assert MeetupMember.objects.get(participant=person, meetup__round__number=4).answer == "met"
    latest = program.rounds.get(number=4)
    _answer_some(latest.pk, random.Random(2))  # the other colleagues answer too

    page.get_by_role("link", name="Fika över avdelningarna").click()
    page.get_by_role("link", name="Vem känner vem nu").click()
    heatmap = page.get_by_role("img", name=re.compile("Träffar som blev av mellan avdelningar"))
    expect(heatmap).to_be_visible()
    numbers = [int(n) for n in re.findall(r">(\d+)</text>", page.content())]
    assert any(n >= 5 for n in numbers)  # Nordljus shows counts of five or more
    assert all(n == 0 or n >= 5 for n in numbers)
    shot(page, "06-insights")
    page.get_by_text("Visa som tabell").click()
    expect(page.locator("#heatmap-table table")).to_be_visible()
    shot(page, "07-insights-table")
