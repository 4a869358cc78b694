"""Attendance and participation over a program's series, per member and per group.

The seeds warn that passive members get less out of a network: the leader sees who is
drifting away. A member drifts when they missed the last two held meetings, or came
to fewer than half of at least three. Read in five queries for the whole program.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from natverk.meetings.models import Attendance, Meeting, OpeningTurn, ParkingQuestion
from natverk.programs.models import Application, Group, Placement, Program

HERE = (Attendance.Status.PRESENT, Attendance.Status.LATE)


@dataclass
class MemberParticipation:
    """One member over the held meetings of their group."""

    application: Application
    marks: list[str]
    turns: int = 0
    questions: int = 0

    @property
    def attended(self) -> int:
        """Meetings they came to (late counts)."""
        return sum(1 for m in self.marks if m in HERE)

    @property
    def recorded(self) -> int:
        """Held meetings where their attendance was taken."""
        return sum(1 for m in self.marks if m)

    @property
    def rate(self) -> float | None:
        """Share of recorded meetings they came to."""
        return self.attended / self.recorded if self.recorded else None

    @property
    def drifting(self) -> bool:
        """Missed the last two held meetings, or came to under half of three or more."""
        recorded = [m for m in self.marks if m]
        if len(recorded) >= 2 and all(m == Attendance.Status.ABSENT for m in recorded[-2:]):
            return True
        rate = self.rate
        return len(recorded) >= 3 and rate is not None and rate < 0.5


@dataclass
class GroupParticipation:
    """A group's held meetings and its members' participation."""

    group: Group
    meetings: list[Meeting]
    members: list[MemberParticipation] = field(default_factory=list)

    @property
    def per_meeting(self) -> list[tuple[Meeting, int, int]]:
        """Per held meeting: how many came, of how many members were recorded."""
        rows = []
        for k, meeting in enumerate(self.meetings):
            marks = [m.marks[k] for m in self.members]
            rows.append((meeting, sum(1 for x in marks if x in HERE), sum(1 for x in marks if x)))
        return rows

    @property
    def drifting(self) -> list[MemberParticipation]:
        """The members drifting away."""
        return [m for m in self.members if m.drifting]


def program_participation(program: Program) -> list[GroupParticipation]:
    """Participation in every live group of the program, over its held meetings."""
    groups = list(program.groups.filter(dissolved_at__isnull=True).order_by("number"))
    held = list(
        Meeting.objects.filter(
            group__in=groups, closed_at__isnull=False, cancelled_at__isnull=True
        ).order_by("group_id", "starts_at")
    )
    marks = {
        (a.meeting_id, a.application_id): a.status
        for a in Attendance.objects.filter(meeting__in=held)
    }
    turns = Counter(
        OpeningTurn.objects.filter(meeting__in=held, ended_at__isnull=False).values_list(
            "application_id", flat=True
        )
    )
    asked = Counter(
        ParkingQuestion.objects.filter(meeting__in=held).values_list("author_id", flat=True)
    )
    placements = Placement.objects.filter(
        group__in=groups, application__status=Application.Status.ACCEPTED
    ).select_related("application")
    by_group: dict[int, list[Application]] = defaultdict(list)
    for placement in placements.order_by("application__name"):
        by_group[placement.group_id].append(placement.application)
    result = []
    for group in groups:
        meetings = [m for m in held if m.group_id == group.pk]
        row = GroupParticipation(group, meetings)
        for application in by_group[group.pk]:
            row.members.append(
                MemberParticipation(
                    application,
                    [marks.get((m.pk, application.pk), "") for m in meetings],
                    turns=turns[application.pk],
                    questions=asked[application.user_id] if application.user_id else 0,
                )
            )
        result.append(row)
    return result


@dataclass(frozen=True)
class Bar:
    """One bar of the small attendance chart (SVG user units)."""

    x: int
    y: int
    width: int
    height: int
    label: str
    value: str


#: Width of one meeting's column in the chart (SVG user units).
BAR_STEP = 40


#: Height of a full bar, and the top margin for its value (SVG user units).
BAR_HEIGHT = 60
BAR_TOP = 14


def attendance_bars(group: GroupParticipation, *, step: int = BAR_STEP) -> list[Bar]:
    """Bars of the share of members who came to each held meeting."""
    bars = []
    for k, (meeting, came, recorded) in enumerate(group.per_meeting):
        share = came / recorded if recorded else 0.0
        tall = round(share * BAR_HEIGHT)
        bars.append(
            Bar(
                x=k * step + 4,
                y=BAR_TOP + BAR_HEIGHT - tall,
                width=step - 8,
                height=tall,
                label=str(meeting.number),
                value=f"{came}/{recorded}",
            )
        )
    return bars
