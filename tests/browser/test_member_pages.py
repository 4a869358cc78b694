"""Every new page of the member side fits a 390 px phone, in Swedish, Danish and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from natverk.accounts import invitations
from natverk.accounts.demo import (
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    DEMO_SLUG,
    MEMBER_EMAIL,
    MEMBER_PASSWORD,
    load_demo,
)
from natverk.accounts.models import Membership
from natverk.formats.invitees import Invitee
from natverk.programs import intake, notify, space
from natverk.programs.demo import load_demo_program
from natverk.programs.demo_space import load_demo_group_space
from natverk.programs.models import GroupMember, Participation
from tests.browser.conftest import PHONE


def _login(page: Page, base: str, email: str, password: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.locator("button.primary").click()
    page.wait_for_url(lambda url: "/login/" not in url)


def _check(page: Page, folder: Path, name: str, url: str, heading: str) -> None:
    page.goto(url)
    assert heading in page.inner_text("h1"), f"{name}: {page.inner_text('h1')!r}"
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"] + 1, f"{name} scrolls sideways ({width} px)"


@pytest.mark.browser
def test_member_side_pages_fit_a_phone(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = load_demo(members=40)
    running = load_demo_group_space(world)
    intake_program = load_demo_program(world, applicants=16)
    group = running.groups.get(number=1)
    leaver = GroupMember.objects.filter(group=group).exclude(application__user=world.member)[0]
    space.leave(intake.participation_of(leaver.application), "Byter jobb och hinner inte")
    invitations.invite_people(
        world.organisation,
        [Invitee("karin.karlsson.med.ett.mycket.langt.namn@example.org", "Karin Karlsson")],
        by=world.leader,
        topic=f"program:{intake_program.pk}",
        title=intake_program.title,
    )
    mine = Participation.objects.get(application__user=world.member, application__program=running)
    someone = Membership.objects.filter(organisation=world.organisation, role="member")[0]
    base = live_server.url
    folder = screenshot_dir / "member-pages-phone"
    folder.mkdir(exist_ok=True)
    o = f"{base}/o/{DEMO_SLUG}"
    pages = {
        ADMIN_EMAIL: (
            ADMIN_PASSWORD,
            [
                ("members", f"{o}/members/", "Medlemmar"),
                (
                    "member-remove",
                    f"{o}/members/{someone.pk}/remove/",
                    "Ta bort",
                ),
                ("invitations", f"{o}/invitations/", "Bjud in personer"),
                ("program-invite", f"{o}/programs/{intake_program.pk}/invite/", "Bjud in personer"),
                ("followup", f"{o}/programs/{running.pk}/followup/", "Pausade och avhoppade"),
                ("mail-log", f"{o}/programs/{running.pk}/mail/", "Skickade e-brev"),
                ("leader-group", f"{o}/groups/{group.pk}/", "Grupp 1"),
            ],
        ),
        MEMBER_EMAIL: (
            MEMBER_PASSWORD,
            [
                ("group", f"{o}/groups/{group.pk}/", "Grupp 1"),
                ("leave", f"{o}/groups/{group.pk}/leave/", "Lämna programmet?"),
                ("account", f"{base}/accounts/account/", "Mitt konto"),
                ("profile", f"{base}/accounts/profile/", "Min profil"),
                ("password-change", f"{base}/accounts/password/change/", "Ändra lösenord"),
            ],
        ),
        "": (
            "",
            [
                ("reset", f"{base}/accounts/password/reset/", "Glömt lösenordet?"),
                ("bad-link", f"{base}/invitations/not-a-token/", "Länken är inte giltig"),
                (
                    "unsubscribe",
                    f"{base}/unsubscribe/{notify.unsubscribe_token(mine, notify.BOARD)}/",
                    "Sluta få mejl",
                ),
                ("apply", f"{base}/apply/{intake_program.apply_token}/", "Kommunikatörer"),
            ],
        ),
    }
    for email, (password, urls) in pages.items():
        context = browser.new_context(locale="sv-SE", viewport=PHONE, is_mobile=True)
        page = context.new_page()
        if email:
            _login(page, base, email, password)
        for name, url, heading in urls:
            _check(page, folder, name, url, heading)
        context.close()

    for language, heading in (("da", "Gruppe 1"), ("en", "Group 1")):
        context = browser.new_context(locale=language, viewport=PHONE, is_mobile=True)
        page = context.new_page()
        _login(page, base, MEMBER_EMAIL, MEMBER_PASSWORD)
        page.goto(base + "/accounts/profile/")
        with page.expect_navigation():
            page.select_option("#language", language)
        _check(page, folder, f"group-{language}", f"{o}/groups/{group.pk}/", heading)
        context.close()
