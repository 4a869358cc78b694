"""Goals for taking part: written at intake (up to three), shown and followed up on the
member's group page, asked about halfway by one e-mail, and at the end in the evaluation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from natverk.accounts import actions as accounts
from natverk.accounts.demo import DemoWorld
from natverk.meetings.demo.space import load_demo_group_space
from natverk.outbox.actions import deliver_due
from natverk.programs import goals, intake, space
from natverk.programs.models import Application, Goal, Placement, Program


@pytest.fixture
def running(demo: DemoWorld) -> Program:
    """The demo's running program: the demo member is in group 1 with two goals."""
    return load_demo_group_space(demo)


def _form(program: Program, **more: str) -> dict[str, str]:
    return {
        "name": "Greta Mål",
        "email": "greta.mal@example.org",
        "profession": "2432",
        "industry": "35",
        "languages": "sv",
        "hopes": "Nya perspektiv",
        "offers": "Erfarenhet av kriskommunikation",
        "privacy-agree": "on",
        **more,
    }


def test_an_applicant_writes_up_to_three_goals_on_the_form(demo: DemoWorld) -> None:
    from natverk.programs.demo import load_demo_program

    program = load_demo_program(demo, applicants=8)
    url = reverse("programs:apply", args=[program.apply_token])
    response = Client().post(
        url, _form(program, goal_1="Hitta en mentor", goal_2="  ", goal_3="Våga tala inför fler")
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    application = Application.objects.get(program=program, email="greta.mal@example.org")
    assert [g.text for g in application.goals.all()] == ["Hitta en mentor", "Våga tala inför fler"]
    assert [g.number for g in application.goals.all()] == [1, 2]


def test_goals_are_kept_to_three_and_replaced_when_the_person_changes_them(
    demo: DemoWorld,
) -> None:
    from natverk.programs.demo import load_demo_program

    program = load_demo_program(demo, applicants=8)
    user = demo.member
    intake.submit_application(
        program, user=user, name=user.name, hopes="h", offers="o", goals=["a", "b", "c", "d"]
    )
    application = Application.objects.get(program=program, user=user)
    assert [g.text for g in application.goals.all()] == ["a", "b", "c"]
    goal = application.goals.get(number=2)
    goals.note_progress(goal, progress="slow", note="Tar tid")
    intake.submit_application(program, user=user, hopes="h", offers="o", goals=["a", "b"])
    assert [(g.text, g.progress) for g in application.goals.all()] == [("a", ""), ("b", "slow")]
    client = Client()
    client.force_login(user)
    page = client.get(reverse("programs:apply", args=[program.apply_token])).content.decode()
    assert 'name="goal_1" value="a"' in page and 'name="goal_2" value="b"' in page


def test_the_member_sees_their_goals_and_notes_how_they_go(
    demo: DemoWorld, running: Program
) -> None:
    place = Placement.objects.get(group__program=running, application__user=demo.member)
    client = Client()
    client.force_login(demo.member)
    url = reverse("programs:group", args=[demo.organisation.slug, place.group_id])
    page = client.get(url).content.decode()
    assert "Tre kontakter i andra branscher" in page and 'id="goals"' in page
    save = reverse("programs:goals", args=[demo.organisation.slug, place.group_id])
    client.post(save, {"progress_1": "on_track", "note_1": "Utkast klart", "progress_2": "bogus"})
    first, second = place.application.goals.all()
    assert (first.progress, first.note) == ("on_track", "Utkast klart")
    assert second.progress == ""
    # Another member of the group never sees them.
    other = Placement.objects.filter(group=place.group).exclude(pk=place.pk).first()
    assert other is not None and other.application.user is not None
    client.force_login(other.application.user)
    assert "Tre kontakter i andra branscher" not in client.get(url).content.decode()


def _halfway(program: Program) -> dt.date:
    days = goals.halfway(program)
    assert days is not None
    return days[0]


def test_halfway_through_each_member_with_goals_gets_one_prompt(
    demo: DemoWorld, running: Program
) -> None:
    day = _halfway(running)
    assert goals.send_halfway_prompts(day - dt.timedelta(days=1)) == 0
    assert goals.send_halfway_prompts(day) == 1  # only the demo member wrote goals
    assert goals.send_halfway_prompts(day) == 0
    assert goals.send_halfway_prompts(day + dt.timedelta(days=3)) == 0
    deliver_due()
    [sent] = [m for m in mail.outbox if m.to == [demo.member.email]]
    assert "Halvvägs" in sent.subject
    assert "Tre kontakter i andra branscher" in sent.body and "#goals" in sent.body


def test_the_prompt_waits_for_a_pause_and_skips_those_who_paused_taking_part(
    demo: DemoWorld, running: Program
) -> None:
    day = _halfway(running)
    others = Application.objects.filter(program=running).exclude(user=demo.member)[:2]
    for number, other in enumerate(others, start=1):
        Goal.objects.create(application=other, number=1, text=f"Mål {number}")
    space.pause(intake.participation_of(others[0]))
    accounts.pause_mail(demo.member, day)
    member = demo.member
    member.refresh_from_db()
    assert goals.send_halfway_prompts(day) == 1  # the second other member only
    assert goals.send_halfway_prompts(day + dt.timedelta(days=1)) == 1  # the pause is over
    end = goals.halfway(running)
    assert end is not None
    assert goals.send_halfway_prompts(end[1] + dt.timedelta(days=1)) == 0
