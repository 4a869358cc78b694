"""Contact search forgives the keyboard: Danish, Swedish and English spellings of æ, ø,
å, ä, ö (and ae, oe, aa, ue for them) find the same contacts; the data migrations refold
text stored the old way."""

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


def test_the_migrations_refold_and_respell_text_stored_the_old_way(
    owner: User, people: list[Contact], monkeypatch: pytest.MonkeyPatch
) -> None:
    refold = importlib.import_module("natverk.contacts.migrations.0002_refold_search_text")
    respell = importlib.import_module("natverk.contacts.migrations.0003_ascii_spellings")
    for migration in (refold, respell):
        monkeypatch.setattr(migration, "BATCH", 2)  # three contacts: more than one batch
    new = dict(Contact.objects.filter(owner=owner).values_list("pk", "search_text"))
    for contact in people:  # the text as 0001's code stored it: case-folded only
        old = " ".join(f"{contact.name} {contact.company}".casefold().split())
        Contact.objects.filter(pk=contact.pk).update(search_text=old)
    assert found(owner, "orsted") == []

    refold.refold(apps, None)

    assert Contact.objects.get(pk=people[0].pk).search_text == "orsted bak okonomiafdelingen"
    assert found(owner, "orsted") == ["Ørsted Bæk"]
    assert found(owner, "asa") == ["Åsa Lind"]

    respell.respell(apps, None)

    assert dict(Contact.objects.filter(owner=owner).values_list("pk", "search_text")) == new
    assert found(owner, "orsted") == ["Ørsted Bæk"]


@pytest.mark.parametrize(
    ("name", "queries"),
    [
        ("Søren Bæk", ["Soeren", "Baek", "soeren baek", "Søren", "bak"]),
        ("Lars Århus", ["Aarhus", "arhus", "Århus"]),
        ("Jürgen Müller", ["Mueller", "muller", "Müller"]),
        ("Søren Baek", ["Bæk", "bak", "baek", "Soeren"]),
    ],
)
def test_ascii_spellings_of_nordic_letters_find_the_contact(
    owner: User, name: str, queries: list[str]
) -> None:
    actions.create_contact(owner, ContactRecord(name=name))
    actions.create_contact(owner, ContactRecord(name="Bo Ek"))
    for q in queries:
        assert found(owner, q) == [name], q


def test_a_part_of_a_word_with_ae_or_oe_still_finds_it(owner: User) -> None:
    for name in ("Michael Berg", "Joel Lund", "Bo Ek"):
        actions.create_contact(owner, ContactRecord(name=name))
    assert found(owner, "el") == ["Joel Lund", "Michael Berg"]
    assert found(owner, "michael") == ["Michael Berg"]
    assert found(owner, "oel") == ["Joel Lund"]
