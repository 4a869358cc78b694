"""Background work of programs, on the database task queue (django-tasks)."""

from __future__ import annotations

import time

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from natverk.matching import InfeasibleProblemError, form_groups
from natverk.programs.models import MatchingRun


@task()
def run_matching(run_id: int) -> None:
    """Solve a matching run and store its groups; progress is saved as it goes."""
    run = MatchingRun.objects.select_related("program").get(pk=run_id)
    if run.status != MatchingRun.Status.QUEUED:
        return  # already done by another worker
    run.status = MatchingRun.Status.RUNNING
    run.save(update_fields=["status"])
    from natverk.programs.actions import accepted, affinity_for, apply_run_result

    program = run.program
    applications = accepted(program)
    model = affinity_for(program, applications)
    index = {a.pk: k for k, a in enumerate(applications)}
    fixed: dict[int, int] = {}
    for group in program.groups.filter(locked=True).prefetch_related("members"):
        for member in group.members.all():
            if member.application_id in index:
                fixed[index[member.application_id]] = group.number - 1
    problem = model.problem((program.group_min, program.group_max))
    if fixed:
        from dataclasses import replace

        problem = replace(problem, fixed=fixed)
    last = [0.0]

    def report(fraction: float, _best: float) -> None:
        now = time.monotonic()
        if now - last[0] >= 0.5:
            last[0] = now
            MatchingRun.objects.filter(pk=run.pk).update(progress=min(fraction, 0.99))

    try:
        result = form_groups(problem, time_limit=run.time_limit, seed=run.seed, progress=report)
    except InfeasibleProblemError as exc:
        run.status = MatchingRun.Status.FAILED
        run.error = str(exc)
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        return
    with transaction.atomic():
        run.result = [[applications[k].pk for k in group] for group in result.groups]
        run.objective = result.objective
        run.upper_bound = result.upper_bound
        run.progress = 1.0
        run.status = MatchingRun.Status.DONE
        run.finished_at = timezone.now()
        run.save()
        apply_run_result(run)
