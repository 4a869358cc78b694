"""A whole meeting on a phone, in Swedish, in real browsers: the leader runs it (attendance,
the opening round, the blocks) while a member parks a question from her own phone; after
closing, the next meeting's agenda starts with that question and the summary e-mail
lists it. And two moderators acting at once: no update is lost."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core import mail
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.demo import (
    DEMO_SLUG,
    LEADER_EMAIL,
    LEADER_PASSWORD,
    MEMBER_EMAIL,
    MEMBER_PASSWORD,
    load_demo,
)
from natverk.meetings.demo import load_demo_meetings
from natverk.meetings.models import Meeting, SharedNote
from natverk.outbox.actions import deliver_due
from tests.browser.conftest import PHONE

QUESTION = "Hur får vi ledningen att kommunicera tidigare?"


def _phone(browser: Browser, base: str, email: str, password: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("heading", name="Välkommen", exact=False)).to_be_visible()
    return context, page


def _fits(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


@pytest.mark.browser
def test_a_whole_meeting_on_a_phone(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = load_demo(members=40)
    demo = load_demo_meetings(world)
    meeting = demo.next
    base = live_server.url
    page_url = f"{base}/o/{DEMO_SLUG}/meetings/{meeting.pk}/"
    shots = screenshot_dir / "meeting-run"
    shots.mkdir(exist_ok=True)

    def shot(page: Page, name: str) -> None:
        page.screenshot(path=str(shots / f"{name}.png"), full_page=True)
        _fits(page)

    leader_context, leader = _phone(browser, base, LEADER_EMAIL, LEADER_PASSWORD)
    leader.goto(page_url)
    shot(leader, "01-meeting-page")
    leader.get_by_role("link", name="Led den här träffen").click()
    leader.get_by_role("button", name="Starta träffen").click()
    now = leader.locator(".now")
    expect(now.get_by_role("heading", name="Välkommen")).to_be_visible()
    expect(leader.locator(".countdown")).to_have_text(re.compile(r"^[0-9]+:[0-5][0-9]$"))

    # Attendance: one tap each; the last one is late, the one before absent.
    rows = leader.locator("#attendance .members > li")
    count = rows.count()
    for k in range(count):
        label = "Sen" if k == count - 1 else ("Borta" if k == count - 2 else "Här")
        rows.nth(k).get_by_role("button", name=label, exact=True).click()
        expect(
            leader.locator("#attendance .members > li").nth(k).get_by_role("button", name=label)
        ).to_have_attribute("aria-pressed", "true")
    expect(leader.locator("#attendance h2")).to_contain_text(f"{count - 1} av {count} här")
    shot(leader, "02-attendance")

    # The opening round: each member present gets the word once, with their question.
    leader.get_by_role("button", name=re.compile("^Vidare: Inledningsrunda")).click()
    expect(now.get_by_role("heading", name="Inledningsrunda")).to_be_visible()
    leader.get_by_role("button", name="Starta inledningsrundan").click()
    expect(leader.locator(".speaker .question")).to_contain_text("vad tar du med dig hit i dag?")
    expect(leader.locator(".speaker .timer")).to_have_text(re.compile(r"^[0-9]+:[0-5][0-9]$"))
    shot(leader, "03-opening-round")
    for k in range(count - 1):
        leader.locator("#opening").get_by_role("button", name="Nästa person").click()
        expect(leader.locator("#opening .queue li.had")).to_have_count(k + 1)
    expect(leader.locator(".speaker")).to_have_count(0)
    expect(leader.locator("#opening")).to_contain_text("Alla här har haft ordet.")

    # A member parks a question from her phone; the moderator's screen picks it up.
    member_context, member = _phone(browser, base, MEMBER_EMAIL, MEMBER_PASSWORD)
    member.goto(page_url)
    member.get_by_placeholder("Din fråga").fill(QUESTION)
    member.get_by_role("button", name="Parkera").first.click()
    expect(member.get_by_text("Din fråga är parkerad.")).to_be_visible()
    shot(member, "04-member-parked")
    expect(leader.locator("#parking")).to_contain_text(QUESTION, timeout=10_000)
    shot(leader, "05-parking-lot")
    # The question carried in from the last meeting is answered now.
    carried = leader.locator("#parking .question-row").first
    expect(carried).to_contain_text("från träff 2")
    carried.get_by_placeholder("Kort svar").fill("Två använder Copilot, en ChatGPT.")
    carried.get_by_role("button", name="Besvara").click()
    expect(leader.locator("#parking")).to_contain_text("→ Två använder Copilot, en ChatGPT.")

    # On through the blocks, then close: the summary goes out.
    while leader.get_by_role("button", name=re.compile("^Vidare:")).count():
        shown = leader.locator("#now-title").inner_text()
        leader.get_by_role("button", name=re.compile("^Vidare:")).click()
        expect(leader.locator("#now-title")).not_to_have_text(shown)
    leader.once("dialog", lambda dialog: dialog.accept())
    leader.get_by_role("button", name="Avsluta träffen och skicka sammanfattningen").click()
    expect(leader.get_by_role("heading", name="Träffen är avslutad.")).to_be_visible()
    shot(leader, "06-closed")

    # The next meeting's agenda starts with the question.
    following = Meeting.objects.get(group=meeting.group, number=meeting.number + 1)
    member.goto(f"{base}/o/{DEMO_SLUG}/meetings/{following.pk}/")
    expect(member.locator("#agenda ol.agenda li").first).to_contain_text(QUESTION)
    shot(member, "07-next-agenda")

    deliver_due()
    summary = next(m for m in mail.outbox if m.to == [MEMBER_EMAIL])
    assert summary.subject.startswith(f"Sammanfattning av träff {meeting.number}")
    assert QUESTION in summary.body
    leader_context.close()
    member_context.close()


@pytest.mark.browser
def test_two_moderators_never_lose_an_update(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = load_demo(members=40)
    meeting = load_demo_meetings(world).next
    base = live_server.url
    page_url = f"{base}/o/{DEMO_SLUG}/meetings/{meeting.pk}/"
    first_context, first = _phone(browser, base, LEADER_EMAIL, LEADER_PASSWORD)
    second_context, second = _phone(browser, base, MEMBER_EMAIL, MEMBER_PASSWORD)

    # Notes: both open the form on the same version; the second save is refused.
    for page, text in ((first, "Lenas anteckningar"), (second, "Magnus anteckningar")):
        page.goto(page_url + "#notes")
        page.get_by_text("Skriv anteckningarna").click()
        page.fill("#id_text", text)
    first.get_by_role("button", name="Spara anteckningarna").click()
    expect(first.get_by_text("Anteckningarna är sparade.")).to_be_visible()
    second.get_by_role("button", name="Spara anteckningarna").click()
    conflict = second.locator(".conflict")
    expect(conflict).to_contain_text("Någon annan sparade anteckningarna")
    expect(conflict).to_contain_text("Magnus anteckningar")
    expect(second.locator("#id_text")).to_have_value("Lenas anteckningar")
    second.screenshot(path=str(screenshot_dir / "meeting-notes-conflict.png"), full_page=True)
    _fits(second)
    assert SharedNote.objects.get(meeting=meeting).text == "Lenas anteckningar"
    second.fill("#id_text", "Lenas anteckningar\n\nMagnus anteckningar")
    second.get_by_role("button", name="Spara anteckningarna").click()
    expect(second.get_by_text("Anteckningarna är sparade.")).to_be_visible()
    assert SharedNote.objects.get(meeting=meeting).text.endswith("Magnus anteckningar")

    # The agenda: two leaders edit at once; the second is refused with the first's agenda.
    second_context.close()
    second_context, second = _phone(browser, base, LEADER_EMAIL, LEADER_PASSWORD)
    agenda_url = page_url + "agenda/"
    for page, minutes in ((first, "3"), (second, "4")):
        page.goto(agenda_url)
        page.fill("#minutes-1", minutes)
    first.get_by_role("button", name="Spara dagordningen").click()
    expect(first.get_by_text("Dagordningen är sparad.")).to_be_visible()
    second.get_by_role("button", name="Spara dagordningen").click()
    expect(second.get_by_text("Någon annan ändrade dagordningen")).to_be_visible()
    expect(second.locator("#minutes-1")).to_have_value("3")
    assert meeting.agenda.first().minutes == 3  # type: ignore[union-attr]

    # The run view on two devices: both tap "go on" on block 1; the meeting moves once,
    # and both screens then show the same block.
    first.goto(page_url + "run/")
    first.get_by_role("button", name="Starta träffen").click()
    second.goto(page_url + "run/")
    for page in (first, second):
        expect(page.locator("#now-title")).to_have_text("Välkommen")
    first.get_by_role("button", name=re.compile("^Vidare:")).click()
    second.get_by_role("button", name=re.compile("^Vidare:")).click()
    for page in (first, second):
        expect(page.locator("#now-title")).to_have_text("Inledningsrunda", timeout=10_000)
    assert Meeting.objects.get(pk=meeting.pk).block == 1
    first_context.close()
    second_context.close()
