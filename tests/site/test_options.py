"""Settings are declared once (natverk.site.options) and documented exactly."""

from __future__ import annotations

import re
from pathlib import Path

from natverk.site.options import OPTIONS

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "src" / "natverk" / "site" / "settings.py"
NAME = re.compile(r'"((?:NATVERK_[A-Z_]+)|DATABASE_URL)"')


def _documented() -> set[str]:
    """Names in the first column of docs/architecture.md's settings table."""
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    section = text.split("### Settings (environment variables)", 1)[1].split("\n\n", 2)[1]
    names: set[str] = set()
    for line in section.splitlines()[2:]:
        if line.startswith("|"):
            names |= {n.strip() for n in line.split("|")[1].split(",")}
    return names


def test_the_documented_settings_are_exactly_the_declared_ones() -> None:
    assert _documented() == {option.name for option in OPTIONS}


def test_settings_read_the_environment_only_through_declared_options() -> None:
    source = SETTINGS.read_text(encoding="utf-8")
    assert "os.environ" not in source and "getenv" not in source
    assert set(NAME.findall(source)) <= {option.name for option in OPTIONS}


def test_every_declared_option_is_read() -> None:
    source = SETTINGS.read_text(encoding="utf-8")
    assert {option.name for option in OPTIONS} <= set(NAME.findall(source))


def test_every_option_has_help_text() -> None:
    assert all(option.help.strip() for option in OPTIONS)
