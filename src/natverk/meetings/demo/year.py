"""A year of the demo organisation: many published programs, their groups and meetings.

``natverk load_demo --members 10000`` adds this to the demo world, so that pages and
the load benchmark (bench/load.py) see the size of a large member organisation: 50
programs, 1,000 groups of 7 and a meeting series for each, the first meetings spread
over 36 weeks so that the meetings cover a year around today. Everything is written
with ``bulk_create``; loading twice adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from natverk.accounts.demo import DemoWorld
from natverk.accounts.models import Profile, Role
from natverk.cohorts import generate_cohort
from natverk.matching.applicant import Applicant
from natverk.meetings.models import Meeting
from natverk.programs.models import (
    Application,
    Group,
    GroupMember,
    MatchingRun,
    Placement,
    Program,
)
from natverk.schedule import common_slots, plan_series

#: Titles of the year's programs: theme x term (50 distinct titles).
_THEMES = (
    "Kommunikatörer i handel och energi",
    "HR-chefer i offentlig sektor",
    "Ekonomer möter analytiker",
    "Jurister i växande bolag",
    "IT-arkitekter och verksamhetsutvecklare",
    "Nya chefer",
    "Hållbarhet i praktiken",
    "Kvinnor i tech",
    "Utredare och analytiker",
    "Marknadsförare i förändring",
)
_TERMS = ("våren 2026", "sommaren 2026", "hösten 2026", "vintern 2026", "våren 2027")
#: Marks the year's programs, so that loading again finds them.
YEAR_THEME = "Årets nätverk"


@dataclass(frozen=True)
class YearSize:
    """How much of a year to load."""

    programs: int = 50
    groups_per_program: int = 20
    group_size: int = 7


def _member_profiles(world: DemoWorld) -> list[Profile]:
    return list(
        Profile.objects.select_related("user")
        .filter(
            user__memberships__organisation=world.organisation,
            user__memberships__role=Role.MEMBER,
        )
        .exclude(profession="")
        .order_by("user_id")
    )


def _program(world: DemoWorld, k: int, first_on: dt.date, today: dt.date) -> Program:
    last_on = first_on + dt.timedelta(weeks=16)
    status = Program.Status.CLOSED if last_on < today else Program.Status.RUNNING
    return Program(
        organisation=world.organisation,
        title=f"{_THEMES[k % len(_THEMES)]} – {_TERMS[(k // len(_THEMES)) % len(_TERMS)]}",
        theme=YEAR_THEME,
        description="Sex träffar på 90 minuter under fyra månader, i grupper om 6–7.",
        group_min=6,
        group_max=7,
        status=status,
        first_meeting_on=first_on,
        published_at=timezone.now() - dt.timedelta(days=max(1, (today - first_on).days + 14)),
        created_by=world.leader,
    )


def _answers_by_slot(answers: list[Applicant]) -> list[list[Applicant]]:
    """The answers pool split by weekly slot, so that a group can share one."""
    by_slot: dict[str, list[Applicant]] = {}
    for answer in answers:
        for slot in sorted(answer.availability):
            by_slot.setdefault(slot, []).append(answer)
    return [pool for _slot, pool in sorted(by_slot.items()) if len(pool) >= 20]


def _applications(
    program: Program, chosen: list[Profile], pools: list[list[Applicant]], size: YearSize
) -> list[Application]:
    """Applications of the chosen people; each run of ``group_size`` of them (a group)
    takes its answers from one slot's pool, so that the group has a common time."""
    apps = []
    for k, profile in enumerate(chosen):
        group = (program.pk or 0) * size.groups_per_program + k // size.group_size
        pool = pools[group % len(pools)]
        answer = pool[(group * 7 + k) % len(pool)]
        apps.append(
            Application(
                program=program,
                user=profile.user,
                name=profile.user.name,
                email=profile.user.email,
                profession=profile.profession,
                industry=profile.industry,
                employer=profile.employer,
                region=profile.region,
                seniority=profile.seniority,
                languages=profile.languages,
                hopes=answer.hopes,
                offers=answer.offers,
                availability=",".join(sorted(answer.availability)),
                status=Application.Status.ACCEPTED,
            )
        )
    return apps


