"""Plan a group's meeting series; move, cancel or add a meeting; set its theme and how
it is held; render calendar files. Every change the members should know of sends them
an update with the calendar file (same UIDs, SEQUENCE raised)."""

from __future__ import annotations

import datetime as dt

from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.formats.ical import CalendarMeeting, series_calendar
from natverk.meetings import mails
from natverk.meetings.errors import MeetingError
from natverk.meetings.models import Meeting
from natverk.programs.models import Application, Group, Placement, Program
from natverk.schedule import common_slots, plan_series
from natverk.site.fragments import digest_of


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


def told(group: Group) -> list[Placement]:
    """The group's members as they were told (accepted applications), with their accounts."""
    return list(
        Placement.objects.filter(group=group, application__status=Application.Status.ACCEPTED)
        .select_related("application", "application__user", "application__program__organisation")
        .order_by("application__name", "application_id")
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
    for placement in told(group):
        mails.meeting_moved(placement.application, group, meeting, group_calendar(group))
    return meeting


def _clean(meeting: Meeting, exclude: list[str] | None = None) -> None:
    """full_clean, with the problems as a MeetingError the page can show."""
    try:
        meeting.full_clean(exclude=exclude)
    except ValidationError as exc:
        raise MeetingError(" ".join(exc.messages)) from exc


def _live(meeting: Meeting) -> None:
    if meeting.cancelled_at is not None:
        raise MeetingError(_("This meeting is cancelled."))


@transaction.atomic
def cancel_meeting(meeting: Meeting) -> Meeting:
    """Cancel one meeting (UID kept, SEQUENCE raised) and send the members the CANCEL."""
    _live(meeting)
    if meeting.closed_at is not None:
        raise MeetingError(_("A meeting that has been held cannot be cancelled."))
    meeting.cancelled_at = timezone.now()
    meeting.sequence += 1
    meeting.save(update_fields=["cancelled_at", "sequence"])
    group = meeting.group
    calendar = meeting_cancellation(meeting)
    for placement in told(group):
        mails.meeting_cancelled(placement.application, group, meeting, calendar)
    return meeting


@transaction.atomic
def add_meeting(group: Group, starts_at: dt.datetime, *, minutes: int | None = None) -> Meeting:
    """Add a meeting to the group's series (the next number: a new UID) and tell the
    members, with the series' calendar file."""
    if starts_at.tzinfo is None:
        raise MeetingError(_("Give the time with its time zone."))
    if group.dissolved_at is not None:
        raise MeetingError(_("This group no longer meets."))
    Group.objects.select_for_update().filter(pk=group.pk).first()
    last = group.meetings.order_by("-number").first()
    length = dt.timedelta(minutes=minutes or group.program.meeting_minutes)
    meeting = Meeting(
        group=group,
        number=(last.number if last else 0) + 1,
        starts_at=starts_at,
        ends_at=starts_at + length,
    )
    _clean(meeting)
    meeting.save()
    calendar = group_calendar(group)
    for placement in told(group):
        mails.meeting_added(placement.application, group, meeting, calendar)
    return meeting


@transaction.atomic
def set_theme(meeting: Meeting, theme: str) -> Meeting:
    """Set a meeting's theme; the members get it with the updated calendar."""
    _live(meeting)
    theme = " ".join(theme.split())
    if theme == meeting.theme:
        return meeting
    meeting.theme = theme
    meeting.sequence += 1
    _clean(meeting, exclude=["group"])
    meeting.save(update_fields=["theme", "sequence"])
    if theme:
        calendar = group_calendar(meeting.group)
        for placement in told(meeting.group):
            mails.theme_set(placement.application, meeting.group, meeting, calendar)
    return meeting


@transaction.atomic
def set_format(meeting: Meeting, *, held_as: str, place: str, video_url: str) -> Meeting:
    """Say how a meeting is held (digital, in person with a place, hybrid); when that
    changes the members get the update with the calendar file."""
    _live(meeting)
    before = (meeting.held_as, meeting.place, meeting.video_link)
    meeting.format = held_as
    meeting.place = " ".join(place.split())
    meeting.video_url = video_url.strip()
    _clean(meeting, exclude=["group"])
    if (meeting.held_as, meeting.place, meeting.video_link) == before:
        return meeting
    meeting.sequence += 1
    meeting.save(update_fields=["format", "place", "video_url", "sequence"])
    calendar = group_calendar(meeting.group)
    for placement in told(meeting.group):
        mails.format_changed(placement.application, meeting.group, meeting, calendar)
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
            location=m.place if m.held_as != Meeting.Format.DIGITAL else "",
            url=m.video_link,
            sequence=m.sequence + (1 if cancel and m.cancelled_at is None else 0),
            cancelled=cancel or m.cancelled_at is not None,
        )
        for m in group.meetings.select_related("group__program")
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
    digest = digest_of((name, entries))
    key = f"natverk:meetings:calendar:{group.pk}:{digest}"
    calendar: bytes | None = caches["derived"].get(key)
    if calendar is None:
        calendar = series_calendar(entries, name=name, stamp=timezone.now(), method=method)
        caches["derived"].set(key, calendar, CALENDAR_CACHE_SECONDS)
    return calendar


def meeting_cancellation(meeting: Meeting) -> bytes:
    """One cancelled meeting as an iTIP CANCEL (its UID, its raised SEQUENCE)."""
    group = meeting.group
    program = group.program
    entry = next(e for e in _entries(group, cancel=False) if e.number == meeting.number)
    return series_calendar(
        [entry], name=f"{program.title} · {group.number}", stamp=timezone.now(), method="CANCEL"
    )


def cancellation_calendar(group: Group) -> bytes:
    """Every meeting of the group as cancelled, for a person who is no longer in it."""
    program = group.program
    return series_calendar(
        _entries(group, cancel=True),
        name=f"{program.title} · {group.number}",
        stamp=timezone.now(),
        method="CANCEL",
    )
