"""The series: moving, cancelling and adding a meeting, setting its theme and format; the
members get an update with the calendar (UIDs stable, SEQUENCE raised, CANCEL)."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from natverk.accounts.demo import DEMO_SLUG, DemoWorld
from natverk.formats.ical import meeting_uid
from natverk.meetings.actions import (
    MeetingError,
    add_meeting,
    cancel_meeting,
    group_calendar,
    set_format,
    set_theme,
)
from natverk.meetings.demo import DemoMeetings
from natverk.meetings.models import Meeting
from natverk.outbox.actions import deliver_due
from natverk.outbox.models import Message


def _events(content: bytes) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def _sent(kind: str) -> list[mail.EmailMessage]:
    """The delivered mails of a kind (natverk.meetings.meeting.<kind>), by the outbox log."""
    deliver_due()
    to = set(
        Message.objects.filter(kind=f"natverk.meetings.meeting.{kind}").values_list("to", flat=True)
    )
    return [m for m in mail.outbox if m.to[0] in to]


def _swedish(sent: list[mail.EmailMessage], demo: DemoWorld) -> mail.EmailMessage:
    """The demo member's copy (he reads natverk in Swedish)."""
    return next(m for m in sent if m.to == [demo.member.email])


def test_cancelling_a_meeting_sends_a_cancel_with_its_uid(
    meetings: DemoMeetings, demo: DemoWorld
) -> None:
    meeting = Meeting.objects.get(pk=meetings.next.pk)
    before = meeting.sequence
    cancel_meeting(meeting)
    sent = _sent("cancelled")
    assert len(sent) == meetings.group.placements.count()
    assert "är inställd" in _swedish(sent, demo).subject
    name, content, _type = sent[0].attachments[0]
    calendar = icalendar.Calendar.from_ical(content)
    assert str(calendar["method"]) == "CANCEL"
    event = _events(content)[meeting_uid(str(meetings.group.uid), meeting.number)]
    assert str(event["status"]) == "CANCELLED"
    assert int(event["sequence"]) == before + 1


def test_a_held_meeting_cannot_be_cancelled(meetings: DemoMeetings) -> None:
    with pytest.raises(MeetingError):
        cancel_meeting(Meeting.objects.get(pk=meetings.held[-1].pk))


def test_adding_a_meeting_gives_it_the_next_number_and_tells_the_members(
    meetings: DemoMeetings, demo: DemoWorld
) -> None:
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=100)
    added = add_meeting(meetings.group, starts)
    assert added.number == meetings.group.meetings.count()
    assert added.minutes == meetings.group.program.meeting_minutes
    sent = _sent("added")
    assert len(sent) == meetings.group.placements.count()
    assert _swedish(sent, demo).subject.startswith("Ny träff")
    uids = _events(sent[0].attachments[0][1])
    assert meeting_uid(str(meetings.group.uid), added.number) in uids
    assert meeting_uid(str(meetings.group.uid), 1) in uids


def test_the_theme_goes_to_the_members_and_into_the_calendar(
    meetings: DemoMeetings, demo: DemoWorld
) -> None:
    meeting = Meeting.objects.get(pk=meetings.next.pk)
    set_theme(meeting, "Kriskommunikation i praktiken")
    sent = _sent("theme")
    assert "har temat:\n\n  Kriskommunikation i praktiken" in _swedish(sent, demo).body
    event = _events(group_calendar(meetings.group))[
        meeting_uid(str(meetings.group.uid), meeting.number)
    ]
    assert str(event["description"]) == "Kriskommunikation i praktiken"
    before = Message.objects.count()
    set_theme(meeting, "Kriskommunikation i praktiken")
    assert Message.objects.count() == before


def test_a_meeting_in_person_needs_a_place_and_puts_it_in_the_calendar(
    meetings: DemoMeetings,
) -> None:
    meeting = Meeting.objects.get(pk=meetings.next.pk)
    with pytest.raises(MeetingError):
        set_format(meeting, held_as="in_person", place="", video_url="")
    meeting = Meeting.objects.get(pk=meetings.next.pk)
    set_format(meeting, held_as="in_person", place="Sveavägen 44, Stockholm", video_url="")
    event = _events(group_calendar(meetings.group))[
        meeting_uid(str(meetings.group.uid), meeting.number)
    ]
    assert str(event["location"]) == "Sveavägen 44, Stockholm"
    assert "url" not in event
    assert len(_sent("format")) == meetings.group.placements.count()


def test_series_page_lists_every_group_with_cancel_and_add(
    client: Client, meetings: DemoMeetings, demo: DemoWorld
) -> None:
    client.force_login(demo.leader)
    program = meetings.group.program
    page = client.get(f"/o/{DEMO_SLUG}/programs/{program.pk}/meetings/").content.decode()
    assert f"/o/{DEMO_SLUG}/programs/{program.pk}/meetings/{meetings.next.pk}/cancel/" in page
    assert f"/groups/{meetings.group.pk}/meetings/add/" in page
    response = client.post(
        f"/o/{DEMO_SLUG}/programs/{program.pk}/groups/{meetings.group.pk}/meetings/add/",
        {"date": (timezone.localdate() + dt.timedelta(days=120)).isoformat(), "time": "18:00"},
    )
    assert response.status_code == 302
    assert meetings.group.meetings.count() == 7


def test_the_invitation_lists_each_meetings_theme(meetings: DemoMeetings, demo: DemoWorld) -> None:
    from natverk.meetings import mails

    placement = meetings.group.placements.get(application__user=demo.member)
    mails.invitation(placement.application, meetings.group, [], group_calendar(meetings.group))
    deliver_due()
    body = mail.outbox[-1].body
    theme = Meeting.objects.get(pk=meetings.next.pk).theme
    assert f"{meetings.next.number}. " in body and f" – {theme}" in body
