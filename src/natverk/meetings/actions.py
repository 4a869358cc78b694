"""Plan a group's meeting series, move or cancel a meeting, and render calendar files."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.formats.ical import CalendarMeeting, series_calendar
from natverk.meetings import mails
from natverk.meetings.models import Meeting
from natverk.programs.models import Group, Placement, Program
from natverk.schedule import common_slots, plan_series


class MeetingError(ValueError):
    """A change to a meeting that is not allowed; the text says why."""


def country_of(program: Program) -> str:
    """The country whose holidays the program's meetings avoid ("SE" or "DK")."""
    return "DK" if program.organisation.country == "DK" else "SE"


def plan_meetings(group: Group) -> list[Meeting]:
    """Create the group's meetings in its members' first common slot (idempotent: a
    group that has meetings keeps them)."""
    program = group.program
    if program.first_meeting_on is None:
        raise MeetingError(_("Set the date of the first meeting before publishing."))
    availability = [
        frozenset(s for s in m.application.availability.split(",") if s)
        for m in group.members.select_related("application")
    ]
    slots = common_slots(availability) or ["tue-evening"]
    slot = group.slot if group.slot in slots else slots[0]
    dates = plan_series(
        slot,
        first_on_or_after=program.first_meeting_on,
        count=program.meeting_count,
        span_weeks=program.span_weeks,
        duration_minutes=program.meeting_minutes,
        country=country_of(program),
        skip_summer=program.skip_summer,
    )
    with transaction.atomic():
        if group.slot != slot:
            group.slot = slot
            group.save(update_fields=["slot"])
        if not group.meetings.exists():
            Meeting.objects.bulk_create(
                Meeting(group=group, number=n, starts_at=start, ends_at=end)
                for n, (start, end) in enumerate(dates, start=1)
            )
    return list(group.meetings.all())


def _told(group: Group) -> list[Placement]:
    return list(
        Placement.objects.filter(group=group).select_related("application", "application__user")
    )


@transaction.atomic
def move_meeting(meeting: Meeting, starts_at: dt.datetime) -> Meeting:
    """Reschedule a meeting (same UID, SEQUENCE raised) and send the members the update."""
    if meeting.cancelled_at is not None:
        raise MeetingError(_("A cancelled meeting cannot be moved."))
    if starts_at.tzinfo is None:
        raise MeetingError(_("Give the time with its time zone."))
    length = meeting.ends_at - meeting.starts_at
    meeting.starts_at = starts_at
    meeting.ends_at = starts_at + length
    meeting.sequence += 1
    meeting.full_clean(exclude=["group"])
    meeting.save(update_fields=["starts_at", "ends_at", "sequence"])
    group = meeting.group
    for placement in _told(group):
        mails.meeting_moved(placement.application, group, meeting, group_calendar(group))
    return meeting


@transaction.atomic
def cancel_meetings(group: Group) -> list[Meeting]:
    """Cancel every meeting of a group that has not ended (UIDs kept, SEQUENCE raised)."""
    now = timezone.now()
    meetings = list(group.meetings.filter(cancelled_at__isnull=True, ends_at__gte=now))
    for meeting in meetings:
        meeting.cancelled_at = now
        meeting.sequence += 1
        meeting.save(update_fields=["cancelled_at", "sequence"])
    return meetings


def raise_sequences(group: Group) -> None:
    """Mark the group's coming meetings as changed (a new video link, for example)."""
    for meeting in group.meetings.filter(cancelled_at__isnull=True, ends_at__gte=timezone.now()):
        meeting.sequence += 1
        meeting.save(update_fields=["sequence"])


def _entries(group: Group, *, cancel: bool) -> list[CalendarMeeting]:
    program = group.program
    zone = timezone.get_default_timezone()
    return [
        CalendarMeeting(
            series_id=str(group.uid),
            number=m.number,
            start=m.starts_at.astimezone(zone),
            end=m.ends_at.astimezone(zone),
            summary=f"{program.title} – {m.number}/{program.meeting_count}",
            description=m.theme or program.theme,
            url=group.video_url,
            sequence=m.sequence + (1 if cancel and m.cancelled_at is None else 0),
            cancelled=cancel or m.cancelled_at is not None,
        )
        for m in group.meetings.all()
    ]


#: Seconds a downloaded calendar file is reused while its meetings stay the same.
CALENDAR_CACHE_SECONDS = 600


def group_calendar(group: Group, *, method: str = "PUBLISH") -> bytes:
    """The group's meeting series as an iCalendar file (cancelled meetings marked so).

    The download (PUBLISH) is kept in the cache under a digest of everything it is made
    from, so a moved meeting or a new video link gives a new file at once; only DTSTAMP
    (when this version was made) is that of the first download of the version.
    Invitations (REQUEST) are always made fresh.
    """
    entries = _entries(group, cancel=False)
    name = f"{group.program.title} · {group.number}"
    if method != "PUBLISH":
        return series_calendar(entries, name=name, stamp=timezone.now(), method=method)
    digest = hashlib.sha256(repr((name, entries)).encode()).hexdigest()
    key = f"natverk:meetings:calendar:{group.pk}:{digest}"
    calendar: bytes | None = cache.get(key)
    if calendar is None:
        calendar = series_calendar(entries, name=name, stamp=timezone.now(), method=method)
        cache.set(key, calendar, CALENDAR_CACHE_SECONDS)
    return calendar


def cancellation_calendar(group: Group) -> bytes:
    """Every meeting of the group as cancelled, for a person who is no longer in it."""
    program = group.program
    return series_calendar(
        _entries(group, cancel=True),
        name=f"{program.title} · {group.number}",
        stamp=timezone.now(),
        method="CANCEL",
    )
