"""The run view: state on the server, taps on an older state change nothing, attendance,
the opening round, the parking lot carried to the next meeting, the summary mail."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from natverk.accounts.demo import DemoWorld
from natverk.meetings.actions import MeetingError
from natverk.meetings.actions.parking import carried_questions, park_question, resolve_question
from natverk.meetings.actions.run import (
    close_meeting,
    go_on,
    mark_attendance,
    next_turn,
    open_meeting,
    start_turn,
)
from natverk.meetings.demo import DemoMeetings
from natverk.meetings.models import Meeting
from natverk.meetings.runstate import run_state
from natverk.outbox.actions import deliver_due
from natverk.programs.models import Application
from tests.meetings.conftest import logged_in, url


def _fresh(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_related("group__program").get(pk=meeting.pk)


def test_opening_starts_the_first_block_and_fixes_the_agenda(meetings: DemoMeetings) -> None:
    meeting = open_meeting(_fresh(meetings.next))
    state = run_state(meeting)
    assert meeting.running and meeting.block == 0
    assert state.current is not None and state.current.kind == "welcome"
    assert state.following is not None and state.following.kind == "opening_round"
    assert state.ends_at is not None
    assert meeting.agenda.count() == 6


def test_two_taps_on_the_same_block_go_on_once(meetings: DemoMeetings) -> None:
    meeting = open_meeting(_fresh(meetings.next))
    go_on(meeting, shown=0)
    go_on(_fresh(meeting), shown=0)  # the second device still showed block 0
    assert _fresh(meeting).block == 1


def test_go_on_stops_at_the_last_block(meetings: DemoMeetings) -> None:
    meeting = open_meeting(_fresh(meetings.next))
    for shown in range(10):
        go_on(_fresh(meeting), shown=shown)
    assert _fresh(meeting).block == 5


def test_every_change_raises_the_run_version(
    meetings: DemoMeetings, others: list[Application]
) -> None:
    meeting = open_meeting(_fresh(meetings.next))
    versions = [meeting.run_version]
    mark_attendance(meeting, others[0], "present")
    versions.append(_fresh(meeting).run_version)
    go_on(_fresh(meeting), shown=0)
    versions.append(_fresh(meeting).run_version)
    assert versions == sorted(set(versions))


def test_the_opening_round_queue_is_the_members_present_with_their_questions(
    meetings: DemoMeetings, others: list[Application]
) -> None:
    meeting = open_meeting(_fresh(meetings.next))
    for application in others[:3]:
        mark_attendance(meeting, application, "present")
    mark_attendance(meeting, others[3], "absent")
    state = run_state(_fresh(meeting))
    assert [m.application for m in state.queue] == sorted(others[:3], key=lambda a: a.name)
    assert all(m.turn is not None and m.turn.question for m in state.queue)
    assert state.turn_seconds == 20 * 60 // 3


def test_next_person_passes_the_word_once_per_tap(
    meetings: DemoMeetings, others: list[Application]
) -> None:
    meeting = open_meeting(_fresh(meetings.next))
    for application in others[:2]:
        mark_attendance(meeting, application, "present")
    first = next_turn(meeting, shown=None)
    assert first is not None
    assert next_turn(meeting, shown=None) == first  # a stale tap: still the first speaker
    second = next_turn(meeting, shown=first.application_id)
    assert second is not None and second.application_id != first.application_id
    assert next_turn(meeting, shown=second.application_id) is None
    state = run_state(_fresh(meeting))
    assert all(m.had_turn for m in state.queue)
    assert state.speaker is None


def test_giving_the_word_out_of_order_ends_the_running_turn(
    meetings: DemoMeetings, others: list[Application]
) -> None:
    meeting = open_meeting(_fresh(meetings.next))
    for application in others[:3]:
        mark_attendance(meeting, application, "late")
    start_turn(meeting, others[0])
    start_turn(meeting, others[2])
    state = run_state(_fresh(meeting))
    assert state.speaker is not None and state.speaker.application == others[2]
    assert [m.had_turn for m in state.members if m.application == others[0]] == [True]


def test_an_unresolved_question_heads_the_next_meetings_agenda(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    meeting = open_meeting(_fresh(meetings.next))
    park_question(meeting, demo.member, "Hur får vi med ledningen?")
    close_meeting(_fresh(meeting))
    following = meetings.group.meetings.get(number=meeting.number + 1)
    assert "Hur får vi med ledningen?" in [q.text for q in carried_questions(following)]
    page = logged_in(client, demo.member).get(url("meeting", following)).content.decode()
    agenda = page[page.index('id="agenda"') :]
    assert agenda.index("Hur får vi med ledningen?") < agenda.index("Välkommen")


def test_a_resolved_question_is_not_carried_further(
    meetings: DemoMeetings, demo: DemoWorld
) -> None:
    meeting = open_meeting(_fresh(meetings.next))
    question = park_question(meeting, demo.member, "Vem bokar lokalen?")
    resolve_question(question, answer="Lena bokar.", by=demo.leader, meeting=meeting)
    following = meetings.group.meetings.get(number=meeting.number + 1)
    assert question not in list(carried_questions(following))
    with pytest.raises(MeetingError):
        resolve_question(question, answer="Igen", by=demo.leader, meeting=meeting)


def test_closing_sends_each_member_the_summary_in_their_language(
    meetings: DemoMeetings, demo: DemoWorld, others: list[Application]
) -> None:
    danish = others[0].user
    assert danish is not None
    danish.preferred_language = "da"
    danish.save(update_fields=["preferred_language"])
    meeting = open_meeting(_fresh(meetings.next))
    park_question(meeting, demo.member, "Vilka mätetal använder ni?")
    close_meeting(_fresh(meeting))
    deliver_due()
    by_address = {m.to[0]: m for m in mail.outbox}
    swedish = by_address[demo.member.email]
    assert swedish.subject.startswith("Sammanfattning av träff 3")
    assert "Vilka mätetal använder ni?" in swedish.body
    assert "Nästa träff" in swedish.body
    assert by_address[danish.email].subject.startswith("Referat af møde 3")
    assert len(mail.outbox) == meetings.group.placements.count()


def test_the_same_summary_is_not_sent_twice(meetings: DemoMeetings) -> None:
    from natverk.meetings.actions.run import send_summary

    meeting = close_meeting(_fresh(meetings.next))
    assert send_summary(_fresh(meeting)) == 0


def test_run_state_answers_204_while_nothing_changed(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    meeting = open_meeting(_fresh(meetings.next))
    logged_in(client, demo.leader)
    same = client.get(url("run_state", meeting), {"v": meeting.run_version})
    assert same.status_code == 204
    changed = client.get(url("run_state", meeting), {"v": meeting.run_version - 1})
    assert changed.status_code == 200 and b'id="run"' in changed.content


def test_run_actions_answer_htmx_with_the_state_fragment(
    client: Client, meetings: DemoMeetings, demo: DemoWorld, others: list[Application]
) -> None:
    logged_in(client, demo.leader)
    headers = {"HX-Request": "true"}
    started = client.post(url("start", meetings.next), headers=headers)
    assert started.status_code == 200 and b"<html" not in started.content
    tapped = client.post(
        url("attend", meetings.next),
        {"application": others[0].pk, "status": "late"},
        headers=headers,
    )
    assert b'value="late" aria-pressed="true"' in tapped.content


def test_a_member_cannot_tap_for_the_moderator(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    logged_in(client, demo.member)
    assert client.post(url("start", meetings.next)).status_code == 404
    assert client.get(url("run", meetings.next)).status_code == 404


def test_the_leader_prepares_each_members_question_from_the_pre_interview(
    client: Client, meetings: DemoMeetings, demo: DemoWorld, others: list[Application]
) -> None:
    logged_in(client, demo.leader)
    page = client.get(url("opening", meetings.next)).content.decode()
    assert "Leder omorganisationen av kommunikationsavdelningen" in page  # the interview note
    client.post(url("opening", meetings.next), {f"q-{others[0].pk}": "Hur gick lanseringen?"})
    turn = meetings.next.turns.get(application=others[0])
    assert turn.question == "Hur gick lanseringen?"
    logged_in(client, demo.member)
    assert client.get(url("opening", meetings.next)).status_code == 404


def test_run_view_of_a_closed_and_of_a_cancelled_meeting(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    from natverk.meetings.actions import cancel_meeting

    logged_in(client, demo.leader)
    closed = client.get(url("run", meetings.held[-1])).content.decode()
    assert "Träffen är avslutad." in closed and "hx-trigger" not in closed
    later = meetings.group.meetings.get(number=meetings.next.number + 1)
    cancel_meeting(later)
    assert "Träffen är inställd." in client.get(url("run", later)).content.decode()
    assert client.get(url("meeting", later)).status_code == 200
