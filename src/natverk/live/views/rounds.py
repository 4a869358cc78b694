"""Breakout rounds in the browser: who is present, room rules, planning and re-planning,
room cards, and Zoom's pre-assignment file per round (Teams has no import: the cards are
for assigning rooms by hand)."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.formats.output import safe_cell
from natverk.formats.zoom import ZOOM_HEADER, room_name
from natverk.live import access
from natverk.live.actions import LiveError
from natverk.live.actions import rounds as actions
from natverk.live.forms import RoomRulesForm
from natverk.live.models import BreakoutRound, Breakouts
from natverk.live.people import people_of


def _owner(request: HttpRequest, slug: str, **ids: int) -> access.Owner:
    return access.get_owner_to_run(
        request.user, slug, meeting_id=ids.get("meeting_id"), event_id=ids.get("event_id")
    )


def _back(owner: access.Owner, slug: str) -> HttpResponse:
    if owner.meeting is not None:
        return redirect("live:meeting_rounds", slug=slug, meeting_id=owner.meeting.pk)
    assert owner.event is not None
    return redirect("live:event_rounds", slug=slug, event_id=owner.event.pk)


@login_required
def planner(request: HttpRequest, slug: str, **ids: int) -> HttpResponse:
    """Mark who is present, set the rules, plan (or re-plan) the rounds; room cards."""
    owner = _owner(request, slug, **ids)
    people = people_of(owner)
    breakouts = actions.breakouts_of(owner)
    rounds = list(breakouts.rounds.all())
    initial = {
        "rounds": max(1, len([r for r in rounds if r.held_at is None])) if rounds else 3,
        "size_min": breakouts.size_min,
        "size_max": breakouts.size_max,
        "present": breakouts.present or [p.key for p in people],
        "facilitators": breakouts.facilitators,
    }
    form = RoomRulesForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        apart = list(map(tuple, breakouts.keep_apart))
        if data.get("apart_a") is not None and data.get("apart_b") is not None:
            apart.append((data["apart_a"], data["apart_b"]))
        if request.POST.get("clear_apart"):
            apart = []
        try:
            actions.set_room_rules(
                breakouts,
                size=(data["size_min"], data["size_max"]),
                present=data["present"],
                facilitators=data["facilitators"],
                keep_apart=apart,
            )
            planned = actions.plan_breakout_rounds(owner, rounds=data["rounds"])
        except LiveError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("Planned in %(seconds).1f s; %(repeats)s pairs meet again.")
                % {"seconds": planned.seconds, "repeats": planned.repeats},
            )
            return _back(owner, slug)
    names = {p.key: p.name for p in people}
    lead = set(breakouts.facilitators)
    lang = (get_language() or "sv")[:2]
    cards = [
        {
            "round": r,
            "rooms": [
                {
                    "name": room_name(r.number, k, lang),
                    "people": [(names.get(p, _("someone who left")), p in lead) for p in room],
                }
                for k, room in enumerate(r.rooms, start=1)
            ],
        }
        for r in rounds
    ]
    apart = [(names.get(a, "?"), names.get(b, "?")) for a, b in breakouts.keep_apart]
    context = {"owner": owner, "slug": slug, "form": form, "cards": cards, "apart": apart}
    return render(request, "live/rounds.html", context)


def _round(owner: access.Owner, number: int) -> BreakoutRound:
    round_ = BreakoutRound.objects.filter(
        breakouts__in=Breakouts.objects.filter(**owner.filter()),
        number=number,
    ).first()
    if round_ is None:
        raise Http404
    return round_


@login_required
@require_POST
def held(request: HttpRequest, slug: str, number: int, **ids: int) -> HttpResponse:
    """This round (and those before it) was held: re-planning keeps it as it was."""
    owner = _owner(request, slug, **ids)
    actions.mark_round_held(_round(owner, number))
    return _back(owner, slug)


@login_required
def zoom_csv(request: HttpRequest, slug: str, number: int, **ids: int) -> HttpResponse:
    """Zoom's breakout pre-assignment file for one round."""
    owner = _owner(request, slug, **ids)
    round_ = _round(owner, number)
    emails = {p.key: p.email for p in people_of(owner)}
    lang = (get_language() or "sv")[:2]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(ZOOM_HEADER)
    for k, room in enumerate(round_.rooms, start=1):
        for person in room:
            if person in emails:
                writer.writerow([room_name(round_.number, k, lang), safe_cell(emails[person])])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="round_{round_.number}.csv"'
    return response
