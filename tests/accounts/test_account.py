"""A person's own account: password reset and change, e-mail change, sign out everywhere."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from natverk.accounts.demo import LEADER_EMAIL, LEADER_PASSWORD, MEMBER_EMAIL, DemoWorld
from natverk.accounts.models import EmailConfirmation, User
from natverk.outbox.actions import deliver_due

NEW_PASSWORD = "blå-skog-vid-havet"  # noqa: S105


def _mails_to(address: str) -> list[mail.EmailMessage]:
    deliver_due()
    return [m for m in mail.outbox if m.to == [address]]


def _path(message: mail.EmailMessage, marker: str) -> str:
    found = re.search(rf"https?://testserver({re.escape(marker)}\S*)", message.body)
    assert found, message.body
    return found.group(1)


def _login(email: str, password: str) -> int:
    return (
        Client()
        .post(
            reverse("accounts:login"),
            {"username": email, "password": password},
            REMOTE_ADDR="10.3.3.3",
        )
        .status_code
    )


def test_password_reset_works_end_to_end_in_the_persons_language(
    client: Client, demo: DemoWorld
) -> None:
    demo.leader.preferred_language = "da"
    demo.leader.save(update_fields=["preferred_language"])
    response = client.post(reverse("accounts:password_reset"), {"email": "Lena.Ledare@example.org"})
    assert response["Location"] == reverse("accounts:password_reset_done")
    [message] = _mails_to(LEADER_EMAIL)
    assert "adgangskode" in message.subject  # Danish, the person's language
    assert message.alternatives  # type: ignore[attr-defined]
    link = _path(message, "/accounts/reset/")
    form_page = client.get(link, follow=True)
    assert "Välj ett nytt lösenord" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done["Location"] == reverse("accounts:password_reset_complete")
    assert _login(LEADER_EMAIL, NEW_PASSWORD) == 302
    # The link worked once: opening it again changes nothing.
    again = client.get(link, follow=True).content.decode()
    assert "Länken fungerar inte" in again


def test_password_reset_page_is_the_same_with_or_without_an_account(
    client: Client, demo: DemoWorld
) -> None:
    known = client.post(reverse("accounts:password_reset"), {"email": LEADER_EMAIL}, follow=True)
    unknown = client.post(
        reverse("accounts:password_reset"), {"email": "ingen.alls@example.org"}, follow=True
    )

    def page(response: object) -> str:
        html = response.content.decode()  # type: ignore[attr-defined]
        return re.sub(r'(csrfmiddlewaretoken" value="|X-CSRFToken": ")[^"]+', "", html)

    assert page(known) == page(unknown)
    assert _mails_to("ingen.alls@example.org") == []


def test_people_imported_without_a_password_can_set_one_by_reset(
    client: Client, demo: DemoWorld
) -> None:
    imported = User.objects.filter(memberships__organisation=demo.organisation).exclude(
        pk__in=[demo.leader.pk, demo.member.pk, demo.admin.pk]
    )[0]
    assert not imported.has_usable_password()
    client.post(reverse("accounts:password_reset"), {"email": imported.email})
    assert len(_mails_to(imported.email)) == 1


@override_settings(NATVERK_RESET_LIMIT_PER_ADDRESS=2, NATVERK_RESET_LIMIT_PER_CLIENT=50)
def test_password_reset_is_limited_per_address(client: Client, demo: DemoWorld) -> None:
    statuses = [
        client.post(reverse("accounts:password_reset"), {"email": LEADER_EMAIL}).status_code
        for _ in range(3)
    ]
    assert statuses == [302, 302, 429]
    assert len(_mails_to(LEADER_EMAIL)) == 2


@override_settings(NATVERK_RESET_LIMIT_PER_ADDRESS=50, NATVERK_RESET_LIMIT_PER_CLIENT=3)
def test_password_reset_is_limited_per_client(client: Client, demo: DemoWorld) -> None:
    statuses = [
        client.post(
            reverse("accounts:password_reset"),
            {"email": f"x{k}@example.org"},
            REMOTE_ADDR="10.4.0.1",
        ).status_code
        for k in range(4)
    ]
    assert statuses == [302, 302, 302, 429]


@pytest.mark.parametrize("problem", ["expired", "used", "tampered"])
def test_a_bad_reset_link_gives_a_clear_page_and_changes_nothing(
    client: Client, demo: DemoWorld, problem: str, settings: object
) -> None:
    client.post(reverse("accounts:password_reset"), {"email": LEADER_EMAIL})
    link = _path(_mails_to(LEADER_EMAIL)[0], "/accounts/reset/")
    if problem == "expired":
        setattr(settings, "PASSWORD_RESET_TIMEOUT", -1)  # noqa: B010
    elif problem == "used":
        page = client.get(link, follow=True)
        client.post(
            page.redirect_chain[-1][0],
            {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
        )
    else:
        link = link[:-3] + ("0" if link[-3] != "0" else "1") + link[-2:]
    before = User.objects.get(email=LEADER_EMAIL).password
    page = client.get(link, follow=True)
    assert "Länken fungerar inte" in page.content.decode()
    assert User.objects.get(email=LEADER_EMAIL).password == before


def test_password_change_logs_out_the_other_devices(client: Client, demo: DemoWorld) -> None:
    other = Client()
    other.force_login(demo.leader)
    client.force_login(demo.leader)
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": LEADER_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response["Location"] == reverse("accounts:account")
    assert client.get(reverse("accounts:account")).status_code == 200
    assert other.get(reverse("accounts:account")).status_code == 302


def test_sign_out_everywhere_ends_every_session(client: Client, demo: DemoWorld) -> None:
    other = Client()
    other.force_login(demo.member)
    client.force_login(demo.member)
    response = client.post(reverse("accounts:sign_out_everywhere"))
    assert response["Location"] == reverse("accounts:login")
    assert client.get(reverse("accounts:account")).status_code == 302
    assert other.get(reverse("accounts:account")).status_code == 302
    assert _login(MEMBER_EMAIL, "natverk-medlem-2027") == 302  # the password still works


def test_email_change_needs_the_new_address_confirmed(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.member)
    wrong = client.post(
        reverse("accounts:account"), {"email": "magnus@ny.example.org", "password": "fel"}
    )
    assert "Det är inte ditt nuvarande lösenord." in wrong.content.decode()
    response = client.post(
        reverse("accounts:account"),
        {"email": "Magnus@Ny.Example.org", "password": "natverk-medlem-2027"},
    )
    assert response.status_code == 302
    demo.member.refresh_from_db()
    assert demo.member.email == MEMBER_EMAIL  # nothing changes before the link is opened
    [message] = _mails_to("magnus@ny.example.org")
    link = _path(message, "/accounts/email/")
    assert "Använd den här adressen" in client.get(link).content.decode()
    client.post(link)
    demo.member.refresh_from_db()
    assert demo.member.email == "magnus@ny.example.org"
    assert len(_mails_to(MEMBER_EMAIL)) == 1  # the old address is told
    assert client.post(link).status_code == 410  # used once


def test_email_change_to_a_taken_address_reveals_nothing(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.member)
    response = client.post(
        reverse("accounts:account"),
        {"email": LEADER_EMAIL, "password": "natverk-medlem-2027"},
        follow=True,
    )
    assert "Om adressen kan användas" in response.content.decode()
    assert _mails_to(LEADER_EMAIL) == []
    assert not EmailConfirmation.objects.exists()


@pytest.mark.parametrize("problem", ["expired", "used", "tampered"])
def test_a_bad_email_change_link_gives_a_clear_page_and_changes_nothing(
    client: Client, demo: DemoWorld, problem: str
) -> None:
    client.force_login(demo.member)
    client.post(
        reverse("accounts:account"),
        {"email": "magnus@ny.example.org", "password": "natverk-medlem-2027"},
    )
    link = _path(_mails_to("magnus@ny.example.org")[0], "/accounts/email/")
    if problem == "expired":
        EmailConfirmation.objects.update(expires_at=timezone.now())
    elif problem == "used":
        EmailConfirmation.objects.update(used_at=timezone.now())
    else:
        link = link[:-4] + ("x" if link[-4] != "x" else "y") + link[-3:]
    for response in (client.get(link), client.post(link)):
        assert response.status_code in (400, 410)
        assert 'id="link-problem"' in response.content.decode()
    demo.member.refresh_from_db()
    assert demo.member.email == MEMBER_EMAIL


def test_confirmation_links_are_deleted_a_week_after_they_expire(demo: DemoWorld) -> None:
    from natverk.accounts.actions import EMAIL_CHANGE, prune_confirmations
    from natverk.accounts.tokens import issue
    from natverk.jobs.registry import jobs

    old, _token = issue(EMAIL_CHANGE, "a@example.org", lifetime=timedelta(hours=1))
    fresh, _token = issue(EMAIL_CHANGE, "b@example.org", lifetime=timedelta(hours=1))
    EmailConfirmation.objects.filter(pk=old.pk).update(
        expires_at=timezone.now() - timedelta(days=8)
    )
    assert prune_confirmations() == 1
    assert list(EmailConfirmation.objects.all()) == [fresh]
    assert "accounts.prune_confirmations" in {job.name for job in jobs()}
