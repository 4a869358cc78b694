"""E-mail addresses are compared in any letter case and stored in lower case."""

from __future__ import annotations

import importlib

from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import reverse

from natverk.accounts.demo import LEADER_EMAIL, LEADER_PASSWORD, DemoWorld
from natverk.accounts.models import User


def test_login_with_the_address_in_other_letter_case_works(client: Client, demo: DemoWorld) -> None:
    response = client.post(
        reverse("accounts:login"),
        {"username": "Lena.Ledare@Example.ORG", "password": LEADER_PASSWORD},
        REMOTE_ADDR="10.9.9.1",
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:account")).status_code == 200


def test_failed_logins_in_mixed_case_count_against_the_same_address(
    client: Client, demo: DemoWorld
) -> None:
    spellings = ["lena.ledare@example.org", "Lena.Ledare@example.org", "LENA.LEDARE@EXAMPLE.ORG"]
    statuses = [
        client.post(
            reverse("accounts:login"),
            {"username": spellings[k % 3], "password": "wrong"},
            REMOTE_ADDR="10.9.9.2",
        ).status_code
        for k in range(5)
    ]
    assert statuses[-1] == 429


def test_addresses_are_stored_lowered_and_found_in_any_case(demo: DemoWorld) -> None:
    user = User.objects.create_user("Sara.Lind@Example.org", "x", name="Sara")
    assert user.email == "sara.lind@example.org"
    assert User.objects.get(email="SARA.LIND@example.org") == user
    user.email = "Sara.Ny@Example.org"
    user.full_clean(exclude=["password"])
    user.save(update_fields=["email"])
    assert User.objects.filter(email="sara.ny@example.org").exists()
    assert user.email == "sara.ny@example.org"


def _raw_email(table: str, pk: int, email: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET email = %s WHERE id = %s", [email, pk])  # noqa: S608


def test_migration_lowers_addresses_where_no_other_row_has_the_lowered_form(
    demo: DemoWorld,
) -> None:
    a = User.objects.create_user("a@example.org", None, name="A")
    b = User.objects.create_user("b@example.org", None, name="B")
    c = User.objects.create_user("c@example.org", None, name="C")
    _raw_email("accounts_user", a.pk, "Anna.Mixed@Example.org")
    _raw_email("accounts_user", b.pk, "Twin@Example.org")
    _raw_email("accounts_user", c.pk, "twin@example.org")
    migration = importlib.import_module("natverk.accounts.migrations.0003_normalise_emails")
    migration.normalise(apps, None)
    rows = dict(User.objects.filter(pk__in=[a.pk, b.pk, c.pk]).values_list("pk", "email"))
    assert rows[a.pk] == "anna.mixed@example.org"
    assert rows[b.pk] == "Twin@Example.org"  # unsafe: left for an administrator
    assert rows[c.pk] == "twin@example.org"


def test_demo_leader_address_is_lower_case(demo: DemoWorld) -> None:
    assert demo.leader.email == LEADER_EMAIL == LEADER_EMAIL.lower()
