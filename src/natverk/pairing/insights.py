"""The picture for HR: rows gathered here, counted and suppressed by natverk.insights.

Only aggregates leave this module: per quarter and over all time, the meetups that took
place between departments (a heatmap), the share of answered meetups that took place,
and newcomers' connections in their first 90 days. Every count follows the
organisation's minimum reporting group size (at least 3).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from natverk.insights.mixing import (
    ALL,
    MeetupRecord,
    Mixing,
    NewcomerCohort,
    NewcomerRecord,
    department_mixing,
    newcomer_cohorts,
)
from natverk.pairing.history import took_place
from natverk.pairing.models import MeetupMember, PairingProgram, Participant
from natverk.pairing.models.participant import NEWCOMER_DAYS

#: Colours of the heatmap, light to dark (a sequential green, readable in grey too).
PALETTE = ("#eef7f2", "#c6e6d3", "#8ccca8", "#4aa57a", "#1f7a52", "#0b4f35")
CELL = 36
#: Room for the row labels (left) and the slanted column labels (above, and past the
#: last column on the right).
LEFT, TOP, RIGHT = 150, 112, 96


def quarter(day: dt.date) -> str:
    """The quarter a day falls in, as "2027 Q1"."""
    return f"{day.year} Q{(day.month - 1) // 3 + 1}"


def _records(program: PairingProgram) -> list[MeetupRecord]:
    rows = MeetupMember.objects.filter(meetup__round__program=program).values_list(
        "meetup_id", "meetup__round__due_on", "department", "answer"
    )
    meetups: dict[int, tuple[dt.date, list[str], list[str]]] = {}
    for meetup, due_on, department, answer in rows.iterator(chunk_size=5000):
        entry = meetups.setdefault(meetup, (due_on, [], []))
        entry[1].append(department)
        entry[2].append(answer)
    records = []
    for due_on, departments, answers in meetups.values():
        met = took_place(answers)
        records.append(
            MeetupRecord(quarter(due_on), tuple(departments), met is not None, bool(met))
        )
    return records


def _sizes(program: PairingProgram) -> dict[str, int]:
    counts = (
        program.participants.exclude(status=Participant.Status.LEFT)
        .values("department")
        .annotate(n=Count("pk"))
    )
    return {row["department"]: row["n"] for row in counts}


def mixing(program: PairingProgram, other: str) -> Mixing:
    """Meetups that took place between departments, per quarter, suppressed below k."""
    k = max(3, program.organisation.min_report_size)
    return department_mixing(_records(program), sizes=_sizes(program), k=k, other=other)


def newcomers(program: PairingProgram, today: dt.date) -> list[NewcomerCohort]:
    """Newcomers whose first 90 days are over: colleagues and departments they met."""
    first = program.rounds.order_by("due_on").values_list("due_on", flat=True).first()
    if first is None:
        return []
    people = program.participants.filter(
        start_date__gte=first - dt.timedelta(days=NEWCOMER_DAYS),
        start_date__lte=today - dt.timedelta(days=NEWCOMER_DAYS),
    ).values_list("pk", "start_date")
    start = {pk: began for pk, began in people if began is not None}
    met_with: dict[int, set[int]] = defaultdict(set)
    departments: dict[int, set[str]] = defaultdict(set)
    rows = MeetupMember.objects.filter(meetup__round__program=program).values_list(
        "meetup_id", "meetup__round__due_on", "participant_id", "department", "answer"
    )
    by_meetup: dict[int, list[tuple[dt.date, int, str, str]]] = defaultdict(list)
    for meetup, due_on, person, department, answer in rows.iterator(chunk_size=5000):
        by_meetup[meetup].append((due_on, person, department, answer))
    for seats in by_meetup.values():
        if not took_place(s[3] for s in seats):
            continue
        for due_on, person, _department, _answer in seats:
            began = start.get(person)
            if began is None or not 0 <= (due_on - began).days < NEWCOMER_DAYS:
                continue
            for _due, other, department, _ in seats:
                if other != person:
                    met_with[person].add(other)
                    departments[person].add(department)
    records = [
        NewcomerRecord(quarter(began), len(met_with[p]), len(departments[p]))
        for p, began in start.items()
    ]
    return newcomer_cohorts(records, k=max(3, program.organisation.min_report_size))


@dataclass(frozen=True)
class HeatCell:
    """One square of the heatmap, placed and coloured."""

    x: int
    y: int
    value: int | None
    fill: str
    ink: str
    row: str
    column: str


def heatmap(result: Mixing, period: str) -> dict[str, object]:
    """What the SVG template draws: cells, labels and the size of the drawing."""
    names = result.departments
    cells = result.cells.get(period, {})
    top = result.largest() or 1
    squares = []
    for i, row in enumerate(names):
        for j, column in enumerate(names):
            value = cells.get((min(i, j), max(i, j)))
            level = 0 if not value else 1 + min(4, (len(PALETTE) - 2) * value // top)
            fill = "url(#hidden)" if value is None else PALETTE[level]
            squares.append(
                HeatCell(
                    LEFT + j * CELL,
                    TOP + i * CELL,
                    value,
                    fill,
                    "#ffffff" if level >= 3 else "#1d2430",
                    row,
                    column,
                )
            )
    middle = [k * CELL + CELL // 2 for k in range(len(names))]
    return {
        "cells": squares,
        "rows": [(name, TOP + at) for name, at in zip(names, middle, strict=True)],
        "columns": [(name, LEFT + at) for name, at in zip(names, middle, strict=True)],
        "left": LEFT - 6,
        "top": TOP - 6,
        "width": LEFT + CELL * len(names) + RIGHT,
        "height": TOP + CELL * len(names) + 8,
        "cell": CELL,
        "legend": PALETTE,
        "period": period,
        "all": period == ALL,
    }


def bridges(result: Mixing, period: str) -> tuple[int, int]:
    """Department pairs with a meetup that took place in ``period`` (at least: a hidden
    square is not counted), and how many pairs there are: the bridges built over time,
    worked out from the squares shown only, so it reveals nothing the heatmap does not."""
    names = len(result.departments)
    cells = result.cells.get(period, {})
    shown = sum(1 for (i, j), value in cells.items() if i < j and value)
    return shown, names * (names - 1) // 2


def table(result: Mixing, period: str) -> list[tuple[str, list[int | None]]]:
    """The heatmap as rows of a table (department, counts per department)."""
    names = result.departments
    cells = result.cells.get(period, {})
    return [
        (row, [cells.get((min(i, j), max(i, j))) for j in range(len(names))])
        for i, row in enumerate(names)
    ]
