"""Feedback pages: answering a survey from its link, the program's and the organisation's
insights (leaders and administrators), a group's results (its members), own questions."""

from __future__ import annotations

import csv
from collections.abc import Mapping

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts.access import membership_for
from natverk.accounts.models import Role
from natverk.feedback import actions
from natverk.feedback.insights import FILTERS, answers_for, by_group, cell, program_board
from natverk.feedback.models import Kind, Question
from natverk.feedback.questions import choice_labels, questions_of
from natverk.programs.access import get_group_for_member, get_program_for_leader
from natverk.programs.models import Application, Program
from natverk.site.numbers import whole_number
from natverk.taxonomy import industries, occupations

#: Free-text answers shown at most (the rest are counted).
TEXTS_SHOWN = 30


def answer(request: HttpRequest, link: str) -> HttpResponse:
    """The survey of a one-time link: no login, nothing about the person kept with it."""
    invitation = actions.invitation_for(link)
    if invitation is None:
        return render(request, "feedback/link.html", {"problem": "invalid"}, status=404)
    survey = invitation.survey
    lang = get_language() or "sv"
    if request.method == "POST":
        try:
            actions.answer(link, {key: request.POST.getlist(key) for key in request.POST})
        except actions.FeedbackError as exc:
            messages.error(request, str(exc))
        else:
            return render(request, "feedback/thanks.html", {"survey": survey})
    if invitation.used_on is not None:
        return render(request, "feedback/link.html", {"problem": "used", "survey": survey})
    hopes, goals = "", []
    if survey.kind == Kind.EVALUATION:
        own = Application.objects.filter(program=survey.program, user=invitation.user).first()
        hopes = own.hopes if own else ""
        goals = list(own.goals.all()) if own else []
    asks = [
        {"ask": a, "label": a.label(lang), "choices": [(c.key, c.label(lang)) for c in a.choices]}
        for a in questions_of(survey)
        if not (goals and a.key == "goals_met")  # asked about each goal instead
    ]
    context = {
        "survey": survey,
        "asks": asks,
        "hopes": hopes,
        "goals": goals,
        "scale11": range(11),
    }
    return render(request, "feedback/answer.html", context)


def _filters(request: HttpRequest) -> dict[str, str]:
    """The viewer's filters, keeping only values of the right shape."""
    out = {}
    for name in FILTERS:
        value = request.GET.get(name, "").strip()[:7]
        if value and all(ch.isalnum() or ch == "-" for ch in value):
            out[name] = value
    return out


def _filter_choices(lang: str) -> Mapping[str, list[tuple[str, str]]]:
    return {
        "profession": [(o.code, o.label(lang)) for o in occupations(1)],
        "industry": [(i.code, i.label(lang)) for i in industries(1)],
    }


