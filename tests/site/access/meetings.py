"""Access rows of the meetings app."""

from __future__ import annotations

from natverk.meetings.models import Meeting
from tests.site.access import Row, World, group_members, leaders


def populate(world: World) -> None:
    """The first meeting of the published program, for its move URL."""
    meeting = Meeting.objects.filter(group__program=world.program).first()
    assert meeting is not None
    world.values["meeting_id"] = meeting.pk


ROWS: dict[str, Row] = {
    "meetings:calendar": Row("GET", group_members(200)),
    "meetings:publish": Row("GET", leaders(200)),
    "meetings:series": Row("GET", leaders(200)),
    "meetings:move": Row("POST", leaders(302), data={"date": "2027-03-02", "time": "17:30"}),
}
