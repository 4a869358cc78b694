"""A network leader's journey through the web: program, intake, matching, editing,
publishing and the calendar, and what a member then sees."""

from __future__ import annotations

import icalendar
from django.core import mail
from django.test import Client
from django.urls import reverse

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.outbox.actions import deliver_due
from natverk.programs.actions import preview_change
from natverk.programs.models import Application, Group, MatchingRun, Program
from tests.programs.conftest import run_worker

S = DEMO_SLUG


def _url(name: str, program: Program, **kw: int) -> str:
    return reverse(f"programs:{name}", kwargs={"slug": S, "program_id": program.pk, **kw})


def _publish_url(program: Program) -> str:
    return reverse("meetings:publish", kwargs={"slug": S, "program_id": program.pk})


def test_leader_creates_a_program_and_opens_intake(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.leader)
    response = client.post(
        reverse("programs:list", kwargs={"slug": S}),
        {
            "title": "HR i offentlig sektor",
            "theme": "Ledarskap",
            "group_min": 6,
            "group_max": 8,
            "meeting_count": 6,
            "meeting_minutes": 90,
            "span_weeks": 16,
            "format": "digital",
            "first_meeting_on": "2027-02-01",
            "skip_summer": "on",
            "even_sizes": "on",
        },
    )
    program = Program.objects.get(title="HR i offentlig sektor")
    assert response["Location"] == _url("detail", program)
    client.post(_url("open", program))
    program.refresh_from_db()
    assert program.status == Program.Status.INTAKE


def test_program_form_reports_impossible_group_sizes(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.leader)
    response = client.post(
        reverse("programs:list", kwargs={"slug": S}),
        {
            "title": "X",
            "group_min": 9,
            "group_max": 4,
            "meeting_count": 6,
            "meeting_minutes": 90,
            "span_weeks": 16,
            "format": "digital",
        },
    )
    assert response.status_code == 200
    assert not Program.objects.filter(title="X").exists()


def test_public_application_page_accepts_an_application_in_swedish(
    client: Client, program: Program
) -> None:
    url = reverse("programs:apply", kwargs={"token": program.apply_token})
    page = client.get(url).content.decode()
    assert "Vad hoppas du få ut av nätverket?" in page
    response = client.post(
        url,
        {
            "name": "Sara Lind",
            "email": "Sara.Lind@example.org",
            "profession": "2432",
            "industry": "35",
            "employer": "Ellevio",
            "region": "SE-AB",
            "languages": ["sv", "en"],
            "hopes": "Jag vill lära mig förhandling",
            "offers": "Kriskommunikation",
            "availability": ["tue-evening", "wed-lunch"],
            "privacy-agree": "on",
        },
    )
    assert response.status_code == 200 and "Tack" in response.content.decode()
    application = program.applications.get(email="sara.lind@example.org")
    assert application.availability == "tue-evening,wed-lunch"
    assert application.status == Application.Status.SUBMITTED


def test_application_with_missing_fields_is_refused_and_nothing_is_saved(
    client: Client, program: Program
) -> None:
    before = program.applications.count()
    response = client.post(
        reverse("programs:apply", kwargs={"token": program.apply_token}),
        {"name": "", "email": "not-an-email"},
    )
    assert response.status_code == 200
    assert "Detta fält måste fyllas i." in response.content.decode()
    assert program.applications.count() == before


def test_closed_intake_shows_a_friendly_page_with_whom_to_contact(
    client: Client, program: Program
) -> None:
    program.status = Program.Status.RUNNING
    program.contact_email = "natverk@akademikerna.example"
    program.save(update_fields=["status", "contact_email"])
    before = program.applications.count()
    url = reverse("programs:apply", kwargs={"token": program.apply_token})
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 410
    page = response.content.decode()
    assert "natverk@akademikerna.example" in page and "lukket" in page
    client.post(url, {"name": "X", "email": "x@example.org"})
    assert program.applications.count() == before


def test_an_unknown_application_link_answers_404(client: Client, demo: DemoWorld) -> None:
    url = reverse("programs:apply", kwargs={"token": "00000000-0000-4000-8000-000000000000"})
    assert client.get(url).status_code == 404


