"""Attendance and participation over the series: who is drifting away, as a chart and a table."""

from __future__ import annotations

from django.test import Client

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.meetings.demo import DemoMeetings
from natverk.meetings.participation import (
    MemberParticipation,
    attendance_bars,
    program_participation,
)
from natverk.programs.models import Application


def _member(marks: list[str]) -> MemberParticipation:
    return MemberParticipation(Application(name="X"), marks)


def test_missing_the_last_two_meetings_is_drifting_away() -> None:
    assert _member(["present", "absent", "absent"]).drifting
    assert not _member(["absent", "present", "present"]).drifting


def test_coming_to_under_half_of_three_is_drifting_away() -> None:
    assert _member(["absent", "present", "absent", "late", "absent", "present"]).drifting is False
    assert _member(["absent", "absent", "present", "absent", "present"]).drifting


def test_meetings_without_attendance_taken_do_not_count() -> None:
    member = _member(["present", "", "absent", ""])
    assert (member.attended, member.recorded, member.rate) == (1, 2, 0.5)
    assert not member.drifting


def test_the_demo_group_shows_one_member_drifting_away(meetings: DemoMeetings) -> None:
    (group,) = program_participation(meetings.group.program)
    assert len(group.meetings) == 2
    assert [m.application.name for m in group.drifting] == [
        m.application.name for m in group.members if m.attended == 0
    ]
    assert len(group.drifting) == 1
    assert all(m.turns == 2 for m in group.members if m.attended == 2)
    bars = attendance_bars(group)
    assert [b.value for b in bars] == ["6/7", "6/7"]


def test_participation_page_has_an_accessible_chart_and_a_table(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    client.force_login(demo.leader)
    page = client.get(
        f"/o/{DEMO_SLUG}/programs/{meetings.group.program_id}/participation/"
    ).content.decode()
    assert 'role="img"' in page and "<title" in page and "<desc" in page
    assert "träff 1: 6/7 kom" in page
    assert '<th scope="row">' in page and "glider ifrån" in page
