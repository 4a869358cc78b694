"""Every model of natverk declares its personal data (or that it has none)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models

from natverk.privacy.registry import (
    ERASE_KEEP,
    PersonalData,
    RetentionRule,
    Subject,
    not_personal,
    register,
    register_retention,
    registered,
    retention_rules,
)


def _natverk_models() -> list[str]:
    return sorted(
        m._meta.label
        for m in apps.get_models()
        if m.__module__.startswith("natverk.") and not m._meta.abstract
    )


def test_every_natverk_model_declares_its_personal_data() -> None:
    declared = {spec.name for spec in registered()} | set(not_personal())
    missing = [label for label in _natverk_models() if label not in declared]
    assert missing == [], (
        "register these models in their app's privacy.py (PersonalData or register_none)"
    )


def test_no_model_is_declared_both_personal_and_free_of_personal_data() -> None:
    assert {spec.name for spec in registered()} & set(not_personal()) == set()


def _resolves(model: type[models.Model], lookup: str) -> bool:
    current: type[models.Model] | None = model
    for part in lookup.split("__"):
        if current is None:
            return False
        try:
            field = current._meta.get_field(part)
        except Exception:
            return False
        current = getattr(field, "related_model", None)
    return True


@pytest.mark.parametrize("spec", registered(), ids=lambda s: s.name)
def test_registered_fields_exist_on_the_model(spec: PersonalData) -> None:
    lookups = [*spec.fields, *spec.keep, *spec.names, *spec.address_fields, *spec.mentions]
    assert [f for f in lookups if not _resolves(spec.model, f)] == []
    if spec.scope:
        assert _resolves(spec.model, spec.scope)


@pytest.mark.parametrize("spec", registered(), ids=lambda s: s.name)
def test_names_and_addresses_are_exported(spec: PersonalData) -> None:
    assert set(spec.names) | set(spec.address_fields) <= set(spec.fields)


@pytest.mark.django_db
@pytest.mark.parametrize("spec", registered(), ids=lambda s: s.name)
def test_rows_of_a_person_are_rows_of_the_model(spec: PersonalData) -> None:
    rows = spec.rows(Subject(user_id=1, emails=frozenset({"someone@example.org"})))
    assert rows.model is spec.model
    assert list(rows.values(*spec.fields)) == []


def test_rows_kept_on_erasure_must_say_why() -> None:
    from natverk.meetings.models import Meeting

    with pytest.raises(ValueError, match="reason"):
        register(PersonalData(Meeting, lambda s: Meeting.objects.none(), (), erase=ERASE_KEEP))


def test_a_retention_rule_has_rows_or_runs_itself() -> None:
    with pytest.raises(ValueError, match="either"):
        register_retention(RetentionRule("x.y", "X", "after", 12))


def test_retention_rules_have_sensible_defaults() -> None:
    months = {rule.name: rule.months for rule in retention_rules()}
    assert (
        months.items()
        >= {
            "programs.applications.declined": 12,
            "programs.notes": 6,
            "privacy.accounts.inactive": 24,
        }.items()
    )
