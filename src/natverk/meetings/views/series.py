"""The leader's series pages: publishing, every meeting of every group (move, cancel,
add one), the calendar file, and participation over the series."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.meetings.access import get_group_for_leader, get_meeting_for_leader
from natverk.meetings.actions import (
    MeetingError,
    add_meeting,
    cancel_meeting,
    group_calendar,
    move_meeting,
)
from natverk.meetings.forms import MoveMeetingForm, PublishForm
from natverk.meetings.models import Meeting
from natverk.meetings.participation import BAR_STEP, attendance_bars, program_participation
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
    """Every meeting of every group of the program: move, cancel or add one."""
    program = get_program_for_leader(request.user, slug, program_id)
    groups = program.groups.filter(dissolved_at__isnull=True, published_at__isnull=False)
    meetings = groups.prefetch_related(
        Prefetch("meetings", queryset=Meeting.objects.order_by("number"))
    ).order_by("number")
    return render(
        request,
        "meetings/series.html",
        {"program": program, "groups": meetings, "now": timezone.now()},
    )


def _starts(form: MoveMeetingForm) -> dt.datetime:
    zone = timezone.get_default_timezone()
    return dt.datetime.combine(form.cleaned_data["date"], form.cleaned_data["time"], zone)


@login_required
@require_POST
def move(request: HttpRequest, slug: str, program_id: int, meeting_id: int) -> HttpResponse:
    """Move one meeting; its members get the update with the calendar file."""
    meeting = get_meeting_for_leader(request.user, slug, program_id, meeting_id)
    form = MoveMeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid date and time for the meeting."))
    else:
        try:
            move_meeting(meeting, _starts(form))
            messages.success(request, _("The meeting was moved and the members told."))
        except MeetingError as exc:
            messages.error(request, str(exc))
    return redirect("meetings:series", slug=slug, program_id=program_id)


@login_required
@require_POST
def cancel(request: HttpRequest, slug: str, program_id: int, meeting_id: int) -> HttpResponse:
    """Cancel one meeting; its members get the cancellation for their calendar."""
    meeting = get_meeting_for_leader(request.user, slug, program_id, meeting_id)
    try:
        cancel_meeting(meeting)
        messages.success(request, _("The meeting was cancelled and the members told."))
    except MeetingError as exc:
        messages.error(request, str(exc))
    return redirect("meetings:series", slug=slug, program_id=program_id)


@login_required
@require_POST
def add(request: HttpRequest, slug: str, program_id: int, group_id: int) -> HttpResponse:
    """Add a meeting to a group's series; its members get the updated calendar."""
    group = get_group_for_leader(request.user, slug, program_id, group_id)
    form = MoveMeetingForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid date and time for the meeting."))
    else:
        try:
            add_meeting(group, _starts(form))
            messages.success(request, _("The meeting was added and the members told."))
        except MeetingError as exc:
            messages.error(request, str(exc))
    return redirect("meetings:series", slug=slug, program_id=program_id)


@login_required
def participation(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """Attendance and participation per group and member: who is drifting away."""
    program = get_program_for_leader(request.user, slug, program_id)
    groups = program_participation(program)
    charts = []
    for group in groups:
        bars = attendance_bars(group)
        charts.append((group, bars, max(60, len(bars) * BAR_STEP + 8)))
    return render(request, "meetings/participation.html", {"program": program, "charts": charts})
