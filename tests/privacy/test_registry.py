"""Every model of natverk declares its personal data (or that it has none)."""

from __future__ import annotations

import pytest
from django.apps import apps

from natverk.privacy.registry import Subject, not_personal, registered


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


@pytest.mark.parametrize("spec", registered(), ids=lambda s: s.name)
def test_registered_fields_exist_on_the_model(spec: object) -> None:
    from natverk.privacy.registry import PersonalData

    assert isinstance(spec, PersonalData)
    names = {f.name for f in spec.model._meta.get_fields()}
    assert set(spec.fields) <= names


@pytest.mark.django_db
@pytest.mark.parametrize("spec", registered(), ids=lambda s: s.name)
def test_rows_of_a_person_are_rows_of_the_model(spec: object) -> None:
    from natverk.privacy.registry import PersonalData

    assert isinstance(spec, PersonalData)
    rows = spec.rows(Subject(user_id=1, emails=frozenset({"someone@example.org"})))
    assert rows.model is spec.model
    assert list(rows) == []
