"""Every text of the privacy app is translated into Swedish and Danish."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import natverk

PACKAGE = Path(natverk.__file__).parent
APP = PACKAGE / "privacy"
PYTHON = re.compile(
    r"""(?<![\w.])(?:_|gettext|gettext_lazy)\(\s*((?:(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*)+)"""
)
PART = re.compile(r""""((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'""")
TRANSLATE = re.compile(r"""\{%\s*translate\s+"((?:[^"\\]|\\.)*)"|_\("((?:[^"\\]|\\.)*)"\)""")
BLOCK = re.compile(r"\{%\s*blocktranslate[^%]*%\}(.*?)\{%\s*endblocktranslate\s*%\}", re.S)
VARIABLE = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def _python(text: str) -> set[str]:
    found = set()
    for match in PYTHON.finditer(text):
        parts = [a or b for a, b in PART.findall(match.group(1))]
        found.add("".join(parts).encode().decode("unicode_escape").encode("latin-1").decode())
    return found


def _template(text: str) -> set[str]:
    found = {(a or b).replace('\\"', '"') for a, b in TRANSLATE.findall(text)}
    for body in BLOCK.findall(text):
        found.add(VARIABLE.sub(r"%(\1)s", body.split("{% plural %}")[0]))
    return found


def _msgids() -> set[str]:
    found: set[str] = set()
    for path in APP.rglob("*"):
        if path.suffix == ".py" and "migrations" not in path.parts:
            found |= _python(path.read_text(encoding="utf-8"))
        elif path.suffix in (".html", ".txt"):
            found |= _template(path.read_text(encoding="utf-8"))
    return found


def _translated(path: Path) -> set[str]:
    with path.open("rb") as handle:
        catalog = read_po(handle)
    return {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and m.string and not m.fuzzy and all(m.string)
    }


@pytest.mark.parametrize("language", ["sv", "da"])
def test_every_privacy_text_is_translated(language: str) -> None:
    """In the shared catalogue or in the privacy app's own."""
    translated = set()
    for root in (PACKAGE, APP):
        translated |= _translated(root / "locale" / language / "LC_MESSAGES" / "django.po")
    ids = _msgids()
    assert len(ids) > 100
    assert sorted(ids - translated) == []
