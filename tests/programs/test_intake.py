"""The public application form: nobody takes over or rewrites another's application;
new applicants confirm their address by a link and set a password on the way in."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from importlib import import_module
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from natverk.accounts.demo import DemoWorld
from natverk.accounts.models import EmailConfirmation, Membership, User
from natverk.outbox.actions import deliver_due
from natverk.programs import intake
from natverk.programs.models import Application, Participation, Program

NEW_PASSWORD = "gröna-äpplen-2027"  # noqa: S105


def _answers(email: str, **changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Sara Lind",
        "email": email,
        "profession": "2432",
        "industry": "35",
        "employer": "Ellevio",
        "region": "SE-AB",
        "seniority": "mid",
        "languages": ["sv", "en"],
        "hopes": "Jag vill lära mig förhandling",
        "offers": "Kriskommunikation",
        "availability": ["tue-evening", "wed-lunch"],
        "share": ["email"],
        "privacy-agree": "on",
    }
    return data | changes


def _apply_url(program: Program) -> str:
    return reverse("programs:apply", kwargs={"token": program.apply_token})


def _link(message: mail.EmailMessage) -> str:
    found = re.search(r"https?://\S+/apply/confirm/\S+/", message.body)
    assert found, message.body
    return found.group(0).split("testserver", 1)[-1]


def _last_link(to: str) -> str:
    deliver_due()
    sent = [m for m in mail.outbox if m.to == [to]]
    assert sent, f"no mail to {to}"
    return _link(sent[-1])


def _accepted(program: Program) -> Application:
    application = program.applications.filter(status="accepted").exclude(user=None).first()
    assert application is not None
    return application


def test_a_second_anonymous_application_changes_nothing_and_offers_a_link(
    client: Client, program: Program
) -> None:
    victim = _accepted(program)
    before = Application.objects.values().get(pk=victim.pk)
    response = client.post(
        _apply_url(program), _answers(victim.email.upper(), name="Inkräktare", availability=[])
    )
    page = response.content.decode()
    assert response.status_code == 200 and "Du har redan ansökt" in page
    assert Application.objects.values().get(pk=victim.pk) == before
    deliver_due()
    assert mail.outbox == []  # nothing goes out until the visitor asks for the link

    pending = re.search(r'name="pending" value="([^"]+)"', page)
    assert pending
    sent = client.post(
        reverse("programs:apply_change", kwargs={"token": program.apply_token}),
        {"pending": pending.group(1)},
    )
    assert "Kolla din e-post" in sent.content.decode()
    assert Application.objects.values().get(pk=victim.pk) == before
    link = _last_link(victim.email)
    assert "Ändra din ansökan" in mail.outbox[-1].subject

    # Only the person who can read the victim's mail opens the link; then it changes.
    page = client.get(link).content.decode()
    assert "Ersätt din ansökan" in page
    response = client.post(
        link, {"name": "Inkräktare", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302
    victim.refresh_from_db()
    assert victim.name == "Inkräktare" and victim.status == "accepted"
    assert victim.availability == ""


def test_a_pending_answers_blob_cannot_be_forged(client: Client, program: Program) -> None:
    response = client.post(
        reverse("programs:apply_change", kwargs={"token": program.apply_token}),
        {"pending": "eyJhbnN3ZXJzIjp7fX0:forged:signature"},
    )
    assert response.status_code == 302
    deliver_due()
    assert mail.outbox == []


def test_a_logged_in_member_posting_another_address_applies_as_themselves(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    victim = _accepted(program)
    before = Application.objects.values().get(pk=victim.pk)
    client.force_login(demo.member)
    page = client.get(_apply_url(program)).content.decode()
    assert 'name="email"' not in page and demo.member.email in page
    response = client.post(_apply_url(program), _answers(victim.email, name="Magnus"))
    assert response.status_code == 200
    assert Application.objects.values().get(pk=victim.pk) == before
    own = Application.objects.get(program=program, user=demo.member)
    assert own.email == demo.member.email
    assert own.participation.email_confirmed_at is not None
    # Applying again while logged in changes the person's own application.
    client.post(_apply_url(program), _answers("ignored@example.org", hopes="Ledarskap"))
    own.refresh_from_db()
    assert own.hopes == "Ledarskap"
    assert Application.objects.filter(program=program, user=demo.member).count() == 1


def test_the_form_is_prefilled_from_the_profile(
    client: Client, demo: DemoWorld, program: Program
) -> None:
    client.force_login(demo.member)
    form = client.get(_apply_url(program)).context["form"]
    assert form.initial["profession"] == "2432"
    assert form.initial["industry"] == "35"
    assert form.initial["employer"] == "Vattenfall AB"
    assert form.initial["region"] == "SE-AB"
    assert form.initial["seniority"] == "mid"
    assert form.initial["languages"] == ["sv", "en"]


def test_a_new_applicant_confirms_sets_a_password_and_gets_an_account(
    client: Client, program: Program
) -> None:
    response = client.post(_apply_url(program), _answers("Sara.Lind@Example.org"))
    assert "Ett steg till" in response.content.decode()
    application = Application.objects.get(program=program, email="sara.lind@example.org")
    assert application.user is None and application.participation.email_confirmed_at is None
    assert application.participation.share_email and not application.participation.share_phone
    link = _last_link("sara.lind@example.org")
    message = mail.outbox[-1]
    assert message.alternatives and message.alternatives[0][1] == "text/html"  # type: ignore[attr-defined]
    assert "Bekräfta din ansökan" in message.subject

    page = client.get(link).content.decode()
    assert "Välj ett lösenord" in page
    weak = client.post(link, {"name": "Sara", "new_password1": "123", "new_password2": "123"})
    assert (
        weak.status_code == 200
        and "För kort" in weak.content.decode()
        or "kort" in (weak.content.decode())
    )
    assert not User.objects.filter(email="sara.lind@example.org").exists()
    response = client.post(
        link, {"name": "Sara Lind", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == reverse("accounts:dashboard")
    user = User.objects.get(email="sara.lind@example.org")
    application.refresh_from_db()
    assert application.user == user and application.participation.email_confirmed_at
    assert Membership.objects.filter(user=user, organisation=program.organisation).exists()
    assert user.profile.profession == "2432" and user.profile.languages == "sv, en"
    assert client.get(reverse("accounts:account")).status_code == 200  # logged in
    other = Client().post(
        reverse("accounts:login"),
        {"username": "SARA.LIND@example.org", "password": NEW_PASSWORD},
        REMOTE_ADDR="10.7.7.7",
    )
    assert other.status_code == 302


def test_an_existing_account_is_asked_to_log_in(client: Client, program: Program) -> None:
    User.objects.create_user("bo.ek@example.org", NEW_PASSWORD, name="Bo Ek")
    client.post(_apply_url(program), _answers("bo.ek@example.org", name="Bo Ek"))
    link = _last_link("bo.ek@example.org")
    page = client.get(link).content.decode()
    assert "Du har redan ett konto" in page and "new_password1" not in page
    response = client.post(link)
    assert response.status_code == 302 and "login" in response["Location"]
    assert "bo.ek%40example.org" in response["Location"]
    application = Application.objects.get(program=program, email="bo.ek@example.org")
    assert application.user is not None and application.user.email == "bo.ek@example.org"


def _state(program: Program) -> tuple[Any, ...]:
    return (
        list(Application.objects.filter(program=program).values_list("id", "user_id", "name")),
        list(Participation.objects.values_list("id", "email_confirmed_at")),
        User.objects.count(),
    )


@pytest.mark.parametrize("problem", ["expired", "used", "tampered"])
def test_a_bad_confirmation_link_gives_a_clear_page_and_changes_nothing(
    client: Client, program: Program, problem: str
) -> None:
    client.post(_apply_url(program), _answers("eva.berg@example.org", name="Eva"))
    link = _last_link("eva.berg@example.org")
    form = {"name": "Eva", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    if problem == "expired":
        EmailConfirmation.objects.update(expires_at=timezone.now())
    elif problem == "used":
        assert client.post(link, form).status_code == 302
        client.logout()
    else:
        link = link[:-6] + ("A" if link[-6] != "A" else "B") + link[-5:]
    before = _state(program)
    for response in (client.get(link), client.post(link, form)):
        page = response.content.decode()
        expected = {
            "expired": (410, "har gått ut"),
            "used": (410, "redan använts"),
            "tampered": (400, "inte giltig"),
        }[problem]
        assert response.status_code == expected[0]
        assert expected[1] in page
    assert _state(program) == before


@override_settings(NATVERK_APPLY_LIMIT_PER_ADDRESS=3, NATVERK_APPLY_LIMIT_PER_CLIENT=100)
def test_the_form_is_limited_per_address(client: Client, program: Program) -> None:
    statuses = [
        client.post(
            _apply_url(program), _answers("spam@example.org"), REMOTE_ADDR=f"10.0.0.{k}"
        ).status_code
        for k in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    assert (
        "För många försök"
        in client.post(_apply_url(program), _answers("spam@example.org")).content.decode()
    )


@override_settings(NATVERK_APPLY_LIMIT_PER_ADDRESS=100, NATVERK_APPLY_LIMIT_PER_CLIENT=4)
def test_the_form_is_limited_per_client(client: Client, program: Program) -> None:
    before = program.applications.count()
    statuses = [
        client.post(
            _apply_url(program), _answers(f"p{k}@example.org"), REMOTE_ADDR="10.1.0.1"
        ).status_code
        for k in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    assert program.applications.count() == before + 4
    assert (
        client.post(
            _apply_url(program), _answers("p9@example.org"), REMOTE_ADDR="10.1.0.2"
        ).status_code
        == 200
    )


@pytest.mark.django_db(transaction=True)
@override_settings(NATVERK_APPLY_LIMIT_PER_CLIENT=10)
def test_fifty_parallel_submissions_do_not_all_go_through(demo: DemoWorld) -> None:
    from natverk.programs.demo import load_demo_program

    program = load_demo_program(demo, applicants=8)
    before = program.applications.count()

    def submit(k: int) -> int:
        response = Client().post(
            _apply_url(program), _answers(f"flood{k}@example.org"), REMOTE_ADDR="10.2.0.1"
        )
        connection.close()
        return response.status_code

    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(submit, range(50)))
    assert statuses.count(429) == 40
    assert program.applications.count() - before == statuses.count(200) == 10


def _raw_email(table: str, pk: int, email: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET email = %s WHERE id = %s", [email, pk])  # noqa: S608


def test_applications_compare_addresses_in_any_case(program: Program) -> None:
    intake.submit_application(
        program, user=None, email="Per.Holm@Example.org", name="Per", hopes="a", offers="b"
    )
    assert Application.objects.get(program=program, email="PER.HOLM@example.org").email == (
        "per.holm@example.org"
    )
    try:
        intake.submit_application(
            program, user=None, email="per.holm@EXAMPLE.org", name="Någon", hopes="x", offers="y"
        )
    except intake.AlreadyAppliedError:
        pass
    else:
        raise AssertionError("the second spelling must count as the same address")
    assert Application.objects.get(program=program, email="per.holm@example.org").name == "Per"


def test_application_migration_lowers_addresses_per_program(program: Program) -> None:
    first = program.applications.order_by("id")[0]
    _raw_email("programs_application", first.pk, first.email.upper())
    migration = import_module("natverk.programs.migrations.0004_normalise_application_emails")
    migration.normalise(apps, None)
    first.refresh_from_db()
    assert first.email == first.email.lower()
