"""Leaders' matching pages: runs, the group editor, video links and publishing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts.access import current_user
from natverk.matching.explain import explain_group, group_utilities
from natverk.programs import access, actions
from natverk.programs.models import Application, Program
from natverk.taxonomy import UnknownCodeError, industry, occupation


@login_required
@require_POST
def start_run(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Start a matching run in the background."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    try:
        run = actions.start_matching_run(program, by=current_user(request))
    except actions.ProgramError as exc:
        messages.error(request, str(exc))
        return redirect("programs:detail", slug=slug, program_id=program.pk)
    return redirect("programs:run", slug=slug, program_id=program.pk, run_id=run.pk)


@login_required
def run_detail(request: HttpRequest, slug: str, program_id: int, run_id: int) -> HttpResponse:
    """A matching run with live progress (the status part refreshes itself)."""
    run = access.get_run_for_leader(request.user, slug, program_id, run_id)
    htmx = request.headers.get("HX-Request") == "true"
    template = "programs/_run_status.html" if htmx else "programs/run.html"
    response = render(request, template, {"run": run, "program": run.program})
    if htmx and run.status in ("done", "failed"):
        response["HX-Refresh"] = "true"
    return response


def _label(kind: str, code: str, lang: str) -> str:
    try:
        if kind == "isco":
            return occupation(code).label(lang)
        return industry(code[:2]).label(lang)
    except UnknownCodeError:
        return code


@login_required
def group_editor(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Group cards with explanations and utilities; move, swap and lock."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    lang = get_language() or "sv"
    applications = actions.accepted(program)
    index = {a.pk: k for k, a in enumerate(applications)}
    model = actions.affinity_for(program, applications) if applications else None
    groups = list(program.groups.prefetch_related("members__application"))
    member_lists = [
        [index[m.application_id] for m in g.members.all() if m.application_id in index]
        for g in groups
    ]
    utilities = group_utilities(model, member_lists) if model is not None else []
    applicants = [a.to_applicant() for a in applications]
    cards = []
    for group, members in zip(groups, member_lists, strict=True):
        explanation = explain_group(model, applicants, members, lang) if model and members else None
        cards.append(
            {
                "group": group,
                "explanation": explanation,
                "members": [
                    {
                        "application": applications[k],
                        "profession": _label("isco", applications[k].profession, lang),
                        "industry": _label("nace", applications[k].industry, lang),
                        "utility": utilities[k],
                    }
                    for k in members
                ],
            }
        )
    runs = program.runs.filter(status="done")
    latest = runs.first()
    return render(
        request,
        "programs/groups.html",
        {
            "program": program,
            "cards": cards,
            "groups": groups,
            "latest": latest,
            "all_members": [
                a
                for a in applications
                if a.pk in {m.application_id for g in groups for m in g.members.all()}
            ],
        },
    )


def _application(program: Program, value: str | None) -> Application:
    application = (
        program.applications.filter(pk=value or 0).first() if (value or "").isdigit() else None
    )
    if application is None:
        raise Http404
    return application


@login_required
@require_POST
def preview_change(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """The change in score of a move or swap, before it is saved (an htmx fragment)."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    member = _application(program, request.POST.get("member"))
    target = request.POST.get("target", "")
    try:
        if target.startswith("swap:"):
            delta, problems = actions.preview_change(
                program, member, other=_application(program, target[5:])
            )
        elif target.startswith("group:"):
            group = program.groups.filter(pk=target[6:] if target[6:].isdigit() else 0).first()
            if group is None:
                raise Http404
            delta, problems = actions.preview_change(program, member, group=group)
        else:
            return HttpResponse('<div class="preview-empty" id="preview"></div>')
    except actions.ProgramError as exc:
        delta, problems = 0.0, [str(exc)]
    return render(
        request,
        "programs/_preview.html",
        {
            "delta": delta,
            "problems": problems,
            "member": member,
            "target": target,
            "program": program,
        },
    )


@login_required
@require_POST
def apply_change(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Save a move or swap."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    member = _application(program, request.POST.get("member"))
    target = request.POST.get("target", "")
    try:
        if target.startswith("swap:"):
            actions.swap_members(program, member, _application(program, target[5:]))
        elif target.startswith("group:"):
            group = program.groups.filter(pk=target[6:] if target[6:].isdigit() else 0).first()
            if group is None:
                raise Http404
            actions.move_member(program, member, group)
        messages.success(request, _("The groups were changed."))
    except actions.ProgramError as exc:
        messages.error(request, str(exc))
    return redirect("programs:groups", slug=slug, program_id=program.pk)


@login_required
@require_POST
def lock_group(request: HttpRequest, slug: str, program_id: int, group_id: int) -> HttpResponse:
    """Lock or unlock a group."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    group = program.groups.filter(pk=group_id).first()
    if group is None:
        raise Http404
    actions.set_locked(group, request.POST.get("locked") == "1")
    return redirect("programs:groups", slug=slug, program_id=program.pk)


@login_required
@require_POST
def video_link(request: HttpRequest, slug: str, program_id: int, group_id: int) -> HttpResponse:
    """Set a group's video link."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    group = program.groups.filter(pk=group_id).first()
    if group is None:
        raise Http404
    try:
        actions.set_video_link(group, request.POST.get("video_url", ""))
    except ValidationError:
        messages.error(request, _("Give the full address of the video meeting (https://...)."))
    return redirect("programs:groups", slug=slug, program_id=program.pk)


@login_required
@require_POST
def publish(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Publish the groups, plan meetings and send invitations."""
    program = access.get_program_for_leader(request.user, slug, program_id)
    try:
        sent = actions.publish_groups(program, by=current_user(request))
        messages.success(request, _("Published: %(n)d invitations sent.") % {"n": sent})
    except actions.ProgramError as exc:
        messages.error(request, str(exc))
    return redirect("programs:groups", slug=slug, program_id=program.pk)
