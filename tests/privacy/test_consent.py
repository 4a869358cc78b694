"""The privacy notice on the application page, the recorded agreement, and a new
version asked for at the next login."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from natverk.accounts import actions as accounts
from natverk.accounts.models import Role, User
from natverk.privacy.actions import save_settings
from natverk.privacy.consent import current_notice, pending_notices, publish_notice
from natverk.privacy.models import ConsentRecord, Notice
from natverk.programs import actions as programs
from natverk.programs.models import Program

pytestmark = pytest.mark.django_db

PASSWORD = "samtycke-2027-test"  # noqa: S105


@pytest.fixture
def program() -> Program:
    organisation = accounts.create_organisation(name="Samtyckesnätverket", slug="samtycke")
    leader = User.objects.create_user("leda@example.org", PASSWORD, name="Leda")
    accounts.add_member(organisation, leader, Role.ADMIN)
    program = programs.create_program(organisation, by=leader, title="Mentorer 2027")
    return programs.open_intake(program)


def _application(**extra: str) -> dict[str, object]:
    return {
        "name": "Sara Lind",
        "email": "Sara.Lind@example.org",
        "profession": "2432",
        "industry": "35",
        "languages": ["sv"],
        "hopes": "förhandling",
        "offers": "kriskommunikation",
        **extra,
    }


def test_the_application_page_shows_who_is_responsible_and_for_how_long(
    client: Client, program: Program
) -> None:
    save_settings(
        program.organisation,
        by=program.created_by,  # type: ignore[arg-type]
        controller_contact="dataskydd@samtycke.example",
        retention={"programs.applications.declined": 9},
    )
    page = client.get(reverse("programs:apply", kwargs={"token": program.apply_token}))
    text = page.content.decode()
    assert "Samtyckesnätverket" in text and "dataskydd@samtycke.example" in text
    assert "tas bort 9 månader efter ansökan" in text
    assert "Jag har läst integritetsmeddelandet och godkänner det." in text


def test_an_application_without_agreement_is_refused_and_nothing_is_saved(
    client: Client, program: Program
) -> None:
    url = reverse("programs:apply", kwargs={"token": program.apply_token})
    response = client.post(url, _application())
    assert response.status_code == 200
    assert "Läs integritetsmeddelandet och godkänn det." in response.content.decode()
    assert not program.applications.exists()
    assert not ConsentRecord.objects.exists()


def test_an_application_records_who_agreed_to_which_version_and_when(
    client: Client, program: Program
) -> None:
    url = reverse("programs:apply", kwargs={"token": program.apply_token})
    response = client.post(url, _application(**{"privacy-agree": "on"}))
    assert "Tack" in response.content.decode()
    record = ConsentRecord.objects.get()
    assert (record.email, record.context) == ("sara.lind@example.org", "application")
    assert record.user is None
    assert (record.notice.version, record.notice.organisation) == (1, program.organisation)
    assert record.notice.controller_name == "Samtyckesnätverket"


def test_a_new_version_is_published_only_when_the_notice_changes(program: Program) -> None:
    organisation = program.organisation
    admin = User.objects.get(email="leda@example.org")
    first = save_settings(organisation, by=admin, controller_contact="a@samtycke.example")
    assert first is not None and first.version == 1
    assert save_settings(organisation, by=admin, controller_contact="a@samtycke.example") is None
    second = save_settings(organisation, by=admin, retention={"programs.notes": 3})
    assert second is not None and second.version == 2
    assert second.retention["programs.notes"] == 3
    assert publish_notice(organisation) is None
    assert list(Notice.objects.values_list("version", flat=True)) == [2, 1]


def test_a_new_version_is_asked_for_at_the_next_login(client: Client, program: Program) -> None:
    organisation = program.organisation
    admin = User.objects.get(email="leda@example.org")
    member = User.objects.create_user("mia@example.org", PASSWORD, name="Mia Medlem")
    newcomer = User.objects.create_user("nils@example.org", PASSWORD, name="Nils Ny")
    for person in (member, newcomer):
        accounts.add_member(organisation, person)
    ConsentRecord.objects.create(
        notice=publish_notice(organisation) or current_notice(organisation),
        user=member,
        email=member.email,
        context="application",
    )
    save_settings(organisation, by=admin, controller_name="Samtycke ideell förening")
    assert [n.version for n in pending_notices(member)] == [2]
    assert pending_notices(newcomer) == []

    client.post(reverse("accounts:login"), {"username": member.email, "password": PASSWORD})
    page = client.get(reverse("accounts:dashboard"))
    assert page.status_code == 302 and page["Location"].startswith(reverse("privacy:agree"))
    agree = client.get(page["Location"]).content.decode()
    assert "Samtycke ideell förening" in agree
    done = client.post(reverse("privacy:agree"), {"next": "/dashboard/"})
    assert done["Location"] == "/dashboard/"
    assert ConsentRecord.objects.filter(user=member, notice__version=2, context="login").exists()
    assert client.get(reverse("accounts:dashboard"))["Location"] == "/o/samtycke/"

    other = Client()
    other.post(reverse("accounts:login"), {"username": newcomer.email, "password": PASSWORD})
    assert other.get(reverse("accounts:dashboard"))["Location"] == "/o/samtycke/"


def test_a_logged_in_applicant_who_agreed_is_not_asked_again(
    client: Client, program: Program
) -> None:
    person = User.objects.create_user("sara.lind@example.org", PASSWORD, name="Sara Lind")
    client.force_login(person)
    url = reverse("programs:apply", kwargs={"token": program.apply_token})
    client.post(url, _application(**{"privacy-agree": "on"}))
    assert ConsentRecord.objects.filter(user=person).count() == 1
    page = client.get(url).content.decode()
    assert "Du har godkänt version 1 av det här meddelandet." in page
    again = client.post(url, _application())
    assert "Tack" in again.content.decode()
    assert ConsentRecord.objects.filter(user=person).count() == 1


def test_the_public_notice_lists_earlier_versions(client: Client, program: Program) -> None:
    organisation = program.organisation
    admin = User.objects.get(email="leda@example.org")
    save_settings(organisation, by=admin, notice_extra="Vi sparar inget på papper.")
    save_settings(organisation, by=admin, notice_extra="Vi sparar inget i molnet.")
    url = reverse("privacy:notice", kwargs={"slug": "samtycke"})
    page = client.get(url).content.decode()
    assert "Vi sparar inget i molnet." in page and "Version 2" in page
    assert "Vi sparar inget på papper." in client.get(url + "?version=1").content.decode()
    assert client.get(url + "?version=7").status_code == 404
    assert client.get(reverse("privacy:notice", kwargs={"slug": "ingen"})).status_code == 404
