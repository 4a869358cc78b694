"""Erasure: every registered shredder, in one transaction, with nothing left behind.

For each registered model the person's rows are found first (so cascades cannot hide
any), then deleted, blanked or kept as the model declared. The person's names and
addresses are then redacted wherever a model's free text mentions them (mails, notes,
logs: redacted with a block, never deleted). What stays for a reason is reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext as _

from natverk.privacy.registry import (
    ERASE_BLANK,
    ERASE_DELETE,
    ERASE_KEEP,
    PersonalData,
    Subject,
    call_shred,
    registered,
)
from natverk.privacy.subjects import scoped_rows
from natverk.site import derived

__all__ = ["Step", "ErasureReport", "preview", "erase", "blank_rows", "REDACTED"]

REDACTED = "█"
#: Names shorter than this are not redacted from free text (they would hit other words).
MIN_MENTION = 3


@dataclass(frozen=True)
class Step:
    """What erasure does (or did) to one model's rows about the person."""

    model: str
    label: str
    count: int
    action: str  # "deleted", "blanked", "kept", "shredded" (custom) or "skipped"
    reason: str = ""


@dataclass(frozen=True)
class ErasureReport:
    """The steps of one erasure, and how many mentions elsewhere were redacted."""

    steps: tuple[Step, ...]
    redacted: int = 0

    @property
    def kept(self) -> list[Step]:
        """Steps that leave something, with the reason (shown to the person)."""
        return [s for s in self.steps if s.reason and s.count]

    def as_json(self) -> dict[str, Any]:
        """A plain record for the request row (no names, no addresses)."""
        return {
            "steps": [s.__dict__ for s in self.steps if s.count],
            "redacted": self.redacted,
        }


def _label(spec: PersonalData) -> str:
    return str(spec.label or spec.model._meta.verbose_name_plural)


def _action(spec: PersonalData) -> str:
    if spec.shred is not None:
        return "shredded"
    return {ERASE_DELETE: "deleted", ERASE_BLANK: "blanked", ERASE_KEEP: "kept"}[spec.erase]


Plan = list[tuple[PersonalData, list[Any], Step]]


def _plan(subject: Subject) -> Plan:
    plan: Plan = []
    account_kept = _("The account is also used by another organisation; it stays.")
    for spec in registered():
        if subject.organisation_id is not None and not spec.scope:
            count = spec.rows(subject).count()
            step = Step(spec.name, _label(spec), count, "skipped", account_kept)
            plan.append((spec, [], step))
            continue
        pks = list(scoped_rows(spec, subject).values_list("pk", flat=True))
        step = Step(spec.name, _label(spec), len(pks), _action(spec), str(spec.kept))
        plan.append((spec, pks, step))
    return plan


def preview(subject: Subject) -> ErasureReport:
    """What erasing the person would do, changing nothing."""
    return ErasureReport(tuple(step for _spec, _pks, step in _plan(subject)))


def _identifiers(plan: Plan, subject: Subject) -> set[str]:
    found = set(subject.emails)
    for spec, pks, _step in plan:
        wanted = [*spec.names, *spec.address_fields]
        if not pks or not wanted:
            continue
        for values in spec.model._default_manager.filter(pk__in=pks).values_list(*wanted):
            found.update(str(v) for v in values if v)
    return {v.strip() for v in found if len(v.strip()) >= MIN_MENTION}


def _is_unique(model: type[models.Model], field: models.Field[Any, Any]) -> bool:
    if field.unique:
        return True
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and field.name in constraint.fields:
            return True
    return any(field.name in together for together in model._meta.unique_together)


def _empty(field: models.Field[Any, Any]) -> Any:
    if field.null:
        return None
    if isinstance(field, models.JSONField):
        return field.get_default()
    if isinstance(field, models.CharField | models.TextField):
        return ""
    return models.NOT_PROVIDED  # dates and numbers that cannot be empty stay


def _placeholder(field: models.Field[Any, Any], pk: Any) -> str:
    if isinstance(field, models.EmailField):
        return f"erased-{pk}@invalid"
    return f"erased-{pk}"


def blank_rows(spec: PersonalData, rows: models.QuerySet[Any], subject: Subject | None) -> None:
    """Empty the person's fields, unlink the rows from their account and mark them
    shredded (a model with a ``shredded`` field); unique fields get a placeholder."""
    model = spec.model
    values: dict[str, Any] = {}
    unique = []
    for field in spec.local_fields(spec.shredded_fields):
        if _is_unique(model, field):
            unique.append(field)
        elif (empty := _empty(field)) is not models.NOT_PROVIDED:
            values[field.attname] = empty
    if any(f.name == "shredded" for f in model._meta.concrete_fields):
        values["shredded"] = True
    if values:
        rows.update(**values)
    for pk in rows.values_list("pk", flat=True) if unique else []:
        model._default_manager.filter(pk=pk).update(
            **{f.attname: _placeholder(f, pk) for f in unique}
        )
    if subject is not None and subject.user_id is not None:
        for field in model._meta.concrete_fields:
            remote = getattr(field, "related_model", None)
            if field.null and remote is not None and remote._meta.label == settings.AUTH_USER_MODEL:
                rows.filter(**{field.attname: subject.user_id}).update(**{field.attname: None})


def _shred(spec: PersonalData, rows: models.QuerySet[Any], subject: Subject) -> None:
    if spec.shred is not None:
        call_shred(spec.shred, rows, subject)
    elif spec.erase == ERASE_DELETE:
        rows.delete()
    elif spec.erase == ERASE_BLANK:
        blank_rows(spec, rows, subject)


def redact_mentions(identifiers: set[str], organisation_id: int | None = None) -> int:
    """Replace the identifiers in every registered free-text field (of one organisation's
    rows when given); returns the number of rows changed."""
    if not identifiers:
        return 0
    pattern = re.compile(
        "|".join(rf"(?<!\w){re.escape(v)}(?!\w)" for v in sorted(identifiers, key=len)[::-1]),
        re.IGNORECASE,
    )
    changed = 0
    for spec in registered():
        if organisation_id is not None and not spec.scope:
            continue
        rows = spec.model._default_manager.all()
        if organisation_id is not None:
            rows = rows.filter(**{spec.scope: organisation_id})
        for name in spec.mentions:
            query = models.Q()
            for value in identifiers:
                query |= models.Q(**{f"{name}__icontains": value})
            manager = spec.model._default_manager
            for pk, text in rows.filter(query).values_list("pk", name):
                redacted = pattern.sub(REDACTED, text or "")
                if redacted != text:
                    manager.filter(pk=pk).update(**{name: redacted})
                    changed += 1
    return changed


@transaction.atomic
def erase(subject: Subject) -> ErasureReport:
    """Erase the person: every registered shredder, then redaction, in one transaction."""
    plan = _plan(subject)
    identifiers = _identifiers(plan, subject)
    for spec, pks, _step in plan:
        if pks:
            _shred(spec, spec.model._default_manager.filter(pk__in=pks), subject)
    redacted = redact_mentions(identifiers, subject.organisation_id)
    # Pages and models derived from the person's rows are cached on disk: forget them.
    transaction.on_commit(derived.forget_everything)
    return ErasureReport(tuple(step for _spec, _pks, step in plan), redacted)
