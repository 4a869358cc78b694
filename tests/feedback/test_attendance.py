"""Attendance beside the answers on the program's dashboard: the share of marked members
who came, per meeting number and per group; cancelled meetings do not count."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.accounts.demo import DemoWorld
from natverk.feedback.attendance import turnout_by
from natverk.meetings.actions.run import mark_attendance
from natverk.meetings.demo.space import load_demo_group_space
from natverk.meetings.models import Attendance, Meeting
from natverk.programs.models import Placement


def _mark(meeting: Meeting, came: int, absent: int) -> None:
    places = list(Placement.objects.filter(group=meeting.group).order_by("pk"))
    for n, place in enumerate(places[: came + absent]):
        status = Attendance.Status.PRESENT if n < came else Attendance.Status.ABSENT
        mark_attendance(meeting, place.application, status)


def test_the_dashboard_shows_who_came_per_meeting_and_group(demo: DemoWorld) -> None:
    program = load_demo_group_space(demo)
    first = Meeting.objects.get(group__program=program, group__number=1, number=1)
    second = Meeting.objects.get(group__program=program, group__number=2, number=1)
    later = Meeting.objects.get(group__program=program, group__number=1, number=2)
    _mark(first, came=5, absent=1)
    _mark(second, came=3, absent=3)
    _mark(later, came=2, absent=0)
    Meeting.objects.filter(pk=later.pk).update(cancelled_at=timezone.now())

    meetings = turnout_by(program, "meeting")
    assert (meetings[1].came, meetings[1].marked) == (8, 12) and 2 not in meetings
    groups = turnout_by(program, "group")
    assert (groups[1].came, groups[1].marked) == (5, 6)
    assert (groups[2].came, groups[2].marked) == (3, 6)

    client = Client()
    client.force_login(demo.leader)
    args = [program.organisation.slug, program.pk]
    page = client.get(reverse("feedback:program", args=args), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    assert "67 % <small" in html and "(8 of 12)" in html  # meeting 1 over both groups
    assert "83 % <small" in html and "(5 of 6)" in html  # group 1
    exported = client.get(reverse("feedback:program_csv", args=args)).content.decode()
    assert "came,1,,0.67,," in exported and "came,,2,0.50,," in exported


def test_a_group_with_too_few_answers_has_a_row_that_says_so(demo: DemoWorld) -> None:
    from natverk.feedback.demo import load_demo_feedback
    from natverk.feedback.insights import program_board

    program = load_demo_group_space(demo)
    load_demo_feedback(program)  # group 3 answers each pulse three times (k is 5)
    rows = {row["group"]: row for row in program_board(program, {})["groups"]}  # type: ignore[attr-defined]
    assert set(rows) == {1, 2, 3}
    assert rows[3]["value"] is None and rows[1]["value"] is not None
