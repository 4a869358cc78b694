"""Insights of a program or an organisation, computed only over releasable cells.

The rows are the answers of completed batches (``k`` answers at a time, so a new answer
never changes what is shown by itself); every figure comes from a cell that
``natverk.insights.anonymity.release`` lets through, for the filters the viewer chose.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.db.models import Count

from natverk.feedback.attendance import turnout_by
from natverk.feedback.measured import fairness_by, measured_talk
from natverk.feedback.models import Kind, Response, Survey
from natverk.insights.aggregate import choices, net_promoter, scale, share, texts
from natverk.insights.anonymity import Cell, Release, release
from natverk.programs.models import Program
from natverk.site.numbers import whole_number

#: What viewers may filter by (the organisation view adds the program).
DIMENSIONS = ("program", "group", "meeting", "period", "profession", "industry")
FILTERS = ("period", "profession", "industry")


@dataclass(frozen=True)
class Answers:
    """The released view of one kind of survey over some programs."""

    rows: list[tuple[dict[str, str], dict[str, object]]]
    plan: Release

    def of(self, cell: Cell) -> list[dict[str, object]] | None:
        """The answers in a cell, or None when the cell may not be shown."""
        if not self.plan.shows(cell):
            return None
        return [answers for attrs, answers in self.rows if cell.matches(attrs)]


def _completed(programs: Iterable[Program], kind: str) -> list[Response]:
    surveys = Survey.objects.filter(program__in=list(programs), kind=kind).annotate(
        n=Count("responses")
    )
    complete = {s.pk: s.n // s.k for s in surveys}
    return [
        r
        for r in Response.objects.filter(survey_id__in=complete).select_related("survey")
        if r.batch < complete[r.survey_id]
    ]


def answers_for(programs: Sequence[Program], kind: str, *, k: int, depth: int = 3) -> Answers:
    """The completed answers of one kind, and which cells of them may be shown."""
    rows = [
        (
            {**{d: "" for d in DIMENSIONS}, **r.attributes, "program": str(r.survey.program_id)},
            r.answers,
        )
        for r in _completed(programs, kind)
    ]
    plan = release([attrs for attrs, _ in rows], DIMENSIONS, k=k, depth=depth)
    return Answers(rows, plan)


@dataclass
class Figure:
    """One figure on the dashboard: a value, or None when too few answered to show it."""

    label: str
    value: float | None
    n: int | None
    detail: Mapping[str, int] = field(default_factory=dict)


def _mean(rows: list[dict[str, object]] | None, key: str) -> tuple[float | None, int | None]:
    if rows is None:
        return None, None
    summary = scale(rows, key)
    return (summary.mean if summary.n else None), len(rows)


def _share(rows: list[dict[str, object]] | None, key: str, option: str) -> float | None:
    return share(rows, key, option) if rows is not None else None


def cell(filters: Mapping[str, str], **more: str) -> Cell:
    """A cell from the viewer's filters plus more (empty values left out)."""
    return Cell.of(**{k: v for k, v in {**filters, **more}.items() if v})


def pulse_series(
    pulses: Answers, filters: Mapping[str, str], meetings: int
) -> list[dict[str, object]]:
    """Per meeting number: value, "everyone got to speak" and energy given and taken."""
    out: list[dict[str, object]] = []
    for number in range(1, meetings + 1):
        rows = pulses.of(cell(filters, meeting=str(number)))
        value, n = _mean(rows, "value")
        out.append(
            {
                "meeting": number,
                "value": value,
                "n": n,
                "spoke": _share(rows, "spoke", "yes"),
                "gave": _share(rows, "energy", "gave"),
                "took": _share(rows, "energy", "took"),
            }
        )
    return out


