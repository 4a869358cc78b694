"""A person's data as one ZIP: JSON and a readable CSV for every registered model.

Built only from the registry, so a new app's models are in the export as soon as they
are declared. Only the person's rows and only the declared fields are written: nothing
about other people beyond what the person's own rows say.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import override

from natverk.formats.output import safe_cell
from natverk.privacy.registry import PersonalData, Subject, registered
from natverk.privacy.subjects import scoped_rows

__all__ = ["build_export", "export_rows"]


def export_rows(spec: PersonalData, subject: Subject) -> list[dict[str, Any]]:
    """The person's rows of one model, as the declared fields."""
    return list(scoped_rows(spec, subject).order_by("pk").values(*spec.fields))


def _title(model: type[models.Model], lookup: str) -> str:
    """The column title of a field or lookup ("group__number" -> "Group number")."""
    parts = lookup.split("__")
    titles = []
    current: type[models.Model] | None = model
    for part in parts:
        if current is None:
            return lookup
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return lookup
        titles.append(str(getattr(field, "verbose_name", part)))
        current = getattr(field, "related_model", None)
    text = " · ".join(titles)
    return text[:1].upper() + text[1:]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return safe_cell(json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder))
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return safe_cell(str(value))


def _csv(spec: PersonalData, rows: Sequence[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_title(spec.model, f) for f in spec.fields])
    for row in rows:
        writer.writerow([_cell(row[f]) for f in spec.fields])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # a BOM so Excel shows å, ä, ö


def build_export(subject: Subject, *, language: str = "sv") -> tuple[bytes, dict[str, int]]:
    """The ZIP of everything registered about the person, and the row count per model."""
    buffer = io.BytesIO()
    counts: dict[str, int] = {}
    index = []
    with override(language), zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for spec in registered():
            rows = export_rows(spec, subject)
            counts[spec.name] = len(rows)
            label = str(spec.label or spec.model._meta.verbose_name_plural)
            index.append({"model": spec.name, "label": label, "rows": len(rows)})
            if not rows:
                continue
            text = json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
            archive.writestr(f"json/{spec.name}.json", text)
            archive.writestr(f"csv/{spec.name}.csv", _csv(spec, rows))
        archive.writestr(
            "index.json",
            json.dumps(
                {"generated_at": timezone.now().isoformat(), "models": index},
                ensure_ascii=False,
                indent=2,
            ),
        )
        readme = render_to_string("privacy/export_readme.txt", {"models": index})
        archive.writestr("README.txt", readme)
    return buffer.getvalue(), counts
