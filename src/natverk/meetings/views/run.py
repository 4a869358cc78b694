"""The moderator's run view, fast on a phone: the current block with a countdown, the next
one and one tap to go on; the opening round; attendance; the parking lot.

Every action answers an htmx request with the run state fragment (and a plain form
post with a redirect to the run view, so it works without JavaScript). Devices poll
``run_state`` with the version they show; it answers 204 (nothing to swap) until the
state changes, so a second device follows within seconds at the cost of one indexed
lookup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.meetings.access import (
    MeetingAccess,
    get_meeting_for_member,
    get_meeting_for_moderator,
    get_question,
)
from natverk.meetings.actions import MeetingError
from natverk.meetings.actions.parking import park_question, resolve_question
from natverk.meetings.actions.run import (
    close_meeting,
    go_on,
    mark_attendance,
    next_turn,
    open_meeting,
    start_turn,
)
from natverk.meetings.forms import AnswerForm, AttendanceForm, BlockForm, QuestionForm, TurnForm
from natverk.meetings.models import Attendance, Meeting
from natverk.meetings.runstate import run_state
from natverk.meetings.views.meeting import to_meeting
from natverk.programs.models import Application
from natverk.site.numbers import whole_number

FRAGMENT = "meetings/run/_state.html"


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _context(access: MeetingAccess, error: str = "") -> dict[str, Any]:
    meeting = Meeting.objects.select_related("group__program__organisation").get(
        pk=access.meeting.pk
    )
    return {
        "state": run_state(meeting),
        "meeting": meeting,
        "slug": meeting.group.program.organisation.slug,
        "statuses": Attendance.Status.choices,
        "question_form": QuestionForm(),
        "error": error,
    }


@login_required
def run(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The run view (the whole page)."""
    access = get_meeting_for_moderator(request.user, slug, meeting_id)
    return render(request, "meetings/run.html", _context(access))


@login_required
def run_state_view(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The run state fragment; 204 while the version the device shows is current."""
    access = get_meeting_for_moderator(request.user, slug, meeting_id)
    shown = request.GET.get("v", "")
    if whole_number(shown) == access.meeting.run_version:
        return HttpResponse(status=204)
    return render(request, FRAGMENT, _context(access))


Action = Callable[[HttpRequest, MeetingAccess], None]


def run_action(action: Action) -> Callable[[HttpRequest, str, int], HttpResponse]:
    """A moderator's POST: do it, then answer with the fresh state (or the error)."""

    @login_required
    @require_POST
    @wraps(action)
    def view(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
        access = get_meeting_for_moderator(request.user, slug, meeting_id)
        error = ""
        try:
            action(request, access)
        except MeetingError as exc:
            error = str(exc)
        if _htmx(request):
            return render(request, FRAGMENT, _context(access, error))
        if error:
            messages.error(request, error)
        return redirect("meetings:run", slug=slug, meeting_id=meeting_id)

    return view


def _member(access: MeetingAccess, application_id: int | None) -> Application:
    if application_id is None:
        raise Http404
    placement = access.meeting.group.placements.select_related("application").filter(
        application_id=application_id, application__status=Application.Status.ACCEPTED
    )
    found = placement.first()
    if found is None:
        raise Http404
    return found.application


@run_action
def start(request: HttpRequest, access: MeetingAccess) -> None:
    """Start the meeting at its first block."""
    open_meeting(access.meeting)


@run_action
def next_block(request: HttpRequest, access: MeetingAccess) -> None:
    """One tap to go on to the next agenda block."""
    form = BlockForm(request.POST)
    if not form.is_valid():
        raise MeetingError(_("Reload the page and try again."))
    go_on(access.meeting, shown=form.cleaned_data["shown"])


@run_action
def attend(request: HttpRequest, access: MeetingAccess) -> None:
    """One tap: present, late or absent."""
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        raise MeetingError(_("Choose present, late or absent."))
    member = _member(access, form.cleaned_data["application"])
    mark_attendance(access.meeting, member, form.cleaned_data["status"])


@run_action
def turn_next(request: HttpRequest, access: MeetingAccess) -> None:
    """End the speaker's turn and give the word to the next member present."""
    form = TurnForm(request.POST)
    if not form.is_valid():
        raise MeetingError(_("Reload the page and try again."))
    next_turn(access.meeting, shown=form.cleaned_data["shown"])


@run_action
def turn_start(request: HttpRequest, access: MeetingAccess) -> None:
    """Give the word to a chosen member (out of the queue's order)."""
    form = TurnForm(request.POST)
    if not form.is_valid() or form.cleaned_data["application"] is None:
        raise MeetingError(_("Reload the page and try again."))
    start_turn(access.meeting, _member(access, form.cleaned_data["application"]))


@run_action
def close(request: HttpRequest, access: MeetingAccess) -> None:
    """Close the meeting: the summary goes to the group."""
    close_meeting(access.meeting)


@login_required
@require_POST
def resolve(request: HttpRequest, slug: str, meeting_id: int, parked_id: int) -> HttpResponse:
    """Resolve a parked question with a short answer."""
    access = get_meeting_for_moderator(request.user, slug, meeting_id)
    question = get_question(access, parked_id)
    form = AnswerForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Write a short answer.")
    else:
        try:
            resolve_question(
                question, answer=form.cleaned_data["answer"], by=access.user, meeting=access.meeting
            )
        except MeetingError as exc:
            error = str(exc)
    return _answer(request, access, error)


def _answer(
    request: HttpRequest, access: MeetingAccess, error: str, done: str = ""
) -> HttpResponse:
    """After a parking-lot action: the run state for the moderator's htmx request, else
    back to the run view or the meeting's page with a message."""
    if access.leads and _htmx(request):
        return render(request, FRAGMENT, _context(access, error))
    if error:
        messages.error(request, error)
    elif done:
        messages.success(request, done)
    meeting = access.meeting
    if access.leads and request.POST.get("from") == "run":
        return redirect(
            "meetings:run", slug=meeting.group.program.organisation.slug, meeting_id=meeting.pk
        )
    return to_meeting(access, "questions")


@login_required
@require_POST
def park(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Anyone in the group parks a question (from the meeting page or the run view)."""
    access = get_meeting_for_member(request.user, slug, meeting_id)
    form = QuestionForm(request.POST)
    error = ""
    if not form.is_valid():
        error = _("Write the question first.")
    else:
        try:
            park_question(access.meeting, access.user, form.cleaned_data["text"])
        except MeetingError as exc:
            error = str(exc)
    return _answer(request, access, error, _("Your question is in the parking lot."))
