"""Attendance beside the answers: the share of marked members who came, per meeting
number and per group of a program (moderators' taps, not anyone's answer, so shown
whatever the number of pulse answers; leaders already see it per member)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Q

from natverk.meetings.models import Attendance
from natverk.meetings.participation import HERE
from natverk.programs.models import Program


@dataclass(frozen=True)
class Turnout:
    """How many of the marked members came (late counts)."""

    came: int
    marked: int

    @property
    def share(self) -> float:
        """Came over marked (0 when nobody was marked)."""
        return self.came / self.marked if self.marked else 0.0


def turnout_by(program: Program, key: str) -> dict[int, Turnout]:
    """Turnout per meeting number (``key="meeting"``) or per group number (``"group"``),
    over the program's meetings that were not cancelled."""
    field = {"meeting": "meeting__number", "group": "meeting__group__number"}[key]
    rows = (
        Attendance.objects.filter(
            meeting__group__program=program, meeting__cancelled_at__isnull=True
        )
        .values(field)
        .annotate(marked=Count("pk"), came=Count("pk", filter=Q(status__in=HERE)))
    )
    came: Counter[int] = Counter()
    marked: Counter[int] = Counter()
    for row in rows:
        came[row[field]] += row["came"]
        marked[row[field]] += row["marked"]
    return {n: Turnout(came[n], marked[n]) for n in marked}