def test_matching_run_on_the_task_queue_edit_lock_rerun_publish(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    response = client.post(_url("start_run", program))
    run = MatchingRun.objects.get(program=program)
    assert response["Location"] == _url("run", program, run_id=run.pk)
    assert run.status == MatchingRun.Status.QUEUED
    page = client.get(_url("run", program, run_id=run.pk)).content.decode()
    assert 'hx-trigger="every 1s"' in page  # live progress while queued
    run_worker()
    run.refresh_from_db()
    assert run.status == MatchingRun.Status.DONE and run.upper_bound >= run.objective
    groups = list(program.groups.all())
    sizes = [g.members.count() for g in groups]
    assert all(6 <= s <= 8 for s in sizes) and sum(sizes) == len(
        program.applications.filter(status="accepted")
    )
    editor = client.get(_url("groups", program)).content.decode()
    assert "personer" in editor and "Grupp 1" in editor

    # A move that would overfill a group is previewed with the reason and refused
    # (the bound is tightened to the largest group so that the test does not depend on
    # the sizes the solver chose).
    program.group_max = max(sizes)
    program.save(update_fields=["group_max"])
    member = groups[0].members.first().application
    full = next(g for g in groups if g.members.count() == max(sizes) and g != groups[0])
    preview = client.post(
        _url("preview", program), {"member": member.pk, "target": f"group:{full.pk}"}
    ).content.decode()
    assert f"skulle ha {max(sizes) + 1} medlemmar" in preview
    assert "Spara ändringen" not in preview
    client.post(_url("change", program), {"member": member.pk, "target": f"group:{full.pk}"})
    assert Group.objects.get(members__application=member) == groups[0]

    # Preview and save a swap: the preview shows the change in score.
    other = next(
        m.application
        for g in groups[1:]
        for m in g.members.all()
        if not preview_change(program, member, other=m.application).problems
    )
    target = f"swap:{other.pk}"
    other_group = Group.objects.get(members__application=other)
    preview = client.post(
        _url("preview", program), {"member": member.pk, "target": target}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Ändring i poäng" in preview
    client.post(_url("change", program), {"member": member.pk, "target": target})
    assert Group.objects.get(members__application=member) == other_group
    assert Group.objects.get(members__application=other) == groups[0]

    # Lock group 2 and re-run: its members stay.
    client.post(_url("lock", program, group_id=groups[1].pk), {"locked": "1"})
    kept = set(groups[1].members.values_list("application_id", flat=True))
    client.post(_url("start_run", program))
    run_worker()
    assert MatchingRun.objects.filter(program=program).count() == 2  # runs are kept
    again = Group.objects.get(program=program, number=groups[1].number)
    assert set(again.members.values_list("application_id", flat=True)) == kept

    # Publish: meetings planned, invitations with the calendar sent.
    summary = client.get(_publish_url(program)).content.decode()
    placed = sum(g.members.count() for g in program.groups.all())
    assert f'name="expected" value="{placed}"' in summary
    client.post(_publish_url(program), {"expected": placed})
    deliver_due()
    program.refresh_from_db()
    assert program.status == Program.Status.PUBLISHED and program.published_at
    assert len(mail.outbox) == placed
    ics = mail.outbox[0].attachments[0]
    assert ics[2] == "text/calendar"
    events = list(icalendar.Calendar.from_ical(ics[1]).walk("VEVENT"))
    assert len(events) == program.meeting_count


def test_member_sees_group_meetings_and_downloads_the_calendar(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    client.post(_url("start_run", program))
    run_worker()
    client.post(_publish_url(program))
    group = program.groups.first()
    application = group.members.first().application
    client.force_login(application.user)
    page = client.get(reverse("accounts:organisation", kwargs={"slug": S})).content.decode()
    assert "Din grupp" in page and "Kommande träffar" in page
    other = group.members.exclude(application=application).first().application
    assert other.name in page
    response = client.get(reverse("meetings:calendar", kwargs={"slug": S, "group_id": group.pk}))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    # A member of another group cannot download this group's calendar.
    stranger = program.groups.exclude(pk=group.pk).first().members.first().application.user
    client.force_login(stranger)
    assert (
        client.get(
            reverse("meetings:calendar", kwargs={"slug": S, "group_id": group.pk})
        ).status_code
        == 404
    )


def test_notes_are_for_leaders_only(client: Client, demo: DemoWorld, program: Program) -> None:
    application = program.applications.first()
    url = _url("application", program, application_id=application.pk)
    client.force_login(demo.leader)
    client.post(url, {"text": "Vill gärna träffa någon från energibranschen."})
    assert "energibranschen" in client.get(url).content.decode()
    client.force_login(demo.member)
    assert client.get(url).status_code == 404


def test_leader_adds_own_questions_and_applicants_answer_them(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    client.post(_url("add_question", program), {"text": "Vilken bok läser du just nu?"})
    question = program.questions.get()
    client.logout()
    url = reverse("programs:apply", kwargs={"token": program.apply_token})
    assert "Vilken bok läser du just nu?" in client.get(url).content.decode()
    client.post(
        url,
        {
            "name": "Ida Ek",
            "email": "ida@example.org",
            "profession": "2432",
            "industry": "47",
            "languages": ["sv"],
            "hopes": "ledarskap",
            "offers": "förhandling",
            f"q_{question.pk}": "Tystnadens historia",
            "privacy-agree": "on",
        },
    )
    answers = program.applications.get(email="ida@example.org").answers
    assert answers == {str(question.pk): "Tystnadens historia"}


def test_video_link_is_set_per_group_and_must_be_an_address(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    client.post(_url("start_run", program))
    run_worker()
    group = program.groups.first()
    client.post(_url("video", program, group_id=group.pk), {"video_url": "https://meet.jit.si/x"})
    group.refresh_from_db()
    assert group.video_url == "https://meet.jit.si/x"
    client.post(_url("video", program, group_id=group.pk), {"video_url": "not a link"})
    group.refresh_from_db()
    assert group.video_url == "https://meet.jit.si/x"
