"""Template filters of the meeting pages."""

from __future__ import annotations

import datetime as dt

from django import template

from natverk.meetings.agenda import Block

register = template.Library()


@register.filter
def block_label(block: Block, theme: str = "") -> str:
    """An agenda block's title in the reader's language (the theme block names the theme)."""
    return block.label(theme)


@register.filter
def epoch_ms(moment: dt.datetime | None) -> int:
    """A moment as milliseconds since the epoch, for the run view's clocks."""
    return int(moment.timestamp() * 1000) if moment else 0
