"""HR's pages: set up a pairing program, import the employee list, rounds, the picture."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.accounts.access import current_user
from natverk.insights.mixing import ALL
from natverk.pairing import access, actions, insights
from natverk.pairing.forms import ImportForm, ProgramForm
from natverk.pairing.importing import notes as import_notes
from natverk.pairing.importing import read_upload
from natverk.pairing.models import PairingProgram, Participant
from natverk.pairing.rounds import next_due


@login_required
def program_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's pairing programs, and a form to set one up."""
    organisation = access.get_admin_membership(request.user, slug).organisation
    form = ProgramForm(request.POST or None, initial={"first_round_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        program = actions.create_program(
            organisation, by=current_user(request), **form.cleaned_data
        )
        messages.success(request, _("The pairing program was set up. Now add the people."))
        return redirect("pairing:detail", slug=slug, pairing_id=program.pk)
    programs = PairingProgram.objects.filter(organisation=organisation).annotate(
        n_people=Count("participants", filter=Q(participants__status=Participant.Status.ACTIVE)),
        n_rounds=Count("rounds", distinct=True),
    )
    return render(
        request,
        "pairing/list.html",
        {"organisation": organisation, "programs": programs, "form": form},
    )


@login_required
def program_detail(request: HttpRequest, slug: str, pairing_id: int) -> HttpResponse:
    """A program at a glance: who takes part, the next round, the rounds so far."""
    program = access.get_program_for_admin(request.user, slug, pairing_id)
    statuses = dict(program.participants.values_list("status").annotate(n=Count("pk")).order_by())
    last = program.rounds.order_by("-due_on").first()
    upcoming = program.after(last.due_on) if last else program.first_round_on
    return render(
        request,
        "pairing/detail.html",
        {
            "organisation": program.organisation,
            "program": program,
            "statuses": [
                (label, statuses.get(value, 0)) for value, label in Participant.Status.choices
            ],
            "rounds": program.rounds.all()[:12],
            "upcoming": upcoming,
            "due": next_due(program, timezone.localdate()),
            "join_url": request.build_absolute_uri(
                reverse("pairing:join", kwargs={"join_token": program.join_token})
            ),
            "import_form": ImportForm(),
        },
    )


@login_required
def program_edit(request: HttpRequest, slug: str, pairing_id: int) -> HttpResponse:
    """Change who takes part, how often, the size and the rules."""
    program = access.get_program_for_admin(request.user, slug, pairing_id)
    form = ProgramForm(request.POST or None, instance=program)
    if request.method == "POST" and form.is_valid():
        actions.update_program(program, **form.cleaned_data)
        messages.success(request, _("The pairing program was saved."))
        return redirect("pairing:detail", slug=slug, pairing_id=program.pk)
    return render(request, "pairing/edit.html", {"program": program, "form": form})


@login_required
def import_people(request: HttpRequest, slug: str, pairing_id: int) -> HttpResponse:
    """Import the employee list: everyone, or nothing and every problem by row."""
    program = access.get_program_for_admin(request.user, slug, pairing_id)
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            found = read_upload(form.cleaned_data["file"])
            result = actions.import_employees(
                program, found.employees, complete=form.cleaned_data["complete"]
            )
        except actions.ImportRefusedError as exc:
            problems = exc.problems
        else:
            for note in import_notes(found):
                messages.info(request, note)
            messages.success(
                request,
                _("%(added)s people added, %(updated)s updated, %(outside)s outside the program.")
                % {"added": result.added, "updated": result.updated, "outside": result.outside},
            )
            if result.left:
                messages.info(
                    request,
                    _("%(left)s people not on the list left the program.") % {"left": result.left},
                )
            return redirect("pairing:detail", slug=slug, pairing_id=program.pk)
    status = 400 if problems else 200
    context = {
        "program": program,
        "form": form,
        "problems": problems[:50],
        "more": len(problems) > 50,
    }
    return render(request, "pairing/import.html", context, status=status)


@login_required
def participants(request: HttpRequest, slug: str, pairing_id: int) -> HttpResponse:
    """The people in the program, with their status (searchable, a page at a time)."""
    program = access.get_program_for_admin(request.user, slug, pairing_id)
    query = request.GET.get("q", "").strip()
    people = program.participants.all()
    if query:
        people = people.filter(
            Q(name__icontains=query) | Q(email__icontains=query) | Q(department__icontains=query)
        )
    page = Paginator(people.order_by("name", "pk"), 50).get_page(request.GET.get("page"))
    return render(
        request, "pairing/participants.html", {"program": program, "page": page, "q": query}
    )


@login_required
@require_POST
def run_round(request: HttpRequest, slug: str, pairing_id: int) -> HttpResponse:
    """Make a round now instead of waiting for the schedule."""
    program = access.get_program_for_admin(request.user, slug, pairing_id)
    try:
        made = actions.make_round_now(program, today=timezone.localdate())
    except actions.PairingError as exc:
        messages.error(request, str(exc))
        return redirect("pairing:detail", slug=slug, pairing_id=program.pk)
    messages.success(request, _("The round was made and the introductions are on their way."))
    return redirect("pairing:round", slug=slug, pairing_id=program.pk, round_number=made.number)


@login_required
def round_detail(
    request: HttpRequest, slug: str, pairing_id: int, round_number: int
) -> HttpResponse:
    """Who was paired with whom in a round (never who said they met: that stays with them)."""
    found = access.get_round_for_admin(request.user, slug, pairing_id, round_number)
    meetups = found.meetups.prefetch_related("members__participant")
    page = Paginator(meetups, 100).get_page(request.GET.get("page"))
    answered = found.meetups.filter(members__answer__gt="").distinct().count()
    return render(
        request,
        "pairing/round.html",
        {"program": found.program, "round": found, "page": page, "answered": answered},
    )


@login_required
def insights_page(request: HttpRequest, slug: str, pairing_id: int) -> HttpResponse:
    """The picture: share who met, department mixing over time, newcomers' connections."""
    program = access.get_program_for_admin(request.user, slug, pairing_id)
    result = insights.mixing(program, other=_("Other departments"))
    period = request.GET.get("period", ALL)
    if period not in result.cells:
        period = ALL
    periods = [
        (
            p,
            result.made.get(p, 0),
            result.answered.get(p, 0),
            result.met.get(p),
            result.share_met(p),
            insights.bridges(result, p),
        )
        for p in (*result.periods, ALL)
    ]
    return render(
        request,
        "pairing/insights.html",
        {
            "program": program,
            "result": result,
            "period": period,
            "periods": periods,
            "heatmap": insights.heatmap(result, period),
            "table": insights.table(result, period),
            "newcomers": insights.newcomers(program, timezone.localdate()),
            "k": result.k,
            "ALL": ALL,
        },
    )