@login_required
def program_insights(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """The program's dashboard: meeting ratings over the series, energy, talk, groups,
    the evaluation and reasons for leaving; every figure over at least k answers."""
    program = get_program_for_leader(request.user, slug, program_id)
    filters = _filters(request)
    board = program_board(program, filters)
    lang = get_language() or "sv"
    labels = {
        "gained": choice_labels(Kind.EVALUATION, "gained", lang),
        "why": choice_labels(Kind.EXIT, "why", lang),
    }
    for section, key in (("evaluation", "gained"), ("exits", "why")):
        part = board[section]
        if isinstance(part, dict):
            part[key] = {labels[key].get(k, k): n for k, n in part[key].items()}
    return render(
        request,
        "feedback/program.html",
        {
            "program": program,
            "board": board,
            "filters": filters,
            "choices": _filter_choices(get_language() or "sv"),
            "texts_shown": TEXTS_SHOWN,
            "own_questions": Question.objects.filter(program=program).order_by("kind", "order"),
            "kinds": Kind.choices,
        },
    )


@login_required
def program_csv(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """The dashboard's aggregates as CSV (never single answers)."""
    program = get_program_for_leader(request.user, slug, program_id)
    board = program_board(program, _filters(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="natverk-feedback-{program.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow(["measure", "meeting", "group", "value", "answers", "meetings_measured"])
    for row in board["series"]:  # type: ignore[attr-defined]
        if row["value"] is not None:
            writer.writerow(["value", row["meeting"], "", f"{row['value']:.2f}", row["n"]])
    for row in board["groups"]:  # type: ignore[attr-defined]
        if row["value"] is not None:
            writer.writerow(["value", "", row["group"], f"{row['value']:.2f}", row["n"]])
    for part, column in (("series", "meeting"), ("groups", "group")):
        for row in board[part]:  # type: ignore[attr-defined]
            if row["talk"] is not None:
                place = [row[column], ""] if column == "meeting" else ["", row[column]]
                talk = row["talk"]
                writer.writerow(["talk_gini", *place, f"{talk.gini:.2f}", "", talk.n])
            if row["turnout"] is not None:  # attendance: the share of marked members who came
                place = [row[column], ""] if column == "meeting" else ["", row[column]]
                writer.writerow(["came", *place, f"{row['turnout'].share:.2f}", "", ""])
    evaluation = board["evaluation"]
    if isinstance(evaluation, dict):
        for key in ("hopes_met", "goals_met", "nps", "continue"):
            if evaluation[key] is not None:
                writer.writerow([key, "", "", f"{evaluation[key]:.2f}", evaluation["n"]])
    return response


@login_required
def organisation_insights(request: HttpRequest, slug: str) -> HttpResponse:
    """Across the organisation's programs (administrators): each program's figures."""
    membership = membership_for(request.user, slug)
    if membership.role != Role.ADMIN:
        raise Http404
    organisation = membership.organisation
    programs = list(Program.objects.filter(organisation=organisation).order_by("-created_at"))
    k = organisation.min_report_size
    filters = _filters(request)
    pulses = answers_for(programs, Kind.PULSE, k=k)
    rows = []
    for program in programs:
        values = pulses.of(cell(filters, program=str(program.pk)))
        mean = None
        if values:
            numbers = [v["value"] for v in values if isinstance(v.get("value"), int)]
            mean = sum(numbers) / len(numbers) if numbers else None  # type: ignore[arg-type]
        rows.append({"program": program, "value": mean, "n": len(values) if values else None})
    return render(
        request,
        "feedback/organisation.html",
        {
            "organisation": organisation,
            "rows": rows,
            "k": k,
            "filters": filters,
            "choices": _filter_choices(get_language() or "sv"),
        },
    )


@login_required
def group_results(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """A group's own results, for its members, where at least k of them answered."""
    group = get_group_for_member(request.user, slug, group_id)
    program = group.program
    k = program.organisation.min_report_size
    pulses = answers_for([program], Kind.PULSE, k=k)
    [summary] = by_group(pulses, {"program": str(program.pk)}, [group.number])
    return render(request, "feedback/group.html", {"group": group, "summary": summary, "k": k})


@login_required
@require_POST
def own_question(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Add (or remove) a question of the leader's own to the program's surveys."""
    program = get_program_for_leader(request.user, slug, program_id)
    remove = request.POST.get("remove", "")
    remove_id = whole_number(remove)
    if remove_id is not None:
        question = Question.objects.filter(program=program, pk=remove_id).first()
        if question is not None:
            actions.remove_question(question)
        return redirect("feedback:program", slug=slug, program_id=program.pk)
    kind = request.POST.get("kind", "")
    answer_type = request.POST.get("answer", Question.Answer.SCALE5)
    try:
        if kind not in Kind.values or answer_type not in Question.Answer.values:
            raise ValidationError(_("Choose a survey and a kind of answer."))
        actions.add_question(
            program.organisation,
            kind=kind,
            text=request.POST.get("text", ""),
            answer=answer_type,
            program=program,
        )
        messages.success(request, _("The question was added."))
    except ValidationError as exc:
        messages.error(request, exc.messages[0] if exc.messages else _("The value is not valid."))
    return redirect("feedback:program", slug=slug, program_id=program.pk)


@login_required
@require_POST
def send_evaluation(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Open the program evaluation now and invite every member told about a group."""
    program = get_program_for_leader(request.user, slug, program_id)
    survey = actions.open_survey(program, Kind.EVALUATION)
    sent = actions.invite_all(
        survey, actions.told_members(program), base_url=request.build_absolute_uri("/")
    )
    messages.success(request, _("%(n)d members were invited to the evaluation.") % {"n": sent})
    return redirect("feedback:program", slug=slug, program_id=program.pk)
