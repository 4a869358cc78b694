"""Forms of the accounts pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from natverk.accounts.models import Profile
from natverk.accounts.models.profile import validate_linkedin
from natverk.site.widgets import FastSelect
from natverk.taxonomy import industries, industry, occupations, regions


class EmailAuthenticationForm(AuthenticationForm):
    """Login with e-mail and password."""

    username = forms.EmailField(
        label=_("E-mail"),
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )


class ProfileForm(forms.ModelForm[Profile]):
    """A member's own profile, with professions, industries and regions in their language."""

    linkedin_url = forms.URLField(
        label=_("LinkedIn"), required=False, assume_scheme="https", validators=[validate_linkedin]
    )

    class Meta:
        model = Profile
        fields = (
            "profession",
            "industry",
            "employer",
            "department",
            "region",
            "seniority",
            "languages",
            "bio",
            "linkedin_url",
        )
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = get_language() or "sv"
        blank = [("", "—")]
        self.fields["profession"].widget = FastSelect(
            choices=blank + [(o.code, f"{o.label(lang)} ({o.code})") for o in occupations(4)]
        )
        industry_choices = [(i.code, f"{i.code} {i.label(lang)}") for i in industries(2)]
        current = self.instance.industry if self.instance else ""
        if current and current not in dict(industry_choices):
            industry_choices.insert(0, (current, f"{current} {industry(current).label(lang)}"))
        self.fields["industry"].widget = FastSelect(choices=blank + industry_choices)
        self.fields["region"].widget = FastSelect(
            choices=blank + [(r.code, r.label(lang)) for r in regions()]
        )
