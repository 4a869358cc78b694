"""Importing is all-or-nothing after a preview; duplicates merge when confirmed; the last
import can be undone."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from hypothesis import HealthCheck, given, settings

from natverk.accounts.models import User
from natverk.contacts import actions
from natverk.contacts.importing import (
    ImportStateError,
    apply_import,
    last_applied_import,
    plan_import,
    start_import,
    undo_import,
)
from natverk.contacts.models import Contact, ImportBatch
from natverk.formats.contacts_base import ContactFormatError, ContactRecord
from tests.contacts.conftest import sample, vcard
from tests.formats.test_contact_fuzz import mutated

pytestmark = pytest.mark.django_db


def test_preview_writes_no_contact_and_apply_writes_them_all(owner: User) -> None:
    batch = start_import(owner, sample("linkedin/connections_2024_preamble_url_selected.csv"))
    items = plan_import(batch)
    assert len(items) == 14 and not any(i.merges for i in items)
    assert Contact.objects.filter(owner=owner).count() == 0
    done = apply_import(batch, confirmed=set())
    assert (done.created_count, done.merged_count, done.skipped_count) == (14, 0, 1)
    ava = Contact.objects.get(owner=owner, name="Ava Lopez")
    assert (ava.company, ava.met_on, ava.status) == ("CivicMinds, Inc", dt.date(2024, 5, 23), "new")
    assert done.records == []  # the file's records are not kept once imported


def test_a_broken_file_writes_nothing(owner: User) -> None:
    with pytest.raises(ContactFormatError):
        start_import(owner, b"BEGIN:VCARD\r\nFN:Cut short\r\n")
    assert ImportBatch.objects.filter(owner=owner).count() == 0
    assert Contact.objects.filter(owner=owner).count() == 0


def test_a_record_that_fails_validation_rolls_the_whole_import_back(owner: User) -> None:
    batch = start_import(owner, vcard("Anna|anna@example.se", "Bo|bo@example.se"))
    batch.records[1]["emails"] = ["not an address"]  # as if the stored import were tampered
    batch.save(update_fields=["records"])
    with pytest.raises(ValidationError):
        apply_import(batch)
    assert Contact.objects.filter(owner=owner).count() == 0
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.PENDING


def test_duplicates_by_email_phone_and_linkedin_merge_and_close_names_wait_for_a_yes(
    owner: User,
) -> None:
    actions.create_contact(owner, ContactRecord(name="Anna Berg", emails=("ANNA@example.se",)))
    actions.create_contact(owner, ContactRecord(name="Bo Ek", phones=("070-123 45 67",)))
    actions.create_contact(owner, ContactRecord(name="Jon Smith", company="IBM AB"))
    data = vcard(
        "Anna B|anna@example.se||",
        "Bo Ek|bo@example.se|+46 70 123 45 67|",
        "John Smith|john@ibm.example||IBM",
        "New Person|new@example.se||",
    )
    batch = start_import(owner, data)
    reasons = [(i.record.name, i.match.reason if i.match else None) for i in plan_import(batch)]
    assert reasons == [
        ("Anna B", "email"),
        ("Bo Ek", "phone"),
        ("John Smith", "name"),
        ("New Person", None),
    ]
    done = apply_import(batch, confirmed={0, 1})  # the member leaves the name match unchecked
    assert (done.created_count, done.merged_count) == (2, 2)
    bo = Contact.objects.get(owner=owner, name="Bo Ek")
    assert bo.emails == ["bo@example.se"] and bo.phones == ["070-123 45 67", "+46 70 123 45 67"]
    assert Contact.objects.filter(owner=owner, name__in=["Jon Smith", "John Smith"]).count() == 2


def test_the_same_person_twice_in_one_file_becomes_one_contact(owner: User) -> None:
    batch = start_import(
        owner, vcard("Anna Berg|anna@example.se", "Anna Berg|anna@example.se|0701")
    )
    items = plan_import(batch)
    assert items[1].into_record == 0 and items[1].strong
    done = apply_import(batch)
    assert done.created_count == 1
    assert Contact.objects.get(owner=owner).phones == ["0701"]


def test_undo_removes_new_contacts_and_gives_merged_ones_their_old_values(owner: User) -> None:
    kept = actions.create_contact(
        owner, ContactRecord(name="Anna Berg", emails=("anna@example.se",), tags=("mentor",))
    )
    first = apply_import(start_import(owner, vcard("Someone|someone@example.se")))
    second = apply_import(
        start_import(
            owner,
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEMAIL:anna@example.se\r\n"
            b"ORG:IKEA\r\nCATEGORIES:Almedalen\r\nEND:VCARD\r\n"
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Other\r\nEND:VCARD\r\n",
        )
    )
    kept.refresh_from_db()
    assert kept.company == "IKEA"
    assert sorted(t.name for t in kept.tags.all()) == ["Almedalen", "mentor"]
    with pytest.raises(ImportStateError):
        undo_import(first)  # only the latest import can be undone
    assert undo_import(second) == 1
    kept.refresh_from_db()
    assert kept.company == "" and [t.name for t in kept.tags.all()] == ["mentor"]
    assert set(Contact.objects.filter(owner=owner).values_list("name", flat=True)) == {
        "Anna Berg",
        "Someone",
    }
    assert last_applied_import(owner) is None


def test_an_import_is_applied_once(owner: User) -> None:
    batch = start_import(owner, vcard("Anna|anna@example.se"))
    apply_import(batch)
    with pytest.raises(ImportStateError):
        apply_import(batch)


def test_upload_preview_and_confirm_through_the_pages(owner_client: Client, owner: User) -> None:
    actions.create_contact(owner, ContactRecord(name="Anna Berg", emails=("anna@example.se",)))
    upload = sample("vcard/android_v21_qp_multi.vcf")
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = owner_client.post(
        "/contacts/import/", {"file": SimpleUploadedFile("contacts.vcf", upload)}
    )
    assert response.status_code == 302
    preview = owner_client.get(response["Location"])
    assert preview.status_code == 200
    assert "john.doe@company.com" in preview.content.decode()
    assert Contact.objects.filter(owner=owner).count() == 1
    batch = ImportBatch.objects.get(owner=owner, status="pending")
    done = owner_client.post(f"/contacts/import/{batch.pk}/apply/")
    assert done.status_code == 302
    assert Contact.objects.filter(owner=owner).count() == 7


def test_upload_of_a_broken_file_says_why_and_writes_nothing(
    owner_client: Client, owner: User
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = owner_client.post(
        "/contacts/import/",
        {"file": SimpleUploadedFile("x.csv", b"Foo,Bar\n1,2\n")},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "no column for a name" in response.content.decode()
    assert ImportBatch.objects.filter(owner=owner).count() == 0


def test_undo_takes_back_a_tag_that_was_the_only_change(owner: User) -> None:
    anna = actions.create_contact(owner, ContactRecord(name="Anna", emails=("anna@example.se",)))
    batch = apply_import(
        start_import(
            owner,
            b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Anna\r\nEMAIL:anna@example.se\r\n"
            b"CATEGORIES:Almedalen\r\nEND:VCARD\r\n",
        )
    )
    assert [t.name for t in anna.tags.all()] == ["Almedalen"]
    undo_import(batch)
    assert list(anna.tags.all()) == []


def test_importing_the_same_file_twice_changes_nothing_the_second_time(owner: User) -> None:
    data = sample("linkedin/connections_2024_preamble_url_selected.csv")
    apply_import(start_import(owner, data))
    before = list(Contact.objects.filter(owner=owner).order_by("pk").values())
    again = apply_import(start_import(owner, data))
    assert (again.created_count, again.merged_count, again.merged_before) == (0, 14, {})
    after = list(Contact.objects.filter(owner=owner).order_by("pk").values())
    assert after == before


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=mutated())
def test_a_fuzzed_file_is_imported_whole_or_not_at_all(owner: User, data: bytes) -> None:
    contacts, batches = Contact.objects.count(), ImportBatch.objects.count()
    try:
        batch = start_import(owner, data)
    except ContactFormatError:
        assert (Contact.objects.count(), ImportBatch.objects.count()) == (contacts, batches)
        return
    records = len(batch.records)
    done = apply_import(batch)
    assert done.created_count + done.merged_count == records
    assert Contact.objects.count() == contacts + done.created_count
    assert Contact.objects.filter(import_batch=done).count() == done.created_count
