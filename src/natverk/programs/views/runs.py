"""Leaders' matching-run pages: start, live progress, retry, compare and use a run."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts.access import current_user
from natverk.programs import access, actions, runs


@login_required
@require_POST
def start_run(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Start a matching run in the background."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    try:
        run = actions.start_matching_run(program, by=current_user(request))
    except actions.ProgramError as exc:
        messages.error(request, str(exc))
        return redirect("programs:groups", slug=slug, program_id=program.pk)
    return redirect("programs:run", slug=slug, program_id=program.pk, run_id=run.pk)


def _comparison(run: object) -> list[dict[str, object]]:
    from natverk.programs.models import Application, MatchingRun

    assert isinstance(run, MatchingRun)
    if run.status != MatchingRun.Status.DONE or run.applied_at is not None:
        return []
    try:
        moves = runs.compare_run(run)
    except runs.RunError:
        return []
    names = dict(
        Application.objects.filter(pk__in=[m.application_id for m in moves]).values_list(
            "pk", "name"
        )
    )
    return [
        {"name": names.get(m.application_id, "?"), "before": m.before, "after": m.after}
        for m in moves
    ]


@login_required
def run_detail(request: HttpRequest, slug: str, program_id: int, run_id: int) -> HttpResponse:
    """A matching run with live progress (the status part refreshes itself); a finished
    run that is not yet used shows who would move where."""
    run = access.get_run_for_leader(request.user, slug, program_id, run_id)
    htmx = request.headers.get("HX-Request") == "true"
    template = "programs/_run_status.html" if htmx else "programs/run.html"
    worst = run.params.get("worst_off")
    context = {
        "run": run,
        "program": run.program,
        "moves": _comparison(run),
        "worst_off": run.program.applications.filter(pk=worst)
        .values_list("name", flat=True)
        .first()
        if isinstance(worst, int)
        else None,
    }
    response = render(request, template, context)
    if htmx and not run.active:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def retry_run(request: HttpRequest, slug: str, program_id: int, run_id: int) -> HttpResponse:
    """Start a failed or interrupted run again."""
    run = access.get_run_for_leader(request.user, slug, program_id, run_id)
    try:
        new = actions.retry_run(run, by=current_user(request))
    except actions.ProgramError as exc:
        messages.error(request, str(exc))
        return redirect("programs:run", slug=slug, program_id=program_id, run_id=run.pk)
    return redirect("programs:run", slug=slug, program_id=program_id, run_id=new.pk)


@login_required
@require_POST
def use_run(request: HttpRequest, slug: str, program_id: int, run_id: int) -> HttpResponse:
    """Make a finished run's groups the working groups (then publish the changes)."""
    run = access.get_run_for_leader(request.user, slug, program_id, run_id)
    try:
        applied = actions.use_run(run)
    except actions.ProgramError as exc:
        messages.error(request, str(exc))
        return redirect("programs:run", slug=slug, program_id=program_id, run_id=run.pk)
    messages.success(
        request,
        _("The run's groups are now the working groups. Publish to tell the members.")
        if run.program.published_at
        else _("The run's groups are now the working groups."),
    )
    if applied.unassigned:
        messages.warning(
            request,
            _("%(n)d accepted people are in no group: place them at the top of the page.")
            % {"n": applied.unassigned},
        )
    return redirect("programs:groups", slug=slug, program_id=program_id)
