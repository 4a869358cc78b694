"""Zoom's breakout-room pre-assignment CSV: one file per round.

Zoom takes exactly two columns with the header ``Pre-assign Room Name,Email Address``
and one set of pre-assignments per meeting, so natverk writes one file per round
(``round_1.csv``, ...); rounds after the first are imported when they start.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

from natverk.formats.report import safe_cell

__all__ = ["ZOOM_HEADER", "room_name", "write_zoom_rounds"]

ZOOM_HEADER = ("Pre-assign Room Name", "Email Address")
_WORDS = {"sv": ("Runda", "Rum"), "da": ("Runde", "Rum"), "en": ("Round", "Room")}


def room_name(round_number: int, room_number: int, lang: str = "sv") -> str:
    """A room's name, e.g. "Runda 2 – Rum 3"."""
    word_round, word_room = _WORDS.get(lang, _WORDS["en"])
    return f"{word_round} {round_number} – {word_room} {room_number}"


def write_zoom_rounds(
    folder: Path, rounds: Sequence[Sequence[Sequence[int]]], emails: Sequence[str], lang: str = "sv"
) -> list[Path]:
    """Write round_1.csv ... in ``folder``; returns the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for r, rooms in enumerate(rounds, start=1):
        path = folder / f"round_{r}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(ZOOM_HEADER)
            for k, room in enumerate(rooms, start=1):
                for person in room:
                    writer.writerow([room_name(r, k, lang), safe_cell(emails[person])])
        paths.append(path)
    return paths
