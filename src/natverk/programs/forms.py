"""Forms of the program pages: the program itself and the public application."""

from __future__ import annotations

import functools
from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from natverk.accounts.languages import MEETING_LANGUAGES, split_codes
from natverk.accounts.models import Profile, User
from natverk.programs.forms_space import SHARE_CHOICES
from natverk.programs.models import Program
from natverk.schedule import DAY_PARTS, SLOTS, WEEKDAYS, slot_label
from natverk.site.form_fields import initial_digest
from natverk.site.widgets import FastSelectMultiple, ReadyChoices
from natverk.taxonomy import industries, occupations, regions

#: The meeting times offered on the application form (the leader's usual choices).
OFFERED_SLOTS = [
    f"{day}-{part}" for day in WEEKDAYS[:5] for part in DAY_PARTS if part != "afternoon"
]


@functools.cache
def profession_choices(lang: str) -> list[tuple[str, str]]:
    """ISCO-08 unit groups as (code, label) in ``lang``, by label."""
    return [(o.code, o.label(lang)) for o in sorted(occupations(4), key=lambda o: o.label(lang))]


class ProgramForm(forms.ModelForm[Program]):
    """Create or edit a program: title, theme, group size and meeting plan."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Meetings are planned from this date: a program without it cannot be published.
        self.fields["first_meeting_on"].required = True
        lang = get_language() or "sv"
        self.fields["audience_professions"] = forms.MultipleChoiceField(
            label=_("Professions it is for"),
            help_text=_("The catalogue's visitors filter by these."),
            required=False,
            choices=ReadyChoices(profession_choices(lang)),
            widget=FastSelectMultiple(attrs={"size": 6}),
        )
        if not self.is_bound:
            self.initial["audience_professions"] = self.instance.profession_codes
        self.fields["language"].required = False  # Swedish unless chosen

    def clean_language(self) -> str:
        """The meetings' language (Swedish when none was chosen)."""
        return str(self.cleaned_data.get("language") or "sv")

    def clean_audience_professions(self) -> str:
        """The picked professions as the program stores them ("2432, 2431")."""
        return ", ".join(self.cleaned_data["audience_professions"])

    def cache_digest(self) -> str:
        """What the unbound fields show: the initial values (natverk.site.form_fields)."""
        return initial_digest(self)

    class Meta:
        model = Program
        fields = (
            "title",
            "theme",
            "description",
            "group_min",
            "group_max",
            "meeting_count",
            "meeting_minutes",
            "span_weeks",
            "format",
            "first_meeting_on",
            "skip_summer",
            "even_sizes",
            "different_employer",
            "different_industry",
            "contact_email",
            "purpose",
            "audience",
            "audience_professions",
            "language",
            "place",
            "fee_text",
            "capacity",
            "application_deadline",
            "listed",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "first_meeting_on": forms.DateInput(attrs={"type": "date"}),
            "application_deadline": forms.DateInput(attrs={"type": "date"}),
        }


def _choices(form: forms.Form, name: str) -> forms.ChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    return field


class ApplicationForm(forms.Form):
    """The public application: who you are, what you hope for and offer, and when."""

    name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    # Matching depends on both: similar professions, different industries.
    profession = forms.ChoiceField(label=_("Profession"))
    industry = forms.ChoiceField(label=_("Industry"))
    employer = forms.CharField(label=_("Employer"), max_length=200, required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)
    seniority = forms.ChoiceField(
        label=_("Seniority"), required=False, choices=[("", "—"), *Profile.SENIORITY_CHOICES]
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you can meet in"),
        choices=MEETING_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        initial=["sv"],
    )
    hopes = forms.CharField(
        label=_("What do you hope to get from the network?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    offers = forms.CharField(
        label=_("What can you contribute?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
    goal_1 = forms.CharField(
        label=_("Your first goal for taking part"),
        help_text=_(
            "Up to three goals, one sentence each: what do you want to have achieved when "
            "the program ends? You will see them during the program."
        ),
        max_length=300,
        required=False,
    )
    goal_2 = forms.CharField(label=_("A second goal (optional)"), max_length=300, required=False)
    goal_3 = forms.CharField(label=_("A third goal (optional)"), max_length=300, required=False)
    availability = forms.MultipleChoiceField(
        label=_("When can you meet?"), widget=forms.CheckboxSelectMultiple, required=False
    )
    share = forms.MultipleChoiceField(
        label=_("Share with my group once groups are published (you can change it any time)"),
        choices=SHARE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(
        self, *args: Any, program: Program, user: User | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            del self.fields["email"]  # a logged-in person applies with their own address
            self._prefill(user)
        lang = get_language() or "sv"
        blank = [("", "—")]
        _choices(self, "profession").choices = blank + [
            (o.code, o.label(lang)) for o in sorted(occupations(4), key=lambda o: o.label(lang))
        ]
        _choices(self, "industry").choices = blank + [
            (i.code, i.label(lang)) for i in industries(2)
        ]
        _choices(self, "region").choices = blank + [(r.code, r.label(lang)) for r in regions()]
        _choices(self, "availability").choices = [
            (s, slot_label(s, lang).capitalize()) for s in OFFERED_SLOTS if s in SLOTS
        ]
        self.questions = list(program.questions.all())
        for question in self.questions:
            self.fields[f"q_{question.pk}"] = forms.CharField(
                label=question.text,
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def _prefill(self, user: User) -> None:
        """Start from the person's profile (every application is pre-filled from it)."""
        self.initial["name"] = user.name
        profile = Profile.objects.filter(user=user).first()
        if profile is None:
            return
        for name in ("profession", "industry", "employer", "region", "seniority"):
            if getattr(profile, name):
                self.initial[name] = getattr(profile, name)
        if profile.industry and len(profile.industry) > 2:
            self.initial["industry"] = profile.industry[:2]  # the form offers divisions
        if codes := split_codes(profile.languages):
            self.initial["languages"] = codes

    def prefill_goals(self, texts: list[str]) -> None:
        """Show the goals of the person's own application when they change it."""
        for number, text in enumerate(texts[:3], start=1):
            self.initial[f"goal_{number}"] = text

    def shares(self) -> list[str]:
        """The contact details the applicant shares with their group."""
        return list(self.cleaned_data.get("share", []))

    def answers(self) -> dict[str, object]:
        """Cleaned answers as the fields of an Application."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": self.user.email if self.user is not None else data["email"],
            "profession": data["profession"],
            "industry": data["industry"],
            "employer": data["employer"],
            "region": data["region"],
            "seniority": data["seniority"],
            "languages": ", ".join(data["languages"]),
            "hopes": data["hopes"],
            "offers": data["offers"],
            "availability": ",".join(data["availability"]),
            "answers": {str(q.pk): data.get(f"q_{q.pk}", "") for q in self.questions},
            "goals": [data[f"goal_{n}"] for n in (1, 2, 3) if data.get(f"goal_{n}", "").strip()],
        }


class NoteForm(forms.Form):
    """A pre-interview note."""

    text = forms.CharField(
        label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )
