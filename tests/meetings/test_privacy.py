"""What meetings hold about a person, through the privacy app's own erasure: private
notes, attendance and turns go; what the group shares keeps its text without the name."""

from __future__ import annotations

from natverk.accounts.demo import DemoWorld
from natverk.meetings.actions.notes import add_action_item, save_notes, save_private_note
from natverk.meetings.actions.parking import park_question
from natverk.meetings.demo import DemoMeetings
from natverk.meetings.models import (
    ActionItem,
    Attendance,
    OpeningTurn,
    ParkingQuestion,
    PrivateNote,
    SharedNote,
)
from natverk.privacy.erasure import erase
from natverk.privacy.registry import PersonalData, Subject, registered


def _spec(model: type) -> PersonalData:
    return next(s for s in registered() if s.model is model)


def _subject(demo: DemoWorld) -> Subject:
    return Subject(user_id=demo.member.pk, emails=frozenset({demo.member.email}))


def test_the_members_meeting_data_is_found(meetings: DemoMeetings, demo: DemoWorld) -> None:
    subject = _subject(demo)
    assert _spec(PrivateNote).rows(subject).exists()
    assert _spec(ParkingQuestion).rows(subject).exists()
    assert _spec(Attendance).rows(subject).count() == len(meetings.held)
    assert _spec(OpeningTurn).rows(subject).exists()


def test_erasing_a_member_deletes_what_is_theirs_and_keeps_what_the_group_shares(
    meetings: DemoMeetings, demo: DemoWorld
) -> None:
    member = demo.member
    save_private_note(meetings.next, member, "Bara för mig", version=0)
    save_notes(meetings.next, "Gruppens text", version=0, by=member)
    question = park_question(meetings.next, member, "Gruppens fråga")
    application = meetings.group.placements.get(application__user=member).application
    todo = add_action_item(
        meetings.next, kind="todo", text="Ring", who=application, due_on=None, by=member
    )
    erase(_subject(demo))
    assert not PrivateNote.objects.filter(text="Bara för mig").exists()
    assert not Attendance.objects.filter(application=application).exists()
    assert not OpeningTurn.objects.filter(application=application).exists()
    note = SharedNote.objects.get(meeting=meetings.next)
    assert (note.text, note.updated_by) == ("Gruppens text", None)
    question.refresh_from_db()
    assert (question.text, question.author) == ("Gruppens fråga", None)
    todo.refresh_from_db()
    assert (todo.text, todo.created_by) == ("Ring", None)
    assert Attendance.objects.filter(meeting__group=meetings.group).exists()


def test_the_group_notes_lose_an_erased_members_name(
    meetings: DemoMeetings, demo: DemoWorld
) -> None:
    save_notes(
        meetings.next, f"{demo.member.name} berättade om sin chef.", version=0, by=demo.leader
    )
    erase(_subject(demo))
    assert demo.member.name not in SharedNote.objects.get(meeting=meetings.next).text
    assert ActionItem.objects.filter(meeting__group=meetings.group).exists()
