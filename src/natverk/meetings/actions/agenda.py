"""Agendas: a program's templates and a meeting's own agenda, each edit versioned.

A meeting's agenda is its template's blocks until someone edits it; then it is the
meeting's own rows. Every edit names the version it was made on; an edit on an older
version is refused (``StaleEditError``) instead of overwriting the other person's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from natverk.meetings.agenda import Block, length_problem, scaled_blocks
from natverk.meetings.errors import MeetingError, StaleEditError
from natverk.meetings.models import AgendaItem, AgendaTemplate, Meeting, TemplateBlock
from natverk.meetings.models.agenda import BlockFields
from natverk.programs.models import Program


def _stale(what: str) -> str:
    return _(
        "Someone else changed %(what)s while you were editing it. Your changes were not "
        "saved: what is shown now is theirs; make your changes again."
    ) % {"what": what}


def program_template(program: Program) -> AgendaTemplate | None:
    """The template new meetings of the program start from: its first one, if any."""
    return program.agendas.first()


def template_blocks(template: AgendaTemplate) -> list[Block]:
    """A template's blocks as plain data."""
    return [Block(b.kind, b.minutes, b.title) for b in template.blocks.all()]


def starting_blocks(program: Program, minutes: int) -> list[Block]:
    """What a meeting of the program starts from: its template, else the seeds' default."""
    template = program_template(program)
    if template is not None:
        return template_blocks(template)
    return list(scaled_blocks(minutes))


def agenda_for(meeting: Meeting) -> list[Block]:
    """The meeting's agenda: its own blocks once edited, else where it starts from."""
    items = list(meeting.agenda.all())
    if items:
        return [Block(i.kind, i.minutes, i.title) for i in items]
    return starting_blocks(meeting.group.program, meeting.minutes)


def _checked(blocks: Sequence[Block], model: type[BlockFields], minutes: int) -> None:
    """Each block valid, and all of them within ``minutes``; else a MeetingError."""
    errors: list[str] = []
    for n, block in enumerate(blocks, start=1):
        row = model(position=n, kind=block.kind, title=block.title, minutes=block.minutes)
        try:
            row.full_clean(exclude=["meeting", "template"])
        except ValidationError as exc:
            errors.extend(
                _("Block %(n)d: %(problem)s") % {"n": n, "problem": m} for m in exc.messages
            )
    problem = length_problem(blocks, minutes)
    if errors or problem:
        raise MeetingError(" ".join(errors) or str(problem))


def _store(rows: models.Manager[Any], blocks: Sequence[Block], **owner: object) -> None:
    """Replace the blocks of one meeting or template (``rows``, its blocks' manager;
    ``owner``, ``meeting=`` or ``template=``)."""
    rows.all().delete()
    rows.bulk_create(
        rows.model(position=n, kind=b.kind, title=b.title, minutes=b.minutes, **owner)
        for n, b in enumerate(blocks, start=1)
    )


@transaction.atomic
def save_agenda(meeting: Meeting, blocks: Sequence[Block], *, version: int) -> Meeting:
    """Replace the meeting's agenda, if nobody saved another since ``version``."""
    _checked(blocks, AgendaItem, meeting.minutes)
    moved = Meeting.objects.filter(pk=meeting.pk, agenda_version=version).update(
        agenda_version=F("agenda_version") + 1, run_version=F("run_version") + 1
    )
    if not moved:
        meeting.refresh_from_db(fields=["agenda_version"])
        raise StaleEditError(
            _stale(_("the agenda")), current=agenda_for(meeting), version=meeting.agenda_version
        )
    _store(meeting.agenda, blocks, meeting=meeting)
    meeting.refresh_from_db(fields=["agenda_version", "run_version"])
    return meeting


def reset_agenda(meeting: Meeting, template: AgendaTemplate | None, *, version: int) -> Meeting:
    """Start the meeting's agenda again from a template (or the seeds' default)."""
    blocks = template_blocks(template) if template else list(scaled_blocks(meeting.minutes))
    return save_agenda(meeting, blocks, version=version)


def fix_agenda(meeting: Meeting) -> None:
    """Store the agenda the meeting runs on (its template's, when it was never edited)."""
    if not meeting.agenda.exists():
        _store(meeting.agenda, agenda_for(meeting), meeting=meeting)


@transaction.atomic
def create_template(program: Program, name: str) -> AgendaTemplate:
    """A new template for the program, starting as the seeds' default."""
    template = AgendaTemplate(program=program, name=" ".join(name.split()))
    template.full_clean()
    template.save()
    _store(template.blocks, scaled_blocks(program.meeting_minutes), template=template)
    return template


@transaction.atomic
def save_template(template: AgendaTemplate, blocks: Sequence[Block], *, version: int) -> None:
    """Replace a template's blocks, if nobody saved another since ``version``."""
    _checked(blocks, TemplateBlock, template.program.meeting_minutes)
    moved = AgendaTemplate.objects.filter(pk=template.pk, version=version).update(
        version=F("version") + 1
    )
    if not moved:
        template.refresh_from_db(fields=["version"])
        raise StaleEditError(
            _stale(_("the template")), current=template_blocks(template), version=template.version
        )
    _store(template.blocks, blocks, template=template)
    template.refresh_from_db(fields=["version"])
