"""Zoom breakout pre-assignment files."""

from pathlib import Path

from natverk.formats.zoom import ZOOM_HEADER, room_name, write_zoom_rounds


def test_zoom_file_has_the_exact_header_and_neutralised_cells(tmp_path: Path) -> None:
    paths = write_zoom_rounds(tmp_path, [[[0, 1], [2]]], ["a@x.se", "=cmd@x.se", "c@x.se"], "en")
    text = paths[0].read_text(encoding="utf-8")
    assert text.splitlines()[0] == ",".join(ZOOM_HEADER)
    assert "Round 1 – Room 1,'=cmd@x.se" in text


def test_room_names_in_three_languages() -> None:
    assert room_name(2, 3, "sv") == "Runda 2 – Rum 3"
    assert room_name(2, 3, "da") == "Runde 2 – Rum 3"
    assert room_name(2, 3, "en") == "Round 2 – Room 3"
