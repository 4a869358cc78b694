"""Editing agendas: a meeting's own, and the program's templates. Each edit carries the
version it was made on; a stale one is refused with 409 and the saved agenda shown."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from natverk.meetings.access import get_meeting_for_moderator, get_template_for_leader
from natverk.meetings.actions import MeetingError, StaleEditError
from natverk.meetings.actions.agenda import (
    agenda_for,
    create_template,
    program_template,
    reset_agenda,
    save_agenda,
    save_template,
    template_blocks,
)
from natverk.meetings.agenda import Block, scaled_blocks, spare_minutes, total_minutes
from natverk.meetings.forms import TemplateForm, parse_blocks, posted_version
from natverk.meetings.models import BlockKind
from natverk.programs.access import get_program_for_leader
from natverk.site.numbers import whole_number

#: Empty rows under the agenda for new blocks.
NEW_ROWS = 2


def _rows(blocks: Sequence[Block], theme: str = "") -> list[dict[str, Any]]:
    rows = [
        {"kind": b.kind, "title": b.title, "minutes": b.minutes, "label": b.label(theme)}
        for b in blocks
    ]
    return rows + [{"kind": BlockKind.OTHER, "title": "", "minutes": "", "label": ""}] * NEW_ROWS


def _editor(blocks: Sequence[Block], minutes: int, version: int, theme: str = "") -> dict[str, Any]:
    return {
        "rows": _rows(blocks, theme),
        "kinds": BlockKind.choices,
        "total": total_minutes(blocks),
        "spare": spare_minutes(blocks, minutes),
        "length": minutes,
        "version": version,
    }


@dataclass
class Edit:
    """The blocks an editor shows, the version they are, and the page's status."""

    blocks: list[Block]
    version: int
    status: int = 200

    def post(
        self, request: HttpRequest, save: Callable[[Sequence[Block], int], None], saved: str
    ) -> bool:
        """Save the posted blocks; True when saved, else what to show again (409 with
        the other person's blocks for a stale edit, 400 with these for a wrong one)."""
        posted, problems = parse_blocks(request.POST)
        given = posted_version(request.POST)
        try:
            if problems or given is None:
                raise MeetingError(" ".join(problems) or _("Reload the page and try again."))
            save(posted, given)
        except StaleEditError as exc:
            messages.error(request, str(exc))
            self.blocks, self.version, self.status = list(exc.current), exc.version, 409
            return False
        except MeetingError as exc:
            messages.error(request, str(exc))
            self.blocks, self.status = posted, 400
            return False
        messages.success(request, saved)
        return True


@login_required
def agenda(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Edit a meeting's agenda (blocks and minutes, checked against its length)."""
    access = get_meeting_for_moderator(request.user, slug, meeting_id)
    meeting = access.meeting
    edit = Edit(agenda_for(meeting), meeting.agenda_version)
    if request.method == "POST":

        def save(blocks: Sequence[Block], version: int) -> None:
            save_agenda(meeting, blocks, version=version)

        if edit.post(request, save, _("The agenda is saved.")):
            return redirect("meetings:meeting", slug=slug, meeting_id=meeting_id)
    templates = meeting.group.program.agendas.all()
    context = {
        "meeting": meeting,
        "program": meeting.group.program,
        "templates": templates,
    } | _editor(edit.blocks, meeting.minutes, edit.version, meeting.theme)
    return render(request, "meetings/agenda.html", context, status=edit.status)


@login_required
@require_POST
def agenda_reset(request: HttpRequest, slug: str, meeting_id: int) -> HttpResponse:
    """Start a meeting's agenda again from a template (or the seeds' default)."""
    access = get_meeting_for_moderator(request.user, slug, meeting_id)
    program = access.meeting.group.program
    chosen = request.POST.get("template", "")
    chosen_id = whole_number(chosen)
    template = program.agendas.filter(pk=chosen_id).first() if chosen_id is not None else None
    given = posted_version(request.POST)
    try:
        reset_agenda(access.meeting, template, version=given if given is not None else -1)
        messages.success(request, _("The agenda starts again from the template."))
    except MeetingError as exc:
        messages.error(request, str(exc))
    return redirect("meetings:agenda", slug=slug, meeting_id=meeting_id)


@login_required
def templates(request: HttpRequest, slug: str, program_id: int) -> HttpResponse:
    """The program's agenda templates, and a new one (starting as the seeds' default)."""
    program = get_program_for_leader(request.user, slug, program_id)
    form = TemplateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        template = create_template(program, form.cleaned_data["name"])
        return redirect(
            "meetings:template", slug=slug, program_id=program.pk, template_id=template.pk
        )
    default = program_template(program)
    context = {
        "program": program,
        "templates": program.agendas.prefetch_related("blocks"),
        "default": default,
        "seeds": scaled_blocks(program.meeting_minutes),
        "form": form,
    }
    return render(request, "meetings/templates.html", context)


@login_required
def template(request: HttpRequest, slug: str, program_id: int, template_id: int) -> HttpResponse:
    """Edit one agenda template (the blocks must fit the program's meeting length)."""
    template = get_template_for_leader(request.user, slug, program_id, template_id)
    program = template.program
    edit = Edit(template_blocks(template), template.version)
    if request.method == "POST":

        def save(blocks: Sequence[Block], version: int) -> None:
            save_template(template, blocks, version=version)

        if edit.post(request, save, _("The template is saved.")):
            return redirect("meetings:templates", slug=slug, program_id=program.pk)
    context = {"template": template, "program": program} | _editor(
        edit.blocks, program.meeting_minutes, edit.version
    )
    return render(request, "meetings/template.html", context, status=edit.status)
