"""A group's talk-time trend over its meetings, and the SVG line chart drawn from it.

One point per meeting with confirmed talk time (the latest record of the meeting): the
Gini coefficient and the quietest member's share against an equal share. The chart is
plain SVG (drawn on the server, with a title and description for screen readers); the
same numbers are in a table beside it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import QuerySet

from natverk.feedback.measured import Measured
from natverk.live.models import SpeakerTime, TalkRecord
from natverk.programs.models import Group, Program

WIDTH, HEIGHT, PAD = 320, 180, 28


@dataclass(frozen=True)
class TrendPoint:
    """One meeting's fairness figures and each speaker's share."""

    number: int
    starts_at: dt.datetime
    gini: float
    quietest_ratio: float
    total_seconds: float
    shares: dict[str, float] = field(default_factory=dict)


def _latest(records: QuerySet[TalkRecord]) -> dict[int, TalkRecord]:
    """The latest confirmed record of each meeting (a re-count replaces the earlier one)."""
    latest: dict[int, TalkRecord] = {}
    for record in records.filter(confirmed=True).order_by("started_at", "id"):
        latest[record.meeting_id] = record
    return latest


def measured_talk(program: Program) -> list[Measured]:
    """The program's meetings with confirmed talk time, for feedback's dashboard."""
    records = TalkRecord.objects.filter(
        meeting__group__program=program, meeting__cancelled_at__isnull=True
    ).select_related("meeting__group")
    return [
        Measured(r.meeting.group.number, r.meeting.number, r.gini, r.quietest_ratio)
        for r in _latest(records).values()
    ]


def trend_of(group: Group) -> list[TrendPoint]:
    """The group's meetings with confirmed talk time, in order."""
    latest = _latest(TalkRecord.objects.filter(meeting__group=group).select_related("meeting"))
    speakers: dict[int, dict[str, float]] = {r.pk: {} for r in latest.values()}
    for row in SpeakerTime.objects.filter(record__in=list(latest.values())):
        speakers[row.record_id][row.name or "—"] = row.share
    return [
        TrendPoint(
            r.meeting.number,
            r.meeting.starts_at,
            r.gini,
            r.quietest_ratio,
            r.total_seconds,
            speakers[r.pk],
        )
        for r in sorted(latest.values(), key=lambda r: r.meeting.starts_at)
    ]


def _x(k: int, n: int) -> float:
    return PAD + (WIDTH - 2 * PAD) * (k / (n - 1) if n > 1 else 0.5)


def _y(value: float) -> float:
    return HEIGHT - PAD - (HEIGHT - 2 * PAD) * min(max(value, 0.0), 1.0)


def line_chart(points: list[TrendPoint]) -> dict[str, object]:
    """Coordinates of the two lines (Gini, quietest share) and their axes."""
    n = len(points)
    gini = [(_x(k, n), _y(p.gini), p) for k, p in enumerate(points)]
    quiet = [(_x(k, n), _y(p.quietest_ratio), p) for k, p in enumerate(points)]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": PAD,
        "right": WIDTH - PAD,
        "bottom": HEIGHT - PAD,
        "top": PAD,
        "ticks": [(_y(v), f"{v:.1f}") for v in (0.0, 0.5, 1.0)],
        "gini": " ".join(f"{x:.1f},{y:.1f}" for x, y, _p in gini),
        "quiet": " ".join(f"{x:.1f},{y:.1f}" for x, y, _p in quiet),
        "gini_dots": gini,
        "quiet_dots": quiet,
        "labels": [(_x(k, n), p.number) for k, p in enumerate(points)],
    }


def member_table(points: list[TrendPoint]) -> list[tuple[str, list[float | None]]]:
    """Each speaker's share per meeting (None where they did not speak or were absent)."""
    names = sorted({name for p in points for name in p.shares})
    return [(name, [p.shares.get(name) for p in points]) for name in names]
