"""Notes after a meeting: shared notes and private notes (versioned), decisions, to-dos."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from natverk.accounts.models import User
from natverk.meetings.errors import MeetingError, StaleEditError
from natverk.meetings.models import ActionItem, Meeting, PrivateNote, SharedNote
from natverk.programs.models import Application


def _valid(note: SharedNote | PrivateNote, text: str) -> None:
    note.text = text
    try:
        note.full_clean(exclude=["meeting", "author", "updated_by"])
    except ValidationError as exc:
        raise MeetingError(" ".join(exc.messages)) from exc


def _stale() -> str:
    return _(
        "Someone else saved these notes while you were writing. Your text was not saved: "
        "it is shown below, and the box under it holds what they saved; combine the two "
        "and save again."
    )


@transaction.atomic
def save_notes(meeting: Meeting, text: str, *, version: int, by: User) -> SharedNote:
    """Save the group's notes, if nobody saved others since ``version``."""
    note, _created = SharedNote.objects.get_or_create(meeting=meeting)
    _valid(SharedNote(meeting=meeting), text)
    saved = SharedNote.objects.filter(pk=note.pk, version=version).update(
        text=text, version=F("version") + 1, updated_by=by, updated_at=timezone.now()
    )
    note.refresh_from_db()
    if not saved:
        raise StaleEditError(_stale(), current=note.text, version=note.version)
    return note


@transaction.atomic
def save_private_note(meeting: Meeting, author: User, text: str, *, version: int) -> PrivateNote:
    """Save one's own notes of a meeting (the same version check as shared notes)."""
    note, _created = PrivateNote.objects.get_or_create(meeting=meeting, author=author)
    _valid(PrivateNote(meeting=meeting, author=author), text)
    saved = PrivateNote.objects.filter(pk=note.pk, version=version).update(
        text=text, version=F("version") + 1, updated_at=timezone.now()
    )
    note.refresh_from_db()
    if not saved:
        raise StaleEditError(_stale(), current=note.text, version=note.version)
    return note


@transaction.atomic
def add_action_item(
    meeting: Meeting,
    *,
    kind: str,
    text: str,
    who: Application | None,
    due_on: dt.date | None,
    by: User,
) -> ActionItem:
    """Record a decision or a to-do of the meeting, with who and when."""
    if who is not None and not meeting.group.placements.filter(application=who).exists():
        raise MeetingError(_("Choose someone in the group."))
    item = ActionItem(
        meeting=meeting, kind=kind, text=" ".join(text.split()), who=who, due_on=due_on
    )
    item.created_by = by
    try:
        item.full_clean()
    except ValidationError as exc:
        raise MeetingError(" ".join(exc.messages)) from exc
    item.save()
    return item


@transaction.atomic
def set_action_done(item: ActionItem, *, done: bool) -> ActionItem:
    """Tick a to-do off (or back on)."""
    item.done_at = timezone.now() if done else None
    item.save(update_fields=["done_at"])
    return item


@transaction.atomic
def remove_action_item(item: ActionItem) -> None:
    """Take a decision or to-do off the list (written by mistake)."""
    item.delete()
