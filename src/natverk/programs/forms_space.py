"""Forms of the group's own space: board posts, sharing, e-mail settings, pause/leave."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from natverk.programs.models import Participation

SHARE_CHOICES = [
    ("email", _("my e-mail address")),
    ("phone", _("my telephone number")),
    ("linkedin", _("my LinkedIn profile")),
]


class PostForm(forms.Form):
    """A post or a reply on the group board."""

    text = forms.CharField(
        label=_("Message"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write something first.")},
    )


class SharingForm(forms.Form):
    """Which contact details the group sees, chosen per field."""

    share = forms.MultipleChoiceField(
        label=_("Share with my group"),
        choices=SHARE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    @classmethod
    def for_participation(cls, participation: Participation, data: Any = None) -> SharingForm:
        """The form with the member's current choices."""
        initial = [
            name
            for name, chosen in (
                ("email", participation.share_email),
                ("phone", participation.share_phone),
                ("linkedin", participation.share_linkedin),
            )
            if chosen
        ]
        return cls(data, initial={"share": initial})


class NotificationForm(forms.Form):
    """E-mails about new posts, and meeting reminders."""

    notify = forms.ChoiceField(
        label=_("E-mails about new posts"), choices=Participation.Notify.choices
    )
    reminders = forms.BooleanField(
        label=_("Meeting reminders by e-mail (a day before)"), required=False
    )


class ReasonForm(forms.Form):
    """An optional reason for pausing or leaving."""

    reason = forms.CharField(
        label=_("Reason (optional, the leader sees it)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
