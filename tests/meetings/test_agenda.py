"""Agendas: the seeds' default, a meeting's agenda from its template, the length check and
the version check that refuses a stale edit."""

from __future__ import annotations

import pytest
from django.test import Client

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.meetings.actions import MeetingError, StaleEditError
from natverk.meetings.actions.agenda import (
    agenda_for,
    create_template,
    reset_agenda,
    save_agenda,
    save_template,
)
from natverk.meetings.agenda import Block, default_blocks, length_problem, scaled_blocks
from natverk.meetings.demo import DemoMeetings
from natverk.meetings.models import Meeting
from tests.meetings.conftest import logged_in, url


def test_default_agenda_is_the_seeds_ninety_minutes() -> None:
    blocks = default_blocks()
    assert [b.kind for b in blocks] == [
        "welcome",
        "opening_round",
        "theme",
        "breakout",
        "round_up",
        "next_time",
    ]
    assert sum(b.minutes for b in blocks) == 90


@pytest.mark.parametrize("minutes", [45, 60, 90, 120, 180])
def test_default_agenda_scales_to_the_meeting_length(minutes: int) -> None:
    blocks = scaled_blocks(minutes)
    assert sum(b.minutes for b in blocks) == minutes
    assert all(b.minutes >= 1 for b in blocks)


def test_blocks_longer_than_the_meeting_are_named_in_minutes() -> None:
    problem = length_problem([Block("theme", 60), Block("breakout", 40)], 90)
    assert problem is not None and "100" in problem and "10" in problem
    assert length_problem([Block("theme", 60)], 90) is None


def test_a_meeting_starts_from_the_programs_template(meetings: DemoMeetings) -> None:
    meeting = meetings.held[0].group.meetings.order_by("number").last()
    assert meeting is not None and not meeting.agenda.exists()
    template = create_template(meeting.group.program, "Kort")
    save_template(template, [Block("welcome", 10), Block("theme", 80)], version=0)
    assert [b.kind for b in agenda_for(meeting)] == ["welcome", "theme"]


def test_saving_an_agenda_raises_its_version(meetings: DemoMeetings) -> None:
    meeting = meetings.next
    save_agenda(meeting, [Block("welcome", 10), Block("theme", 70, "Trendspaning")], version=0)
    meeting.refresh_from_db()
    assert meeting.agenda_version == 1
    assert [(b.kind, b.title) for b in agenda_for(meeting)] == [
        ("welcome", ""),
        ("theme", "Trendspaning"),
    ]


def test_an_agenda_longer_than_the_meeting_is_refused(meetings: DemoMeetings) -> None:
    with pytest.raises(MeetingError, match="95"):
        save_agenda(meetings.next, [Block("theme", 95)], version=0)
    assert Meeting.objects.get(pk=meetings.next.pk).agenda_version == 0


def test_a_stale_agenda_edit_is_refused_and_keeps_the_other_edit(meetings: DemoMeetings) -> None:
    meeting = meetings.next
    save_agenda(meeting, [Block("welcome", 5), Block("theme", 80)], version=0)
    with pytest.raises(StaleEditError) as refused:
        save_agenda(meeting, [Block("breakout", 30)], version=0)
    assert refused.value.version == 1
    assert [b.kind for b in refused.value.current] == ["welcome", "theme"]
    assert [b.kind for b in agenda_for(meeting)] == ["welcome", "theme"]


def test_reset_starts_the_agenda_again_from_the_default(meetings: DemoMeetings) -> None:
    meeting = meetings.next
    save_agenda(meeting, [Block("theme", 90)], version=0)
    reset_agenda(meeting, None, version=1)
    assert sum(b.minutes for b in agenda_for(meeting)) == 90
    assert len(agenda_for(meeting)) == 6


def test_agenda_page_refuses_a_stale_edit_with_409(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    logged_in(client, demo.leader)
    rows = {"kind": ["welcome", "theme"], "title": ["", ""], "minutes": ["5", "80"]}
    first = client.post(url("agenda", meetings.next), rows | {"version": "0"})
    assert first.status_code == 302
    stale = client.post(url("agenda", meetings.next), rows | {"version": "0"})
    assert stale.status_code == 409
    assert "Någon annan ändrade dagordningen" in stale.content.decode()


def test_agenda_page_reorders_and_removes_blocks(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    logged_in(client, demo.leader)
    client.post(
        url("agenda", meetings.next),
        {
            "position": ["2", "1", "3"],
            "kind": ["welcome", "theme", "breakout"],
            "title": ["", "", ""],
            "minutes": ["5", "60", ""],
            "version": "0",
        },
    )
    assert [b.kind for b in agenda_for(meetings.next)] == ["theme", "welcome"]


def test_template_page_refuses_blocks_longer_than_the_programs_meetings(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    template = create_template(meetings.group.program, "Lång")
    logged_in(client, demo.leader)
    response = client.post(
        f"/o/{DEMO_SLUG}/programs/{meetings.group.program_id}/agendas/{template.pk}/",
        {"kind": ["theme"], "title": [""], "minutes": ["120"], "version": "0"},
    )
    assert response.status_code == 400
    template.refresh_from_db()
    assert template.version == 0
