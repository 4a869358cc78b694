"""Forms of the live app: polls, events, registration, room rules, transcripts."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from natverk.live.models import Event, Poll
from natverk.live.models.events import LANGUAGES
from natverk.live.people import Person

SPOKEN = (("sv", "svenska"), ("da", "dansk"), ("no", "norsk"), ("en", "English"))


class PollForm(forms.Form):
    """A poll prepared before the meeting or made on the spot."""

    question = forms.CharField(label=_("Question"), max_length=300)
    kind = forms.ChoiceField(label=_("Answers"), choices=Poll.Kind.choices)
    options = forms.CharField(
        label=_("Choices, one per line"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=1300,
    )
    anonymous = forms.BooleanField(label=_("Anonymous"), required=False, initial=True)
    open_now = forms.BooleanField(label=_("Open it now"), required=False)

    def option_list(self) -> list[str]:
        """The choices typed, one per line."""
        return [line for line in self.cleaned_data.get("options", "").splitlines() if line.strip()]


class EventForm(forms.ModelForm):  # type: ignore[type-arg]
    """An event's details."""

    video_url = forms.URLField(label=_("Video link"), required=False, assume_scheme="https")

    class Meta:
        model = Event
        fields = (
            "theme",
            "speaker",
            "description",
            "series",
            "starts_at",
            "ends_at",
            "capacity",
            "video_url",
        )
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "ends_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            ),
            "description": forms.Textarea(attrs={"rows": 4}),
        }


class RegistrationForm(forms.Form):
    """Name and address of someone registering (a logged-in person's are filled in)."""

    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"))
    language = forms.ChoiceField(label=_("Language of our mails"), choices=LANGUAGES)
    languages = forms.MultipleChoiceField(
        label=_("Languages you can talk in"),
        choices=SPOKEN,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class RoomRulesForm(forms.Form):
    """Room sizes, who is present and who facilitates, pairs kept apart, rounds."""

    rounds = forms.IntegerField(label=_("Rounds"), min_value=1, max_value=12, initial=3)
    size_min = forms.IntegerField(label=_("Smallest room"), min_value=2, max_value=16, initial=2)
    size_max = forms.IntegerField(label=_("Largest room"), min_value=2, max_value=16, initial=5)
    present = forms.TypedMultipleChoiceField(
        label=_("Present"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    facilitators = forms.TypedMultipleChoiceField(
        label=_("Facilitators"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    apart_a = forms.TypedChoiceField(
        label=_("Keep apart"), coerce=int, required=False, empty_value=None
    )
    apart_b = forms.TypedChoiceField(label=_("and"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(p.key, p.name) for p in people]
        for name in ("present", "facilitators"):
            self.fields[name].choices = choices  # type: ignore[attr-defined]
        for name in ("apart_a", "apart_b"):
            self.fields[name].choices = [("", "—"), *choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        """The smallest room is no larger than the largest."""
        data = super().clean() or {}
        if data.get("size_min") and data.get("size_max") and data["size_min"] > data["size_max"]:
            raise forms.ValidationError(_("The smallest room cannot be larger than the largest."))
        return data


class TranscriptForm(forms.Form):
    """A WebVTT transcript downloaded from Zoom or Teams."""

    file = forms.FileField(label=_("Transcript (.vtt)"))
