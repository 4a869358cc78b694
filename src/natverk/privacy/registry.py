"""The registry of personal data: every model declares how it is exported and shredded.

Each Django app registers its models in its own ``privacy.py`` (imported from its
``AppConfig.ready``), in the same change that adds the model (pretix's data shredders).
A model either holds personal data and says how to find a person's rows, export them and
shred them, or is declared free of personal data with a reason. A test walks every model
of every natverk app and fails when one is missing.

The same modules register *retention rules*: which rows an organisation stops keeping
after how many months (``register_retention``). Export, erasure and retention are built
only from what is registered here, so a new app's models are covered by declaring them.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django_stubs_ext import StrOrPromise

__all__ = [
    "Subject",
    "PersonalData",
    "RetentionRule",
    "RuleResult",
    "register",
    "register_none",
    "register_retention",
    "registered",
    "not_personal",
    "retention_rules",
    "call_shred",
    "ERASE_DELETE",
    "ERASE_BLANK",
    "ERASE_KEEP",
]

ERASE_DELETE = "delete"
ERASE_BLANK = "blank"
ERASE_KEEP = "keep"
_ERASE = (ERASE_DELETE, ERASE_BLANK, ERASE_KEEP)


@dataclass(frozen=True)
class Subject:
    """The person a request is about: an account, and the addresses they used.

    ``organisation_id`` narrows a request to what one organisation holds (an
    administrator's export or erasure for a person who is also elsewhere).
    """

    user_id: int | None
    emails: frozenset[str] = frozenset()
    organisation_id: int | None = None


Rows = Callable[[Subject], "models.QuerySet[Any]"]
#: A custom shredder: ``shred(rows)`` or ``shred(rows, subject)``.
Shred = Callable[..., None]


@dataclass(frozen=True)
class PersonalData:
    """How one model's rows about a person are found, exported and shredded.

    ``rows`` returns the person's rows; ``fields`` are exported (field names, or lookups
    such as ``group__number``) and blanked when ``erase`` is ``"blank"``; ``erase``
    ``"delete"`` deletes the rows; ``"keep"`` exports them and leaves them (``kept`` says
    why). A custom ``shred`` replaces the built-in erasure (it may take the subject as a
    second argument). ``kept`` names what must stay, and why, shown to the person.

    ``keep`` lists exported fields that stay on erasure (dates, statuses: they do not
    identify anyone); ``scope`` is the lookup from a row to its organisation's id (empty:
    the row belongs to the account itself); ``names`` and ``addresses`` are the fields
    holding the person's name and e-mail address (``addresses`` defaults to the exported
    EmailFields; give ``()`` when an address field may hold someone else's);
    ``mentions`` are free-text fields of *any* row of the model that may name a person,
    where an erased person's name and address are redacted.
    """

    model: type[models.Model]
    rows: Rows
    fields: tuple[str, ...]
    erase: str = ERASE_DELETE
    shred: Shred | None = None
    kept: StrOrPromise = ""
    label: StrOrPromise = ""
    extra: dict[str, Any] = field(default_factory=dict)
    keep: tuple[str, ...] = ()
    scope: str = ""
    names: tuple[str, ...] = ()
    addresses: tuple[str, ...] | None = None
    mentions: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """``app_label.ModelName``: the key of the export file and the registry."""
        return self.model._meta.label

    def local_fields(self, names: Iterable[str]) -> list[models.Field[Any, Any]]:
        """The concrete fields of the model among ``names`` (lookups are skipped)."""
        concrete = {f.name: f for f in self.model._meta.concrete_fields}
        return [concrete[n] for n in names if n in concrete]

    @property
    def address_fields(self) -> tuple[str, ...]:
        """Fields holding the person's e-mail address (declared, else the EmailFields)."""
        if self.addresses is not None:
            return self.addresses
        return tuple(
            f.name for f in self.local_fields(self.fields) if isinstance(f, models.EmailField)
        )

    @property
    def shredded_fields(self) -> tuple[str, ...]:
        """The exported local fields that erasure removes (all but ``keep``)."""
        if self.erase == ERASE_KEEP and self.shred is None:
            return ()
        wanted = [*self.fields, *self.names, *self.address_fields]
        return tuple(
            dict.fromkeys(f.name for f in self.local_fields(wanted) if f.name not in self.keep)
        )


@dataclass(frozen=True)
class RuleResult:
    """What one retention rule removed (or would remove) for one organisation."""

    due: int
    warned: int = 0


#: ``rows(organisation_id, cutoff)``: the organisation's rows older than the cutoff.
RuleRows = Callable[[int, dt.datetime], "models.QuerySet[Any]"]
#: ``apply(organisation_id, now, months, dry_run)``: a rule that runs itself.
RuleApply = Callable[[int, dt.datetime, int, bool], RuleResult]


@dataclass(frozen=True)
class RetentionRule:
    """Rows an organisation stops keeping ``months`` after ``after`` (its default).

    ``rows`` gives the rows due for removal at a cutoff; they are deleted, or shredded by
    ``shred``. A rule with ``apply`` runs itself (warnings first, for instance). ``name``
    is the key of the organisation's setting; ``label`` and ``after`` are shown to
    administrators and in the privacy notice ("12 months after the application").
    """

    name: str
    label: StrOrPromise
    after: StrOrPromise
    months: int
    rows: RuleRows | None = None
    shred: Shred | None = None
    apply: RuleApply | None = None
    order: int = 100


_REGISTRY: dict[str, PersonalData] = {}
_NONE: dict[str, str] = {}
_RULES: dict[str, RetentionRule] = {}


def register(spec: PersonalData) -> PersonalData:
    """Declare a model that holds personal data (once per model)."""
    if spec.erase not in _ERASE:
        raise ValueError(f"erase must be one of {_ERASE}, not {spec.erase!r}")
    if spec.erase == ERASE_KEEP and not spec.kept:
        raise ValueError(f"{spec.name}: rows kept on erasure need a reason in kept=")
    _REGISTRY[spec.name] = spec
    return spec


def register_none(model: type[models.Model], reason: str) -> None:
    """Declare a model that holds no personal data, and why."""
    _NONE[model._meta.label] = reason


def register_retention(rule: RetentionRule) -> RetentionRule:
    """Declare a retention rule (once per name)."""
    if (rule.rows is None) == (rule.apply is None):
        raise ValueError(f"{rule.name}: give either rows= or apply=")
    _RULES[rule.name] = rule
    return rule


def registered() -> list[PersonalData]:
    """Every registered model with personal data, in registration order."""
    return list(_REGISTRY.values())


def not_personal() -> dict[str, str]:
    """Models declared free of personal data, with the reason."""
    return dict(_NONE)


def retention_rules() -> list[RetentionRule]:
    """Every retention rule, in the order administrators see them."""
    return sorted(_RULES.values(), key=lambda rule: (rule.order, rule.name))


def declared(labels: Iterable[str]) -> set[str]:
    """Which of these model labels are declared either way."""
    return {label for label in labels if label in _REGISTRY or label in _NONE}


def call_shred(shred: Shred, rows: models.QuerySet[Any], subject: Subject | None) -> None:
    """Call a custom shredder with the subject when it takes one."""
    parameters = [
        p
        for p in inspect.signature(shred).parameters.values()
        if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if len(parameters) >= 2:
        shred(rows, subject)
    else:
        shred(rows)
