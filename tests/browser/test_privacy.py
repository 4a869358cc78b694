"""A member, in a real browser on a phone and a desktop, reads the new privacy notice,
downloads their data and deletes their account; the leader then sees "a former member"
in the group."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.models import User
from natverk.privacy.actions import save_settings
from tests.browser.conftest import DESKTOP, PHONE
from tests.privacy.world import PASSWORD, build_world
from tests.programs.conftest import run_worker


def _shooter(
    screenshot_dir: Path, size: str, viewport: dict[str, int]
) -> tuple[Path, Callable[[Page, str], None]]:
    """The folder of this size's screenshots, and a function that takes one and checks
    that nothing overflows sideways."""
    shots = screenshot_dir / f"privacy-{size}"
    shots.mkdir(exist_ok=True)

    def shot(page: Page, name: str) -> None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"] + 1

    return shots, shot


def _login(page: Page, base: str, email: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Logga in").click()


@pytest.mark.browser
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_member_reads_the_notice_exports_and_deletes_the_account(
    live_server: LiveServer,
    browser: Browser,
    transactional_db: None,
    screenshot_dir: Path,
    size: str,
    viewport: dict[str, int],
) -> None:
    world = build_world(keys=("a", "b"))
    person = world.people["a"]
    save_settings(world.organisation, by=world.admin, controller_contact="dpo@integritet.example")
    base = live_server.url
    shots, shot = _shooter(screenshot_dir, size, viewport)

    context = browser.new_context(locale="sv-SE", viewport=viewport, accept_downloads=True)
    page = context.new_page()
    _login(page, base, person.email)
    # Version 2 of the notice waits: read it and agree before going on.
    expect(page.get_by_role("heading", name="Ett nytt integritetsmeddelande")).to_be_visible()
    expect(page.get_by_text("dpo@integritet.example")).to_be_visible()
    shot(page, "01-new-notice")
    page.get_by_role("button", name="Jag godkänner").click()
    expect(page.get_by_role("heading", name="Välkommen", exact=False)).to_be_visible()

    page.get_by_role("link", name="Dina uppgifter").click()
    shot(page, "02-your-data")
    page.get_by_role("button", name="Förbered mina uppgifter").click()
    expect(page.get_by_text("Dina uppgifter samlas ihop")).to_be_visible()
    shot(page, "03-export-waiting")
    run_worker()
    download_link = page.get_by_role("link", name="Ladda ner (ZIP)")
    expect(download_link).to_be_visible(timeout=10_000)
    shot(page, "04-export-ready")
    with page.expect_download() as info:
        download_link.click()
    path = info.value.path()
    with zipfile.ZipFile(path) as archive:
        assert person.email in archive.read("json/accounts.User.json").decode()

    page.goto(base + "/privacy/")
    page.get_by_role("link", name="Radera mitt konto").click()
    expect(page.get_by_text("en tidigare medlem", exact=False).first).to_be_visible()
    page.fill("#id_password", PASSWORD)
    page.get_by_label("Jag förstår", exact=False).check()
    shot(page, "05-delete")
    page.get_by_role("button", name="Radera mitt konto").click()
    expect(page.get_by_role("heading", name="Ditt konto raderas")).to_be_visible()
    shot(page, "06-deleted")
    context.close()
    run_worker()
    assert not User.objects.filter(pk=person.pk).exists()

    leader = browser.new_context(locale="sv-SE", viewport=viewport)
    page = leader.new_page()
    _login(page, base, world.leader.email)
    page.goto(f"{base}/o/{world.organisation.slug}/programs/{world.program.pk}/groups/")
    group = page.locator("#group-1")
    expect(group.get_by_text("en tidigare medlem")).to_be_visible()
    expect(group.get_by_text("Person b")).to_be_visible()
    shot(page, "07-leader-sees-a-former-member")
    leader.close()


@pytest.mark.browser
@pytest.mark.parametrize(("size", "viewport"), [("desktop", DESKTOP), ("phone", PHONE)])
def test_admin_answers_a_letter_and_an_applicant_agrees_to_the_notice(
    live_server: LiveServer,
    browser: Browser,
    transactional_db: None,
    screenshot_dir: Path,
    size: str,
    viewport: dict[str, int],
) -> None:
    world = build_world(keys=("a",))
    base = live_server.url
    shots, shot = _shooter(screenshot_dir, size, viewport)

    context = browser.new_context(locale="sv-SE", viewport=viewport, accept_downloads=True)
    page = context.new_page()
    _login(page, base, world.admin.email)
    page.get_by_role("link", name="Integritet").click()
    expect(page.get_by_role("heading", name="Integritet", exact=True)).to_be_visible()
    page.fill("#id_email", world.people["a"].email)
    page.select_option("#id_kind", "export")
    shot(page, "10-admin-privacy")
    page.get_by_role("button", name="Registrera begäran").click()
    run_worker()
    page.reload()
    with page.expect_download() as info:
        page.get_by_role("link", name="Ladda ner (ZIP)").click()
    assert zipfile.is_zipfile(info.value.path())
    shot(page, "11-admin-request")
    page.goto(f"{base}/o/{world.organisation.slug}/privacy/audit/?q=Person+a")
    expect(page.get_by_text("natverk.privacy.export.downloaded").first).to_be_visible()
    shot(page, "12-audit")
    context.close()

    applicant = browser.new_context(locale="sv-SE", viewport=viewport)
    page = applicant.new_page()
    page.goto(f"{base}/apply/{world.other_program.apply_token}/")
    page.fill("#id_name", "Nora Ny")
    page.fill("#id_email", "nora.ny@example.org")
    page.select_option("#id_profession", "2432")
    page.select_option("#id_industry", "35")
    page.fill("#id_hopes", "Nya kontakter inom energi.")
    page.fill("#id_offers", "Erfarenhet av upphandling.")
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.get_by_text("Läs integritetsmeddelandet och godkänn det.")).to_be_visible()
    page.get_by_text("Läs integritetsmeddelandet", exact=True).click()
    expect(page.get_by_text("Vem som ser vad")).to_be_visible()
    shot(page, "13-apply-notice")
    page.locator(".consent .field.check").screenshot(path=str(shots / "14-consent-box.png"))
    page.get_by_label("Jag har läst integritetsmeddelandet", exact=False).check()
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.get_by_role("heading", name="Tack!")).to_be_visible()
    applicant.close()
