"""Whole numbers from forms and query strings: ASCII digits only, and no more of them
than a database integer holds."""

from __future__ import annotations

__all__ = ["MAX_DIGITS", "whole_number"]

#: A 64-bit integer column holds every number of 18 digits.
MAX_DIGITS = 18


def whole_number(value: object) -> int | None:
    """The whole number written in ``value`` (spaces around it allowed), or None.

    ``str.isdigit`` also accepts "¹" and "٣", which ``int`` refuses or reads as 3, and
    a number of 19 digits or more overflows the database: a posted id, version or choice
    is read here, so that such input gets "not one of the choices", never a 500.

    >>> whole_number(" 42 "), whole_number("¹"), whole_number("٣"), whole_number("9" * 19)
    (42, None, None, None)
    """
    text = value.strip() if isinstance(value, str) else ""
    if not text or len(text) > MAX_DIGITS or not text.isascii() or not text.isdigit():
        return None
    return int(text)
