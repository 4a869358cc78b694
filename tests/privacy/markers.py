"""Plant a unique marker in every personal field of every registered model, and look
for markers in a dump of the whole database or in files.

The fields come from the registry (what each model says erasure removes), so a new
app's model is covered as soon as it registers. A person's addresses all get the same
address marker (rows are found by address), every other field a marker of its own.
"""

from __future__ import annotations

import io
import json
import zipfile
from dataclasses import dataclass, field
from itertools import count
from typing import Any

from django.db import connection, models

from natverk.privacy.registry import PersonalData, Subject, registered

_COUNTER = count(1)
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def _base36(number: int) -> str:
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = _DIGITS[digit] + text
        if number == 0:
            return text


def marker(key: str, room: int | None = None) -> str:
    """A string found nowhere else: ⟦...⟧ (a private-use character in tiny fields)."""
    number = next(_COUNTER)
    if room is not None and room < 8:  # "⟦..⟧" outgrows 4 characters after 1,296 markers
        return chr(0xF0000 + number)
    if room is not None and room < 16:
        return f"⟦{_base36(number)}⟧"
    return f"⟦marker-{key}-{_base36(number)}⟧"


@dataclass
class Planted:
    """The markers planted for one person: where each went."""

    key: str
    address: str
    markers: dict[str, str] = field(default_factory=dict)  # marker -> "model.field#pk"
    models: set[str] = field(default_factory=set)

    def all(self) -> set[str]:
        """Every marker, the address among them."""
        return {*self.markers, self.address}


def _value(spec: PersonalData, field: models.Field[Any, Any], key: str) -> tuple[Any, str]:
    if isinstance(field, models.JSONField):
        text = marker(key)
        return ([text] if isinstance(field.get_default(), list) else {"marker": text}), text
    text = marker(key, field.max_length)
    return text, text


def text_fields(spec: PersonalData) -> list[models.Field[Any, Any]]:
    """The text and JSON fields erasure must empty or delete (where markers go)."""
    return [
        f
        for f in spec.local_fields(spec.shredded_fields)
        if isinstance(f, models.CharField | models.TextField | models.JSONField)
    ]


def plant(subject: Subject, key: str) -> Planted:
    """Put markers in every field erasure must remove, for the person's rows of every
    registered model; fails naming a model with no rows for the person."""
    planted = Planted(key, address=f"{marker(key)}@example.invalid")
    missing = []
    for spec in registered():
        rows = spec.rows(subject)
        pks = sorted(rows.values_list("pk", flat=True))
        if not pks:
            missing.append(spec.name)
            continue
        fields = text_fields(spec)
        for pk in pks:
            row = spec.model._default_manager.get(pk=pk)
            changes: dict[str, Any] = {}
            for each in fields:
                if each.name in spec.address_fields:
                    current = str(getattr(row, each.attname) or "").lower()
                    if current in subject.emails:
                        changes[each.attname] = planted.address
                    continue
                value, text = _value(spec, each, key)
                changes[each.attname] = value
                planted.markers[text] = f"{spec.name}.{each.name}#{pk}"
            if changes:
                spec.model._default_manager.filter(pk=pk).update(**changes)
                planted.models.add(spec.name)
    assert missing == [], f"no rows for the person in tests/privacy/world.py: {missing}"
    return planted


def dump_database() -> str:
    """Every row of every table as text (SQLite: iterdump; PostgreSQL: each row::text)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return "\n".join(connection.connection.iterdump())
    with connection.cursor() as cursor:
        lines = []
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT t::text FROM "{table}" t')
            lines.extend(row[0] for row in cursor.fetchall())
    return "\n".join(lines)


def _forms(text: str) -> tuple[str, ...]:
    """The marker as written, and as JSON escapes it (JSON fields store \\uXXXX)."""
    return (text, json.dumps(text)[1:-1], json.dumps(text, ensure_ascii=False)[1:-1])


def found(markers: set[str], haystack: str) -> set[str]:
    """The markers that occur in the text, in any of their forms."""
    return {m for m in markers if any(form in haystack for form in _forms(m))}


def zip_text(content: bytes) -> str:
    """Every file of a ZIP, as one text."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "\n".join(
            archive.read(name).decode("utf-8-sig") for name in sorted(archive.namelist())
        )