def by_group(
    pulses: Answers, filters: Mapping[str, str], groups: Iterable[int]
) -> list[dict[str, object]]:
    """Per group: mean value of its meetings and how many answers it rests on."""
    out: list[dict[str, object]] = []
    for number in groups:
        rows = pulses.of(cell(filters, group=str(number)))
        value, n = _mean(rows, "value")
        out.append({"group": number, "value": value, "n": n, "spoke": _share(rows, "spoke", "yes")})
    return out


def _scores(value: object) -> list[int]:
    """The per-goal scores of one answer (1–5 each; anything else left out)."""
    if not isinstance(value, list):
        return []
    return [v for v in value if isinstance(v, int) and 1 <= v <= 5]


def evaluation(answers: Answers, filters: Mapping[str, str]) -> dict[str, object] | None:
    """Hopes and goals met, recommendation, would continue, what was gained, and free text."""
    rows = answers.of(cell(filters))
    if rows is None:
        return None
    hopes = scale(rows, "hopes_met")
    goals = scale(rows, "goals_met")
    _answered, gained = choices(rows, "gained")
    each = Counter(v for r in rows for v in _scores(r.get("goals")))
    return {
        "n": len(rows),
        "hopes_met": hopes.mean if hopes.n else None,
        "hopes_distribution": hopes.distribution,
        "goals_met": goals.mean if goals.n else None,
        "goals_distribution": goals.distribution,
        "goals_each": dict(sorted(each.items())),
        "goals_rated": sum(each.values()),
        "goals_reached": (sum(n for v, n in each.items() if v >= 4) / sum(each.values()))
        if each
        else None,
        "nps": net_promoter(rows, "recommend"),
        "continue": share(rows, "continue", "yes"),
        "gained": gained,
        "free": texts(rows, "free", salt=str(cell(filters))),
    }


def exits(answers: Answers, filters: Mapping[str, str]) -> dict[str, object] | None:
    """Why people paused or left, and what would have kept them."""
    rows = answers.of(cell(filters))
    if rows is None:
        return None
    _answered, why = choices(rows, "why")
    return {"n": len(rows), "why": why, "kept": texts(rows, "kept", salt=str(cell(filters)))}


def pulse_texts(pulses: Answers, filters: Mapping[str, str]) -> dict[str, list[str]] | None:
    """What to keep and what to change, over the whole selection."""
    rows = pulses.of(cell(filters))
    if rows is None:
        return None
    salt = str(cell(filters))
    return {"keep": texts(rows, "keep", salt=salt), "change": texts(rows, "change", salt=salt)}


def program_board(program: Program, filters: Mapping[str, str]) -> dict[str, object]:
    """Everything the program's dashboard shows, for the viewer's filters."""
    k = program.organisation.min_report_size
    base = {**filters, "program": str(program.pk)}
    pulses = answers_for([program], Kind.PULSE, k=k)
    measured = measured_talk(program)
    answered = {n for a, _ in pulses.rows if (n := whole_number(a.get("group"))) is not None}
    # Every live group has a row: one with too few answers says so (nothing is released
    # of a batch below k, so such a group is not among the answered ones).
    live = program.groups.filter(dissolved_at__isnull=True).values_list("number", flat=True)
    groups = sorted(answered | {m.group for m in measured} | set(live))
    series = pulse_series(pulses, base, program.meeting_count)
    rows = by_group(pulses, base, groups)
    for key, part in (("meeting", series), ("group", rows)):
        talk = fairness_by(measured, key)
        turnout = turnout_by(program, key)
        for row in part:
            row["talk"] = talk.get(int(str(row[key])))
            row["turnout"] = turnout.get(int(str(row[key])))
    return {
        "k": k,
        "series": series,
        "groups": rows,
        "measured": bool(measured),
        "pulse_texts": pulse_texts(pulses, base),
        "evaluation": evaluation(answers_for([program], Kind.EVALUATION, k=k), base),
        "exits": exits(answers_for([program], Kind.EXIT, k=k), base),
        "overall": _mean(pulses.of(cell(base)), "value"),
    }
