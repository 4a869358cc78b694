"""Forms of colleague pairing: the program, the HR list, joining and one's own wishes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from natverk.pairing.models import PairingProgram, Participant

LANGUAGE_CHOICES = [("sv", "Svenska"), ("da", "Dansk"), ("nb", "Norsk"), ("en", "English")]


class NamesField(forms.CharField):
    """Names separated by commas (departments, locations) as a list."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        text = super().to_python(value)
        return list(dict.fromkeys(v.strip() for v in str(text).split(",") if v.strip()))


class ProgramForm(forms.ModelForm[PairingProgram]):
    """Set up or change a pairing program."""

    departments = NamesField(
        label=_("Departments"),
        required=False,
        help_text=_("When chosen departments take part: their names, separated by commas."),
    )
    locations = NamesField(
        label=_("Locations"),
        required=False,
        help_text=_("When chosen locations take part: their names, separated by commas."),
    )

    class Meta:
        model = PairingProgram
        fields = (
            "title",
            "scope",
            "departments",
            "locations",
            "cadence",
            "size",
            "format",
            "across_departments",
            "newcomers_first",
            "common_language",
            "first_round_on",
            "meeting_time",
            "meeting_minutes",
            "active",
        )
        widgets = {
            "first_round_on": forms.DateInput(attrs={"type": "date"}),
            "meeting_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }


class ImportForm(forms.Form):
    """The HR export to import (CSV or XLSX)."""

    file = forms.FileField(
        label=_("Employee list (CSV or XLSX)"),
        help_text=_(
            "Columns: name, e-mail, department, location, start date (role and "
            "languages if you have them); headers in Swedish, Danish or English."
        ),
    )
    complete = forms.BooleanField(
        label=_("This is everyone: people not on the list have left and leave the program"),
        required=False,
        help_text=_("Leave it unticked when the file holds only some of the employees."),
    )


class JoinForm(forms.Form):
    """Join a program from its link."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("Work e-mail"))
    department = forms.CharField(label=_("Department"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages you can talk in"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    language = forms.ChoiceField(label=_("E-mails in"), choices=settings.LANGUAGES)

    def clean_languages(self) -> str:
        """Stored as codes separated by commas."""
        return ", ".join(self.cleaned_data.get("languages") or [])


class WishesForm(forms.ModelForm[Participant]):
    """What the person tells their colleagues, and the departments they are curious about."""

    curious = forms.MultipleChoiceField(
        label=_("Departments I am curious about"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The pairing honours this where it can."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages I can talk in"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Participant
        fields = ("role", "location", "offers", "hopes", "curious", "languages", "language")
        widgets = {
            "offers": forms.Textarea(attrs={"rows": 2}),
            "hopes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(
        self, *args: Any, departments: list[str], locations: Sequence[str] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        curious = self.fields["curious"]
        assert isinstance(curious, forms.MultipleChoiceField)
        curious.choices = [(d, d) for d in departments]
        if locations:  # the program's places as HR writes them (in-person meetups match on them)
            self.fields["location"] = forms.ChoiceField(
                label=_("Where I work"),
                choices=[("", "–"), *((place, place) for place in locations)],
                required=False,
            )
        self.initial["languages"] = sorted(self.instance.language_codes)

    def clean_languages(self) -> str:
        """Stored as codes separated by commas."""
        return ", ".join(self.cleaned_data.get("languages") or [])
