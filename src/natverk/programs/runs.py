"""Matching runs: solve in the worker with a heartbeat, store the result, and make it the
program's working groups without losing anyone or any published group's identity."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from scipy.optimize import linear_sum_assignment

from natverk.matching import InfeasibleProblemError, form_groups
from natverk.matching.grouping import GroupingResult
from natverk.programs.grouping import (
    PlacementError,
    RunProblem,
    cohort_for,
    live_groups,
    run_problem,
    summary_params,
    working_groups,
)
from natverk.programs.models import Application, Group, GroupMember, MatchingRun, Program

#: A searching run whose heartbeat is older than this was interrupted (worker killed).
LEASE = dt.timedelta(seconds=60)
HEARTBEAT_SECONDS = 0.5


class RunError(ValueError):
    """A run that cannot be used; the text says why."""


def _claim(run_id: int) -> MatchingRun | None:
    with transaction.atomic():
        run = (
            MatchingRun.objects.select_for_update()
            .select_related("program")
            .filter(pk=run_id, status=MatchingRun.Status.QUEUED)
            .first()
        )
        if run is None:
            return None
        run.status = MatchingRun.Status.RUNNING
        run.heartbeat_at = timezone.now()
        run.save(update_fields=["status", "heartbeat_at"])
        return run


def _fail(run: MatchingRun, error: str) -> None:
    MatchingRun.objects.filter(pk=run.pk).update(
        status=MatchingRun.Status.FAILED, error=error, finished_at=timezone.now()
    )


def _solve(rp: RunProblem, run: MatchingRun) -> GroupingResult:
    last = [0.0]

    def report(fraction: float, _best: float) -> None:
        now = time.monotonic()
        if now - last[0] >= HEARTBEAT_SECONDS:
            last[0] = now
            MatchingRun.objects.filter(pk=run.pk).update(
                progress=min(fraction, 0.99), heartbeat_at=timezone.now()
            )

    try:
        return form_groups(rp.problem, time_limit=run.time_limit, seed=run.seed, progress=report)
    except InfeasibleProblemError:
        if rp.fallback is None:
            raise
        return form_groups(rp.fallback, time_limit=run.time_limit, seed=run.seed, progress=report)


def solve_run(run_id: int) -> None:
    """Solve a queued run (in the worker); applies it at once if nothing is published yet."""
    run = _claim(run_id)
    if run is None:
        return  # taken by another worker, or no longer queued
    program = run.program
    cohort = cohort_for(program)
    try:
        rp = run_problem(program, cohort, working_groups(program, cohort))
        result = _solve(rp, run)
    except (PlacementError, InfeasibleProblemError) as exc:
        _fail(run, str(exc))
        return
    with transaction.atomic():
        run.result = [[cohort.ids[k] for k in group] for group in result.groups]
        run.params = (
            run.params | {"locked": list(rp.locked)} | summary_params(cohort, result.groups)
        )
        run.objective = result.objective
        run.upper_bound = result.upper_bound
        run.progress = 1.0
        run.status = MatchingRun.Status.DONE
        run.finished_at = timezone.now()
        run.error = ""
        run.save()
        if Program.objects.filter(pk=program.pk, published_at__isnull=True).exists():
            apply_run(run)


def interrupt_stalled_runs(now: dt.datetime | None = None) -> int:
    """Mark searching runs whose worker stopped (no heartbeat within the lease)."""
    moment = now or timezone.now()
    return MatchingRun.objects.filter(
        status=MatchingRun.Status.RUNNING, heartbeat_at__lt=moment - LEASE
    ).update(
        status=MatchingRun.Status.INTERRUPTED,
        error=_("The worker stopped during the run."),
        finished_at=moment,
    )


@dataclass(frozen=True)
class Applied:
    """What applying a run changed."""

    groups: int
    unassigned: int
    dropped: int


def _overlap(results: Sequence[Sequence[int]], groups: Sequence[Group]) -> np.ndarray:
    """How many of each result group's members each existing group has now (published
    groups weigh a little more, so that they keep their identity)."""
    where = {m.application_id: k for k, g in enumerate(groups) for m in g.members.all()}
    table = np.zeros((len(results), len(groups)))
    for r, members in enumerate(results):
        for app_id in members:
            if app_id in where:
                table[r, where[app_id]] += 1.0
    for k, g in enumerate(groups):
        if g.published_at is not None:
            table[:, k] += 0.01
    return table


def _new_group(program: Program, run: MatchingRun) -> Group:
    number = (Group.objects.filter(program=program).aggregate(m=Max("number"))["m"] or 0) + 1
    return Group.objects.create(program=program, run=run, number=number)


@dataclass(frozen=True)
class Mapping:
    """How a run's groups land on the program's groups (computed, nothing written)."""

    results: list[list[int]]  # application ids of the run's unlocked groups, still accepted
    free: list[Group]  # the program's unlocked live groups
    target: dict[int, Group]  # result index -> existing group it takes over
    locked: list[int]


def _mapping(run: MatchingRun, program: Program) -> Mapping:
    groups = live_groups(program)
    locked = [g.pk for g in groups if g.locked]
    if locked != list(run.params.get("locked", [])):
        raise RunError(
            _("Groups were locked or unlocked after this run started. Run the matching again.")
        )
    ids = set(
        program.applications.filter(status=Application.Status.ACCEPTED).values_list("pk", flat=True)
    )
    results = [[a for a in members if a in ids] for members in run.result[len(locked) :]]
    free = [g for g in groups if not g.locked]
    rows, cols = linear_sum_assignment(-_overlap(results, free)) if free and results else ([], [])
    target = {int(r): free[int(c)] for r, c in zip(rows, cols, strict=True)}
    return Mapping(results, free, target, locked)


@dataclass(frozen=True)
class Move:
    """One person whose group a run would change (group numbers; 0 = none or new)."""

    application_id: int
    before: int
    after: int


def compare_run(run: MatchingRun) -> list[Move]:
    """Who would move where if this run's groups were used (new groups numbered 0)."""
    program = run.program
    mapping = _mapping(run, program)
    now = {m.application_id: g.number for g in mapping.free for m in g.members.all()}
    moves = []
    for r, members in enumerate(mapping.results):
        after = mapping.target[r].number if r in mapping.target else 0
        for app_id in members:
            if now.get(app_id, 0) != after or after == 0:
                moves.append(Move(app_id, now.get(app_id, 0), after))
    return moves


