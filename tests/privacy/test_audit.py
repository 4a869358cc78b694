"""The audit trail: who read or wrote interview notes, who exported or erased whom,
administrators' logins; appended only, redacted on erasure, searchable by admins."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from natverk.privacy.audit import audit, search
from natverk.privacy.models import AuditEntry
from natverk.privacy.models.audit import AppendOnlyError
from natverk.programs.models import Application
from tests.privacy.world import PASSWORD, PrivacyWorld, build_world
from tests.programs.conftest import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> PrivacyWorld:
    return build_world(keys=("a",))


def _application_url(world: PrivacyWorld, application: Application) -> str:
    return reverse(
        "programs:application",
        kwargs={
            "slug": world.organisation.slug,
            "program_id": application.program_id,
            "application_id": application.pk,
        },
    )


def test_reading_and_writing_interview_notes_is_audited(
    world: PrivacyWorld, client: Client
) -> None:
    person = world.people["a"]
    application = Application.objects.get(user=person, program=world.program)
    client.force_login(world.leader)
    before = AuditEntry.objects.filter(action="natverk.program.note.read").count()
    assert client.get(_application_url(world, application)).status_code == 200
    client.post(_application_url(world, application), {"text": "Bra samtal."})
    read = AuditEntry.objects.filter(action="natverk.program.note.read").first()
    added = AuditEntry.objects.get(action="natverk.program.note.added")
    assert AuditEntry.objects.filter(action="natverk.program.note.read").count() == before + 1
    assert read is not None and (read.actor, read.subject) == (world.leader, person)
    assert read.target == f"programs.Application:{application.pk}"
    assert added.data["note"] == application.notes.get(text="Bra samtal.").pk
    assert added.organisation == world.organisation


def test_an_applicant_without_an_account_is_named_by_address(world: PrivacyWorld) -> None:
    entry = audit(
        "natverk.program.note.read",
        actor=world.leader,
        subject_email="Utan.Konto@Example.org",
        organisation=world.organisation,
    )
    assert (entry.subject, entry.subject_email) == (None, "utan.konto@example.org")


def test_entries_are_never_changed_or_deleted(world: PrivacyWorld) -> None:
    entry = audit("natverk.test.thing", actor=world.leader, organisation=world.organisation)
    entry.action = "natverk.test.other"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "natverk.test.thing"


def test_administrators_logins_are_audited_and_members_are_not(world: PrivacyWorld) -> None:
    for person in (world.admin, world.people["a"]):
        Client().post(reverse("accounts:login"), {"username": person.email, "password": PASSWORD})
    logins = AuditEntry.objects.filter(action="natverk.accounts.admin.login")
    assert [(e.actor, e.organisation) for e in logins] == [(world.admin, world.organisation)]


def test_exports_and_erasures_are_audited_and_the_erased_person_is_redacted(
    world: PrivacyWorld,
) -> None:
    from natverk.privacy import actions
    from natverk.privacy.models import DataRequest

    person = world.people["a"]
    exported = AuditEntry.objects.get(action="natverk.privacy.person.exported", subject=person)
    request = actions.request_for_person(
        world.organisation, email=person.email, kind=DataRequest.Kind.ERASE, by=world.admin
    )
    actions.confirm_erasure(request, by=world.admin)
    run_worker()
    exported.refresh_from_db()
    assert exported.subject is None and exported.shredded
    erased = AuditEntry.objects.get(action="natverk.privacy.person.erased")
    assert (erased.actor, erased.subject, erased.subject_email) == (world.admin, None, "")


def test_admins_search_the_log_by_person_and_action(world: PrivacyWorld, client: Client) -> None:
    person = world.people["a"]
    assert search(world.organisation, text="Person a").filter(subject=person).exists()
    assert not search(world.organisation, text="Ingen sådan").exists()
    notes = search(world.organisation, action="natverk.program.note")
    assert {e.action for e in notes} == {"natverk.program.note.read"}
    client.force_login(world.admin)
    url = reverse("privacy:audit", kwargs={"slug": world.organisation.slug})
    page = client.get(url, {"q": "Person a", "action": "natverk.program.note"})
    text = page.content.decode()
    assert "natverk.program.note.read" in text and "Lea Ledare" in text
    client.force_login(world.leader)
    assert client.get(url).status_code == 404
