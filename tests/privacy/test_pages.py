"""The privacy pages: a person's export and account deletion, and the administrators'
page with settings, requests received by mail and the retention dry run."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.files.storage import default_storage
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.accounts.models import User
from natverk.outbox.actions import deliver_due
from natverk.privacy import actions
from natverk.privacy.models import DataRequest, Notice, RetentionRun
from natverk.privacy.registry import retention_rules
from tests.privacy.markers import zip_text
from tests.privacy.world import PASSWORD, PrivacyWorld, build_world
from tests.programs.conftest import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def world() -> PrivacyWorld:
    return build_world(keys=("a", "b"))


def _admin_url(world: PrivacyWorld, name: str, **kwargs: int) -> str:
    return reverse(f"privacy:{name}", kwargs={"slug": world.organisation.slug, **kwargs})


def test_a_person_exports_their_data_and_is_told_by_mail(
    world: PrivacyWorld, client: Client
) -> None:
    person = world.people["a"]
    client.force_login(person)
    assert "Förbered mina uppgifter" in client.get(reverse("privacy:mine")).content.decode()
    status_url = client.post(reverse("privacy:export"))["Location"]
    assert "samlas ihop" in client.get(status_url).content.decode()
    run_worker()
    fragment = client.get(status_url, headers={"HX-Request": "true"}).content.decode()
    assert "Ladda ner (ZIP)" in fragment and "hx-get" not in fragment
    export = DataRequest.objects.filter(subject=person).first()
    assert export is not None
    response = client.get(reverse("privacy:export_download", kwargs={"export_id": export.pk}))
    text = zip_text(b"".join(response.streaming_content))  # type: ignore[attr-defined]
    assert person.email in text and "Hopp från Person a" in text
    assert "Person b" not in text
    deliver_due()
    assert any(m.to == [person.email] and "klara" in m.subject for m in mail.outbox)


def test_someone_elses_export_is_not_found(world: PrivacyWorld, client: Client) -> None:
    export = DataRequest.objects.filter(subject=world.people["a"]).first()
    assert export is not None
    client.force_login(world.people["b"])
    for name in ("export_status", "export_download"):
        url = reverse(f"privacy:{name}", kwargs={"export_id": export.pk})
        assert client.get(url).status_code == 404


def test_an_expired_export_is_deleted_and_no_longer_downloads(
    world: PrivacyWorld, client: Client
) -> None:
    person = world.people["a"]
    export = DataRequest.objects.filter(subject=person, status="done").first()
    assert export is not None and default_storage.exists(export.file_name)
    name = export.file_name
    assert actions.expire_exports(timezone.now() + dt.timedelta(days=8)) == 2
    assert not default_storage.exists(name)
    client.force_login(person)
    url = reverse("privacy:export_download", kwargs={"export_id": export.pk})
    assert client.get(url).status_code == 404


def test_deleting_an_account_asks_for_the_password_then_logs_out_and_erases(
    world: PrivacyWorld, client: Client
) -> None:
    person = world.people["a"]
    client.force_login(person)
    url = reverse("privacy:delete_account")
    page = client.get(url).content.decode()
    assert "en tidigare medlem" in page  # what stays, and why
    wrong = client.post(url, {"password": "fel", "confirm": "on"})
    assert "Lösenordet stämmer inte." in wrong.content.decode()
    assert User.objects.get(pk=person.pk).is_active
    done = client.post(url, {"password": PASSWORD, "confirm": "on"})
    assert done["Location"] == reverse("privacy:deleted")
    assert not User.objects.get(pk=person.pk).is_active
    assert client.get(reverse("privacy:mine")).status_code == 302  # logged out
    run_worker()
    assert not User.objects.filter(pk=person.pk).exists()


def test_the_only_administrator_cannot_delete_their_account(
    world: PrivacyWorld, client: Client
) -> None:
    client.force_login(world.admin)
    response = client.post(
        reverse("privacy:delete_account"), {"password": PASSWORD, "confirm": "on"}
    )
    assert "Gör först någon annan till administratör" in response.content.decode()
    assert User.objects.get(pk=world.admin.pk).is_active


def test_the_admin_page_saves_settings_and_publishes_a_new_notice(
    world: PrivacyWorld, client: Client
) -> None:
    client.force_login(world.admin)
    page = client.get(_admin_url(world, "organisation")).content.decode()
    assert "Integritet" in page and "Gallring" in page
    data = {
        "controller_name": "Integritetsnätverket ideell förening",
        "controller_contact": "dpo@integritet.example",
        "notice_extra": "",
        **{f"months_{n}": str(rule.months) for n, rule in enumerate(retention_rules())},
    }
    response = client.post(_admin_url(world, "settings"), data, follow=True)
    assert "Version 2 av integritetsmeddelandet är publicerad" in response.content.decode()
    assert Notice.objects.filter(organisation=world.organisation).first().version == 2  # type: ignore[union-attr]
    bad = client.post(_admin_url(world, "settings"), data | {"months_0": "0"})
    assert bad.status_code == 200 and Notice.objects.count() == 2


def test_an_admin_answers_a_letter_with_the_persons_data(
    world: PrivacyWorld, client: Client
) -> None:
    person = world.people["b"]
    client.force_login(world.admin)
    response = client.post(
        _admin_url(world, "new_request"), {"email": person.email.upper(), "kind": "export"}
    )
    request = DataRequest.objects.get(channel="admin")
    assert response["Location"] == _admin_url(world, "request", request_id=request.pk)
    run_worker()
    download = client.get(_admin_url(world, "request_download", request_id=request.pk))
    text = zip_text(b"".join(download.streaming_content))  # type: ignore[attr-defined]
    assert person.email in text and "Person a" not in text
    unknown = client.post(
        _admin_url(world, "new_request"), {"email": "okand@example.org", "kind": "export"}
    )
    assert "natverk har inget om den här adressen" in unknown.content.decode()


def test_an_admin_reads_the_erasure_preview_then_confirms(
    world: PrivacyWorld, client: Client
) -> None:
    person = world.people["b"]
    client.force_login(world.admin)
    client.post(_admin_url(world, "new_request"), {"email": person.email, "kind": "erase"})
    request = DataRequest.objects.get(channel="admin", kind="erase")
    page = client.get(_admin_url(world, "request", request_id=request.pk)).content.decode()
    assert "Radera personen" in page and "granskningsloggen" in page.lower()
    assert User.objects.filter(pk=person.pk).exists()
    client.post(_admin_url(world, "confirm_erasure", erasure_id=request.pk))
    run_worker()
    assert not User.objects.filter(pk=person.pk).exists()
    done = client.get(_admin_url(world, "request", request_id=request.pk)).content.decode()
    assert "Raderat" in done and person.email not in done


def test_an_admin_runs_a_dry_run_and_reads_the_report(world: PrivacyWorld, client: Client) -> None:
    client.force_login(world.admin)
    client.post(_admin_url(world, "retention_preview"))
    run = RetentionRun.objects.get(organisation=world.organisation)
    assert run.dry_run and run.trigger == "admin"
    page = client.get(_admin_url(world, "organisation")).content.decode()
    assert "Senaste provkörning" in page and "Avböjda ansökningar" in page


def test_another_organisations_admin_sees_nothing(world: PrivacyWorld, client: Client) -> None:
    from natverk.accounts import actions as accounts

    other = accounts.create_organisation(name="Annan", slug="annan")
    stranger = User.objects.create_user("stranger@example.org", PASSWORD, name="Stranger")
    accounts.add_member(other, stranger, "admin")
    request = actions.request_for_person(
        world.organisation, email=world.people["a"].email, kind="export", by=world.admin
    )
    client.force_login(stranger)
    assert client.get(_admin_url(world, "request", request_id=request.pk)).status_code == 404
    response = client.post(
        reverse("privacy:new_request", kwargs={"slug": "annan"}),
        {"email": world.people["a"].email, "kind": "export"},
    )
    assert "natverk har inget om den här adressen" in response.content.decode()
