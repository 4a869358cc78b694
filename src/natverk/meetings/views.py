"""Meeting pages: a group's calendar file, publishing a program's groups, and the series
of every meeting of a program with a way to move one."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.meetings.access import get_meeting_for_leader
from natverk.meetings.actions import MeetingError, group_calendar, move_meeting
from natverk.meetings.forms import MoveMeetingForm, PublishForm
from natverk.meetings.models import Meeting
from natverk.meetings.publishing import PublishError, plan_publishing, publish_changes
from natverk.programs.access import get_group_for_member, get_program_for_leader


@login_required
def calendar(request: HttpRequest, slug: str, group_id: int) -> HttpResponse:
    """The group's meeting series as an .ics file (members and leaders)."""
    group = get_group_for_member(request.user, slug, group_id)
    response = HttpResponse(group_calendar(group), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="natverk-group-{group.number}.ics"'
    return response


@login_required
def publish(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """What publishing would tell whom (GET), and publishing it once confirmed (POST)."""
    program = get_program_for_leader(request.user, slug, program_id)
    if request.method == "POST":
        form = PublishForm(request.POST)
        expected = form.cleaned_data["expected"] if form.is_valid() else None
        try:
            done = publish_changes(program, expected_mails=expected)
        except PublishError as exc:
            messages.error(request, str(exc))
            return redirect("meetings:publish", slug=slug, program_id=program.pk)
        messages.success(
            request, _("Published: %(n)d e-mails are on their way.") % {"n": done.mails}
        )
        return redirect("programs:groups", slug=slug, program_id=program.pk)
    plan = plan_publishing(program)
    return render(request, "meetings/publish.html", {"program": program, "plan": plan})


@login_required
def series(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Every planned meeting of every group of the program, with a form to move one."""
    program = get_program_for_leader(request.user, slug, program_id)
    meetings = (
        Meeting.objects.filter(group__program=program)
        .select_related("group")
        .order_by("group__number", "number")
    )
    return render(
        request,
        "meetings/series.html",
        {"program": program, "meetings": meetings, "form": MoveMeetingForm()},
    )


@login_required
@require_POST
def move(request: HttpRequest, slug: str, program_id: int, meeting_id: int) -> HttpResponse:
    """Move one meeting; its members get the update with the calendar file."""
    meeting = get_meeting_for_leader(request.user, slug, program_id, meeting_id)
    form = MoveMeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid date and time for the meeting."))
    else:
        zone = timezone.get_default_timezone()
        starts = dt.datetime.combine(form.cleaned_data["date"], form.cleaned_data["time"], zone)
        try:
            move_meeting(meeting, starts)
            messages.success(request, _("The meeting was moved and the members told."))
        except MeetingError as exc:
            messages.error(request, str(exc))
    return redirect("meetings:series", slug=slug, program_id=program_id)
