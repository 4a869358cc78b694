"""A meeting's page (members and leaders) and what the leader prepares on it: how it is
held, the theme (set, or chosen from the members' proposals), the agenda and the
opening-round questions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.meetings.access import (
    MeetingAccess,
    get_meeting_for_member,
    get_meeting_for_moderator,
    get_proposal,
)
from natverk.meetings.actions import MeetingError, set_format, set_theme, told
from natverk.meetings.actions.agenda import agenda_for
from natverk.meetings.actions.parking import carried_questions, parked_in
from natverk.meetings.actions.run import prepare_questions
from natverk.meetings.actions.themes import choose_theme, propose_theme, toggle_vote
from natverk.meetings.agenda import spare_minutes, total_minutes
from natverk.meetings.forms import (
    ActionItemForm,
    FormatForm,
    NotesForm,
    QuestionForm,
    ThemeForm,
)
from natverk.meetings.markdown import render_markdown
from natverk.meetings.models import PrivateNote, SharedNote, ThemeProposal, ThemeVote
from natverk.programs.models import InterviewNote


def to_meeting(access: MeetingAccess, anchor: str = "") -> HttpResponse:
    """Back to the meeting's page (at a section)."""
    response = redirect(
        "meetings:meeting",
        slug=access.meeting.group.program.organisation.slug,
        meeting_id=access.meeting.pk,
    )
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def _proposals(access: MeetingAccess) -> list[ThemeProposal]:
    mine = ThemeVote.objects.filter(proposal=OuterRef("pk"), voter=access.user)
    return list(
        ThemeProposal.objects.filter(meeting=access.meeting)
        .annotate(count=Count("votes"), mine=Exists(mine))
        .order_by("-count", "created_at")
    )


def page_context(access: MeetingAccess, **extra: Any) -> dict[str, Any]:
    """Everything the meeting's page shows to this person."""
    meeting = access.meeting
    blocks = agenda_for(meeting)
    notes = SharedNote.objects.filter(meeting=meeting).select_related("updated_by").first()
    mine = PrivateNote.objects.filter(meeting=meeting, author=access.user).first()
    members = [p.application for p in told(meeting.group)]
    context = {
        "access": access,
        "meeting": meeting,
        "group": meeting.group,
        "program": meeting.group.program,
        "slug": meeting.group.program.organisation.slug,
        "blocks": blocks,
        "agenda_minutes": total_minutes(blocks),
        "spare": spare_minutes(blocks, meeting.minutes),
        "carried": carried_questions(meeting),
        "parked": parked_in(meeting),
        "proposals": _proposals(access),
        "notes": notes,
        "notes_html": render_markdown(notes.text) if notes else "",
        "notes_form": NotesForm(
            initial={"text": notes.text if notes else "", "version": notes.version if notes else 0}
        ),
        "my_note": mine,
        "my_form": NotesForm(
            initial={"text": mine.text if mine else "", "version": mine.version if mine else 0},
            prefix="mine",
        ),
        "actions": meeting.actions.select_related("who"),
        "action_form": ActionItemForm(members=members, auto_id="action_%s"),
        "question_form": QuestionForm(),
        "members": members,
    }
    if access.leads:
        initial = {"format": meeting.format, "place": meeting.place, "video_url": meeting.video_url}
        context["format_form"] = FormatForm(initial=initial)
        context["theme_form"] = ThemeForm(initial={"theme": meeting.theme})
        context["turns"] = meeting.turns.select_related("application").order_by("application__name")
    return context | extra


@login_required
def meeting(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """A meeting's page: when and how, theme, agenda, questions carried in, notes."""
    access = get_meeting_for_member(request.user, slug, meeting_id)
    return render(request, "meetings/meeting.html", page_context(access))


@login_required
@require_POST
def held_as(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Set how the meeting is held (digital, in person with a place, hybrid)."""
    access = get_meeting_for_moderator(request.user, slug, meeting_id)
    form = FormatForm(request.POST)
    if form.is_valid():
        try:
            set_format(
                access.meeting,
                held_as=form.cleaned_data["format"],
                place=form.cleaned_data["place"],
                video_url=form.cleaned_data["video_url"],
            )
            messages.success(request, _("Saved."))
        except MeetingError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Check the format, place and video link."))
    return to_meeting(access, "how")


@login_required
@require_POST
def theme(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The leader sets the meeting's theme (members get the update)."""
    access = get_meeting_for_moderator(request.user, slug, meeting_id)
    form = ThemeForm(request.POST)
    if form.is_valid():
        try:
            set_theme(access.meeting, form.cleaned_data["theme"])
            messages.success(request, _("The theme is set and the members told."))
        except MeetingError as exc:
            messages.error(request, str(exc))
    return to_meeting(access, "theme")


@login_required
@require_POST
def propose(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Someone in the group proposes a theme."""
    access = get_meeting_for_member(request.user, slug, meeting_id)
    form = ThemeForm(request.POST)
    if form.is_valid() and form.cleaned_data["theme"]:
        try:
            propose_theme(access.meeting, access.user, form.cleaned_data["theme"])
        except MeetingError as exc:
            messages.error(request, str(exc))
    return to_meeting(access, "theme")


@login_required
@require_POST
def vote(request: HttpRequest, slug: str, meeting_id: int, proposal_id: int) -> HttpResponse:
    """Vote for a proposed theme, or take the vote back."""
    access = get_meeting_for_member(request.user, slug, meeting_id)
    try:
        toggle_vote(get_proposal(access, proposal_id), access.user)
    except MeetingError as exc:
        messages.error(request, str(exc))
    return to_meeting(access, "theme")


@login_required
@require_POST
def choose(request: HttpRequest, slug: str, meeting_id: int, proposal_id: int) -> HttpResponse:
    """The leader makes a proposal the meeting's theme."""
    access = get_meeting_for_moderator(request.user, slug, meeting_id)
    try:
        choose_theme(get_proposal(access, proposal_id))
        messages.success(request, _("The theme is set and the members told."))
    except MeetingError as exc:
        messages.error(request, str(exc))
    return to_meeting(access, "theme")


@login_required
def opening(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """The leader writes each member's opening-round question, from the pre-interview."""
    access = get_meeting_for_moderator(request.user, slug, meeting_id)
    members = [p.application for p in told(access.meeting.group)]
    if request.method == "POST":
        questions = {a.pk: request.POST.get(f"q-{a.pk}", "") for a in members}
        try:
            prepare_questions(access.meeting, questions)
            messages.success(request, _("The questions are saved."))
            return redirect("meetings:opening", slug=slug, meeting_id=meeting_id)
        except MeetingError as exc:
            messages.error(request, str(exc))
    turns = {t.application_id: t for t in access.meeting.turns.all()}
    notes: dict[int, list[InterviewNote]] = {}
    for note in InterviewNote.objects.filter(application__in=members).order_by("created_at"):
        notes.setdefault(note.application_id, []).append(note)
    rows = [(a, turns.get(a.pk), notes.get(a.pk, [])) for a in members]
    return render(
        request,
        "meetings/opening.html",
        {"meeting": access.meeting, "program": access.meeting.group.program, "rows": rows},
    )
