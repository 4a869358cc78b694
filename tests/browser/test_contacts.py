"""A member on a phone imports a vCard file, triages three cards, logs a give and a take,
and sees the contact due next week; screenshots in screenshots/contacts-*.png."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.demo import MEMBER_EMAIL, MEMBER_PASSWORD, load_demo
from natverk.contacts.models import Contact
from tests.browser.conftest import PHONE

CARDS = """BEGIN:VCARD\r
VERSION:3.0\r
N:Lindgren;Karin;;;\r
FN:Karin Lindgren\r
ORG:Region Stockholm;\r
TITLE:Kommunikationschef\r
EMAIL;type=INTERNET;type=pref:karin.lindgren@example.se\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:2.1\r
N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:=C3=85kesson;Jonas;;;\r
TEL;CELL:070-123 45 67\r
ORG:Ellevio\r
END:VCARD\r
BEGIN:VCARD\r
VERSION:3.0\r
FN:Mette Hansen\r
ORG:Ørsted\r
item1.EMAIL;type=INTERNET:mette@example.dk\r
END:VCARD\r
"""


def no_sideways_scroll(page: Page) -> None:
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 391)"
        ".map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 8)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], wide


def shot(page: Page, folder: Path, name: str) -> None:
    no_sideways_scroll(page)
    page.screenshot(path=str(folder / f"contacts-{name}.png"), full_page=True)


def triage(
    page: Page, choice: str, *, step: str = "", on: dt.date | None = None, why: str = ""
) -> None:
    page.locator(f"label.choice.{choice}").click()
    if step:
        page.get_by_label("Nästa steg", exact=True).fill(step)
    if on:
        page.get_by_label("Följ upp den", exact=True).fill(on.isoformat())
    if why:
        page.get_by_label("Varför (valfritt)", exact=True).fill(why)
    page.get_by_role("button", name="Spara och fortsätt").click()


@pytest.mark.browser
def test_member_imports_triages_logs_and_sees_who_is_due_on_a_phone(
    live_server: LiveServer,
    browser: Browser,
    transactional_db: None,
    screenshot_dir: Path,
    tmp_path: Path,
) -> None:
    load_demo(members=20)
    upload = tmp_path / "kontakter.vcf"
    upload.write_bytes(CARDS.encode())
    next_week = timezone.localdate() + dt.timedelta(days=7)
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", MEMBER_EMAIL)
    page.fill("#id_password", MEMBER_PASSWORD)
    page.get_by_role("button", name="Logga in").click()

    page.get_by_role("link", name="Kontakter").first.click()
    expect(page.get_by_role("heading", name="Mina kontakter")).to_be_visible()
    page.get_by_role("link", name="Importera").first.click()
    page.set_input_files("#id_file", str(upload))
    shot(page, screenshot_dir, "1-import")
    page.get_by_role("button", name="Läs filen").click()
    expect(page.get_by_role("heading", name="Granska importen")).to_be_visible()
    expect(page.get_by_text("Jonas Åkesson")).to_be_visible()
    shot(page, screenshot_dir, "2-preview")
    page.get_by_role("button", name="Importera", exact=True).click()

    expect(page.get_by_role("heading", name="Korthögen")).to_be_visible()
    expect(page.get_by_text("3 kort kvar")).to_be_visible()
    shot(page, screenshot_dir, "3-triage")
    triage(page, "develop", step="Skicka rapporten från krisövningen")
    triage(page, "keep_warm", on=next_week)
    triage(page, "not_now", why="Fokus på annat i vår")
    expect(page.get_by_text("Högen är tom")).to_be_visible()
    shot(page, screenshot_dir, "4-pile-empty")

    page.get_by_role("link", name="Alla kontakter").click()
    shot(page, screenshot_dir, "4b-list")
    page.get_by_role("link", name="Karin Lindgren").click()
    page.select_option("#id_kind", "helped")
    page.select_option("#id_flow", "gave")
    page.fill("#id_note", "Läste deras kriskommunikationsplan")
    page.get_by_role("button", name="Skriv i loggen").click()
    page.select_option("#id_kind", "asked")
    page.select_option("#id_flow", "got")
    page.fill("#id_note", "Tips om talare till vårt seminarium")
    page.get_by_role("button", name="Skriv i loggen").click()
    expect(page.locator("p.balance")).to_have_text("Jag har gett: 1. Jag har fått: 1.")
    shot(page, screenshot_dir, "5-log")

    page.get_by_role("link", name="Att följa upp").click()
    coming = page.locator(
        "section", has=page.get_by_role("heading", name="De närmaste två veckorna")
    )
    expect(coming.get_by_role("link", name="Jonas Åkesson")).to_be_visible()
    shot(page, screenshot_dir, "6-due")
    context.close()

    jonas = Contact.objects.get(name="Jonas Åkesson")
    assert (jonas.status, jonas.next_follow_up, jonas.phones) == (
        "keep_warm",
        next_week,
        ["070-123 45 67"],
    )
    assert Contact.objects.get(name="Mette Hansen").reason == "Fokus på annat i vår"
