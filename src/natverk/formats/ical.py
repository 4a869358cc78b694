"""iCalendar files for meeting series, with UIDs that stay stable when a meeting moves.

A calendar client recognises an event by its UID: the same UID with a higher SEQUENCE
updates the event instead of adding a second one. natverk therefore derives each
meeting's UID from the series' own identifier and the meeting's number in the series,
never from its date, and raises SEQUENCE each time a meeting is rescheduled.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import icalendar

__all__ = ["CalendarMeeting", "meeting_uid", "series_calendar", "suggestion_calendar"]

PRODID = "-//natverk//natverk meeting series//SV"


@dataclass(frozen=True)
class CalendarMeeting:
    """One meeting of a series as it goes into a calendar file.

    ``start`` and ``end`` must be aware datetimes (naive times are refused, since a
    calendar client would read them as floating local time).
    """

    series_id: str
    number: int
    start: dt.datetime
    end: dt.datetime
    summary: str
    description: str = ""
    location: str = ""
    url: str = ""
    sequence: int = 0
    cancelled: bool = False


def meeting_uid(series_id: str, number: int, domain: str = "natverk") -> str:
    """Stable UID of meeting ``number`` of a series: independent of its date."""
    return f"{series_id}-{number}@{domain}"


def series_calendar(
    meetings: Sequence[CalendarMeeting],
    *,
    name: str,
    stamp: dt.datetime,
    domain: str = "natverk",
    method: str = "PUBLISH",
) -> bytes:
    """Render meetings as one iCalendar (RFC 5545) file with VTIMEZONE blocks.

    Parameters
    ----------
    meetings
        The meetings; each has aware ``start``/``end`` (e.g. Europe/Stockholm).
    name
        Calendar name shown by clients (X-WR-CALNAME).
    stamp
        DTSTAMP for every event: when this version of the file was made (aware).
    domain
        Right-hand side of the UIDs.
    method
        iTIP method: PUBLISH for a download, REQUEST for an invitation.

    Returns
    -------
    bytes
        The file, CRLF line ends, folded lines, UTF-8.
    """
    if stamp.tzinfo is None:
        raise ValueError("the calendar stamp must be an aware datetime")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("x-wr-calname", name)
    for meeting in meetings:
        if meeting.start.tzinfo is None or meeting.end.tzinfo is None:
            raise ValueError(f"meeting {meeting.number}: start and end must be aware datetimes")
        if meeting.end <= meeting.start:
            raise ValueError(f"meeting {meeting.number}: end must be after start")
        event = icalendar.Event()
        event.add("uid", meeting_uid(meeting.series_id, meeting.number, domain))
        event.add("dtstamp", stamp.astimezone(dt.UTC))
        event.add("dtstart", meeting.start)
        event.add("dtend", meeting.end)
        event.add("summary", meeting.summary)
        event.add("sequence", meeting.sequence)
        event.add("status", "CANCELLED" if meeting.cancelled else "CONFIRMED")
        if meeting.description:
            event.add("description", meeting.description)
        if meeting.location:
            event.add("location", meeting.location)
        if meeting.url:
            event.add("url", meeting.url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 section 3.3.11 asks (control characters other
    than line breaks and tabs dropped: TEXT may not hold them)."""
    value = "".join(c for c in value if (c >= " " and c != "\x7f") or c in "\t\r\n")
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _fold(line: str) -> str:
    """A content line folded after at most 75 octets, never inside a character."""
    if len(line) <= 75 and (line.isascii() or len(line.encode("utf-8")) <= 75):
        return line
    if line.isascii():
        return "\r\n ".join([line[:75], *(line[k : k + 74] for k in range(75, len(line), 74))])
    parts: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            parts.append("".join(current))
            current, size, limit = [], 0, 74  # a continuation line starts with a space
        current.append(char)
        size += width
    parts.append("".join(current))
    return "\r\n ".join(parts)


def _utc(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("calendar times must be aware datetimes")
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def suggestion_calendar(meeting: CalendarMeeting, *, name: str, stamp: dt.datetime) -> bytes:
    """One meeting as a calendar file with its times in UTC (no time-zone blocks), for
    many at once: a round's calendar suggestions are written in well under a
    millisecond each, where :func:`series_calendar` takes several. Same UID rule,
    escaping and folding as RFC 5545 asks; a calendar client shows local times.

    >>> start = dt.datetime(2027, 3, 2, 10, tzinfo=dt.UTC)
    >>> one = CalendarMeeting("pairing-1", 1, start, start + dt.timedelta(minutes=30), "Fika")
    >>> b"DTSTART:20270302T100000Z" in suggestion_calendar(one, name="natverk", stamp=start)
    True
    """
    if meeting.end <= meeting.start:
        raise ValueError(f"meeting {meeting.number}: end must be after start")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
        "BEGIN:VEVENT",
        f"UID:{_text(meeting_uid(meeting.series_id, meeting.number))}",
        f"DTSTAMP:{_utc(stamp)}",
        f"DTSTART:{_utc(meeting.start)}",
        f"DTEND:{_utc(meeting.end)}",
        f"SUMMARY:{_text(meeting.summary)}",
        f"SEQUENCE:{meeting.sequence}",
        f"STATUS:{'CANCELLED' if meeting.cancelled else 'CONFIRMED'}",
    ]
    if meeting.description:
        lines.append(f"DESCRIPTION:{_text(meeting.description)}")
    if meeting.location:
        lines.append(f"LOCATION:{_text(meeting.location)}")
    if meeting.url:
        lines.append(f"URL:{meeting.url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")
