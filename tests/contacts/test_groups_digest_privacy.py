"""Fellow group members as contacts; the weekly digest through the outbox; contacts in
the member's data export and gone with the member."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone, translation

from natverk.accounts.demo import DemoWorld
from natverk.accounts.models import User
from natverk.contacts import actions
from natverk.contacts.demo import load_demo_contacts
from natverk.contacts.digest import send_weekly_digests, week_of
from natverk.contacts.groups import group_records
from natverk.contacts.importing import apply_import, plan_import, start_records_import
from natverk.contacts.models import Contact, ContactSettings, ImportBatch, Interaction, Tag
from natverk.formats.contacts_base import ContactRecord
from natverk.jobs.registry import jobs
from natverk.outbox.actions import deliver_due
from natverk.privacy.registry import Subject, registered
from natverk.programs.demo import load_demo_program
from natverk.programs.models import Application, Group, Placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def group(demo: DemoWorld) -> Group:
    """A published group of four: the demo member and three others."""
    program = load_demo_program(demo, applicants=12)
    group = Group.objects.create(program=program, number=3)
    others = list(
        program.applications.filter(status=Application.Status.ACCEPTED, user__isnull=False)[:3]
    )
    mine = Application.objects.create(
        program=program,
        user=demo.member,
        name=demo.member.name,
        email=demo.member.email,
        hopes="h",
        offers="o",
        status=Application.Status.ACCEPTED,
    )
    published = timezone.now() - dt.timedelta(days=10)
    for application in [*others, mine]:
        Placement.objects.create(application=application, group=group, published_at=published)
    return group


def test_the_members_of_my_group_become_contacts_with_how_we_met(owner: User, group: Group) -> None:
    with translation.override("en"):
        found, members = group_records(owner, group, "en")
    assert len(found.records) == 3 and owner.name not in [r.name for r in found.records]
    record = found.records[0]
    assert record.how_we_met == f"{group.program.title}, group 3"
    assert record.met_on == timezone.localdate() - dt.timedelta(days=10)
    assert record.title and record.company  # profession label and employer
    assert record.emails == () and record.phones == ()  # nothing shared until they choose to
    batch = start_records_import(owner, found, "group", members=members)
    apply_import(batch)
    linked = Contact.objects.filter(owner=owner, member__isnull=False).count()
    assert linked == 3


def test_the_group_import_page_shows_a_preview(
    owner_client: Client, owner: User, group: Group
) -> None:
    response = owner_client.post("/contacts/import/group/", {"group": group.pk})
    batch = ImportBatch.objects.get(owner=owner, status="pending")
    assert response["Location"] == f"/contacts/import/{batch.pk}/"
    assert len(plan_import(batch)) == 3
    assert (
        owner_client.post("/contacts/import/group/", {"group": group.pk + 999}).status_code == 404
    )


def test_the_weekly_digest_goes_once_a_week_to_members_with_follow_ups(
    owner: User, demo: DemoWorld
) -> None:
    today = timezone.localdate()
    contact = actions.create_contact(owner, ContactRecord(name="Anna Berg", company="IKEA"))
    actions.plan_follow_up(
        contact,
        cadence_days=None,
        next_follow_up=today + dt.timedelta(3),
        strength=0,
        next_step="Skicka rapporten",
    )
    actions.create_contact(demo.leader, ContactRecord(name="Nobody due"))
    assert send_weekly_digests(today) == 1
    assert send_weekly_digests(today) == 0  # the same week: nothing more
    deliver_due()
    (sent,) = mail.outbox
    assert sent.to == [owner.email]
    assert "Anna Berg" in sent.body and "Skicka rapporten" in sent.body
    assert "/contacts/due/" in sent.body
    assert sent.extra_headers["List-Unsubscribe"].endswith("/contacts/settings/>")
    assert ContactSettings.objects.get(owner=owner).last_digest_week == week_of(today)
    next_week = today + dt.timedelta(days=7)
    actions.set_weekly_digest(owner, False)
    assert send_weekly_digests(next_week) == 0


def test_the_digest_is_a_periodic_job() -> None:
    assert "contacts.weekly_digest" in {job.name for job in jobs()}


def test_contacts_are_in_the_members_export_and_go_with_the_member(owner: User) -> None:
    contact = actions.create_contact(
        owner, ContactRecord(name="Kanariefågel Canary", notes="canary-note-4711", tags=("canary",))
    )
    actions.log_interaction(contact, kind="met", on=timezone.localdate(), note="canary-log")
    actions.set_weekly_digest(owner, False)
    subject = Subject(user_id=owner.pk, emails=frozenset({owner.email}))
    exported = {
        spec.name: list(spec.rows(subject).values(*spec.fields))
        for spec in registered()
        if spec.model._meta.app_label == "contacts"
    }
    assert exported["contacts.Contact"][0]["notes"] == "canary-note-4711"
    assert exported["contacts.Interaction"][0]["note"] == "canary-log"
    assert exported["contacts.Tag"] == [{"name": "canary"}]
    assert exported["contacts.ContactSettings"] == [{"weekly_digest": False}]
    owner.delete()
    assert not Contact.objects.filter(notes__contains="canary").exists()
    assert not Interaction.objects.filter(note__contains="canary").exists()
    assert not Tag.objects.filter(name="canary").exists()


def test_a_fellow_member_erased_leaves_my_contact_without_the_link(
    owner: User, group: Group
) -> None:
    found, members = group_records(owner, group, "sv")
    apply_import(start_records_import(owner, found, "group", members=members))
    contact = Contact.objects.filter(owner=owner, member__isnull=False).first()
    assert contact is not None and contact.member is not None
    contact.member.delete()
    contact.refresh_from_db()
    assert contact.member is None


def test_demo_contacts_load_once_with_a_pile_a_due_one_and_a_one_sided_one(owner: User) -> None:
    assert load_demo_contacts(owner) == 7
    assert load_demo_contacts(owner) == 0
    contacts = Contact.objects.filter(owner=owner)
    today = timezone.localdate()
    assert contacts.filter(status="new").count() == 3
    assert contacts.filter(next_follow_up__lte=today).count() == 1
    assert contacts.filter(interactions__flow="got").count() == 1
