"""The run view's state, read in a fixed handful of queries whatever the group's size."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from natverk.meetings.actions.agenda import agenda_for
from natverk.meetings.actions.parking import carried_questions, parked_in
from natverk.meetings.actions.series import told
from natverk.meetings.agenda import Block
from natverk.meetings.models import Attendance, BlockKind, Meeting, OpeningTurn, ParkingQuestion
from natverk.programs.models import Application

#: A turn in the opening round when the agenda has no opening-round block.
DEFAULT_TURN_SECONDS = 180


@dataclass(frozen=True)
class MemberRow:
    """A member of the group as the moderator sees them during the meeting."""

    application: Application
    status: str
    turn: OpeningTurn | None

    @property
    def had_turn(self) -> bool:
        """Their opening-round turn is over."""
        return self.turn is not None and self.turn.ended_at is not None

    @property
    def speaking(self) -> bool:
        """Their turn runs now."""
        return (
            self.turn is not None
            and self.turn.started_at is not None
            and self.turn.ended_at is None
        )

    @property
    def here(self) -> bool:
        """Marked present or late."""
        return self.status in (Attendance.Status.PRESENT, Attendance.Status.LATE)


@dataclass(frozen=True)
class RunState:
    """Everything the run view shows, as of ``now``."""

    meeting: Meeting
    blocks: list[Block]
    members: list[MemberRow]
    carried: list[ParkingQuestion]
    parked: list[ParkingQuestion]
    now: dt.datetime

    @property
    def current(self) -> Block | None:
        """The block the meeting is in (None before it starts or after it closes)."""
        if not self.meeting.running or not self.blocks:
            return None
        return self.blocks[min(self.meeting.block, len(self.blocks) - 1)]

    @property
    def following(self) -> Block | None:
        """The block after the current one."""
        index = self.meeting.block + 1
        if not self.meeting.running or index >= len(self.blocks):
            return None
        return self.blocks[index]

    @property
    def ends_at(self) -> dt.datetime | None:
        """When the current block's time is up."""
        current, started = self.current, self.meeting.block_started_at
        if current is None or started is None:
            return None
        return started + dt.timedelta(minutes=current.minutes)

    @property
    def queue(self) -> list[MemberRow]:
        """The opening round: members here, those who have not spoken first."""
        here = [m for m in self.members if m.here]
        return [m for m in here if not m.had_turn] + [m for m in here if m.had_turn]

    @property
    def speaker(self) -> MemberRow | None:
        """Who has the word in the opening round."""
        return next((m for m in self.members if m.speaking), None)

    @property
    def round_done(self) -> bool:
        """Everyone here has had their turn in the opening round."""
        queue = self.queue
        return bool(queue) and all(m.had_turn for m in queue)

    @property
    def turn_seconds(self) -> int:
        """Each person's share of the opening round."""
        minutes = sum(b.minutes for b in self.blocks if b.kind == BlockKind.OPENING_ROUND)
        here = sum(1 for m in self.members if m.here)
        if not minutes or not here:
            return DEFAULT_TURN_SECONDS
        return minutes * 60 // here

    @property
    def in_opening_round(self) -> bool:
        """The current block is the opening round."""
        return self.current is not None and self.current.kind == BlockKind.OPENING_ROUND


def run_state(meeting: Meeting) -> RunState:
    """Read the meeting's run state."""
    status = dict(meeting.attendance.values_list("application_id", "status"))
    turns = {t.application_id: t for t in meeting.turns.all()}
    members = [
        MemberRow(p.application, status.get(p.application_id, ""), turns.get(p.application_id))
        for p in told(meeting.group)
    ]
    return RunState(
        meeting=meeting,
        blocks=agenda_for(meeting),
        members=members,
        carried=list(carried_questions(meeting)),
        parked=list(parked_in(meeting)),
        now=timezone.now(),
    )
