"""iCalendar export of meeting series."""

import datetime as dt
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.formats.ical import (
    CalendarMeeting,
    meeting_uid,
    series_calendar,
    suggestion_calendar,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
STAMP = dt.datetime(2026, 11, 22, 12, 0, tzinfo=dt.UTC)


def _meeting(number: int, day: int, sequence: int = 0) -> CalendarMeeting:
    start = dt.datetime(2027, 3, day, 17, 30, tzinfo=STOCKHOLM)
    return CalendarMeeting(
        series_id="grp-7f3a",
        number=number,
        start=start,
        end=start + dt.timedelta(minutes=90),
        summary=f"Nätverksträff {number}: Ledarskap",
        url="https://meet.jit.si/natverk-grp-7f3a",
        sequence=sequence,
    )


def _events(data: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(data).walk("VEVENT"))


def test_series_calendar_has_one_event_per_meeting_in_stockholm_time() -> None:
    data = series_calendar([_meeting(1, 2), _meeting(2, 23)], name="Grupp 1", stamp=STAMP)
    events = _events(data)
    assert [str(e["uid"]) for e in events] == ["grp-7f3a-1@natverk", "grp-7f3a-2@natverk"]
    assert events[0].decoded("dtstart") == dt.datetime(2027, 3, 2, 17, 30, tzinfo=STOCKHOLM)
    assert b"BEGIN:VTIMEZONE" in data and b"TZID:Europe/Stockholm" in data
    assert "Nätverksträff 1" in str(events[0]["summary"])


def test_moved_meeting_keeps_its_uid_and_raises_sequence() -> None:
    before = _events(series_calendar([_meeting(1, 2)], name="G", stamp=STAMP))[0]
    after = _events(series_calendar([_meeting(1, 9, sequence=1)], name="G", stamp=STAMP))[0]
    assert before["uid"] == after["uid"] == meeting_uid("grp-7f3a", 1)
    assert int(after["sequence"]) == int(before["sequence"]) + 1
    assert after.decoded("dtstart") != before.decoded("dtstart")


def test_series_calendar_refuses_naive_times() -> None:
    start = dt.datetime(2027, 1, 1, 17)  # noqa: DTZ001 -- naive on purpose
    naive = CalendarMeeting("s", 1, start, start + dt.timedelta(hours=1), "x")
    with pytest.raises(ValueError, match="aware"):
        series_calendar([naive], name="G", stamp=STAMP)


def test_series_calendar_refuses_meeting_ending_before_it_starts() -> None:
    start = dt.datetime(2027, 1, 1, 17, tzinfo=STOCKHOLM)
    bad = CalendarMeeting("s", 1, start, start - dt.timedelta(hours=1), "x")
    with pytest.raises(ValueError, match="end must be after start"):
        series_calendar([bad], name="G", stamp=STAMP)


@given(
    st.text(min_size=1, max_size=200),
    st.text(max_size=400),
    st.text(max_size=80),
    st.datetimes(
        dt.datetime(2020, 1, 1),  # noqa: DTZ001 (hypothesis bounds are naive)
        dt.datetime(2035, 1, 1),  # noqa: DTZ001
        timezones=st.just(STOCKHOLM),
    ).map(lambda moment: moment.replace(microsecond=0)),
)
@settings(max_examples=200, deadline=None)
def test_a_suggestion_reads_back_with_any_text_and_folded_lines(
    summary: str, description: str, location: str, start: dt.datetime
) -> None:
    meeting = CalendarMeeting(
        "pairing-5c1e", 1, start, start + dt.timedelta(minutes=30), summary, description, location
    )
    data = suggestion_calendar(meeting, name="Fika, över; avdelningarna", stamp=STAMP)
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    (event,) = _events(data)
    kept = "".join(c for c in summary if (c >= " " and c != "\x7f") or c in "\t\r\n")
    kept = kept.replace("\r\n", "\n")
    assert str(event["summary"]).replace("\r", "\n") == kept.replace("\r", "\n")
    assert event.decoded("dtstart") == start.astimezone(dt.UTC)
    assert str(event["uid"]) == meeting_uid("pairing-5c1e", 1)


def test_a_suggestion_holds_what_the_series_calendar_holds() -> None:
    meeting = _meeting(1, 2)
    fast = _events(suggestion_calendar(meeting, name="natverk", stamp=STAMP))[0]
    full = _events(series_calendar([meeting], name="natverk", stamp=STAMP))[0]
    for field in ("uid", "summary", "url", "sequence", "status"):
        assert str(fast[field]) == str(full[field])
    assert fast.decoded("dtstart") == full.decoded("dtstart")
    assert fast.decoded("dtend") == full.decoded("dtend")
