"""Forms of the accounts pages."""

from __future__ import annotations

import functools
import io
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from natverk.accounts import mail
from natverk.accounts.actions import NewPassword
from natverk.accounts.fields import normalise_email
from natverk.accounts.languages import MEETING_LANGUAGES, split_codes
from natverk.accounts.models import Profile, Role, User
from natverk.accounts.models.profile import validate_linkedin
from natverk.formats.invitees import MAX_INVITEES, InviteeList, read_invitees, rows_to_text
from natverk.site.form_fields import initial_digest
from natverk.site.widgets import FastSelect, ReadyChoices
from natverk.taxonomy import industries, industry, occupations, regions


class EmailAuthenticationForm(AuthenticationForm):
    """Login with e-mail (in any letter case) and password."""

    username = forms.EmailField(
        label=_("E-mail"),
        # As long as a stored address may be: a longer one never reaches authentication
        # (and the login-attempt log, whose username column holds 255 characters).
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )

    def clean_username(self) -> str:
        """Addresses are stored in lower case; so is what people type."""
        return normalise_email(self.cleaned_data["username"])


@functools.cache
def _choices(lang: str) -> tuple[list[tuple[str, str]], ...]:
    """Professions, industries and regions as (code, label) in ``lang`` (made once)."""
    return (
        [(o.code, f"{o.label(lang)} ({o.code})") for o in occupations(4)],
        [(i.code, f"{i.code} {i.label(lang)}") for i in industries(2)],
        [(r.code, r.label(lang)) for r in regions()],
    )


