"""What meetings hold about a person: exported, and erased or unlinked per the registry."""

from __future__ import annotations

from natverk.accounts.demo import DemoWorld
from natverk.meetings.actions.notes import save_notes, save_private_note
from natverk.meetings.actions.parking import park_question
from natverk.meetings.demo import DemoMeetings
from natverk.meetings.models import (
    ActionItem,
    Attendance,
    OpeningTurn,
    ParkingQuestion,
    PrivateNote,
    SharedNote,
    ThemeProposal,
)
from natverk.privacy.registry import PersonalData, Subject, registered


def _spec(model: type) -> PersonalData:
    return next(s for s in registered() if s.model is model)


def _erase(spec: PersonalData, subject: Subject) -> None:
    rows = spec.rows(subject)
    if spec.shred is not None:
        spec.shred(rows)
    else:
        rows.delete()


def _subject(demo: DemoWorld) -> Subject:
    return Subject(user_id=demo.member.pk, emails=frozenset({demo.member.email}))


def test_the_members_meeting_data_is_found(meetings: DemoMeetings, demo: DemoWorld) -> None:
    subject = _subject(demo)
    assert _spec(PrivateNote).rows(subject).exists()
    assert _spec(ParkingQuestion).rows(subject).exists()
    assert _spec(Attendance).rows(subject).count() == len(meetings.held)
    assert _spec(OpeningTurn).rows(subject).exists()
    assert _spec(ThemeProposal).rows(Subject(user_id=None)).count() == 0


def test_private_notes_go_with_the_person(meetings: DemoMeetings, demo: DemoWorld) -> None:
    save_private_note(meetings.next, demo.member, "Kanariefågel", version=0)
    _erase(_spec(PrivateNote), _subject(demo))
    assert not PrivateNote.objects.filter(author=demo.member).exists()


def test_shared_notes_keep_their_text_but_lose_the_author(
    meetings: DemoMeetings, demo: DemoWorld
) -> None:
    save_notes(meetings.next, "Gruppens text", version=0, by=demo.member)
    _erase(_spec(SharedNote), _subject(demo))
    note = SharedNote.objects.get(meeting=meetings.next)
    assert note.text == "Gruppens text" and note.updated_by is None


def test_parked_questions_stay_with_the_group_without_a_name(
    meetings: DemoMeetings, demo: DemoWorld
) -> None:
    question = park_question(meetings.next, demo.member, "Gruppens fråga")
    _erase(_spec(ParkingQuestion), _subject(demo))
    question.refresh_from_db()
    assert question.text == "Gruppens fråga" and question.author is None


def test_attendance_and_turns_go_with_the_person(meetings: DemoMeetings, demo: DemoWorld) -> None:
    for model in (Attendance, OpeningTurn):
        _erase(_spec(model), _subject(demo))
        assert not _spec(model).rows(_subject(demo)).exists()
    assert Attendance.objects.filter(meeting__group=meetings.group).exists()


def test_todos_lose_whose_they_were(meetings: DemoMeetings, demo: DemoWorld) -> None:
    application = meetings.group.placements.get(application__user=demo.member).application
    item = ActionItem.objects.create(
        meeting=meetings.next, kind="todo", text="Ring", who=application, created_by=demo.member
    )
    _erase(_spec(ActionItem), _subject(demo))
    item.refresh_from_db()
    assert (item.who, item.created_by, item.text) == (None, None, "Ring")