@transaction.atomic
def apply_run(run: MatchingRun) -> Applied:
    """Make a finished run's groups the working groups.

    Locked groups stay as they are; each new group takes over the existing group it
    shares most members with (keeping its number, video link, meetings and calendar
    UID); existing groups left without members are deleted, or dissolved when members
    were told about them (publishing then cancels their meetings). People accepted after
    the run started are left unassigned, people no longer accepted are left out.
    """
    if run.status != MatchingRun.Status.DONE:
        raise RunError(_("Only a finished run can be used."))
    program = Program.objects.select_for_update().get(pk=run.program_id)
    mapping = _mapping(run, program)
    GroupMember.objects.filter(group__in=mapping.free).delete()
    for r, members in enumerate(mapping.results):
        group = mapping.target.get(r) or _new_group(program, run)
        if group.run_id != run.pk:
            group.run = run
            group.save(update_fields=["run"])
        GroupMember.objects.bulk_create(GroupMember(group=group, application_id=a) for a in members)
    now = timezone.now()
    kept = {g.pk for g in mapping.target.values()}
    for group in mapping.free:
        if group.pk not in kept:
            if group.published_at is None:
                group.delete()
            else:
                group.dissolved_at = now
                group.save(update_fields=["dissolved_at"])
    run.applied_at = now
    run.save(update_fields=["applied_at"])
    accepted_ids = set(
        program.applications.filter(status=Application.Status.ACCEPTED).values_list("pk", flat=True)
    )
    placed = set(
        GroupMember.objects.filter(group__program=program).values_list("application_id", flat=True)
    )
    unlocked = run.result[len(mapping.locked) :]
    dropped = sum(len(m) for m in unlocked) - sum(len(m) for m in mapping.results)
    return Applied(len(mapping.results) + len(mapping.locked), len(accepted_ids - placed), dropped)