class ProfileForm(forms.ModelForm[Profile]):
    """A member's own profile, with professions, industries and regions in their language."""

    linkedin_url = forms.URLField(
        label=_("LinkedIn"), required=False, assume_scheme="https", validators=[validate_linkedin]
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages you can meet in"),
        choices=MEETING_LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def cache_digest(self) -> str:
        """What the unbound fields show: the initial values (natverk.site.form_fields)."""
        return initial_digest(self)

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
            "phone",
        )
        widgets = {
            "bio": forms.Textarea(attrs={"rows": 4}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lang = get_language() or "sv"
        blank = [("", "—")]
        professions, industry_choices, region_choices = _choices(lang)
        self.fields["profession"].widget = FastSelect(choices=ReadyChoices(blank + professions))
        current = self.instance.industry if self.instance else ""
        if current and current not in dict(industry_choices):
            current_choice = (current, f"{current} {industry(current).label(lang)}")
            industry_choices = [current_choice, *industry_choices]
        self.fields["industry"].widget = FastSelect(choices=ReadyChoices(blank + industry_choices))
        self.fields["region"].widget = FastSelect(choices=ReadyChoices(blank + region_choices))
        if self.instance and not self.is_bound:
            self.initial["languages"] = split_codes(self.instance.languages)

    def clean_languages(self) -> str:
        """The picked languages as the profile stores them ("sv, en")."""
        return ", ".join(self.cleaned_data["languages"])


class NewPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Name and a new password (twice), checked by Django's password validators."""

    name = forms.CharField(label=_("Your name"), max_length=150)
    field_order = ("name", "new_password1", "new_password2")

    def __init__(self, user: User, *args: Any, ask_name: bool = True, **kwargs: Any) -> None:
        super().__init__(user, *args, **kwargs)
        self.fields["new_password1"].widget.attrs["autocomplete"] = "new-password"
        if ask_name:
            self.fields["name"].initial = user.name
        else:
            del self.fields["name"]

    def chosen(self) -> NewPassword:
        """The name and password chosen (call after ``is_valid()``)."""
        return NewPassword(self.cleaned_data["name"], self.cleaned_data["new_password1"])


class OutboxPasswordResetForm(PasswordResetForm):
    """Django's reset form, sending through the outbox in the person's language.

    People imported without a password get the link too (it is how they set their
    first one); the page after the form reads the same whether an account exists.
    """

    def get_users(self, email: str) -> Any:
        """Active accounts with this address, password or not."""
        return User.objects.filter(email=normalise_email(email), is_active=True)

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        """Queue the reset mail in the outbox (never sent directly)."""
        user = context["user"]
        path = reverse(
            "accounts:password_reset_confirm",
            kwargs={"uidb64": context["uid"], "token": context["token"]},
        )
        url = f"{context['protocol']}://{context['domain']}{path}"
        mail.send(
            "registration/mail/password_reset",
            {"user": user, "url": url, "hours": settings.PASSWORD_RESET_TIMEOUT // 3600},
            to=to_email,
            language=user.preferred_language,
            kind="natverk.accounts.password_reset",
            user_id=user.pk,
        )


class EmailChangeForm(forms.Form):
    """A new address, and the current password when the account has one."""

    email = forms.EmailField(label=_("New e-mail address"), max_length=254)
    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        """The current password must be right."""
        password = str(self.cleaned_data.get("password", ""))
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your current password."))
        return password

    def clean_email(self) -> str:
        """Stored in lower case."""
        return normalise_email(self.cleaned_data["email"])


class InviteForm(forms.Form):
    """A list of people to invite, pasted or uploaded, with their role and language."""

    people = forms.CharField(
        label=_("E-mail addresses with names, one person per line"),
        widget=forms.Textarea(
            attrs={
                "rows": 6,
                "placeholder": "Anna Berg <anna.berg@example.org>\nbo.ek@example.org, Bo Ek, da",
            }
        ),
        required=False,
        max_length=100_000,
    )
    upload = forms.FileField(
        label=_("…or upload a list (CSV or Excel)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )
    role = forms.ChoiceField(label=_("Invite as"), choices=Role.choices, initial=Role.MEMBER)
    language = forms.ChoiceField(
        label=_("Language of the e-mail (unless the line gives one)"),
        choices=settings.LANGUAGES,
    )

    def __init__(self, *args: Any, roles: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        role = self.fields["role"]
        assert isinstance(role, forms.ChoiceField)
        role.choices = [(value, label) for value, label in Role.choices if value in roles]
        if len(roles) == 1:
            role.widget = forms.HiddenInput()
        self.fields["language"].initial = get_language() or "sv"
        self.invitees = InviteeList((), ())

    def clean(self) -> dict[str, Any]:
        """Read the pasted and uploaded people; any unreadable line stops the whole list."""
        data = super().clean() or {}
        text = str(data.get("people") or "")
        upload = data.get("upload")
        if upload is not None:
            text += "\n" + _upload_text(upload)
        self.invitees = read_invitees(text)
        for number, line in self.invitees.problems[:10]:
            self.add_error(
                None,
                _("Line %(n)d has no single e-mail address: “%(line)s”.")
                % {"n": number, "line": line},
            )
        if not self.invitees.problems and not self.invitees.people:
            self.add_error("people", _("Give at least one e-mail address."))
        if len(self.invitees.people) > MAX_INVITEES:
            self.add_error("people", _("At most %(n)d people per list.") % {"n": MAX_INVITEES})
        return data


def _upload_text(upload: Any) -> str:
    """The text of an uploaded CSV, text or Excel file; a sentence when it cannot be read."""
    if upload.size > settings.NATVERK_MAX_IMPORT_BYTES:
        raise forms.ValidationError(_("The file is too large."))
    data = upload.read()
    if str(upload.name).lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            return rows_to_text([list(row) for row in sheet.iter_rows(values_only=True)])
        except Exception as exc:  # openpyxl raises many kinds for a broken file
            raise forms.ValidationError(_("The Excel file could not be read.")) from exc
    try:
        return str(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return str(data.decode("cp1252", errors="replace"))


class MemberSearchForm(forms.Form):
    """Search the members list by name or address, and filter by role."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices]
    )
