"""Contact search forgives the keyboard: Danish, Swedish and English spellings of æ, ø,
å, ä, ö find the same contacts; the data migration refolds text stored the old way."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps

from natverk.accounts.models import User
from natverk.contacts import actions, queries
from natverk.contacts.models import Contact
from natverk.formats.contacts_base import ContactRecord

pytestmark = pytest.mark.django_db
TODAY = dt.date(2027, 3, 1)


def found(owner: User, q: str) -> list[str]:
    return [c.name for c in queries.filtered_contacts(owner, queries.Filters(q=q), TODAY)]


@pytest.fixture
def people(owner: User) -> list[Contact]:
    return [
        actions.create_contact(owner, ContactRecord(name=name, company=company))
        for name, company in [
            ("Ørsted Bæk", "Økonomiafdelingen"),
            ("Åsa Lind", "Vattenfall"),
            ("Bo Ek", "IKEA"),
        ]
    ]


@pytest.mark.parametrize("q", ["orsted", "Ørsted", "Örsted", "ØRSTED bæk", "orsted bak"])
def test_a_danish_name_is_found_from_any_keyboard(
    owner: User, people: list[Contact], q: str
) -> None:
    assert found(owner, q) == ["Ørsted Bæk"]


@pytest.mark.parametrize("q", ["Åsa", "åsa", "asa", "ASA LIND"])
def test_a_swedish_name_is_found_with_or_without_its_letters(
    owner: User, people: list[Contact], q: str
) -> None:
    assert found(owner, q) == ["Åsa Lind"]


def test_search_folds_company_words_the_same_way(owner: User, people: list[Contact]) -> None:
    assert found(owner, "Ökonomi") == found(owner, "okonomi") == ["Ørsted Bæk"]
    assert found(owner, "ikea") == ["Bo Ek"]
    assert found(owner, "nobody") == []


def test_the_migration_refolds_text_stored_the_old_way(
    owner: User, people: list[Contact], monkeypatch: pytest.MonkeyPatch
) -> None:
    migration = importlib.import_module("natverk.contacts.migrations.0002_refold_search_text")
    monkeypatch.setattr(migration, "BATCH", 2)  # three contacts: more than one batch
    new = dict(Contact.objects.filter(owner=owner).values_list("pk", "search_text"))
    for contact in people:  # the text as 0001's code stored it: case-folded only
        old = " ".join(f"{contact.name} {contact.company}".casefold().split())
        Contact.objects.filter(pk=contact.pk).update(search_text=old)
    assert found(owner, "orsted") == []

    migration.refold(apps, None)

    assert dict(Contact.objects.filter(owner=owner).values_list("pk", "search_text")) == new
    assert new[people[0].pk] == "orsted bak okonomiafdelingen"
    assert found(owner, "orsted") == ["Ørsted Bæk"]
    assert found(owner, "asa") == ["Åsa Lind"]
