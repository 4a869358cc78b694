"""The languages a member can meet in, picked from a list (never typed as codes)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

#: Codes (ISO 639-1) and each language's own name, as shown in every interface language.
MEETING_LANGUAGES: tuple[tuple[str, str], ...] = (
    ("sv", "Svenska"),
    ("da", "Dansk"),
    ("nb", "Norsk"),
    ("en", "English"),
    ("fi", "Suomi"),
    ("de", "Deutsch"),
)
CODES = frozenset(code for code, _name in MEETING_LANGUAGES)


def split_codes(value: str) -> list[str]:
    """``"sv, en"`` as ``["sv", "en"]``."""
    return [c.strip().lower() for c in value.split(",") if c.strip()]


def validate_language_codes(value: str) -> None:
    """Every code in a comma-separated list is one of the meeting languages."""
    unknown = [c for c in split_codes(value) if c not in CODES]
    if unknown:
        raise ValidationError(
            _("Unknown language %(codes)s: pick languages from the list."),
            params={"codes": ", ".join(unknown)},
        )
