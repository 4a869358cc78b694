"""Importing applications from a forms export on the web: the leader sees how each column
is read (by its question or by its answers), changes it, and confirms before anything is
imported; without meeting times or employers the import waits for an explicit go-ahead."""

from __future__ import annotations

import datetime as dt
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.accounts.demo import DemoWorld
from natverk.programs.actions import forget_application_files
from natverk.programs.models import Application, ApplicationFile, Program
from tests.formats.forms_exports import Export, google_forms, microsoft_forms


def _upload(client: Client, program: Program, export: Export) -> str:
    """Upload the export as the leader; the mapping page's URL."""
    url = reverse(
        "programs:import", kwargs={"slug": program.organisation.slug, "program_id": program.pk}
    )
    response = client.post(url, {"file": SimpleUploadedFile(export.filename, export.data)})
    assert response.status_code == 302, response.content[:500]
    return str(response["Location"])


def _form(page: str) -> dict[str, str]:
    """The mapping form as the page shows it (selected columns, the shown reading)."""
    data = {
        name: value
        for name, value in re.findall(
            r'<select id="col_\w+" name="(col_\w+)">.*?<option value="(\w+)"[^>]* selected',
            page,
            re.S,
        )
    }
    shown = re.search(r'name="shown" value="([^"]*)"', page)
    assert shown is not None
    return data | {"shown": shown.group(1)}


def _row(page: str, field: str) -> str:
    found = re.search(rf'<tr id="field-{field}">(.*?)</tr>', page, re.S)
    assert found is not None, field
    return found.group(1)


def test_import_shows_availability_found_by_its_answers_and_imports_on_confirm(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    client.cookies["django_language"] = "en"
    export = google_forms("sv", n=12)
    url = _upload(client, program, export)
    page = client.get(url).content.decode()
    availability = _row(page, "availability")
    assert "Vilka tider passar dig för träffarna?" in availability
    assert "by its answers" in availability
    assert "by its question" in _row(page, "employer")
    assert "12 people will be imported" in page
    before = program.applications.count()

    response = client.post(url, _form(page) | {"import": "1", "status": "accepted"})

    assert response.status_code == 302
    imported = Application.objects.filter(program=program, email=export.people[0].email).get()
    assert imported.status == Application.Status.ACCEPTED
    assert set(imported.availability.split(",")) == set(export.people[0].availability)
    assert imported.employer == export.people[0].employer
    assert program.applications.count() == before + 12
    assert not ApplicationFile.objects.filter(program=program).exists()


def test_import_waits_without_employers_until_the_leader_goes_on_without(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    client.cookies["django_language"] = "en"
    url = _upload(client, program, google_forms("en", n=6))
    page = client.get(url).content.decode()
    form = _form(page) | {"col_employer": "none"}

    export = google_forms("en", n=6)
    emails = [p.email for p in export.people]
    refused = client.post(url, form | {"import": "1"})

    text = refused.content.decode()
    assert refused.status_code == 200
    assert "colleagues of one employer could share a group" in text
    assert 'name="import"' not in text
    assert not program.applications.filter(email__in=emails).exists()
    checked = client.post(url, form | {"go_without_employer": "1", "check": "1"})
    form = _form(checked.content.decode()) | {"go_without_employer": "1"}
    done = client.post(url, form | {"import": "1"})
    assert done.status_code == 302
    imported = program.applications.filter(email__in=emails)
    assert imported.count() == 6
    assert not imported.exclude(employer="").exists()


def test_leader_chooses_a_column_and_the_import_follows_it(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    client.cookies["django_language"] = "en"
    export = microsoft_forms("da", n=8)
    url = _upload(client, program, export)
    page = client.get(url).content.decode()
    form = _form(page)
    hopes, offers = form["col_hopes"], form["col_offers"]
    swapped = form | {"col_hopes": offers, "col_offers": hopes}

    changed = client.post(url, swapped | {"import": "1"})  # not yet the reading shown

    assert changed.status_code == 200
    assert "chosen by you" in _row(changed.content.decode(), "hopes")
    confirm = _form(changed.content.decode())
    assert client.post(url, confirm | {"import": "1"}).status_code == 302
    person = export.people[0]
    imported = Application.objects.get(program=program, email=person.email)
    assert (imported.hopes, imported.offers) == (person.offers, person.hopes)
    assert imported.status == Application.Status.SUBMITTED


def test_import_leaves_people_who_applied_already(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    export = google_forms("sv", n=5)
    first = Application.objects.create(
        program=program, name="Redan Sökt", email=export.people[0].email, hopes="x", offers="y"
    )
    url = _upload(client, program, export)
    form = _form(client.get(url).content.decode())
    assert client.post(url, form | {"import": "1"}).status_code == 302
    first.refresh_from_db()
    assert first.name == "Redan Sökt"
    assert program.applications.filter(email__in=[p.email for p in export.people]).count() == 5


def test_import_of_an_unreadable_file_says_why_and_keeps_nothing(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    client.cookies["django_language"] = "sv"
    url = _upload(client, program, Export(b"\x00\x01\x02binary", "svar.csv", [], {}))
    response = client.get(url)
    assert response.status_code == 400
    assert 'id="problems"' in response.content.decode()
    assert 'name="import"' not in response.content.decode()


def test_another_organisations_leader_cannot_see_an_upload(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    url = _upload(client, program, google_forms("sv", n=4))
    client.force_login(demo.other_leader)
    assert client.get(url).status_code == 404
    assert client.post(url, {"import": "1"}).status_code == 404


def test_an_upload_left_unimported_is_forgotten_after_a_day(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    _upload(client, program, google_forms("sv", n=3))
    assert forget_application_files() == 0
    later = timezone.now() + dt.timedelta(days=1, minutes=1)
    assert forget_application_files(now=later) == 1
    assert not ApplicationFile.objects.exists()


def test_a_column_choice_in_other_digits_is_no_column_not_a_crash(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.leader)
    url = _upload(client, program, google_forms("en", n=6))
    form = _form(client.get(url).content.decode())
    for odd in ("¹", "٣", "9" * 30):
        response = client.post(url, form | {"col_seniority": odd, "check": "1"})
        assert response.status_code == 200
    assert not program.applications.filter(
        email__in=[p.email for p in google_forms("en", n=6).people]
    ).exists()


def test_a_program_that_lets_colleagues_meet_imports_without_an_employer_column(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    program.different_employer = False
    program.save(update_fields=["different_employer"])
    client.force_login(demo.leader)
    client.cookies["django_language"] = "en"
    export = google_forms("en", n=6)
    url = _upload(client, program, export)
    form = _form(client.get(url).content.decode()) | {"col_employer": "none"}
    checked = client.post(url, form | {"check": "1"})
    text = checked.content.decode()
    assert "colleagues of one employer could share a group" not in text
    done = client.post(url, _form(text) | {"import": "1"})
    assert done.status_code == 302
    assert program.applications.filter(email__in=[p.email for p in export.people]).count() == 6
