"""The moderator's actions during a meeting: open, go on, attendance, turns, close.

The state lives in the database, so a reload or a second device shows the same. Each
action that moves the state on names the state it was tapped on (the current block,
the current speaker): when another device moved on first, the tap changes nothing
instead of skipping a block or a person. Every change raises ``run_version``, which
the devices poll.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.meetings import mails
from natverk.meetings.actions.agenda import fix_agenda
from natverk.meetings.actions.series import told
from natverk.meetings.errors import MeetingError
from natverk.meetings.models import Attendance, Meeting, OpeningTurn
from natverk.programs.models import Application


def bump(meeting: Meeting) -> None:
    """Tell the polling devices that the meeting's run state changed."""
    Meeting.objects.filter(pk=meeting.pk).update(run_version=F("run_version") + 1)


def _running(meeting: Meeting) -> None:
    if meeting.cancelled_at is not None:
        raise MeetingError(_("This meeting is cancelled."))
    if meeting.closed_at is not None:
        raise MeetingError(_("This meeting is closed."))


@transaction.atomic
def prepare_questions(meeting: Meeting, questions: dict[int, str]) -> None:
    """Save the leader's opening-round question for each member (by application id)."""
    if meeting.closed_at is not None or meeting.cancelled_at is not None:
        raise MeetingError(_("This meeting is over."))
    members = {p.application_id for p in told(meeting.group)}
    for application_id, text in questions.items():
        if application_id not in members:
            continue
        turn = OpeningTurn(meeting=meeting, application_id=application_id, question=text.strip())
        try:
            turn.full_clean(exclude=["meeting", "application"], validate_unique=False)
        except ValidationError as exc:
            raise MeetingError(" ".join(exc.messages)) from exc
        OpeningTurn.objects.update_or_create(
            meeting=meeting, application_id=application_id, defaults={"question": turn.question}
        )


@transaction.atomic
def open_meeting(meeting: Meeting) -> Meeting:
    """Start the meeting at its first agenda block (opening twice changes nothing)."""
    _running(meeting)
    fix_agenda(meeting)
    now = timezone.now()
    Meeting.objects.filter(pk=meeting.pk, opened_at__isnull=True).update(
        opened_at=now, block=0, block_started_at=now, run_version=F("run_version") + 1
    )
    meeting.refresh_from_db()
    return meeting


@transaction.atomic
def go_on(meeting: Meeting, *, shown: int) -> Meeting:
    """Go on from block ``shown`` to the next; a tap on an older state changes nothing."""
    _running(meeting)
    if meeting.opened_at is None:
        raise MeetingError(_("Start the meeting first."))
    last = meeting.agenda.count() - 1
    if shown < last:
        Meeting.objects.filter(pk=meeting.pk, block=shown).update(
            block=shown + 1, block_started_at=timezone.now(), run_version=F("run_version") + 1
        )
    meeting.refresh_from_db()
    return meeting


@transaction.atomic
def mark_attendance(meeting: Meeting, application: Application, status: str) -> Attendance:
    """Mark a member present, late or absent (one tap; tapping again changes it)."""
    if meeting.cancelled_at is not None:
        raise MeetingError(_("This meeting is cancelled."))
    if status not in Attendance.Status.values:
        raise MeetingError(_("Choose present, late or absent."))
    row, _created = Attendance.objects.update_or_create(
        meeting=meeting, application=application, defaults={"status": status}
    )
    bump(meeting)
    return row


def _here(meeting: Meeting) -> list[int]:
    present = set(
        meeting.attendance.filter(
            status__in=(Attendance.Status.PRESENT, Attendance.Status.LATE)
        ).values_list("application_id", flat=True)
    )
    return [p.application_id for p in told(meeting.group) if p.application_id in present]


def current_turn(meeting: Meeting) -> OpeningTurn | None:
    """The turn that is running now, if any."""
    return (
        meeting.turns.filter(started_at__isnull=False, ended_at__isnull=True)
        .order_by("started_at")
        .first()
    )


@transaction.atomic
def start_turn(meeting: Meeting, application: Application) -> OpeningTurn:
    """Give a member the word in the opening round (ending the turn that runs)."""
    _running(meeting)
    now = timezone.now()
    meeting.turns.filter(started_at__isnull=False, ended_at__isnull=True).exclude(
        application=application
    ).update(ended_at=now)
    return _give_word(meeting, application.pk, now)


def _give_word(meeting: Meeting, application_id: int, now: dt.datetime) -> OpeningTurn:
    turn, _created = OpeningTurn.objects.get_or_create(
        meeting=meeting, application_id=application_id
    )
    turn.started_at = now
    turn.ended_at = None
    turn.save(update_fields=["started_at", "ended_at"])
    bump(meeting)
    return turn


@transaction.atomic
def next_turn(meeting: Meeting, *, shown: int | None) -> OpeningTurn | None:
    """End the turn of ``shown`` (the speaker the moderator saw) and give the word to the
    next member present who has not had a turn. A tap on an older state does nothing."""
    _running(meeting)
    running = current_turn(meeting)
    if (running.application_id if running else None) != shown:
        return running
    now = timezone.now()
    if running is not None:
        running.ended_at = now
        running.save(update_fields=["ended_at"])
    ended = meeting.turns.filter(ended_at__isnull=False)
    done = set(ended.values_list("application_id", flat=True))
    waiting = [a for a in _here(meeting) if a not in done]
    if not waiting:
        bump(meeting)
        return None
    return _give_word(meeting, waiting[0], now)


@transaction.atomic
def close_meeting(meeting: Meeting) -> Meeting:
    """End the meeting and send the group its summary (each member in their language)."""
    _running(meeting)
    now = timezone.now()
    if meeting.opened_at is None:
        fix_agenda(meeting)
    meeting.turns.filter(started_at__isnull=False, ended_at__isnull=True).update(ended_at=now)
    Meeting.objects.filter(pk=meeting.pk, closed_at__isnull=True).update(
        opened_at=F("opened_at") if meeting.opened_at else now,
        closed_at=now,
        run_version=F("run_version") + 1,
    )
    meeting.refresh_from_db()
    send_summary(meeting)
    return meeting


@transaction.atomic
def send_summary(meeting: Meeting) -> int:
    """Queue the summary of a closed meeting to every member (again after a change to
    the notes; the same summary twice goes out once). Returns how many were queued."""
    if meeting.closed_at is None:
        raise MeetingError(_("Close the meeting before sending its summary."))
    sent = sum(mails.summary(placement.application, meeting) for placement in told(meeting.group))
    Meeting.objects.filter(pk=meeting.pk).update(summary_sent_at=timezone.now())
    return sent
