"""Colleague pairing in a real browser, in Swedish, on a desktop and a phone: HR sets up
a program, imports the employee list, makes a round; a colleague checks in from the
link in their e-mail; HR sees who now knows whom as a heatmap."""

from __future__ import annotations

import datetime as dt
import random
import re
import time
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.demo import load_demo
from natverk.formats.employees import Employee
from natverk.outbox.actions import deliver_due
from natverk.pairing import actions, rounds, tokens
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


@pytest.mark.browser
def test_every_pairing_page_fits_a_phone_and_a_colleague_manages_their_part(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    """The pages the first test does not reach, on a 390 px phone in Swedish: HR's list,
    settings, people and a refused import; a colleague joins from the link, skips the
    next round and names departments, and a broken and an expired link."""
    world = load_demo(members=20)
    hr_user = _hr(world)
    base = live_server.url
    today = timezone.localdate()
    shots = screenshot_dir / "pairing-phone-pages"
    shots.mkdir(exist_ok=True)

    def shot(page: Page, name: str) -> None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1

    program = actions.create_program(
        world.other_organisation, by=hr_user, title="Lunch i Luleå", first_round_on=today
    )
    staff = generate_staff(30, seed=6, today=today, domain="nordljus.example.org")
    actions.import_employees(
        program,
        [
            Employee(s.name, s.email, s.department, s.location, s.start_date, s.role, s.languages)
            for s in staff
        ],
        tell=False,
    )
    made = rounds.make_round(program.pk, today)
    assert made is not None

    hr = browser.new_context(locale="sv-SE", viewport=PHONE)
    page = hr.new_page()
    _login(page, base)
    page.goto(f"{base}/o/{world.other_organisation.slug}/pairing/")
    expect(page.get_by_role("link", name="Lunch i Luleå")).to_be_visible()
    shot(page, "01-list")
    page.get_by_role("link", name="Lunch i Luleå").click()
    page.get_by_role("link", name="Personer").click()
    expect(page.get_by_role("heading", name="Personer")).to_be_visible()
    shot(page, "02-people")
    page.get_by_role("link", name="Lunch i Luleå").click()
    page.get_by_role("link", name="Ändra programmet").click()
    shot(page, "03-edit")
    page.get_by_role("link", name="Lunch i Luleå").click()
    page.set_input_files(
        "#id_file",
        files=[
            {
                "name": "lista.csv",
                "mimeType": "text/csv",
                "buffer": "Namn;E-post;Avdelning\nÅsa;asa@x.se;HR\n;bo@x.se;IT\n".encode(),
            }
        ],
    )
    page.get_by_role("button", name="Importera listan").click()
    expect(page.get_by_role("alert")).to_contain_text("Rad 3: namnet är tomt.")
    shot(page, "04-import-refused")
    page.goto(f"{base}/o/{world.other_organisation.slug}/pairing/{program.pk}/rounds/1/")
    shot(page, "05-round")

    colleague = browser.new_context(locale="sv-SE", viewport=PHONE).new_page()
    colleague.goto(base + reverse("pairing:join", kwargs={"join_token": program.join_token}))
    colleague.fill("#id_name", "Linnea Nyström")
    colleague.fill("#id_email", "linnea.nystrom@nordljus.example.org")
    colleague.fill("#id_department", "Kundservice")
    shot(colleague, "06-join")
    colleague.get_by_role("button", name=re.compile("Anmäl")).click()
    shot(colleague, "07-join-sent")
    deliver_due()
    confirm = next(m for m in mail.outbox if m.to == ["linnea.nystrom@nordljus.example.org"])
    own = re.search(r"https?://[^/\s]+(/pairing/me/\S+/)", confirm.body)
    assert own is not None
    colleague.goto(base + own.group(1))
    colleague.get_by_role("button", name="Ja, jag är med").click()
    colleague.get_by_role("button", name="Hoppa över nästa omgång").click()
    expect(colleague.get_by_text("Du hoppar över nästa omgång.")).to_be_visible()
    colleague.get_by_label("Ekonomi").check()
    colleague.get_by_role("button", name="Spara").click()
    expect(colleague.get_by_text("Sparat.")).to_be_visible()
    shot(colleague, "08-own-page")
    person = Participant.objects.get(email="linnea.nystrom@nordljus.example.org")
    assert person.status == Participant.Status.ACTIVE and person.skip_next
    assert person.curious == ["Ekonomi"]

    colleague.goto(base + own.group(1)[:-3] + "xx/")
    expect(colleague.get_by_role("heading")).to_be_visible()
    shot(colleague, "09-link-invalid")
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 200 * 86400):
        old = tokens.make(tokens.PARTICIPANT, person.pk, program.pk)
    colleague.goto(base + reverse("pairing:me", kwargs={"participant_token": old}))
    shot(colleague, "10-link-expired")
    colleague.get_by_role("button", name="Mejla mig en ny länk").click()
    expect(colleague.get_by_role("heading", name="Kolla din e-post")).to_be_visible()
    shot(colleague, "11-new-link-sent")
    deliver_due()
    assert mail.outbox[-1].subject == "Din länk till Lunch i Luleå"
