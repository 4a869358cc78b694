"""The one family of errors every natverk reader raises, with translatable messages.

A reader either returns its result or raises a :class:`FormatError` (or a subclass) whose
``problems`` say, one sentence each, what is wrong and where (line, row, cell). Nothing
else escapes a reader: a traceback from a file is a bug. Subclasses say what kind of
failure it is, so a caller (the command line, a web upload) can answer the same way for
every format:

- :class:`FileTooLargeError`: more bytes than the import limit allows;
- :class:`LimitExceededError`: more rows, columns, cells or people than natverk reads;
- :class:`NotTextError`: binary data, NUL bytes, an undecodable file;
- :class:`UnsafeFileError`: a decompression bomb, an XML DTD or entity;
- :class:`MalformedFileError`: broken CSV, XLSX or instance structure;
- reader-specific content errors (bad e-mail addresses, duplicate rows) subclass it too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from natverk.i18n import gettext_noop, translate

__all__ = [
    "FileTooLargeError",
    "FormatError",
    "LimitExceededError",
    "MalformedFileError",
    "NotTextError",
    "Problem",
    "UnsafeFileError",
]

_ = gettext_noop


@dataclass(frozen=True)
class Problem:
    """One sentence: an English msgid with ``%(name)s`` placeholders, and their values
    (a value that is itself a :class:`Problem` is translated too, and a tuple of them
    becomes a list of translated words separated by commas)."""

    text: str
    params: Mapping[str, object] = field(default_factory=dict)

    def render(self, lang: str = "en") -> str:
        """The sentence in ``lang`` with its values filled in."""
        template = translate(self.text, lang)
        if not self.params:
            return template
        return template % {k: _rendered(v, lang) for k, v in self.params.items()}


def _rendered(value: object, lang: str) -> object:
    """A value of a problem: a Problem translated, a tuple of them as a list of words."""
    if isinstance(value, Problem):
        return value.render(lang)
    if isinstance(value, tuple) and value and all(isinstance(v, Problem) for v in value):
        return ", ".join(v.render(lang) for v in value)
    return value


class FormatError(ValueError):
    """A file natverk cannot read; ``problems`` lists every reason, one sentence each."""

    def __init__(self, text: str | Sequence[Problem], /, **params: object) -> None:
        self.problems: list[Problem] = (
            [Problem(text, params)] if isinstance(text, str) else list(text)
        )
        super().__init__("\n".join(p.render() for p in self.problems))

    def lines(self, lang: str = "en", limit: int = 20) -> list[str]:
        """The problems in ``lang``, at most ``limit`` of them and a count of the rest."""
        shown = [p.render(lang) for p in self.problems[:limit]]
        rest = len(self.problems) - limit
        if rest > 0:
            shown.append(
                Problem(_("... and %(count)s more problems."), {"count": rest}).render(lang)
            )
        return shown


class FileTooLargeError(FormatError):
    """The file has more bytes than the import limit."""


class LimitExceededError(FormatError):
    """More rows, columns, cells or members than natverk reads or can hold in memory."""


class NotTextError(FormatError):
    """Binary data or NUL bytes where text was expected."""


class UnsafeFileError(FormatError):
    """A file built to exhaust memory or time: a decompression bomb, an XML DTD or entity."""


class MalformedFileError(FormatError):
    """The file's structure is broken: a CSV quote never closed, a damaged workbook."""
