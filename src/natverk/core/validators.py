"""Validators for text people type, applied on models so that every write path checks.

Django's form fields refuse NUL bytes but models do not; a title with a line break
breaks e-mail subjects and calendar files later. These run in ``full_clean``.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Dates outside this window are typing mistakes (year 9999, year 20).
EARLIEST_DATE = dt.date(2000, 1, 1)
LATEST_YEARS_AHEAD = 5


def no_nul(value: str) -> None:
    """Refuse NUL bytes (they cannot be stored in PostgreSQL text)."""
    if "\x00" in str(value):
        raise ValidationError(_("The text contains a character that cannot be saved (NUL)."))


def single_line(value: str) -> None:
    """Refuse line breaks and other control characters in a one-line text (titles)."""
    if any(unicodedata.category(c) == "Cc" for c in str(value)):
        raise ValidationError(_("Write this on one line, without line breaks."))


def plausible_date(value: dt.date) -> None:
    """Refuse dates far in the past or future (a mistyped year)."""
    latest = timezone.localdate().replace(month=1, day=1) + dt.timedelta(
        days=366 * LATEST_YEARS_AHEAD
    )
    if not EARLIEST_DATE <= value <= latest:
        raise ValidationError(
            _("Choose a date between %(first)s and %(last)s."),
            params={"first": EARLIEST_DATE.isoformat(), "last": latest.isoformat()},
        )
