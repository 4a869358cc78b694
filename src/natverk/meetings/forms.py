"""Forms of the meeting pages."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from natverk.core.validators import no_nul, plausible_date, single_line
from natverk.meetings.agenda import Block
from natverk.meetings.models import ActionItem, Attendance, BlockKind, Meeting
from natverk.meetings.models.notes import NOTES_LENGTH
from natverk.programs.models import Application


class MoveMeetingForm(forms.Form):
    """A new date and start time for a meeting (its length stays)."""

    date = forms.DateField(
        label=_l("Date"),
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[plausible_date],
    )
    time = forms.TimeField(label=_l("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}))


class PublishForm(forms.Form):
    """The number of e-mails the leader saw and confirmed."""

    expected = forms.IntegerField(min_value=0, max_value=1_000_000)


class FormatForm(forms.Form):
    """How a meeting is held: digital with a video link, in person with a place, hybrid."""

    format = forms.ChoiceField(
        label=_l("Format"),
        choices=[("", _l("As the program")), *Meeting.Format.choices],
        required=False,
    )
    place = forms.CharField(
        label=_l("Place"), max_length=200, required=False, validators=[single_line]
    )
    video_url = forms.URLField(
        label=_l("Video link for this meeting"), required=False, assume_scheme="https"
    )


class ThemeForm(forms.Form):
    """A meeting's theme (the leader's, or a proposal)."""

    theme = forms.CharField(
        label=_l("Theme"), max_length=200, required=False, validators=[single_line]
    )


class QuestionForm(forms.Form):
    """A question for the parking lot."""

    text = forms.CharField(
        label=_l("Your question"),
        max_length=500,
        validators=[no_nul],
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )


class AnswerForm(forms.Form):
    """The short answer that resolves a parked question."""

    answer = forms.CharField(label=_l("Answer"), max_length=1000, validators=[no_nul])


class NotesForm(forms.Form):
    """Notes (shared or private) and the version they were written on."""

    text = forms.CharField(
        label=_l("Notes"),
        max_length=NOTES_LENGTH,
        required=False,
        validators=[no_nul],
        widget=forms.Textarea(attrs={"rows": 10}),
        strip=False,
    )
    version = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


class AttendanceForm(forms.Form):
    """One tap: a member's attendance."""

    application = forms.IntegerField(min_value=1)
    status = forms.ChoiceField(choices=Attendance.Status.choices)


class TurnForm(forms.Form):
    """The opening-round speaker the moderator's screen showed (empty: nobody)."""

    shown = forms.IntegerField(min_value=1, required=False)
    application = forms.IntegerField(min_value=1, required=False)


class BlockForm(forms.Form):
    """The agenda block the moderator's screen showed."""

    shown = forms.IntegerField(min_value=0)


class ActionItemForm(forms.Form):
    """A decision or a to-do, with who and when."""

    kind = forms.ChoiceField(label=_l("Kind"), choices=ActionItem.Kind.choices)
    text = forms.CharField(label=_l("What"), max_length=300, validators=[single_line])
    who = forms.TypedChoiceField(label=_l("Who"), coerce=int, required=False, empty_value=None)
    due_on = forms.DateField(
        label=_l("When"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        validators=[plausible_date],
    )

    def __init__(self, *args: Any, members: Sequence[Application] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["who"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = [("", "—")] + [(a.pk, a.name) for a in members]


class TemplateForm(forms.Form):
    """The name of a new agenda template."""

    name = forms.CharField(label=_l("Name"), max_length=100, validators=[single_line])


def parse_blocks(data: QueryDict) -> tuple[list[Block], list[str]]:
    """The agenda rows of a posted form: kind, title, minutes and place per row (rows are
    ordered by the place the person gave; a row with no minutes is dropped: that is how
    a block is removed). Returns the blocks and the problems, in words."""
    kinds, titles, minutes = data.getlist("kind"), data.getlist("title"), data.getlist("minutes")
    places = data.getlist("position")
    given = list(zip(kinds, titles, minutes, strict=False))
    order = sorted(range(len(given)), key=lambda i: (_place(places, i), i))
    rows = [given[i] for i in order]
    blocks: list[Block] = []
    problems: list[str] = []
    for n, (kind, title, length) in enumerate(rows, 1):
        if not length.strip():
            continue
        if kind not in BlockKind.values:
            problems.append(_("Block %(n)d: choose what the block is for.") % {"n": n})
            continue
        try:
            value = int(length)
        except ValueError:
            problems.append(_("Block %(n)d: give the minutes as a number.") % {"n": n})
            continue
        if value == 0:
            continue
        blocks.append(Block(kind, value, " ".join(title.split())))
    return blocks, problems


def _place(places: Sequence[str], index: int) -> float:
    try:
        return float(places[index])
    except (IndexError, ValueError):
        return float(index + 1)


def posted_version(data: QueryDict) -> int | None:
    """The version an edit was made on, or None when missing."""
    try:
        return max(0, int(data.get("version", "")))
    except ValueError:
        return None
