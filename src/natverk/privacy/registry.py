"""The registry of personal data: every model declares how it is exported and shredded.

Each Django app registers its models in its own ``privacy.py`` (imported from its
``AppConfig.ready``), in the same change that adds the model (pretix's data shredders).
A model either holds personal data and says how to find a person's rows, export them and
shred them, or is declared free of personal data with a reason. A test walks every model
of every natverk app and fails when one is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

__all__ = [
    "Subject",
    "PersonalData",
    "register",
    "register_none",
    "registered",
    "not_personal",
    "ERASE_DELETE",
    "ERASE_BLANK",
]

ERASE_DELETE = "delete"
ERASE_BLANK = "blank"


@dataclass(frozen=True)
class Subject:
    """The person a request is about: an account, and the addresses they used."""

    user_id: int | None
    emails: frozenset[str] = frozenset()


Rows = Callable[[Subject], "models.QuerySet[Any]"]
Shred = Callable[["models.QuerySet[Any]"], None]


@dataclass(frozen=True)
class PersonalData:
    """How one model's rows about a person are found, exported and shredded.

    ``rows`` returns the person's rows; ``fields`` are exported (and blanked when
    ``erase`` is ``"blank"``); ``erase`` ``"delete"`` deletes the rows. A custom ``shred``
    replaces both (e.g. to keep a row that group history needs as "a former member").
    ``kept`` names what must stay for a legal reason, shown to the person.
    """

    model: type[models.Model]
    rows: Rows
    fields: tuple[str, ...]
    erase: str = ERASE_DELETE
    shred: Shred | None = None
    kept: str = ""
    label: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """``app_label.ModelName``: the key of the export file and the registry."""
        return self.model._meta.label


_REGISTRY: dict[str, PersonalData] = {}
_NONE: dict[str, str] = {}


def register(spec: PersonalData) -> PersonalData:
    """Declare a model that holds personal data (once per model)."""
    if spec.erase not in (ERASE_DELETE, ERASE_BLANK):
        raise ValueError(f"erase must be 'delete' or 'blank', not {spec.erase!r}")
    _REGISTRY[spec.name] = spec
    return spec


def register_none(model: type[models.Model], reason: str) -> None:
    """Declare a model that holds no personal data, and why."""
    _NONE[model._meta.label] = reason


def registered() -> list[PersonalData]:
    """Every registered model with personal data, in registration order."""
    return list(_REGISTRY.values())


def not_personal() -> dict[str, str]:
    """Models declared free of personal data, with the reason."""
    return dict(_NONE)


def declared(labels: Iterable[str]) -> set[str]:
    """Which of these model labels are declared either way."""
    return {label for label in labels if label in _REGISTRY or label in _NONE}
