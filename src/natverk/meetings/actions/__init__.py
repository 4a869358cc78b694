"""Every write of the meetings app: one verb-noun function per change.

The series (planning, moving, cancelling, adding, themes, calendars) lives in
``series``; agendas in ``agenda``; the moderator's run view in ``run``; the parking lot in
``parking``; notes, decisions and to-dos in ``notes``; theme proposals in ``themes``.
"""

from natverk.meetings.actions.series import (
    add_meeting,
    cancel_meeting,
    cancel_meetings,
    cancellation_calendar,
    country_of,
    group_calendar,
    meeting_cancellation,
    move_meeting,
    plan_meetings,
    raise_sequences,
    set_format,
    set_theme,
    told,
)
from natverk.meetings.errors import MeetingError, StaleEditError

__all__ = [
    "MeetingError",
    "StaleEditError",
    "add_meeting",
    "cancel_meeting",
    "cancel_meetings",
    "cancellation_calendar",
    "country_of",
    "group_calendar",
    "meeting_cancellation",
    "move_meeting",
    "plan_meetings",
    "raise_sequences",
    "set_format",
    "set_theme",
    "told",
]
