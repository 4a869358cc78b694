"""Erasure leaves nothing behind: markers planted in every personal field of every
registered model are gone from a dump of the whole database (SQLite and PostgreSQL),
while the other person's markers all stay; the export holds exactly the person's."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse

from natverk.accounts.models import User
from natverk.outbox.models import Message
from natverk.privacy import actions
from natverk.privacy.models import AuditEntry, DataRequest
from natverk.privacy.registry import registered
from natverk.privacy.subjects import subject_for
from natverk.programs.models import Application, GroupMember
from tests.privacy.markers import Planted, dump_database, found, plant, text_fields, zip_text
from tests.privacy.world import PrivacyWorld, build_world
from tests.programs.conftest import run_worker

pytestmark = pytest.mark.django_db

Capture = Callable[..., AbstractContextManager[Any]]


@pytest.fixture
def world() -> PrivacyWorld:
    return build_world()


def _plant_both(world: PrivacyWorld) -> tuple[Planted, Planted]:
    a = plant(subject_for(world.people["a"]), "a")
    b = plant(subject_for(world.people["b"]), "b")
    return a, b


def _name_of(planted: Planted) -> str:
    return next(m for m, where in planted.markers.items() if where.startswith("accounts.User.name"))


def test_markers_reach_every_registered_model_and_the_dump_finds_them(
    world: PrivacyWorld,
) -> None:
    a, b = _plant_both(world)
    with_fields = {spec.name for spec in registered() if text_fields(spec)}
    assert with_fields - a.models == set()
    assert with_fields - b.models == set()
    dump = dump_database()
    assert found(a.all(), dump) == a.all()
    assert found(b.all(), dump) == b.all()


def test_a_person_who_deletes_their_account_leaves_no_marker_anywhere(
    world: PrivacyWorld, django_capture_on_commit_callbacks: Capture
) -> None:
    a, b = _plant_both(world)
    person, other = world.people["a"], world.people["b"]
    # The other person's welcome mail names the person: redacted, not deleted.
    welcome = Message.objects.get(user=other, kind="natverk.test.welcome")
    Message.objects.filter(pk=welcome.pk).update(body=f"{welcome.body} {_name_of(a)}")
    files = list(
        DataRequest.objects.filter(subject=person)
        .exclude(file_name="")
        .values_list("file_name", flat=True)
    )
    assert files and all(default_storage.exists(name) for name in files)
    person.refresh_from_db()
    request = actions.delete_own_account(person)
    with django_capture_on_commit_callbacks(execute=True):
        run_worker()
    request.refresh_from_db()
    assert request.status == DataRequest.Status.DONE

    dump = dump_database()
    assert {m: a.markers.get(m) for m in found(a.all(), dump)} == {}
    assert found(b.all(), dump) == b.all()
    assert not any(default_storage.exists(name) for name in files)
    assert not User.objects.filter(pk=person.pk).exists()
    # The group keeps "a former member": the place stays, the name and answers go.
    places = GroupMember.objects.filter(group=world.group)
    assert places.count() == 2
    former = Application.objects.get(membership__in=places, user__isnull=True)
    assert (former.name, former.hopes, former.status) == ("", "", Application.Status.ACCEPTED)
    # What stays is listed with the reason; the log records the erasure without a name.
    kept = {step["model"] for step in request.report["steps"] if step["reason"]}
    assert {"programs.GroupMember", "privacy.AuditEntry", "privacy.DataRequest"} <= kept
    assert AuditEntry.objects.filter(action="natverk.privacy.person.erased").count() == 1
    assert AuditEntry.objects.filter(shredded=True, action="natverk.program.note.read").exists()


def test_the_export_holds_every_marker_of_the_person_and_none_of_anyone_else(
    world: PrivacyWorld, client: Client
) -> None:
    a, b = _plant_both(world)
    person = User.objects.get(pk=world.people["a"].pk)
    client.force_login(person)
    response = client.post(reverse("privacy:export"))
    export = DataRequest.objects.filter(subject=person).first()
    assert export is not None and response["Location"].endswith(f"/privacy/exports/{export.pk}/")
    run_worker()
    download = client.get(reverse("privacy:export_download", kwargs={"export_id": export.pk}))
    assert download.status_code == 200
    text = zip_text(b"".join(download.streaming_content))  # type: ignore[attr-defined]
    assert found(a.all(), text) == a.all()
    assert found(b.all(), text) == set()


def test_an_administrator_erases_only_what_the_organisation_holds_of_a_shared_person(
    world: PrivacyWorld,
) -> None:
    from natverk.accounts import actions as accounts

    person = world.people["a"]
    elsewhere = accounts.create_organisation(name="Annat nätverk", slug="annat")
    accounts.add_member(elsewhere, person)
    request = actions.request_for_person(
        world.organisation, email=person.email, kind=DataRequest.Kind.ERASE, by=world.admin
    )
    assert request.status == DataRequest.Status.NEW
    actions.confirm_erasure(request, by=world.admin)
    run_worker()
    person.refresh_from_db()
    assert person.is_active
    assert list(person.memberships.values_list("organisation__slug", flat=True)) == ["annat"]
    assert not Application.objects.filter(user=person).exists()
    request.refresh_from_db()
    skipped = {s["model"] for s in request.report["steps"] if s["action"] == "skipped"}
    assert "accounts.User" in skipped and "accounts.Profile" in skipped
