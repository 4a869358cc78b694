"""Contact pages: the owner sees and tends their contacts; nobody else gets anything but
404, leaders and administrators included; the list pages 10,000 contacts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from natverk.accounts.demo import DemoWorld
from natverk.accounts.models import User
from natverk.contacts import actions
from natverk.contacts.models import Contact, Interaction
from natverk.formats.contact_files import read_contact_file
from natverk.formats.contacts_base import ContactRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(owner: User) -> Contact:
    return actions.create_contact(
        owner,
        ContactRecord(
            name="Anna Berg",
            emails=("anna@example.se",),
            company="IKEA",
            title="Kommunikatör",
            tags=("mentor",),
            notes="Hemlig anteckning",
        ),
    )


def test_the_owner_tends_a_contact_through_the_pages(owner_client: Client, anna: Contact) -> None:
    assert "Anna Berg" in owner_client.get("/contacts/").content.decode()
    page = owner_client.get(f"/contacts/{anna.pk}/").content.decode()
    assert "Hemlig anteckning" in page and "anna@example.se" in page
    assert "Anna Berg" in owner_client.get("/contacts/triage/").content.decode()
    owner_client.post(f"/contacts/{anna.pk}/triage/", {"status": "keep_warm", "next_step": "Fika"})
    anna.refresh_from_db()
    assert (anna.status, anna.next_step) == ("keep_warm", "Fika")
    today = timezone.localdate()
    owner_client.post(
        f"/contacts/{anna.pk}/log/", {"kind": "helped", "flow": "gave", "on": today.isoformat()}
    )
    owner_client.post(
        f"/contacts/{anna.pk}/log/", {"kind": "asked", "flow": "got", "on": today.isoformat()}
    )
    assert anna.interactions.filter(flow=Interaction.Flow.GAVE).count() == 1
    assert "Anna Berg" in owner_client.get("/contacts/give-and-take/").content.decode()
    owner_client.post(
        f"/contacts/{anna.pk}/follow-up/",
        {
            "cadence": "30",
            "next_follow_up": (today + dt.timedelta(days=7)).isoformat(),
            "strength": "2",
        },
    )
    due_page = owner_client.get("/contacts/due/").content.decode()
    assert "Anna Berg" in due_page
    owner_client.post(f"/contacts/{anna.pk}/snooze/", {"days": "30"})
    anna.refresh_from_db()
    assert anna.next_follow_up == today + dt.timedelta(days=30)


def test_add_edit_and_remove_a_contact(owner_client: Client, owner: User) -> None:
    response = owner_client.post(
        "/contacts/new/",
        {"name": "Bo Ek", "emails": "bo@example.se\nbo@example.org", "tags": "Almedalen, mentor"},
    )
    bo = Contact.objects.get(owner=owner, name="Bo Ek")
    assert response["Location"] == f"/contacts/{bo.pk}/"
    assert bo.emails == ["bo@example.se", "bo@example.org"]
    bad = owner_client.post(f"/contacts/{bo.pk}/edit/", {"name": "Bo Ek", "emails": "not-mail"})
    assert bad.status_code == 200 and Contact.objects.get(pk=bo.pk).emails == bo.emails
    owner_client.post(f"/contacts/{bo.pk}/edit/", {"name": "Bo Ek", "company": "IKEA", "tags": ""})
    bo.refresh_from_db()
    assert bo.company == "IKEA" and bo.tags.count() == 0
    owner_client.post(f"/contacts/{bo.pk}/delete/")
    assert not Contact.objects.filter(pk=bo.pk).exists()


@pytest.mark.parametrize("who", ["leader", "admin", "other_leader"])
def test_leaders_and_administrators_get_404_for_a_members_contact(
    client: Client, demo: DemoWorld, anna: Contact, who: str
) -> None:
    client.force_login(getattr(demo, who))
    for url in (f"/contacts/{anna.pk}/", f"/contacts/{anna.pk}/edit/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/contacts/{anna.pk}/delete/").status_code == 404
    assert "Anna Berg" not in client.get("/contacts/").content.decode()
    assert "Anna Berg" not in client.get("/contacts/export.vcf").content.decode()
    assert Contact.objects.filter(pk=anna.pk).exists()


def test_the_django_admin_does_not_list_contacts(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.admin)
    assert client.get("/admin/contacts/contact/").status_code == 404


def test_exports_read_back_through_the_importer(owner_client: Client, anna: Contact) -> None:
    for fmt in ("vcf", "csv"):
        response = owner_client.get(f"/contacts/export.{fmt}")
        assert response.status_code == 200
        assert "attachment" in response["Content-Disposition"]
        (back,) = read_contact_file(response.content).records
        assert back == anna.record()
    assert owner_client.get("/contacts/export.pdf").status_code == 404


def test_the_list_pages_ten_thousand_contacts_fifty_at_a_time(
    owner_client: Client, owner: User
) -> None:
    Contact.objects.bulk_create(
        Contact(owner=owner, name=f"Person {i:05d}", search_text=f"person {i:05d}")
        for i in range(10_000)
    )
    page = owner_client.get("/contacts/?page=3").content.decode()
    assert "Person 00100" in page and "Person 00150" not in page
    assert "10000" in page.replace("\xa0", "").replace(" ", "")
    found = owner_client.get("/contacts/?q=person+09999").content.decode()
    assert "Person 09999" in found


def test_duplicates_page_lists_pairs_and_merges_one(owner_client: Client, owner: User) -> None:
    first = actions.create_contact(owner, ContactRecord(name="Anna Berg", emails=("a@example.se",)))
    second = actions.create_contact(owner, ContactRecord(name="A. Berg", emails=("A@example.se",)))
    assert "A. Berg" in owner_client.get("/contacts/duplicates/").content.decode()
    owner_client.post(f"/contacts/{first.pk}/merge/{second.pk}/")
    assert list(Contact.objects.filter(owner=owner)) == [first]


def test_settings_turn_the_weekly_digest_off(owner_client: Client, owner: User) -> None:
    owner_client.post("/contacts/settings/", {})
    assert actions.settings_of(owner).weekly_digest is False
    owner_client.post("/contacts/settings/", {"weekly_digest": "on"})
    assert actions.settings_of(owner).weekly_digest is True