def _series(
    program: Program, slot: str, cache: dict[tuple[int, str], list[tuple[dt.datetime, dt.datetime]]]
) -> list[tuple[dt.datetime, dt.datetime]]:
    key = (program.pk, slot)
    if key not in cache:
        assert program.first_meeting_on is not None
        cache[key] = plan_series(
            slot,
            first_on_or_after=program.first_meeting_on,
            count=program.meeting_count,
            span_weeks=program.span_weeks,
            duration_minutes=program.meeting_minutes,
        )
    return cache[key]


@transaction.atomic
def load_demo_year(world: DemoWorld, size: YearSize | None = None, *, seed: int = 2027) -> int:
    """Add a year of published programs with groups and meetings; returns the programs
    added (0 when they are already there)."""
    size = size or YearSize()
    if Program.objects.filter(organisation=world.organisation, theme=YEAR_THEME).exists():
        return 0
    profiles = _member_profiles(world)
    per_program = size.groups_per_program * size.group_size
    if len(profiles) < per_program:
        return 0
    rng = random.Random(seed)
    pools = _answers_by_slot(generate_cohort(997, seed=seed + 11))
    today = timezone.localdate()
    start = today - dt.timedelta(weeks=30)
    programs = Program.objects.bulk_create(
        _program(world, k, start + dt.timedelta(days=(252 * k) // size.programs), today)
        for k in range(size.programs)
    )
    member = next((p for p in profiles if p.user_id == world.member.pk), None)
    running = [k for k, p in enumerate(programs) if p.status == Program.Status.RUNNING]
    applications: list[Application] = []
    for k, program in enumerate(programs):
        chosen = rng.sample(profiles, per_program)
        # The demo member takes part in the three most recently started running programs.
        if member is not None and k in running[-3:] and member not in chosen:
            chosen[0] = member
        applications += _applications(program, chosen, pools, size)
    Application.objects.bulk_create(applications, batch_size=2000)
    _groups_and_meetings(world, programs, applications, size)
    return len(programs)


def _groups_and_meetings(
    world: DemoWorld, programs: list[Program], applications: list[Application], size: YearSize
) -> None:
    per_program = size.groups_per_program * size.group_size
    # Application k * per_program + g * group_size + i is member i of group g of program k.
    chunks = [
        [
            applications[k * per_program + g * size.group_size :][: size.group_size]
            for g in range(size.groups_per_program)
        ]
        for k in range(len(programs))
    ]
    runs = MatchingRun.objects.bulk_create(
        MatchingRun(
            program=program,
            number=1,
            status=MatchingRun.Status.DONE,
            seed=2027 + k,
            params={"size": [program.group_min, program.group_max], "accepted": per_program},
            progress=1.0,
            result=[[a.pk for a in people] for people in chunks[k]],
            created_by=world.leader,
            finished_at=timezone.now(),
        )
        for k, program in enumerate(programs)
    )
    groups: list[tuple[Group, list[Application]]] = []
    for k, (program, run) in enumerate(zip(programs, runs, strict=True)):
        for number, people in enumerate(chunks[k], start=1):
            slots = common_slots(
                [frozenset(s for s in a.availability.split(",") if s) for a in people]
            )
            group = Group(
                program=program,
                run=run,
                number=number,
                slot=(slots or ["tue-evening"])[0],
                published_at=program.published_at,
            )
            groups.append((group, people))
    Group.objects.bulk_create((g for g, _ in groups), batch_size=2000)
    cache: dict[tuple[int, str], list[tuple[dt.datetime, dt.datetime]]] = {}
    GroupMember.objects.bulk_create(
        (GroupMember(group=g, application=a) for g, people in groups for a in people),
        batch_size=2000,
    )
    # What the members were told at publishing: the same groups.
    Placement.objects.bulk_create(
        (
            Placement(group=g, application=a, published_at=g.published_at or timezone.now())
            for g, people in groups
            for a in people
        ),
        batch_size=2000,
    )
    Meeting.objects.bulk_create(
        (
            Meeting(group=g, number=n, starts_at=starts, ends_at=ends)
            for g, _ in groups
            for n, (starts, ends) in enumerate(_series(g.program, g.slot, cache), start=1)
        ),
        batch_size=2000,
    )
