"""The member side in a real browser on a phone (390 px), in Swedish.

An administrator invites a leader, who joins by the e-mail link and creates a program; a
visitor applies, confirms by the link read from the outbox, sets a password, is accepted
and matched, logs in, sees the group with shared contact details and posts a question
that another member gets by e-mail; then the visitor resets their password."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.demo import ADMIN_EMAIL, ADMIN_PASSWORD, load_demo
from natverk.accounts.models import User
from natverk.outbox.actions import deliver_due
from natverk.programs import intake
from natverk.programs.models import Program
from tests.browser.conftest import PHONE
from tests.programs.conftest import run_worker

PASSWORD = "kaffe-och-kanelbullar-27"  # noqa: S105
NEW_PASSWORD = "te-och-skorpor-2027"  # noqa: S105


def _mail_link(to: str, pattern: str) -> str:
    deliver_due()
    messages = [m for m in mail.outbox if m.to == [to]]
    assert messages, f"no mail to {to}"
    found = re.search(rf"https?://\S+{pattern}\S*", messages[-1].body)
    assert found, messages[-1].body
    return found.group(0)


def _login(page: Page, base: str, email: str, password: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Logga in").click()


class Shots:
    """Screenshots to look at; every page is checked for sideways scrolling on a phone."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(exist_ok=True)

    def __call__(self, page: Page, name: str) -> None:
        page.screenshot(path=str(self.folder / f"{name}.png"), full_page=True)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"] + 1, f"{name} scrolls sideways ({width} px)"


def _phone(browser: Browser) -> BrowserContext:
    return browser.new_context(locale="sv-SE", viewport=PHONE, is_mobile=True)


def _invited_leader_creates_a_program(browser: Browser, base: str, shot: Shots) -> str:
    admin = _phone(browser)
    page = admin.new_page()
    _login(page, base, ADMIN_EMAIL, ADMIN_PASSWORD)
    page.get_by_role("link", name="Bjud in personer").first.click()
    page.fill("#id_people", "Ines Ledare <ines.ledare@example.org>")
    page.select_option("#id_role", "leader")
    shot(page, "01-admin-invites-a-leader")
    page.get_by_role("button", name="Skicka inbjudningar").click()
    expect(page.get_by_text("1 inbjudningar skickade.")).to_be_visible()
    shot(page, "02-invitation-sent")
    admin.close()

    leader = _phone(browser)
    page = leader.new_page()
    page.goto(_mail_link("ines.ledare@example.org", "/invitations/"))
    page.fill("#id_name", "Ines Ledare")
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    shot(page, "03-leader-accepts")
    page.get_by_role("button", name="Tacka ja och fortsätt").click()
    expect(page.get_by_text("Välkommen till", exact=False).first).to_be_visible()
    page.get_by_role("link", name="Nytt program").click()
    page.fill("#id_title", "Analytiker möts")
    page.fill("#id_group_min", "2")
    page.fill("#id_group_max", "4")
    page.fill("#id_first_meeting_on", "2027-02-01")
    page.get_by_role("button", name="Skapa program").click()
    page.get_by_role("button", name="Öppna ansökningssidan").click()
    apply_url = page.locator("#apply-link").inner_text()
    shot(page, "04-leader-program")
    leader.close()
    return apply_url


def _visitor_applies_and_confirms(browser: Browser, apply_url: str, shot: Shots) -> None:
    visitor = _phone(browser)
    page = visitor.new_page()
    page.goto(apply_url)
    page.fill("#id_name", "Vera Visitor")
    page.fill("#id_email", "Vera.Visitor@example.org")
    page.select_option("#id_profession", "2631")
    page.select_option("#id_industry", "84")
    page.fill("#id_employer", "SCB")
    page.fill("#id_hopes", "Jag vill bli bättre på att presentera analyser.")
    page.fill("#id_offers", "Statistik och visualisering.")
    page.get_by_label("Tisdag kväll").check()
    page.get_by_label("min e-postadress").check()
    page.get_by_label("Jag har läst integritetsmeddelandet", exact=False).check()
    shot(page, "05-visitor-applies")
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.get_by_text("Ett steg till", exact=False)).to_be_visible()
    shot(page, "06-check-your-mail")

    page.goto(_mail_link("vera.visitor@example.org", "/apply/confirm/"))
    expect(page.get_by_role("heading", name="Bekräfta din ansökan")).to_be_visible()
    page.fill("#id_new_password1", PASSWORD)
    page.fill("#id_new_password2", PASSWORD)
    shot(page, "07-confirm-and-set-password")
    page.get_by_role("button", name="Bekräfta och fortsätt").click()
    expect(page.get_by_role("heading", name="Välkommen, Vera")).to_be_visible()
    shot(page, "08-visitor-logged-in")
    visitor.close()


