"""Leaders' group editor: cards with explanations, unassigned people, move, swap, place,
lock and video links. The scores come from the cached cohort (programs.grouping)."""

from __future__ import annotations

import functools
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.matching.explain import explain_group, group_utilities
from natverk.programs import access, actions
from natverk.programs.grouping import (
    Cohort,
    WorkingGroups,
    cohort_for,
    summarise,
    working_groups,
)
from natverk.programs.models import Application, Group, MatchingRun, Program
from natverk.site.fragments import digest_of
from natverk.site.numbers import whole_number
from natverk.taxonomy import label


def _member(cohort: Cohort, k: int, utilities: list[float], lang: str) -> dict[str, Any]:
    person = cohort.applicants[k]
    return {
        "pk": cohort.ids[k],
        "employer": person.employer,
        "label": cohort.name(k),
        "profession": label("occupation", person.profession, lang),
        "industry": label("industry", person.industry, lang),
        "utility": utilities[k] if utilities else 0.0,
    }


def _cards(cohort: Cohort, working: WorkingGroups, lang: str) -> list[dict[str, Any]]:
    model = cohort.model
    utilities = group_utilities(model, [list(m) for m in working.members]) if model else []
    applicants = list(cohort.applicants)
    return [
        {
            "group": group,
            "explanation": explain_group(model, applicants, list(members), lang)
            if model and members
            else None,
            "members": [_member(cohort, k, utilities, lang) for k in members],
        }
        for group, members in zip(working.groups, working.members, strict=True)
    ]


#: A group id that no real group has, reversed once and then replaced per group.
_ANY_GROUP = 987654321


def _per_group(name: str, slug: str, program_id: int, groups: list[Group]) -> list[str]:
    """The address of a per-group view for every group, from one reversal: reversing
    for each group (two forms a group) was a sixth of the editor's time."""
    url = reverse(name, kwargs={"slug": slug, "program_id": program_id, "group_id": _ANY_GROUP})
    head, _, tail = url.rpartition(str(_ANY_GROUP))
    return [f"{head}{group.pk}{tail}" for group in groups]


def _group_forms(slug: str, program_id: int, groups: list[Group]) -> list[tuple[int, str, str]]:
    """(group id, video-link form address, lock form address) for every group."""
    videos = _per_group("programs:video", slug, program_id, groups)
    locks = _per_group("programs:lock", slug, program_id, groups)
    return [(g.pk, v, k) for g, v, k in zip(groups, videos, locks, strict=True)]


def _pickable(cohort: Cohort) -> list[tuple[int, str]]:
    """Everyone as (application id, name), by name: the move and swap lists."""
    names = [(cohort.ids[k], cohort.name(k)) for k in range(len(cohort))]
    return sorted(names, key=lambda pair: pair[1])


