"""Every text a page or an e-mail shows has a Swedish and a Danish translation.

The messages are read the way Django's makemessages reads them: ``_()``/``gettext``
calls in Python, ``{% translate %}`` and ``{% blocktranslate %}`` in templates (with
``{{ name }}`` as ``%(name)s`` and ``%`` doubled).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import natverk

ROOT = Path(natverk.__file__).parent
KEYWORDS = {"_": None, "gettext": None, "gettext_lazy": None, "ngettext": (1, 2)}
TRANSLATE = re.compile(r"""{%\s*translate\s+(?:"((?:[^"\\]|\\.)*)"|'([^']*)')""")
BLOCK = re.compile(r"{%\s*blocktranslate(.*?)%}(.*?){%\s*endblocktranslate\s*%}", re.S)
FILTER_ARG = re.compile(r'_\("([^"]*)"\)')


def _msgid(text: str, trimmed: bool) -> str:
    if trimmed:
        text = " ".join(text.split())
    return re.sub(r"{{\s*(\w+)\s*}}", r"%(\1)s", text.replace("%", "%%"))


def messages() -> dict[str, str]:
    """Every msgid (the singular of plurals) and one place it is used."""
    found: dict[str, str] = {}
    for filename, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        if "migrations" not in filename:
            found.setdefault(
                message if isinstance(message, str) else message[0], str(ROOT / filename)
            )
    for path in [*ROOT.rglob("*.html"), *ROOT.rglob("*.txt")]:
        source = path.read_text(encoding="utf-8")
        for match in TRANSLATE.finditer(source):
            text = match.group(1).replace('\\"', '"') if match.group(1) else match.group(2)
            found.setdefault(text, str(path))
        for match in FILTER_ARG.finditer(source):
            found.setdefault(match.group(1), str(path))
        for match in BLOCK.finditer(source):
            body = match.group(2).split("{% plural %}")[0]
            found.setdefault(_msgid(body, "trimmed" in match.group(1)), str(path))
    return found


def _catalogs(language: str) -> list[Catalog]:
    """The shared catalogue and each app's own (src/natverk/<app>/locale)."""
    paths = [ROOT / "locale", *sorted(ROOT.glob("*/locale"))]
    catalogs = []
    for path in paths:
        po = path / language / "LC_MESSAGES" / "django.po"
        if po.exists():
            with po.open("rb") as handle:
                catalogs.append(read_po(handle))
    return catalogs


def _translated(catalogs: list[Catalog], msgid: str) -> bool:
    for catalog in catalogs:
        entry = catalog.get(msgid)
        strings = entry.string if entry is not None else ""
        if strings and (not isinstance(strings, tuple) or all(strings)):
            return True
    return False


@pytest.mark.parametrize("language", ["sv", "da"])
def test_every_message_is_translated(language: str) -> None:
    catalogs = _catalogs(language)
    missing = [
        f"{msgid!r} ({Path(where).relative_to(ROOT.parent)})"
        for msgid, where in sorted(messages().items())
        if not _translated(catalogs, msgid)
    ]
    assert missing == [], f"{len(missing)} messages lack a {language} translation"


def test_the_reader_finds_template_and_python_messages() -> None:
    found = messages()
    assert "Log in" in found  # a template
    assert "Unknown role." in found  # Python
    assert "Hello %(name)s," in found  # a blocktranslate with a variable