def _leader_accepts_matches_and_publishes(browser: Browser, base: str, shot: Shots) -> None:
    leader = _phone(browser)
    page = leader.new_page()
    _login(page, base, "ines.ledare@example.org", PASSWORD)
    page.get_by_role("link", name="Analytiker möts").click()
    for _ in range(3):
        page.get_by_role("button", name="Godkänn").first.click()
    page.get_by_role("button", name="Kör matchning").click()
    run_worker()
    expect(page.get_by_text("Klar")).to_be_visible(timeout=15_000)
    page.get_by_role("link", name="Redigera grupper").click()
    page.get_by_role("link", name="Publicera grupperna …").click()
    page.get_by_role("button", name="Publicera och skicka").click()
    expect(page.get_by_text("Publicerat:", exact=False)).to_be_visible()
    shot(page, "09-published")
    leader.close()


@pytest.mark.browser
def test_member_journey_on_a_phone(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = load_demo(members=30)
    base = live_server.url
    shot = Shots(screenshot_dir / "member-journey-phone")
    apply_url = _invited_leader_creates_a_program(browser, base, shot)
    _visitor_applies_and_confirms(browser, apply_url, shot)

    # Two members of the organisation apply too, sharing their e-mail and telephone.
    program = Program.objects.get(title="Analytiker möts")
    others = list(
        User.objects.filter(
            memberships__organisation=world.organisation, memberships__role="member"
        )
        .exclude(pk=world.member.pk)
        .order_by("email")[:2]
    )
    for person in others:
        person.profile.phone = "+46 70 111 22 33"
        person.profile.save(update_fields=["phone"])
        intake.submit_application(
            program,
            user=person,
            share=("email", "phone"),
            name=person.name,
            profession="2631",
            industry="64",
            hopes="Nätverka",
            offers="Analys",
            availability="tue-evening",
        )
    _leader_accepts_matches_and_publishes(browser, base, shot)

    member = _phone(browser)
    page = member.new_page()
    _login(page, base, "VERA.visitor@example.org", PASSWORD)
    page.get_by_role("link", name="Öppna gruppens sida").click()
    expect(page.get_by_role("heading", name="Grupp 1")).to_be_visible()
    expect(page.get_by_role("link", name=others[0].email)).to_be_visible()
    expect(page.get_by_role("link", name="+46 70 111 22 33").first).to_be_visible()
    shot(page, "10-group-page")
    mail.outbox.clear()
    page.fill("#new-post", "Vilket verktyg använder ni för att visualisera tidsserier?")
    page.get_by_role("button", name="Publicera", exact=True).click()
    expect(page.get_by_text("Publicerat i gruppen.")).to_be_visible()
    shot(page, "11-posted")
    deliver_due()
    notified = {m.to[0] for m in mail.outbox if "tidsserier" in m.body}
    assert notified == {p.email for p in others}
    member.close()

    # Password reset, end to end.
    reset = _phone(browser)
    page = reset.new_page()
    page.goto(base + "/accounts/login/")
    page.get_by_role("link", name="Glömt lösenordet?").click()
    page.fill("#id_email", "vera.visitor@example.org")
    page.get_by_role("button", name="Skicka länken").click()
    expect(page.get_by_role("heading", name="Kolla din e-post")).to_be_visible()
    shot(page, "12-reset-requested")
    page.goto(_mail_link("vera.visitor@example.org", "/accounts/reset/"))
    page.fill("#id_new_password1", NEW_PASSWORD)
    page.fill("#id_new_password2", NEW_PASSWORD)
    shot(page, "13-reset-choose")
    page.get_by_role("button", name="Spara lösenordet").click()
    expect(page.get_by_role("heading", name="Ditt lösenord är sparat")).to_be_visible()
    _login(page, base, "vera.visitor@example.org", NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Välkommen, Vera")).to_be_visible()
    shot(page, "14-logged-in-with-new-password")
    reset.close()
