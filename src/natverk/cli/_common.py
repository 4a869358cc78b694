"""What every natverk subcommand shares: validated option types and one way to fail.

Usage errors (a bad option value) exit with status 2 through click. Every expected
failure (an unreadable file, a plan that cannot be made, an output folder that does not
exist) exits with status 1 and a readable message in the command's language, through
:func:`fail`; a traceback is a bug.
"""

from __future__ import annotations

import contextlib
import math
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import click

from natverk.formats.errors import FormatError
from natverk.i18n import gettext_noop as _
from natverk.i18n import translate

__all__ = [
    "MAX_SECONDS",
    "SEED",
    "Seconds",
    "SizeRange",
    "check_output",
    "fail",
    "failures",
    "writing",
]

MAX_SECONDS = 24 * 3600.0
SEED = click.IntRange(0, 2**32 - 1)


class Seconds(click.FloatRange):
    """A positive, finite number of seconds up to a day (nan, inf and -5 are refused)."""

    name = "seconds"

    def __init__(self) -> None:
        super().__init__(min=0.0, max=MAX_SECONDS, min_open=True)

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        number = click.FLOAT.convert(value, param, ctx)  # type: ignore[arg-type]
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number of seconds.", param, ctx)
        return float(super().convert(number, param, ctx))


if TYPE_CHECKING:  # click >= 8.3 types ParamType as a generic; older releases do not
    _SizeBase = click.ParamType[tuple[int, int], object]
else:
    _SizeBase = click.ParamType


class SizeRange(_SizeBase):
    """A size as ``LO-HI`` (or ``N`` for exactly N) within ``[low, high]``."""

    name = "LO-HI"

    def __init__(self, low: int, high: int) -> None:
        self.low, self.high = low, high

    def convert(
        self, value: object, param: click.Parameter | None, ctx: click.Context | None
    ) -> tuple[int, int]:
        if isinstance(value, tuple):
            return value  # a default already converted
        text = str(value)
        lo_text, _sep, hi_text = text.partition("-")
        try:
            lo, hi = int(lo_text), int(hi_text or lo_text)
        except ValueError:
            self.fail(f"{text!r}: write the size as LO-HI, e.g. 6-8.", param, ctx)
        if not self.low <= lo <= hi <= self.high:
            self.fail(
                f"{text!r}: need {self.low} <= LO <= HI <= {self.high} (LO <= HI).", param, ctx
            )
        return lo, hi


def fail(message: str, lang: str = "en", **params: object) -> click.ClickException:
    """The exception that ends a command with status 1 and ``message`` in ``lang``."""
    text = translate(message, lang)
    return click.ClickException(text % params if params else text)


def describe(exc: FormatError, name: str, lang: str) -> click.ClickException:
    """A file's problems as one line, or a line and the problems below it."""
    lines = exc.lines(lang)
    if len(lines) == 1:
        return fail(_("%(name)s cannot be used: %(problem)s"), lang, name=name, problem=lines[0])
    head = fail(_("%(name)s cannot be used:"), lang, name=name).message
    return click.ClickException(head + "\n  " + "\n  ".join(lines))


@contextlib.contextmanager
def failures(name: str, lang: str = "en") -> Iterator[None]:
    """Turn a reader's :class:`FormatError` on file ``name`` into a clean exit."""
    try:
        yield
    except FormatError as exc:
        raise describe(exc, name, lang) from None


@contextlib.contextmanager
def writing(lang: str = "en") -> Iterator[None]:
    """Turn an error while writing the results (disk full, permissions) into a clean exit;
    the files are written whole or not at all (:mod:`natverk.formats.output`)."""
    try:
        yield
    except OSError as exc:
        raise fail(
            _("%(path)s cannot be written: %(reason)s."),
            lang,
            path=exc.filename or "",
            reason=exc.strerror or type(exc).__name__,
        ) from None


def check_output(path: Path | None, lang: str = "en", *, folder: bool = False) -> None:
    """Refuse, before any work, an output path whose folder is missing or not writable."""
    if path is None:
        return
    if folder:
        if path.exists() and not path.is_dir():
            raise fail(_("%(path)s exists and is not a folder."), lang, path=path)
        parent = path
        while not parent.exists() and parent != parent.parent:
            parent = parent.parent  # the zoom folder and its parents are created
    else:
        if path.is_dir():
            raise fail(_("%(path)s is a folder; give a file name to write."), lang, path=path)
        parent = path.parent
    if not parent.is_dir():
        raise fail(_("The folder %(folder)s does not exist."), lang, folder=parent)
    if not os.access(parent, os.W_OK):
        raise fail(_("The folder %(folder)s cannot be written to."), lang, folder=parent)
