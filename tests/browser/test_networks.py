"""Choosing and reviewing networks on a phone: a visitor filters the catalogue to digital
programs in Swedish for communicators and applies with goals; a member adds two networks
outside natverk, reviews them and sees the picture and the advice; at the end of a
program the evaluation asks about each of the member's goals. Screenshots in
screenshots/networks-*.png."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect
from pytest_django.live_server_helper import LiveServer

from natverk.accounts import actions as accounts
from natverk.accounts.demo import MEMBER_EMAIL, MEMBER_PASSWORD, DemoWorld, load_demo
from natverk.accounts.models import Organisation, Profile
from natverk.feedback import actions as feedback
from natverk.feedback.models import Kind, Response
from natverk.live.actions import events
from natverk.meetings.demo.space import load_demo_group_space
from natverk.networks.models import Network, Review
from natverk.programs import actions
from natverk.programs.models import Application, Placement, Program
from tests.browser.conftest import PHONE
from tests.pictures import png


def shot(page: Page, folder: Path, name: str) -> None:
    """A full-page screenshot, after checking that nothing scrolls sideways."""
    wide = page.evaluate(
        "[...document.querySelectorAll('body *')]"
        ".filter(e => e.getBoundingClientRect().right > 391)"
        ".map(e => e.tagName + '.' + e.className).slice(0, 8)"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], wide
    page.screenshot(path=str(folder / f"networks-{name}.png"), full_page=True)


def _catalogue(world: DemoWorld) -> Program:
    """Three open programs: the digital Swedish one for communicators, and two others."""
    organisation = world.organisation
    accounts.set_catalogue_visibility(organisation, Organisation.Catalogue.PUBLIC)
    accounts.update_profile(
        Profile.objects.get(user=world.leader),
        bio="Nätverksledare sedan 2015, tidigare kommunikationschef på ett energibolag.",
    )
    today = timezone.localdate()
    common = {"first_meeting_on": today + dt.timedelta(days=30), "capacity": 24}
    wanted = actions.create_program(
        organisation,
        by=world.leader,
        title="Kommunikatörer i energi och handel",
        theme="Kris, förändring och förtroende",
        purpose="Lär av kommunikatörer som möter samma frågor i andra branscher.",
        audience="Kommunikatörer i energi och handel",
        audience_professions="2432",
        format="digital",
        language="sv",
        application_deadline=today + dt.timedelta(days=14),
        **common,
    )
    hybrid = actions.create_program(
        organisation,
        by=world.leader,
        title="Kommunikationschefer i Göteborg",
        audience_professions="2432",
        format="hybrid",
        place="Göteborg",
        language="sv",
        fee_text="2 500 kr exkl. moms",
        **common,
    )
    english = actions.create_program(
        organisation,
        by=world.leader,
        title="Nordic communicators",
        audience_professions="2432",
        format="digital",
        language="en",
        **common,
    )
    for program in (wanted, hybrid, english):
        actions.open_intake(program)
    accounts.set_photo(world.leader, png(96, 96, (40, 110, 160)))
    start = timezone.now() + dt.timedelta(days=10)
    events.create_event(
        organisation,
        by=world.leader,
        theme="AI i kommunikationsarbetet",
        speaker="Sara Expert",
        description="Vad fungerar redan, och var går gränsen?",
        starts_at=start,
        ends_at=start + dt.timedelta(minutes=90),
        capacity=40,
    )
    members = Profile.objects.filter(user__memberships__organisation=organisation).exclude(
        profession=""
    )[:7]
    for k, profile in enumerate(members):
        Application.objects.create(
            program=wanted,
            user=profile.user,
            name=profile.user.name,
            email=profile.user.email,
            profession=profile.profession,
            industry=profile.industry,
            region=profile.region,
            hopes="h",
            offers="o",
            status=Application.Status.ACCEPTED if k < 6 else Application.Status.SUBMITTED,
        )
    return wanted


@pytest.mark.browser
def test_a_visitor_chooses_a_program_and_applies_with_goals_on_a_phone(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = load_demo(members=30)
    wanted = _catalogue(world)
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/o/{world.organisation.slug}/catalogue/")
    expect(page.get_by_role("heading", name="Program du kan söka")).to_be_visible()
    expect(page.locator("article.listing")).to_have_count(4)  # three programs, one event
    expect(page.get_by_text("Öppen tematräff")).to_be_visible()
    shot(page, screenshot_dir, "0-catalogue")
    page.select_option("#id_format", "digital")
    page.select_option("#id_language", "sv")
    page.select_option("#id_profession", "2432")
    page.get_by_role("button", name="Visa program").click()
    expect(page.locator("article.listing")).to_have_count(1)
    listing = page.locator("article.listing")
    expect(listing.get_by_role("heading", name=wanted.title)).to_be_visible()
    expect(listing.get_by_text("Leds av")).to_be_visible()
    expect(listing.get_by_role("img", name=f"Foto av {world.leader.name}")).to_be_visible()
    expect(listing.get_by_text("6 träffar à 90 minuter")).to_be_visible()
    expect(listing.get_by_text("Vilka som har gått med hittills")).to_be_visible()
    shot(page, screenshot_dir, "1-catalogue-filtered")
    listing.get_by_role("link", name="Mer om programmet").click()
    og_title = page.locator('meta[property="og:title"]').get_attribute("content")
    assert og_title == wanted.title
    shot(page, screenshot_dir, "2-program-page")

    page.get_by_role("link", name="Sök", exact=True).click()
    page.fill("#id_name", "Vera Väljare")
    page.fill("#id_email", "vera.valjare@example.org")
    page.select_option("#id_profession", "2432")
    page.select_option("#id_industry", "35")
    page.fill("#id_hopes", "Bolla svåra lägen med kollegor i andra branscher.")
    page.fill("#id_offers", "Erfarenhet av kriskommunikation i energibranschen.")
    page.fill("#id_goal_1", "Ha en krisplan som ledningen har godkänt.")
    page.fill("#id_goal_2", "Tre kontakter i handeln som jag kan ringa.")
    page.get_by_label("Jag har läst integritetsmeddelandet", exact=False).check()
    shot(page, screenshot_dir, "3-apply-with-goals")
    page.get_by_role("button", name="Skicka ansökan").click()
    expect(page.get_by_role("heading", name="Tack!")).to_be_visible()
    context.close()
    application = Application.objects.get(program=wanted, email="vera.valjare@example.org")
    assert [g.text for g in application.goals.all()] == [
        "Ha en krisplan som ledningen har godkänt.",
        "Tre kontakter i handeln som jag kan ringa.",
    ]


def _add(
    page: Page, folder: Path, kind: str, name: str, purpose: str, hours: str, cost: str
) -> None:
    page.get_by_role("link", name="Lägg till ett nätverk utanför natverk").click()
    page.select_option("#id_kind", kind)
    page.fill("#id_name", name)
    page.fill("#id_purpose", purpose)
    page.fill("#id_hours_per_month", hours)
    page.fill("#id_cost", cost)
    if kind == "association":
        shot(page, folder, "4-add-network")
    page.get_by_role("button", name="Spara").click()
    expect(page.get_by_role("heading", name=name)).to_be_visible()


def _review(
    page: Page, name: str, value: str, energy: str, gave: str, got: str, folder: Path | None = None
) -> None:
    card = page.locator("article.network", has=page.get_by_role("heading", name=name))
    card.get_by_role("link", name="Se över nu").click()
    page.get_by_label(value, exact=True).check()
    page.get_by_label(energy, exact=True).check()
    page.fill("#id_gave", gave)
    page.fill("#id_got", got)
    if folder is not None:
        shot(page, folder, "5-review")
    page.get_by_role("button", name="Spara översynen").click()


@pytest.mark.browser
def test_a_member_reviews_their_networks_and_sees_the_picture_and_advice_on_a_phone(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = load_demo(members=30)
    load_demo_group_space(world)  # the member's natverk program
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", MEMBER_EMAIL)
    page.fill("#id_password", MEMBER_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_role("link", name="Mina nätverk").first.click()
    expect(page.get_by_role("heading", name="Mina nätverk", exact=True)).to_be_visible()
    expect(page.get_by_text("1 nätverk att se över")).to_be_visible()  # the natverk program

    _add(
        page,
        screenshot_dir,
        "association",
        "Sveriges Kommunikatörer",
        "Följa yrket och träffa kollegor utanför jobbet.",
        "3",
        "1 250 kr om året",
    )
    _add(
        page, screenshot_dir, "linkedin", "PR-gruppen på LinkedIn", "Tips och inspiration.", "2", ""
    )
    _review(
        page,
        "Sveriges Kommunikatörer",
        "5",
        "Ger mycket energi",
        "Ett föredrag",
        "Två jobbtips",
        screenshot_dir,
    )
    _review(page, "PR-gruppen på LinkedIn", "1", "Tar en del energi", "Inget", "Mest reklam")
    _review(
        page,
        "Kommunikatörer i energi och handel – hösten 2026",
        "4",
        "Ger en del energi",
        "Vår mall för förhandsbesked",
        "Råd i ett krisläge",
    )

    picture = page.locator("svg.network-picture")
    expect(picture).to_be_visible()
    expect(picture.locator("g.bubble")).to_have_count(3)
    expect(picture.locator("g.bubble.advice-invest")).to_have_count(2)
    expect(picture.locator("g.bubble.advice-leave")).to_have_count(1)
    table = page.locator("table.networks-table")
    expect(table.get_by_role("rowheader", name="PR-gruppen på LinkedIn")).to_be_visible()
    advice = page.locator("p.advice")
    expect(advice.filter(has_text="Satsa mer.")).to_have_count(2)
    expect(advice.filter(has_text="Lämna.")).to_have_count(1)
    shot(page, screenshot_dir, "6-page")
    page.locator("#picture").screenshot(path=str(screenshot_dir / "networks-6-picture.png"))
    page.locator("#networks").scroll_into_view_if_needed()
    page.screenshot(path=str(screenshot_dir / "networks-7-advice.png"))
    page.get_by_text("Så ges råden").click()
    page.select_option("#pause-weeks", "4")
    page.get_by_role("button", name="Pausa min e-post").click()
    expect(page.get_by_text("En paus är på")).to_be_visible()
    shot(page, screenshot_dir, "8-rules-and-pause")
    context.close()

    member = world.member
    member.refresh_from_db()
    assert member.mail_paused_until == timezone.localdate() + dt.timedelta(weeks=4)
    assert Network.objects.filter(owner=member).count() == 3
    assert Review.objects.filter(network__owner=member).count() == 3


@pytest.mark.browser
def test_a_member_follows_their_goals_and_answers_the_evaluation_per_goal_on_a_phone(
    live_server: LiveServer, browser: Browser, transactional_db: None, screenshot_dir: Path
) -> None:
    world = load_demo(members=30)
    program = load_demo_group_space(world)  # the member wrote two goals when applying
    survey = feedback.open_survey(program, Kind.EVALUATION)
    token = feedback.invite(survey, world.member, base_url=live_server.url)
    context = browser.new_context(locale="sv-SE", viewport=PHONE)
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.fill("#id_username", MEMBER_EMAIL)
    page.fill("#id_password", MEMBER_PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    expect(page.get_by_role("link", name="Program du kan söka")).to_be_visible()
    shot(page, screenshot_dir, "9-member-start")
    page.get_by_role("link", name="Min profil").click()
    page.set_input_files(
        "#photo", files=[{"name": "jag.png", "mimeType": "image/png", "buffer": png(64, 64)}]
    )
    page.get_by_role("button", name="Spara fotot").click()
    expect(page.get_by_text("Ditt foto sparades.")).to_be_visible()
    expect(page.get_by_role("img", name="Ditt foto")).to_be_visible()
    shot(page, screenshot_dir, "9-profile-photo")
    group = Placement.objects.get(application__program=program, application__user=world.member)
    page.goto(f"{live_server.url}/o/{world.organisation.slug}/groups/{group.group_id}/#goals")
    expect(page.locator("#goals")).to_be_visible()
    page.locator("#goals").screenshot(path=str(screenshot_dir / "networks-9-zgoals.png"))
    page.goto(f"{live_server.url}/feedback/{token}/")
    expect(page.get_by_text("Hur långt kom du med", exact=False)).to_have_count(2)
    shot(page, screenshot_dir, "10-evaluation-goals")
    page.locator('input[name="goal_1"][value="4"]').check()
    page.locator('input[name="goal_2"][value="5"]').check()
    page.get_by_role("button", name="Skicka mitt svar").click()
    expect(page.get_by_role("heading", name="Tack", exact=False)).to_be_visible()
    context.close()
    answers = Response.objects.get(survey=survey).answers
    assert answers["goals"] == [4, 5] and answers["goals_met"] == 4
