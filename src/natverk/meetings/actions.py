"""Plan a group's meeting series, move a meeting, and render the calendar file."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from natverk.formats.ical import CalendarMeeting, series_calendar
from natverk.meetings.models import Meeting
from natverk.programs.models import Group
from natverk.schedule import common_slots, plan_series


def plan_meetings(group: Group) -> list[Meeting]:
    """Create the group's meetings in its members' first common slot (idempotent)."""
    program = group.program
    availability = [
        frozenset(s for s in m.application.availability.split(",") if s)
        for m in group.members.select_related("application")
    ]
    slots = common_slots(availability) or ["tue-evening"]
    slot = group.slot if group.slot in slots else slots[0]
    first = program.first_meeting_on or (timezone.localdate() + dt.timedelta(days=14))
    country = "DK" if program.organisation.country == "DK" else "SE"
    dates = plan_series(
        slot,
        first_on_or_after=first,
        count=program.meeting_count,
        span_weeks=program.span_weeks,
        duration_minutes=program.meeting_minutes,
        country=country,
    )
    with transaction.atomic():
        if group.slot != slot:
            group.slot = slot
            group.save(update_fields=["slot"])
        for number, (start, end) in enumerate(dates, start=1):
            Meeting.objects.get_or_create(
                group=group, number=number, defaults={"starts_at": start, "ends_at": end}
            )
    return list(group.meetings.all())


def move_meeting(meeting: Meeting, starts_at: dt.datetime) -> Meeting:
    """Reschedule a meeting; the calendar file then updates the same event."""
    length = meeting.ends_at - meeting.starts_at
    meeting.starts_at = starts_at
    meeting.ends_at = starts_at + length
    meeting.sequence += 1
    meeting.save(update_fields=["starts_at", "ends_at", "sequence"])
    return meeting


#: Seconds a rendered calendar file is reused while its meetings stay the same.
CALENDAR_CACHE_SECONDS = 600


def group_calendar(group: Group) -> bytes:
    """The group's meeting series as an iCalendar file (Europe/Stockholm times).

    The file is kept in the cache under a digest of everything it is made from, so a
    moved meeting or a new video link gives a new file at once; only DTSTAMP (when
    this version was made) is that of the first download of the version.
    """
    program = group.program
    meetings = [
        CalendarMeeting(
            series_id=str(group.uid),
            number=m.number,
            start=m.starts_at.astimezone(timezone.get_default_timezone()),
            end=m.ends_at.astimezone(timezone.get_default_timezone()),
            summary=f"{program.title} – {m.number}/{program.meeting_count}",
            description=m.theme or program.theme,
            url=group.video_url,
            sequence=m.sequence,
        )
        for m in group.meetings.all()
    ]
    name = f"{program.title} · {group.number}"
    digest = hashlib.sha256(repr((name, meetings)).encode()).hexdigest()
    key = f"natverk:meetings:calendar:{group.pk}:{digest}"
    calendar: bytes | None = cache.get(key)
    if calendar is None:
        calendar = series_calendar(meetings, name=name, stamp=timezone.now())
        cache.set(key, calendar, CALENDAR_CACHE_SECONDS)
    return calendar
