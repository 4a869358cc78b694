"""Meeting reminders go out a day before, with the video link, once per meeting time."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from natverk.accounts.demo import DemoWorld
from natverk.jobs.registry import jobs
from natverk.meetings.actions import move_meeting
from natverk.meetings.demo.space import load_demo_group_space
from natverk.meetings.models import Meeting
from natverk.meetings.reminders import queue_reminders
from natverk.outbox.actions import deliver_due
from natverk.outbox.models import Message
from natverk.programs.models import Participation


def _next_meeting(demo: DemoWorld) -> Meeting:
    program = load_demo_group_space(demo)
    meeting = (
        Meeting.objects.filter(
            group__program=program, group__number=1, starts_at__gt=timezone.now()
        )
        .order_by("starts_at")
        .first()
    )
    assert meeting is not None
    return meeting


def _takers(meeting: Meeting) -> set[str]:
    return {
        p.application.user.email  # type: ignore[union-attr]
        for p in Participation.objects.select_related("application__user").filter(
            application__membership__group=meeting.group, state="active", reminders=True
        )
    }


def _recipients(meeting: Meeting) -> set[str]:
    """Who was reminded of this meeting (other groups may meet at the same time)."""
    return set(
        Message.objects.filter(key__startswith=f"meeting-reminder:{meeting.pk}:").values_list(
            "to", flat=True
        )
    )


def test_reminders_go_a_day_before_with_the_video_link_once(demo: DemoWorld) -> None:
    meeting = _next_meeting(demo)
    assert queue_reminders(meeting.starts_at - dt.timedelta(hours=25)) == 0
    queue_reminders(meeting.starts_at - dt.timedelta(hours=23))
    assert _recipients(meeting) == _takers(meeting) and len(_takers(meeting)) == 8
    assert queue_reminders(meeting.starts_at - dt.timedelta(hours=22)) == 0
    deliver_due()
    message = next(m for m in mail.outbox if m.to == [demo.member.email])  # in Swedish
    assert meeting.group.video_url in message.body
    assert "Påminnelse: din grupp träffas" in message.subject
    assert "List-Unsubscribe" in message.extra_headers


def test_paused_members_and_those_who_turned_reminders_off_get_none(demo: DemoWorld) -> None:
    meeting = _next_meeting(demo)
    places = list(Participation.objects.filter(application__membership__group=meeting.group))
    places[0].state = "paused"
    places[0].save(update_fields=["state"])
    places[1].reminders = False
    places[1].save(update_fields=["reminders"])
    queue_reminders(meeting.starts_at - dt.timedelta(hours=23))
    recipients = _recipients(meeting)
    for place in places[:2]:
        assert place.application.user.email not in recipients  # type: ignore[union-attr]
    assert len(recipients) == len(places) - 2


def test_a_moved_meeting_is_reminded_again(demo: DemoWorld) -> None:
    meeting = _next_meeting(demo)
    queue_reminders(meeting.starts_at - dt.timedelta(hours=23))
    first = len(_recipients(meeting))
    moved = move_meeting(meeting, meeting.starts_at + dt.timedelta(hours=2))
    queue_reminders(moved.starts_at - dt.timedelta(hours=23))
    assert (
        Message.objects.filter(
            key__startswith=f"meeting-reminder:{meeting.pk}:{moved.sequence}:"
        ).count()
        == first
        > 0
    )


def test_the_reminder_job_is_declared_periodic() -> None:
    assert "meetings.reminders" in {job.name for job in jobs()}
    assert "programs.board_digest" in {job.name for job in jobs()}


def test_a_reminder_already_queued_is_not_rendered_again(
    demo: DemoWorld, monkeypatch: pytest.MonkeyPatch
) -> None:
    from natverk.accounts import mail as account_mail

    meeting = _next_meeting(demo)
    queue_reminders(meeting.starts_at - dt.timedelta(hours=23))
    rendered: list[str] = []
    real = account_mail.render_mail

    def counted(template: str, *args: object, **kwargs: object) -> object:
        rendered.append(template)
        return real(template, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(account_mail, "render_mail", counted)
    assert queue_reminders(meeting.starts_at - dt.timedelta(hours=22, minutes=45)) == 0
    assert rendered == []
