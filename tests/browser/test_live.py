"""Live facilitation in a real browser: a moderator taps speakers, twenty phones answer a
poll while the shared screen follows, rounds are re-planned after two people leave."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts.models import User
from natverk.live.access import Owner
from natverk.live.actions import evaluation, events, talk
from natverk.live.actions import polls as poll_actions
from natverk.live.models import BreakoutRound, SpeakerTime, TalkRecord
from natverk.live.people import meeting_people
from tests.browser.conftest import DESKTOP, PHONE
from tests.live.conftest import build_live_world

pytestmark = pytest.mark.browser


def _logged_in(
    browser: Browser, server: LiveServer, user: User, **options: object
) -> BrowserContext:
    """A browser context with the person's session (no password typing)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="en-GB", **options)  # type: ignore[arg-type]
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": server.url}]
    )
    return context


def test_a_moderator_taps_speakers_and_the_shares_are_right(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = build_live_world()
    meeting = world.meetings[0]
    context = _logged_in(browser, live_server, world.leader, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/o/{world.slug}/meetings/{meeting.pk}/live/talk/")
    page.get_by_role("button", name="Start counting").click()
    buttons = page.locator("button.speaker")
    expect(buttons).to_have_count(len(world.members))
    buttons.nth(0).click()  # Anna Berg speaks
    expect(buttons.nth(0)).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(2000)
    page.keyboard.press("2")  # Björn Öhlsson, by keyboard
    expect(buttons.nth(1)).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(1000)
    page.keyboard.press("0")  # a pause
    expect(page.locator("button.speaker.speaking")).to_have_count(0)
    page.wait_for_timeout(1200)  # the page refreshes its figures every second
    anna = float(buttons.nth(0).get_attribute("data-share") or 0)
    bjorn = float(buttons.nth(1).get_attribute("data-share") or 0)
    assert abs(anna - 2 / 3) < 0.12 and abs(bjorn - 1 / 3) < 0.12 and abs(anna + bjorn - 1) < 1e-3
    page.screenshot(path=str(screenshot_dir / "live-console-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="Stop and save with the meeting").click()
    expect(page.get_by_text("Talk time saved with the meeting.")).to_be_visible()
    record = TalkRecord.objects.get(meeting=meeting)
    segments = list(record.segments.order_by("start"))
    spoken = {s.label: s.end - s.start for s in segments}  # type: ignore[operator]
    total = sum(spoken.values())
    saved = {s.name: s.share for s in SpeakerTime.objects.filter(record=record) if s.seconds}
    assert saved.keys() == {"Anna Berg", "Björn Öhlsson"}
    for name, share in saved.items():
        assert abs(share - spoken[name] / total) < 1e-9
    assert SpeakerTime.objects.filter(record=record, seconds=0).count() == len(world.members) - 2
    context.close()


def test_twenty_phones_answer_a_poll_and_the_screen_shows_the_right_result(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = build_live_world(("Anna", "Björn"))
    start = timezone.now() + dt.timedelta(hours=1)
    event = events.create_event(
        world.organisation,
        by=world.leader,
        theme="Tematräff",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
    )
    poll = poll_actions.create_poll(
        Owner(event=event),
        question="Which topic next?",
        kind="single",
        options=["Leadership", "AI", "Careers"],
    )
    screen_context = _logged_in(browser, live_server, world.leader, viewport=DESKTOP)
    screen = screen_context.new_page()
    screen.goto(f"{live_server.url}/o/{world.slug}/polls/{poll.pk}/")
    screen.get_by_role("button", name="Open the poll").click()
    screen.get_by_role("button", name="Show the results").click()
    expect(screen.locator("img[alt^='QR']")).to_be_visible()
    choices = [0] * 9 + [1] * 7 + [2] * 4
    phones = []
    for choice in choices:
        phone = browser.new_context(locale="en-GB", viewport=PHONE)
        page = phone.new_page()
        page.goto(f"{live_server.url}/p/{poll.code}/")
        page.locator("input[name=answer]").nth(choice).check()
        page.get_by_role("button", name="Send").click()
        expect(page.get_by_text("Thank you, your answer is in.")).to_be_visible()
        phones.append((phone, page))
    expect(screen.locator("#voters")).to_have_attribute("data-voters", "20", timeout=5000)
    counts = screen.locator("[data-count]")
    assert [counts.nth(k).get_attribute("data-count") for k in range(3)] == ["9", "7", "4"]
    screen.screenshot(path=str(screenshot_dir / "live-poll-screen.png"), full_page=True)
    last = phones[-1][1]
    expect(last.locator("#answer-results [data-count]").first).to_have_attribute(
        "data-count", "9", timeout=5000
    )
    last.screenshot(path=str(screenshot_dir / "live-poll-phone.png"), full_page=True)
    assert last.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for phone, _page in phones:
        phone.close()
    screen_context.close()


def _pairs(rooms: list[list[int]]) -> set[tuple[int, int]]:
    return {(min(a, b), max(a, b)) for room in rooms for a, b in itertools.combinations(room, 2)}


def test_rounds_replanned_after_two_leave_keep_the_held_round_and_add_no_repeats(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = build_live_world(tuple(f"Deltagare {k:02d}" for k in range(16)))
    meeting = world.meetings[0]
    context = _logged_in(browser, live_server, world.leader, viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/o/{world.slug}/meetings/{meeting.pk}/live/rounds/")
    page.get_by_text("Rules: room sizes").click()
    page.fill("#id_size_max", "4")
    page.fill("#id_rounds", "3")
    page.get_by_role("button", name="Plan the rounds").click()
    expect(page.locator("section.round")).to_have_count(3)
    page.locator("section.round").first.get_by_role("button", name="This round is held").click()
    held = BreakoutRound.objects.get(breakouts__meeting=meeting, number=1).rooms
    leaving = [world.members[3], world.members[9]]
    page.screenshot(path=str(screenshot_dir / "live-rounds-planned-phone.png"), full_page=True)
    for application in leaving:
        page.locator(f"#id_present input[value='{application.pk}']").uncheck()
    page.fill("#id_rounds", "2")
    page.get_by_role("button", name="Plan the rounds").click()
    expect(page.locator("section.round")).to_have_count(3)
    rounds = list(BreakoutRound.objects.filter(breakouts__meeting=meeting).order_by("number"))
    assert rounds[0].rooms == held and rounds[0].held_at is not None
    gone = {a.pk for a in leaving}
    seen = _pairs(rounds[0].rooms)
    for later in rounds[1:]:
        assert not gone & set(later.people) and len(later.people) == 14
        assert not _pairs(later.rooms) & seen
        seen |= _pairs(later.rooms)
    first_card = page.locator("section.round").first
    for name in (world.members[3].name, world.members[9].name):
        expect(first_card.get_by_text(name)).to_be_visible()  # the held round is as it was
    expect(page.get_by_text("Microsoft Teams has no import")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "live-rounds-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_the_leaders_trend_event_evaluation_and_feedback_pages_fit_a_phone(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = build_live_world()
    for meeting, quiet in zip(world.meetings, (25, 12, 4), strict=True):
        people = meeting_people(meeting)[:4]
        record = talk.open_console(meeting, by=world.leader)
        for n, person in enumerate(people):
            talk.tap(record, person, people)
            TalkRecord.objects.filter(pk=record.pk).update(
                started_at=record.started_at - dt.timedelta(seconds=quiet if n else 60)
            )
            record.refresh_from_db()
        talk.stop_console(record, people)
    start = timezone.now() - dt.timedelta(hours=2)
    event = events.create_event(
        world.organisation,
        by=world.leader,
        theme="Kommunikation i kris: vad vi lärde oss av stormen",
        speaker="Sara Expert",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        capacity=40,
        video_url="https://zoom.example/j/123456789",
    )
    registration = events.register(event, name="Rut Registrerad", email="rut@example.org")
    evaluation.send_evaluations()
    pages = {
        "live-trend-phone": f"/o/{world.slug}/programs/{world.program.pk}/groups/"
        f"{world.group.pk}/talk/",
        "live-event-phone": f"/o/{world.slug}/events/{event.pk}/",
        "feedback-program-talk-phone": f"/o/{world.slug}/programs/{world.program.pk}/feedback/",
        "live-registration-phone": f"/e/r/{registration.token}/",
        "live-evaluation-phone": f"/e/r/{registration.token}/evaluation/",
    }
    context = _logged_in(browser, live_server, world.leader, viewport=PHONE)
    page = context.new_page()
    for name, path in pages.items():
        assert page.goto(live_server.url + path).status == 200, path  # type: ignore[union-attr]
        page.screenshot(path=str(screenshot_dir / f"{name}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
    expect(page.get_by_role("button", name="Send")).to_be_visible()
    page.goto(live_server.url + pages["live-trend-phone"])
    expect(page.locator("svg.trend polyline")).to_have_count(2)
    expect(page.locator("svg.trend circle")).to_have_count(3)
    context.close()


def test_a_visitor_registers_on_a_phone_and_takes_the_place_from_the_mailed_link(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    import re

    from django.core import mail

    from natverk.outbox.actions import deliver_due

    world = build_live_world()
    start = timezone.now() + dt.timedelta(days=5)
    event = events.create_event(
        world.organisation,
        by=world.leader,
        theme="AI i kommunikationen",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        capacity=30,
        video_url="https://zoom.example/j/987",
    )
    context = browser.new_context(locale="en-GB", viewport=PHONE)  # type: ignore[arg-type]
    page = context.new_page()
    page.goto(f"{live_server.url}/e/{event.token}/")
    page.get_by_label("Name").fill("Vera Besökare")
    page.get_by_label("E-mail").fill("vera@example.org")
    page.locator('input[name="privacy-agree"]').check()
    page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    page.screenshot(path=str(screenshot_dir / "live-registration-sent-phone.png"), full_page=True)
    deliver_due()
    body = next(m.body for m in mail.outbox if m.to == ["vera@example.org"])
    found = re.search(r"https?://[^/\s]+(/e/confirm/\S+/)", body)
    assert found is not None, body
    page.goto(live_server.url + found.group(1))
    page.get_by_label("New password", exact=True).fill("en-lång-fras-för-träffen-2027")
    page.get_by_label("New password confirmation").fill("en-lång-fras-för-träffen-2027")
    page.screenshot(path=str(screenshot_dir / "live-confirm-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.get_by_role("button", name="Confirm and take my place").click()
    expect(page.get_by_text("AI i kommunikationen").first).to_be_visible()
    assert "/e/r/" in page.url
    context.close()
