"""Forms of the meeting pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from natverk.core.validators import plausible_date


class MoveMeetingForm(forms.Form):
    """A new date and start time for a meeting (its length stays)."""

    date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}), validators=[plausible_date]
    )
    time = forms.TimeField(label=_("Starts at"), widget=forms.TimeInput(attrs={"type": "time"}))


class PublishForm(forms.Form):
    """The number of e-mails the leader saw and confirmed."""

    expected = forms.IntegerField(min_value=0, max_value=1_000_000)
