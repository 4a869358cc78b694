"""Translations for the pure core and the command line, from the site's own catalogues.

The messages natverk's readers and commands show are English msgids in
``locale/{sv,da}/LC_MESSAGES/django.po``, the same catalogues the web uses, read here with
the standard library's gettext so the core stays free of Django. Mark a message with
:func:`gettext_noop` where it is written (the extractors know that name) and translate it
where it is shown, in the language the person chose.
"""

from __future__ import annotations

import gettext
from functools import cache
from pathlib import Path

__all__ = ["LANGUAGES", "gettext_noop", "translate"]

LANGUAGES = ("sv", "da", "en")
_LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def gettext_noop(text: str) -> str:
    """Mark ``text`` as a message to translate later (returns it unchanged)."""
    return text


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    return gettext.translation("django", localedir=_LOCALE_DIR, languages=[lang], fallback=True)


def translate(text: str, lang: str = "en") -> str:
    """``text`` in ``lang`` (sv, da or en); English when no translation exists.

    >>> translate("The file is empty.", "en")
    'The file is empty.'
    """
    if lang == "en" or lang not in LANGUAGES:
        return text
    return _catalogue(lang).gettext(text)
