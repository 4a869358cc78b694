"""Errors of meeting actions; their text is shown to the person as it is."""

from __future__ import annotations

from typing import Any


class MeetingError(ValueError):
    """A change to a meeting that is not allowed; the text says why."""


class StaleEditError(MeetingError):
    """An edit made on an older version than the one saved: refused, not overwritten.

    ``current`` is what is saved now (the text or version the other person saved), so
    the page can show it next to what this person wrote.
    """

    def __init__(self, message: str, *, current: Any = None, version: int = 0) -> None:
        super().__init__(message)
        self.current = current
        self.version = version
