"""After the meeting: shared notes, private notes, decisions and to-dos, the summary.

Notes carry the version they were written on. When someone else saved in between,
the save is refused with 409: the page shows their saved text in the box (so the next
save builds on it) and this person's unsaved text beside it, and says so.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.meetings.access import (
    get_meeting_for_member,
    get_meeting_for_moderator,
    get_private_note,
)
from natverk.meetings.actions import MeetingError, StaleEditError, told
from natverk.meetings.actions.notes import (
    add_action_item,
    save_notes,
    save_private_note,
    set_action_done,
)
from natverk.meetings.actions.run import send_summary
from natverk.meetings.forms import ActionItemForm, NotesForm
from natverk.meetings.views.meeting import page_context, to_meeting


@login_required
@require_POST
def notes(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Save the group's notes of the meeting (refused when someone saved in between)."""
    access = get_meeting_for_member(request.user, slug, meeting_id)
    form = NotesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The notes could not be saved: reload the page."))
        return to_meeting(access, "notes")
    text = form.cleaned_data["text"]
    try:
        save_notes(access.meeting, text, version=form.cleaned_data["version"], by=access.user)
    except StaleEditError as exc:
        conflict = NotesForm(initial={"text": exc.current, "version": exc.version})
        conflict.fields["text"].widget.attrs["autofocus"] = True
        context = page_context(
            access, notes_form=conflict, notes_conflict=text, notes_error=str(exc)
        )
        return render(request, "meetings/meeting.html", context, status=409)
    except MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The notes are saved."))
    return to_meeting(access, "notes")


@login_required
@require_POST
def my_notes(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Save one's own private notes of the meeting (only the author ever sees them)."""
    access = get_meeting_for_member(request.user, slug, meeting_id)
    form = NotesForm(request.POST, prefix="mine")
    if not form.is_valid():
        messages.error(request, _("The notes could not be saved: reload the page."))
        return to_meeting(access, "mine")
    text = form.cleaned_data["text"]
    try:
        save_private_note(access.meeting, access.user, text, version=form.cleaned_data["version"])
    except StaleEditError as exc:
        conflict = NotesForm(initial={"text": exc.current, "version": exc.version}, prefix="mine")
        conflict.fields["text"].widget.attrs["autofocus"] = True
        context = page_context(access, my_form=conflict, my_conflict=text, my_error=str(exc))
        return render(request, "meetings/meeting.html", context, status=409)
    except MeetingError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your notes are saved. Only you can see them."))
    return to_meeting(access, "mine")


@login_required
def private_note(request: HttpRequest, slug: str, note_id: int) -> HttpResponse:
    """One's own private note on a page of its own (404 for anyone else, leaders too)."""
    note = get_private_note(request.user, slug, note_id)
    access = get_meeting_for_member(request.user, slug, note.meeting_id)
    return render(
        request,
        "meetings/private_note.html",
        {"note": note, "meeting": access.meeting, "program": access.meeting.group.program},
    )


@login_required
@require_POST
def add_action(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Add a decision or a to-do, with who and when."""
    access = get_meeting_for_member(request.user, slug, meeting_id)
    members = [p.application for p in told(access.meeting.group)]
    form = ActionItemForm(request.POST, members=members)
    if not form.is_valid():
        messages.error(request, _("Write what was decided or is to be done."))
        return to_meeting(access, "actions")
    who = next((a for a in members if a.pk == form.cleaned_data["who"]), None)
    try:
        add_action_item(
            access.meeting,
            kind=form.cleaned_data["kind"],
            text=form.cleaned_data["text"],
            who=who,
            due_on=form.cleaned_data["due_on"],
            by=access.user,
        )
    except MeetingError as exc:
        messages.error(request, str(exc))
    return to_meeting(access, "actions")


@login_required
@require_POST
def action_done(request: HttpRequest, slug: str, meeting_id: int, item_id: int) -> HttpResponse:
    """Tick a to-do off, or on again."""
    access = get_meeting_for_member(request.user, slug, meeting_id)
    item = access.meeting.actions.filter(pk=item_id).first()
    if item is None:
        raise Http404
    set_action_done(item, done=request.POST.get("done") == "1")
    return to_meeting(access, "actions")


@login_required
@require_POST
def summary(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Send the summary again (after the notes changed); an unchanged one is not resent."""
    access = get_meeting_for_moderator(request.user, slug, meeting_id)
    try:
        sent = send_summary(access.meeting)
        messages.success(request, _("Summary e-mails on their way: %(n)d.") % {"n": sent})
    except MeetingError as exc:
        messages.error(request, str(exc))
    return redirect("meetings:meeting", slug=slug, meeting_id=meeting_id)
