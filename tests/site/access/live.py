"""Access rows of the live app (talk time, polls, breakout rounds, events)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils import timezone

from natverk.accounts import tokens
from natverk.formats.webvtt import read_transcript
from natverk.live.access import Owner
from natverk.live.actions import events, polls, signup, talk
from natverk.live.actions.rounds import breakouts_of
from natverk.live.models import BreakoutRound
from natverk.meetings.models import Meeting
from tests.site.access import Row, World, everyone, group_members, leaders

SAMPLE = Path(__file__).parents[2] / "formats" / "webvtt" / "teams_numbered_cues_fixture.vtt"


def populate(world: World) -> None:
    """A poll and a transcript of the group's first meeting, an event with a registration,
    and a planned round of each."""
    # The meetings app's rows use the first meeting of the group member's own group as
    # meeting_id: so do these (the poll, the transcript and the round are in it).
    meeting = Meeting.objects.filter(group_id=world.values["group_id"]).order_by("number").first()
    assert meeting is not None
    own = meeting
    leader = world.demo.leader
    poll = polls.create_poll(
        Owner(meeting=own), question="Kaffe eller te?", kind="single", options=["Kaffe", "Te"]
    )
    polls.open_poll(poll)
    record = talk.import_transcript(meeting, read_transcript(SAMPLE), by=leader)
    start = timezone.now() + dt.timedelta(days=3)
    event = events.create_event(
        world.demo.organisation,
        by=leader,
        theme="AI i kommunikationen",
        speaker="Expert",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        capacity=50,
        video_url="https://zoom.example/j/1",
    )
    registration = events.register(event, name="Rut Registrerad", email="rut@example.org")
    _confirmation, event_confirm = tokens.issue(
        signup.PURPOSE,
        "rut.ny@example.org",
        lifetime=dt.timedelta(hours=1),
        payload={"event": event.pk, "name": "Rut Ny", "language": "sv", "languages": ""},
    )
    for owner in (Owner(meeting=meeting), Owner(event=event)):
        BreakoutRound.objects.create(breakouts=breakouts_of(owner), number=1, rooms=[[1, 2]])
    world.values.update(
        meeting_id=meeting.pk,
        poll_id=poll.pk,
        code=poll.code,
        record_id=record.pk,
        event_id=event.pk,
        event_token=event.token,
        registration_token=registration.token,
        event_confirm=event_confirm,
        number=1,
    )


ROWS: dict[str, Row] = {
    "live:hub": Row("GET", leaders(200)),
    "live:console": Row("GET", leaders(200)),
    "live:console_start": Row("POST", leaders(302)),
    "live:console_tap": Row("POST", leaders(302), data={"speaker": ""}),
    "live:console_state": Row("GET", leaders(200)),
    "live:console_stop": Row("POST", leaders(302)),
    "live:transcript": Row("GET", leaders(200)),
    "live:transcript_speakers": Row("GET", leaders(200)),
    "live:meeting_polls": Row("GET", leaders(200)),
    "live:meeting_rounds": Row("GET", leaders(200)),
    "live:meeting_round_held": Row("POST", leaders(302)),
    "live:meeting_round_zoom": Row("GET", leaders(200)),
    "live:events": Row("GET", leaders(200)),
    "live:event": Row("GET", leaders(200)),
    "live:event_cancel": Row("POST", leaders(302), last=True),
    "live:event_polls": Row("GET", leaders(200)),
    "live:event_rounds": Row("GET", leaders(200)),
    "live:event_round_held": Row("POST", leaders(302)),
    "live:event_round_zoom": Row("GET", leaders(200)),
    "live:poll": Row("GET", leaders(200)),
    "live:poll_results": Row("GET", leaders(200)),
    "live:poll_state": Row("POST", leaders(302), data={"action": "show"}),
    "live:answer": Row("GET", group_members(200)),
    "live:answer_results": Row("GET", group_members(200) | {"anonymous": 404}),
    "live:qr": Row("GET", everyone(200)),
    "live:register": Row("GET", everyone(200)),
    "live:registration": Row("GET", everyone(200)),
    # The link from the mail: a password form, or "log out first" for someone else.
    "live:confirm_registration": Row("GET", everyone(200)),
    "live:registration_calendar": Row("GET", everyone(200)),
    "live:evaluation": Row("GET", everyone(200)),
    "live:registration_cancel": Row("POST", everyone(302), last=True),
    "live:trend": Row("GET", leaders(200)),
}
