"""Agenda blocks as plain data: the seeds' default, labels, and the length check."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from django.utils.translation import gettext as _

from natverk.meetings.models import BlockKind


@dataclass(frozen=True)
class Block:
    """One agenda block: its kind, an optional title of its own, and its minutes."""

    kind: str
    minutes: int
    title: str = ""

    def label(self, theme: str = "") -> str:
        """The block's title: its own, else its kind (with the theme for a theme block)."""
        if self.title:
            return self.title
        name = str(BlockKind(self.kind).label) if self.kind in BlockKind.values else self.kind
        if self.kind == BlockKind.THEME and theme:
            return f"{name}: {theme}"
        return name


@cache
def default_blocks() -> tuple[Block, ...]:
    """The seeds' 90-minute meeting (meetings/data/agenda.json)."""
    text = resources.files("natverk.meetings").joinpath("data/agenda.json").read_text("utf-8")
    return tuple(Block(b["kind"], int(b["minutes"])) for b in json.loads(text)["blocks"])


def scaled_blocks(minutes: int) -> tuple[Block, ...]:
    """The default blocks stretched or shrunk to a meeting of ``minutes`` (sum kept exact)."""
    blocks = default_blocks()
    total = sum(b.minutes for b in blocks)
    if minutes == total:
        return blocks
    sizes = [max(1, round(b.minutes * minutes / total)) for b in blocks]
    # The theme block absorbs the rounding so that the blocks add up to the meeting.
    theme = next(i for i, b in enumerate(blocks) if b.kind == BlockKind.THEME)
    sizes[theme] = max(1, sizes[theme] + minutes - sum(sizes))
    return tuple(Block(b.kind, m, b.title) for b, m in zip(blocks, sizes, strict=True))


def total_minutes(blocks: Iterable[Block]) -> int:
    """How long the blocks take together."""
    return sum(b.minutes for b in blocks)


def length_problem(blocks: Sequence[Block], minutes: int) -> str | None:
    """Why the blocks do not fit a meeting of ``minutes``, or None when they fit."""
    if not blocks:
        return _("An agenda needs at least one block.")
    total = total_minutes(blocks)
    if total > minutes:
        return _(
            "The blocks take %(total)d minutes, but the meeting is %(minutes)d minutes: "
            "shorten them by %(over)d minutes."
        ) % {"total": total, "minutes": minutes, "over": total - minutes}
    return None


def spare_minutes(blocks: Iterable[Block], minutes: int) -> int:
    """Minutes of the meeting not given to any block (negative when over)."""
    return minutes - total_minutes(blocks)
