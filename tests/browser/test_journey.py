"""The leader's whole journey in a real browser, in Swedish, on a desktop and a phone:
create a program, three members apply, accept, run matching (on the real task queue),
move a member, publish, and a member downloads the calendar."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.demo import LEADER_EMAIL, LEADER_PASSWORD, load_demo
from natverk.accounts.models import User
from natverk.programs.actions import submit_application
from natverk.programs.models import Application, Program
from tests.browser.conftest import DESKTOP, PHONE
from tests.programs.conftest import run_worker

PASSWORD = "resa-till-natverk-2027"  # noqa: S105


def _login(page: Page, base: str, email: str, password: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Välkommen", exact=False)).to_be_visible()


@pytest.mark.browser
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_leader_journey_from_program_to_calendar(
    live_server: LiveServer,
    browser: Browser,
    transactional_db: None,
    screenshot_dir: Path,
    size: str,
    viewport: dict[str, int],
) -> None:
    world = load_demo(members=30)
    base = live_server.url
    shots = screenshot_dir / f"journey-{size}"
    shots.mkdir(exist_ok=True)

    def shot(page: Page, name: str) -> None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1

    leader = browser.new_context(locale="sv-SE", viewport=viewport)
    page = leader.new_page()
    _login(page, base, LEADER_EMAIL, LEADER_PASSWORD)
    page.get_by_role("link", name="Nytt program").click()
    page.fill("#id_title", "Kommunikatörer i energi och handel")
    page.fill("#id_theme", "Kriskommunikation")
    page.fill("#id_group_min", "2")
    page.fill("#id_group_max", "4")
    page.fill("#id_first_meeting_on", "2027-02-01")
    shot(page, "01-new-program")
    page.get_by_role("button", name="Skapa program").click()
    expect(page.get_by_role("heading", name="Kommunikatörer i energi och handel")).to_be_visible()
    page.get_by_role("button", name="Öppna ansökningssidan").click()
    apply_url = page.locator("#apply-link").inner_text()
    shot(page, "02-program")

    # Three members apply on the public page (logged in, so they see their group later).
    program = Program.objects.get(title="Kommunikatörer i energi och handel")
    applicants = list(
        User.objects.filter(
            memberships__organisation=world.organisation, memberships__role="member"
        ).order_by("email")[:3]
    )
    for k, person in enumerate(applicants):
        person.set_password(PASSWORD)
        person.save(update_fields=["password"])
        context = browser.new_context(locale="sv-SE", viewport=viewport)
        member_page = context.new_page()
        _login(member_page, base, person.email, PASSWORD)
        member_page.goto(apply_url)
        member_page.fill("#id_name", person.name)
        member_page.select_option("#id_profession", "2432")
        member_page.select_option("#id_industry", ["35", "47", "35"][k])
        member_page.fill("#id_employer", ["Vattenfall", "ICA", "Ellevio"][k])
        member_page.fill("#id_hopes", "Jag vill lära mig mer om förhandling och ledarskap.")
        member_page.fill("#id_offers", "Jag kan bidra med kriskommunikation.")
        member_page.get_by_label("Tisdag kväll").check()
        member_page.get_by_label("Jag har läst integritetsmeddelandet", exact=False).check()
        if k == 0:
            shot(member_page, "03-apply")
        member_page.get_by_role("button", name="Skicka ansökan").click()
        expect(member_page.get_by_role("heading", name="Tack!")).to_be_visible()
        context.close()
    # Three more applicants came in by other means, so that there are two groups.
    for k in range(3):
        submit_application(
            program,
            user=None,
            email=f"extra{k}@example.org",
            name=f"Extra {k}",
            profession="2431",
            industry="64",
            hopes="ledarskap",
            offers="förhandling",
            availability="tue-evening",
        )

    page.reload()
    for _ in range(6):
        page.get_by_role("button", name="Godkänn").first.click()
    assert program.applications.filter(status=Application.Status.ACCEPTED).count() == 6
    shot(page, "04-applications")

    page.get_by_role("button", name="Kör matchning").click()
    expect(page.get_by_role("heading", name="Matchning 1")).to_be_visible()
    shot(page, "05-run-queued")
    run_worker()  # the real database worker picks up the queued run
    expect(page.get_by_text("Klar")).to_be_visible(timeout=15_000)
    shot(page, "06-run-done")

    page.get_by_role("link", name="Redigera grupper").click()
    expect(page.get_by_role("heading", name="Grupp 1", exact=False)).to_be_visible()
    first = program.groups.get(number=1).members.first().application
    second = program.groups.get(number=2).members.first().application
    page.select_option("#member", str(first.pk))
    page.select_option("#target", f"swap:{second.pk}")
    expect(page.get_by_text("Ändring i poäng")).to_be_visible()
    shot(page, "07-preview-swap")
    page.get_by_role("button", name="Spara ändringen").click()
    expect(page.get_by_text("Grupperna är ändrade.")).to_be_visible()
    assert program.groups.get(number=2).members.filter(application=first).exists()
    page.get_by_role("link", name="Publicera grupperna …").click()
    expect(page.get_by_text("6 e-brev skickas:")).to_be_visible()
    shot(page, "08-publish-summary")
    page.get_by_role("button", name="Publicera och skicka").click()
    expect(page.get_by_text("Publicerat: 6 e-brev är på väg.")).to_be_visible()
    shot(page, "09-published")
    leader.close()

    # A member sees the group and downloads the calendar.
    member = browser.new_context(locale="sv-SE", viewport=viewport, accept_downloads=True)
    member_page = member.new_page()
    _login(member_page, base, applicants[0].email, PASSWORD)
    expect(member_page.get_by_text("Din grupp")).to_be_visible()
    shot(member_page, "10-member-group")
    with member_page.expect_download() as download:
        member_page.get_by_role("link", name="Lägg till i kalendern (.ics)").click()
    content = Path(download.value.path()).read_text(encoding="utf-8")
    assert "BEGIN:VCALENDAR" in content and "TZID:Europe/Stockholm" in content
    assert content.count("BEGIN:VEVENT") == program.meeting_count
    member.close()
