"""What a member tells about themselves: profession, industry, employer and more."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from natverk.accounts.languages import validate_language_codes
from natverk.taxonomy import UnknownCodeError, industry, occupation, region

_PHONE = re.compile(r"^\+?[0-9 ()\-]{6,24}$")


def validate_isco_unit(code: str) -> None:
    """A 4-digit ISCO-08 unit group."""
    try:
        if occupation(code).level != 4:
            raise ValidationError(_("Choose a profession at the most detailed level."))
    except UnknownCodeError as exc:
        raise ValidationError(
            _("Unknown profession code %(code)s."), params={"code": code}
        ) from exc


def validate_nace(code: str) -> None:
    """A NACE Rev. 2 code at any level."""
    try:
        industry(code)
    except UnknownCodeError as exc:
        raise ValidationError(_("Unknown industry code %(code)s."), params={"code": code}) from exc


def validate_region(code: str) -> None:
    """A Swedish county or Danish region code."""
    try:
        region(code)
    except UnknownCodeError as exc:
        raise ValidationError(_("Unknown region %(code)s."), params={"code": code}) from exc


def validate_linkedin(url: str) -> None:
    """A LinkedIn profile address (https, linkedin.com)."""
    try:
        parsed = urlparse(url)
        host = (parsed.hostname or "").lower()
    except ValueError:  # e.g. an unbalanced "[" that urlparse reads as a broken IPv6 host
        parsed, host = urlparse(""), ""
    if parsed.scheme != "https" or not (host == "linkedin.com" or host.endswith(".linkedin.com")):
        raise ValidationError(_("Give a LinkedIn address such as https://www.linkedin.com/in/name"))


def validate_phone(value: str) -> None:
    """A telephone number: digits with spaces, dashes or brackets, optionally +country."""
    if not _PHONE.match(value.strip()) or sum(ch.isdigit() for ch in value) < 6:
        raise ValidationError(_("Give a telephone number such as +46 70 123 45 67."))


class Profile(models.Model):
    """A person's professional profile, used by intake and matching."""

    SENIORITY_CHOICES = [
        ("junior", _("Junior")),
        ("mid", _("Experienced")),
        ("senior", _("Senior")),
        ("executive", _("Executive")),
    ]

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    profession = models.CharField(
        _("profession (ISCO-08)"), max_length=4, blank=True, validators=[validate_isco_unit]
    )
    industry = models.CharField(
        _("industry (NACE)"), max_length=6, blank=True, validators=[validate_nace]
    )
    employer = models.CharField(_("employer"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=200, blank=True)
    region = models.CharField(_("region"), max_length=6, blank=True, validators=[validate_region])
    seniority = models.CharField(
        _("seniority"), max_length=10, blank=True, choices=SENIORITY_CHOICES
    )
    languages = models.CharField(
        _("languages"), max_length=40, blank=True, validators=[validate_language_codes]
    )
    bio = models.TextField(_("short bio"), max_length=1000, blank=True)
    linkedin_url = models.URLField(_("LinkedIn"), blank=True, validators=[validate_linkedin])
    phone = models.CharField(_("telephone"), max_length=30, blank=True, validators=[validate_phone])

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")

    def __str__(self) -> str:
        return f"profile of {self.user_id}"

    @property
    def language_codes(self) -> tuple[str, ...]:
        """Languages as ISO 639-1 codes."""
        return tuple(c.strip() for c in self.languages.split(",") if c.strip())
