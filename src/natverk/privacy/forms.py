"""Forms of the privacy pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import User
from natverk.privacy.consent import months_for
from natverk.privacy.models import DataRequest, PrivacySettings
from natverk.privacy.registry import retention_rules


class SettingsForm(forms.ModelForm[PrivacySettings]):
    """Who is responsible, the organisation's own words, and months per retention rule."""

    class Meta:
        model = PrivacySettings
        fields = ("controller_name", "controller_contact", "notice_extra", "retention_paused")
        widgets = {"notice_extra": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        months = months_for(self.instance)
        self.rules = retention_rules()
        for number, rule in enumerate(self.rules):
            self.fields[f"months_{number}"] = forms.IntegerField(
                label=rule.label,
                help_text=_("months") + " " + str(rule.after),
                min_value=1,
                max_value=240,
                initial=months[rule.name],
            )

    def values(self) -> dict[str, object]:
        """The cleaned settings as the fields of PrivacySettings."""
        data = self.cleaned_data
        return {
            "controller_name": data["controller_name"],
            "controller_contact": data["controller_contact"],
            "notice_extra": data["notice_extra"],
            "retention_paused": data["retention_paused"],
            "retention": {
                rule.name: data[f"months_{number}"] for number, rule in enumerate(self.rules)
            },
        }


class DeleteAccountForm(forms.Form):
    """Deleting an account asks for the password and a tick, so it is never an accident."""

    password = forms.CharField(label=_("Your password"), widget=forms.PasswordInput)
    confirm = forms.BooleanField(
        label=_("I understand that my account and my data will be erased and cannot be restored.")
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("The password is not right."))
        return password


class PersonRequestForm(forms.Form):
    """An administrator records a request received by mail."""

    email = forms.EmailField(label=_("The person's e-mail address"))
    kind = forms.ChoiceField(
        label=_("They ask for"),
        choices=[
            (DataRequest.Kind.EXPORT, _("a copy of their data")),
            (DataRequest.Kind.ERASE, _("erasure of their data")),
        ],
    )


ACTIONS = [
    ("", _("All actions")),
    ("natverk.program.note", _("Pre-interview notes")),
    ("natverk.privacy.person", _("Exports and erasures")),
    ("natverk.accounts.admin.login", _("Administrators' logins")),
    ("natverk.privacy.", _("Privacy settings and retention")),
]


class AuditSearchForm(forms.Form):
    """Search the audit log by person, kind of action and dates."""

    q = forms.CharField(label=_("Person (name or e-mail)"), required=False, max_length=200)
    action = forms.ChoiceField(label=_("Action"), choices=ACTIONS, required=False)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
