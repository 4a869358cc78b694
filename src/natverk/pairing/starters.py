"""Conversation starters for introductions, in Swedish, Danish and English.

The sentences live in data/starters.csv (a word table, not code); a meetup gets the same
starter in each of its people's languages, chosen from the round and meetup numbers so
that the same meetup always gets the same one.
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

_PATH = Path(__file__).parent / "data" / "starters.csv"


@cache
def starters() -> tuple[dict[str, str], ...]:
    """Every starter as {"key", "sv", "da", "en"}."""
    with _PATH.open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def starter_for(round_number: int, meetup_number: int, lang: str) -> str:
    """The starter of one meetup in ``lang`` (English when the language is unknown)."""
    table = starters()
    row = table[(round_number * 7 + meetup_number * 13) % len(table)]
    return row.get(lang) or row["en"]
