"""The demo's feedback: pulses after the running program's held meetings, a midway
evaluation and a few exit answers, so every chart has figures; group 3 answered too
little, so its row shows the suppression message. Idempotent."""

from __future__ import annotations

import random

from django.db import transaction
from django.utils import timezone

from natverk.feedback.actions import attributes_for
from natverk.feedback.models import Kind, Response, Survey
from natverk.meetings.models import Meeting
from natverk.programs.models import Application, Placement, Program

_KEEP = (
    "Öppningsrundan",
    "Att alla fick ordet",
    "Temat om kriskommunikation",
    "Breakout-rummen",
    "Tydlig tidhållning",
)
_CHANGE = ("Mer tid för frågor", "Kortare presentationsrunda", "Dela materialet innan", "")
_FREE = (
    "Nya kontakter i andra branscher, precis det jag hoppades på.",
    "Bra blandning av erfarenheter.",
    "Jag fick konkreta råd om en svår fråga på jobbet.",
)


def _add(survey: Survey, applications: list[Application], answers: list[dict[str, object]]) -> None:
    day = timezone.localdate()
    for n, (application, answer) in enumerate(zip(applications, answers, strict=False)):
        Response.objects.create(
            survey=survey,
            day=day,
            batch=n // survey.k,
            attributes=attributes_for(survey, application),
            answers=answer,
        )


def _survey(program: Program, kind: str, meeting: Meeting | None = None) -> Survey:
    today = timezone.localdate()
    survey, _ = Survey.objects.get_or_create(
        kind=kind,
        program=program,
        meeting=meeting,
        defaults={
            "k": program.organisation.min_report_size,
            "opened_on": today,
            "closes_on": today,
        },
    )
    return survey


def _pulse(rng: random.Random) -> dict[str, object]:
    answer: dict[str, object] = {
        "value": rng.choice([3, 4, 4, 5, 5]),
        "spoke": rng.choice(["yes", "yes", "yes", "partly"]),
        "energy": rng.choice(["gave", "gave", "gave", "neutral", "took"]),
        "keep": rng.choice(_KEEP),
    }
    change = rng.choice(_CHANGE)
    if change:
        answer["change"] = change
    return answer


@transaction.atomic
def load_demo_feedback(program: Program, *, seed: int = 2027) -> int:
    """Answers for the running demo program; returns how many were added (0 when loaded)."""
    if Survey.objects.filter(program=program).exists():
        return 0
    rng = random.Random(seed)
    placements = list(
        Placement.objects.filter(group__program=program).select_related("application", "group")
    )
    by_group: dict[int, list[Application]] = {}
    for placement in placements:
        by_group.setdefault(placement.group.number, []).append(placement.application)
    held = Meeting.objects.filter(
        group__program=program, starts_at__lt=timezone.now(), cancelled_at__isnull=True
    ).select_related("group")
    for meeting in held:
        members = by_group.get(meeting.group.number, [])
        # Group 3 answers too little to be shown: the dashboard says so.
        answering = members[:3] if meeting.group.number == 3 else members
        survey = _survey(program, Kind.PULSE, meeting)
        _add(survey, answering, [_pulse(rng) for _ in answering])
    everyone = [a for number in sorted(by_group) for a in by_group[number]]
    evaluation = _survey(program, Kind.EVALUATION)
    _add(
        evaluation,
        everyone[:15],
        [
            {
                "hopes_met": rng.choice([3, 4, 4, 5]),
                "recommend": rng.choice([6, 8, 9, 9, 10, 10]),
                "continue": rng.choice(["yes", "yes", "no"]),
                "gained": rng.sample(["contacts", "knowledge", "inspiration", "advice"], 2),
                "free": rng.choice(_FREE),
            }
            for _ in range(15)
        ],
    )
    leavers = _survey(program, Kind.EXIT)
    _add(
        leavers,
        everyone[-5:],
        [{"why": [rng.choice(["time", "time", "life", "format"])]} for _ in range(5)],
    )
    return Response.objects.filter(survey__program=program).count()
