"""The demo world's meetings: what `make demo` shows a leader and the demo member."""

from __future__ import annotations

from django.test import Client

from natverk.accounts.demo import DemoWorld
from natverk.meetings.demo import DemoMeetings, load_demo_meetings
from natverk.meetings.models import Attendance, Meeting, ParkingQuestion, SharedNote
from natverk.programs.models import Placement
from tests.meetings.conftest import logged_in, url


def test_demo_member_is_placed_in_the_demo_group(meetings: DemoMeetings, demo: DemoWorld) -> None:
    assert Placement.objects.filter(
        group=meetings.group, application__user=demo.member, application__status="accepted"
    ).exists()


def test_demo_group_has_a_held_meeting_with_notes_attendance_and_questions(
    meetings: DemoMeetings,
) -> None:
    last = meetings.held[-1]
    last.refresh_from_db()
    assert last.closed_at is not None
    assert SharedNote.objects.get(meeting=last).text.startswith("## Trendspaning")
    assert Attendance.objects.filter(meeting=last, status="present").count() >= 4
    questions = ParkingQuestion.objects.filter(group=meetings.group)
    assert questions.filter(resolved_at__isnull=False).exists()
    assert questions.filter(resolved_at__isnull=True).exists()


def test_demo_next_meeting_is_ready_to_run(meetings: DemoMeetings) -> None:
    following = Meeting.objects.get(pk=meetings.next.pk)
    assert following.opened_at is None
    assert following.theme
    assert following.agenda.count() == 6
    assert following.turns.exclude(question="").count() == following.group.placements.count()


def test_loading_the_demo_meetings_twice_changes_nothing(
    meetings: DemoMeetings, demo: DemoWorld
) -> None:
    before = (ParkingQuestion.objects.count(), Attendance.objects.count(), Meeting.objects.count())
    again = load_demo_meetings(demo)
    assert again.group == meetings.group
    after = (ParkingQuestion.objects.count(), Attendance.objects.count(), Meeting.objects.count())
    assert after == before


def test_demo_pages_answer_for_the_member_and_the_leader(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    page = logged_in(client, demo.member).get(url("meeting", meetings.next)).content.decode()
    assert "Vilka verktyg använder ni för AI-stöd i skrivandet?" in page
    run = logged_in(client, demo.leader).get(url("run", meetings.next))
    assert run.status_code == 200


def test_the_loader_uses_the_group_another_loader_put_the_member_in(demo: DemoWorld) -> None:
    import datetime as dt

    from django.utils import timezone

    from natverk.accounts.models import Profile
    from natverk.programs.models import Application, Group, GroupMember, Program

    now = timezone.now()
    program = Program.objects.create(
        organisation=demo.organisation, title="Någon annans program", published_at=now
    )
    group = Group.objects.create(program=program, number=1, published_at=now)
    people = [demo.member] + [
        p.user for p in Profile.objects.exclude(user=demo.member).exclude(profession="")[:4]
    ]
    for user in people:
        application = Application.objects.create(
            program=program, user=user, name=user.name, email=user.email, status="accepted"
        )
        GroupMember.objects.create(group=group, application=application)
    for number, days in enumerate((-7, 7, 21), start=1):
        start = now + dt.timedelta(days=days)
        Meeting.objects.create(
            group=group, number=number, starts_at=start, ends_at=start + dt.timedelta(hours=1)
        )
    loaded = load_demo_meetings(demo)
    assert loaded.group == group
    assert Placement.objects.filter(group=group).count() == len(people)
    assert [m.number for m in loaded.held] == [1] and loaded.next.number == 2
    assert Attendance.objects.filter(meeting__group=group).count() == len(people)


def test_the_leaders_series_page_lists_every_demo_groups_meetings(
    client: Client, demo: DemoWorld
) -> None:
    from django.urls import reverse

    from natverk.meetings.demo.space import load_demo_group_space

    program = load_demo_group_space(demo)  # what `make demo` loads, in its order
    load_demo_meetings(demo)
    path = reverse("meetings:series", args=[program.organisation.slug, program.pk])
    page = logged_in(client, demo.leader).get(path).content.decode()
    for group in program.groups.all():
        assert f'id="group-{group.number}"' in page
        for meeting in group.meetings.all():
            assert url("meeting", meeting) in page
