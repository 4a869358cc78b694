"""Forms of the contact pages: a contact's card, triage, follow-ups, the log, imports."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from natverk.contacts.models import Contact, Interaction
from natverk.formats.contacts_base import ContactRecord, clean_email, max_import_bytes

CADENCES = [
    ("", _("No regular follow-up")),
    ("14", _("Every two weeks")),
    ("30", _("Every month")),
    ("60", _("Every two months")),
    ("90", _("Every three months")),
    ("180", _("Every six months")),
    ("365", _("Every year")),
]
SNOOZES = [("7", _("A week")), ("30", _("A month")), ("90", _("Three months"))]
DECISIONS = [
    (Contact.Status.DEVELOP, _("Develop")),
    (Contact.Status.KEEP_WARM, _("Keep warm")),
    (Contact.Status.WIND_DOWN, _("Wind down")),
    (Contact.Status.NOT_NOW, _("Not now")),
]


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.replace(",", "\n").splitlines() if line.strip()]


class DateInput(forms.DateInput):
    """A date picker (the browser's own)."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ContactForm(forms.Form):
    """A contact's card, as the member edits it."""

    name = forms.CharField(label=_("Name"), max_length=200)
    given_name = forms.CharField(label=_("Given name"), max_length=200, required=False)
    family_name = forms.CharField(label=_("Family name"), max_length=200, required=False)
    company = forms.CharField(label=_("Company"), max_length=300, required=False)
    title = forms.CharField(label=_("Job title"), max_length=300, required=False)
    emails = forms.CharField(
        label=_("E-mail addresses"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    phones = forms.CharField(
        label=_("Phone numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One per line."),
    )
    linkedin_url = forms.CharField(label=_("LinkedIn"), max_length=500, required=False)
    websites = forms.CharField(
        label=_("Websites"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    met_on = forms.DateField(label=_("Met on"), required=False, widget=DateInput())
    how_we_met = forms.CharField(label=_("How we met"), max_length=300, required=False)
    birthday = forms.DateField(label=_("Birthday"), required=False, widget=DateInput())
    tags = forms.CharField(
        label=_("Tags"), max_length=500, required=False, help_text=_("Separate with commas.")
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=10_000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def clean_emails(self) -> list[str]:
        """Every line must be an e-mail address."""
        values = _lines(self.cleaned_data["emails"])
        bad = [v for v in values if not clean_email(v)]
        if bad:
            raise forms.ValidationError(
                _("%(value)s is not an e-mail address."), params={"value": bad[0][:80]}
            )
        return values

    def record(self) -> ContactRecord:
        """The card as a record (cleaned by the formats package when saved)."""
        data = self.cleaned_data
        return ContactRecord(
            name=data["name"],
            given_name=data["given_name"],
            family_name=data["family_name"],
            emails=tuple(data["emails"]),
            phones=tuple(_lines(data["phones"].replace(",", "\n"))),
            company=data["company"],
            title=data["title"],
            linkedin_url=data["linkedin_url"],
            websites=tuple(_lines(data["websites"])),
            birthday=data["birthday"],
            met_on=data["met_on"],
            how_we_met=data["how_we_met"],
            notes=data["notes"],
            tags=tuple(t.strip() for t in data["tags"].split(",") if t.strip()),
        )

    @staticmethod
    def initial_for(contact: Contact) -> dict[str, Any]:
        """The form's values for an existing contact."""
        return {
            **{
                name: getattr(contact, name)
                for name in (
                    "name",
                    "given_name",
                    "family_name",
                    "company",
                    "title",
                    "linkedin_url",
                    "met_on",
                    "how_we_met",
                    "birthday",
                    "notes",
                )
            },
            "emails": "\n".join(contact.emails),
            "phones": "\n".join(contact.phones),
            "websites": "\n".join(contact.websites),
            "tags": ", ".join(t.name for t in contact.tags.all()),
        }


class TriageForm(forms.Form):
    """One card of the pile: what to do, the next step, when, and why."""

    status = forms.ChoiceField(label=_("What now?"), choices=DECISIONS, widget=forms.RadioSelect)
    next_step = forms.CharField(
        label=_("Next step"),
        max_length=300,
        required=False,
        help_text=_("What to send or ask, e.g. 'send the report we talked about'."),
    )
    follow_up_on = forms.DateField(
        label=_("Follow up on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty for the usual rhythm of your choice."),
    )
    reason = forms.CharField(label=_("Why (optional)"), max_length=300, required=False)


class FollowUpForm(forms.Form):
    """How often to follow up, when next, the next step and how strong the relation is."""

    cadence = forms.ChoiceField(label=_("Follow up"), choices=CADENCES, required=False)
    next_follow_up = forms.DateField(label=_("Next follow-up"), required=False, widget=DateInput())
    next_step = forms.CharField(label=_("Next step"), max_length=300, required=False)
    strength = forms.TypedChoiceField(
        label=_("Strength"), choices=Contact.Strength.choices, coerce=int, initial=0
    )


class LogForm(forms.Form):
    """Something that happened with a contact, and whether I gave or got."""

    kind = forms.ChoiceField(label=_("What"), choices=Interaction.Kind.choices)
    flow = forms.ChoiceField(
        label=_("Give and take"), choices=Interaction.Flow.choices, required=False
    )
    on = forms.DateField(label=_("When"), widget=DateInput())
    note = forms.CharField(
        label=_("Note"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class SnoozeForm(forms.Form):
    """Put a follow-up off."""

    days = forms.TypedChoiceField(label=_("Snooze for"), choices=SNOOZES, coerce=int)


class ImportForm(forms.Form):
    """A contact file to import."""

    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "vCard (.vcf), LinkedIn Connections.csv (or the whole ZIP), or a contacts CSV."
        ),
    )

    def clean_file(self) -> Any:
        """Refuse a file larger than the import limit before reading it."""
        upload = self.cleaned_data["file"]
        limit = max_import_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s bytes, the most natverk imports."),
                params={"limit": limit},
            )
        return upload


class FilterForm(forms.Form):
    """What the contact list shows."""

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("What to do"), required=False, choices=[("", _("All")), *Contact.Status.choices]
    )
    strength = forms.ChoiceField(
        label=_("Strength"), required=False, choices=[("", _("All")), *Contact.Strength.choices]
    )
    company = forms.CharField(label=_("Company"), required=False, max_length=200)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=40)
    due = forms.ChoiceField(
        label=_("Due"),
        required=False,
        choices=[("", _("All")), ("now", _("Due now")), ("week", _("Due within a week"))],
    )


class SettingsForm(forms.Form):
    """The member's contact settings."""

    weekly_digest = forms.BooleanField(
        label=_("A weekly e-mail with the contacts that are due"), required=False
    )
