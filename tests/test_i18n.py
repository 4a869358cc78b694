"""Every message the core and the command line mark for translation has Swedish and
Danish in the site's catalogues, with the same placeholders."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from natverk.i18n import translate

SOURCE = Path(__file__).resolve().parents[1] / "src" / "natverk"
#: Django apps translate through Django (each may keep its own catalogue); only the pure
#: core and the command line read the shared catalogue without Django.
DJANGO_APPS = {p.parent.name for p in SOURCE.glob("*/apps.py")} | {"site"}
MARKERS = {"_", "gettext_noop", "fail"}


def _marked() -> list[str]:
    found: list[str] = []
    for path in sorted(SOURCE.rglob("*.py")):
        if DJANGO_APPS & set(path.relative_to(SOURCE).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in MARKERS
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append(node.args[0].value)
    return sorted(set(found))


@pytest.mark.parametrize("lang", ["sv", "da"])
def test_every_marked_message_is_translated_with_its_placeholders(lang: str) -> None:
    path = SOURCE / "locale" / lang / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        catalogue = {m.id: m.string for m in read_po(handle) if m.id}
    messages = _marked()
    assert len(messages) > 50
    missing = [m for m in messages if not catalogue.get(m)]
    assert missing == []
    for message in messages:
        placeholders = sorted(re.findall(r"%\(\w+\)[sr]", message))
        assert sorted(re.findall(r"%\(\w+\)[sr]", str(catalogue[message]))) == placeholders


def test_translations_are_read_without_django() -> None:
    assert translate("The file is empty.", "sv") == "Filen är tom."
    assert translate("The file is empty.", "da") == "Filen er tom."
    assert translate("The file is empty.", "fi") == "The file is empty."