@login_required
def group_editor(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Unassigned people first, then group cards; move, swap, place, lock, video links."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    lang = get_language() or "sv"
    cohort = cohort_for(program)
    working = working_groups(program, cohort)
    summary = summarise(cohort, working.members)
    shown = [(g.pk, g.number, g.locked, g.published_at, g.video_url) for g in working.groups]
    # The cards and pickers are rendered once per content (the derived cache, by this
    # digest), so they are built only when the template asks for them.
    digest = digest_of(
        (cohort.key, working.members, working.unassigned, shown, program.published_at, slug, lang)
    )
    return render(
        request,
        "programs/groups.html",
        {
            "program": program,
            "editor_digest": digest,
            "cards": functools.cache(lambda: _cards(cohort, working, lang)),
            "summary": summary,
            "worst_off": cohort.name(summary.worst_off) if summary.worst_off >= 0 else "",
            "groups": working.groups,
            "group_forms": _group_forms(slug, program.pk, list(working.groups)),
            "unassigned": functools.cache(
                lambda: [_member(cohort, k, [], lang) for k in working.unassigned]
            ),
            "pickable": functools.cache(lambda: _pickable(cohort)),
            **_run_notices(program),
        },
    )


def _run_notices(program: Program) -> dict[str, object]:
    """The latest finished run, a run under way and up to three finished runs not used
    yet, from one query (without the runs' stored groups)."""
    runs = list(
        program.runs.filter(
            status__in=[
                MatchingRun.Status.DONE,
                MatchingRun.Status.QUEUED,
                MatchingRun.Status.RUNNING,
            ]
        ).only("number", "status", "objective", "upper_bound", "applied_at", "program_id")
    )  # newest first
    done = [run for run in runs if run.status == MatchingRun.Status.DONE]
    return {
        "latest": done[0] if done else None,
        "active_run": next((run for run in runs if run.active), None),
        "draft_runs": [run for run in done if run.applied_at is None][:3],
    }


def _application(program: Program, value: str | None) -> Application | None:
    pk = whole_number(value)
    if pk is None:
        return None
    return program.applications.filter(pk=pk).first()


def _group(program: Program, value: str) -> Group | None:
    pk = whole_number(value)
    if pk is None:
        return None
    return program.groups.filter(pk=pk, dissolved_at__isnull=True).first()


def _parse_change(
    request: HttpRequest, program: Program
) -> tuple[Application | None, Group | None, Application | None, str]:
    """The member and target of a move/swap form; missing parts are None with a reason."""
    member = _application(program, request.POST.get("member"))
    target = request.POST.get("target", "")
    group = _group(program, target[6:]) if target.startswith("group:") else None
    other = _application(program, target[5:]) if target.startswith("swap:") else None
    if member is None:
        return None, None, None, _("Choose a member first.")
    if group is None and other is None:
        return member, None, None, _("Choose a group to move to or a member to swap with.")
    return member, group, other, ""


@login_required
@require_POST
def preview_change(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """The change in score of a move or swap, before it is saved (an htmx fragment);
    any order of choices and any state of the program gives an answer."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    member, group, other, missing = _parse_change(request, program)
    context: dict[str, Any] = {"program": program, "member": member, "target": ""}
    if missing:
        context |= {"hint": missing}
    else:
        assert member is not None
        try:
            preview = actions.preview_change(program, member, group=group, other=other)
            context |= {"delta": preview.delta, "problems": preview.problems}
            context["target"] = request.POST.get("target", "")
        except actions.ProgramError as exc:
            context |= {"problems": [str(exc)], "blocked": True}
    return render(request, "programs/_preview.html", context)


@login_required
@require_POST
def apply_change(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Save a move, placement or swap."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    member, group, other, missing = _parse_change(request, program)
    try:
        if missing:
            raise actions.ProgramError(missing)
        assert member is not None
        if other is not None:
            actions.swap_members(program, member, other)
        elif group is not None:
            actions.move_member(program, member, group)
        messages.success(request, _("The groups were changed."))
    except actions.ProgramError as exc:
        messages.error(request, str(exc))
    return redirect("programs:groups", slug=slug, program_id=program.pk)


def _group_or_404(program: Program, group_id: int) -> Group:
    group = program.groups.filter(pk=group_id).first()
    if group is None:
        raise Http404
    return group


@login_required
@require_POST
def lock_group(request: HttpRequest, slug: str, program_id: int, group_id: int) -> HttpResponse:
    """Lock or unlock a group."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    actions.set_locked(_group_or_404(program, group_id), request.POST.get("locked") == "1")
    return redirect("programs:groups", slug=slug, program_id=program.pk)


@login_required
@require_POST
def video_link(request: HttpRequest, slug: str, program_id: int, group_id: int) -> HttpResponse:
    """Set a group's video link."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    group = _group_or_404(program, group_id)
    try:
        actions.set_video_link(group, request.POST.get("video_url", ""))
    except ValidationError:
        messages.error(request, _("Give the full address of the video meeting (https://...)."))
    return redirect("programs:groups", slug=slug, program_id=program.pk)
