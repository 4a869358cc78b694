"""Zoom's breakout-room pre-assignment CSV (one file per round) and printable room cards.

Zoom takes exactly two columns with the header ``Pre-assign Room Name,Email Address``
and one set of pre-assignments per meeting, so natverk writes one file per round
(``round_1.csv``, ...); rounds after the first are imported when they start.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from pathlib import Path

from natverk.formats.output import write_csv, write_text

__all__ = ["ZOOM_HEADER", "room_name", "write_room_cards", "write_zoom_rounds"]

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
        write_csv(
            path,
            ZOOM_HEADER,
            ([room_name(r, k, lang), emails[p]] for k, room in enumerate(rooms, 1) for p in room),
            bom=False,
        )
        paths.append(path)
    return paths


_CARD_WORDS = {
    "sv": ("Rumskort", "Samtalsledare"),
    "da": ("Rumkort", "Ordstyrer"),
    "en": ("Room cards", "Facilitator"),
}


def write_room_cards(
    path: Path,
    rounds: Sequence[Sequence[Sequence[int]]],
    names: Sequence[str],
    *,
    facilitators: Sequence[int] = (),
    lang: str = "sv",
) -> None:
    """A printable HTML page: one card per room and round, a page per round."""
    title, facilitator_word = _CARD_WORDS.get(lang, _CARD_WORDS["en"])
    lead = set(facilitators)
    parts = [
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>"
        "body{font-family:system-ui,sans-serif;margin:1rem;color:#1d2430}"
        ".round{display:grid;gap:.8rem;grid-template-columns:repeat(auto-fill,minmax(220px,1fr));"
        "break-after:page;margin-bottom:2rem}"
        ".card{border:2px solid #0b6e4f;border-radius:10px;padding:.8rem;break-inside:avoid}"
        ".card h2{font-size:1.1rem;margin:0 0 .4rem}.card li{margin:.2rem 0}"
        "</style></head><body>"
        f"<h1>{title}</h1>"
    ]
    for r, rooms in enumerate(rounds, start=1):
        parts.append('<section class="round">')
        for k, room in enumerate(rooms, start=1):
            people = "".join(
                f"<li>{html.escape(names[p])}"
                f"{' (' + facilitator_word + ')' if p in lead else ''}</li>"
                for p in room
            )
            parts.append(
                f'<div class="card"><h2>{html.escape(room_name(r, k, lang))}</h2>'
                f"<ul>{people}</ul></div>"
            )
        parts.append("</section>")
    parts.append("</body></html>")
    write_text(path, "".join(parts))
