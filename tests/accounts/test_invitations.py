"""Invitations: a list of people gets e-mails in their language; the inviter follows
sent / opened / accepted / expired, resends and withdraws; links work once."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import Workbook

from natverk.accounts.demo import DEMO_SLUG, OTHER_SLUG, DemoWorld
from natverk.accounts.models import Invitation, Membership, Role, User
from natverk.outbox.actions import deliver_due

PASSWORD = "ljus-i-mörkret-2027"  # noqa: S105
URL = reverse("accounts:invitations", args=[DEMO_SLUG])


def _send(client: Client, people: str, **extra: str) -> object:
    return client.post(URL, {"people": people, "role": "member", "language": "sv"} | extra)


def _link(address: str) -> str:
    deliver_due()
    messages = [m for m in mail.outbox if m.to == [address]]
    assert messages, f"no mail to {address}"
    found = re.search(r"https?://testserver(/invitations/\S+/)", messages[-1].body)
    assert found
    return found.group(1)


def _state(email: str) -> str:
    return Invitation.objects.get(email=email).state


def test_a_pasted_list_gets_mails_in_each_persons_language(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.leader)
    response = _send(client, "Anna Berg <Anna.Berg@example.org>\nbo.ek@example.org, Bo Ek, da")
    assert response.status_code == 302  # type: ignore[attr-defined]
    deliver_due()
    by_address = {m.to[0]: m for m in mail.outbox}
    assert "Inbjudan till" in by_address["anna.berg@example.org"].subject
    assert "Invitation til" in by_address["bo.ek@example.org"].subject
    assert "Lena Ledare" in by_address["bo.ek@example.org"].body
    assert _state("anna.berg@example.org") == "sent"
    page = client.get(URL).content.decode()
    assert "Anna Berg" in page and "Skickat" in page


def test_an_unreadable_line_stops_the_whole_list(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.leader)
    response = _send(client, "ok@example.org\nbara ett namn")
    assert "Rad 2 har inte exakt en e-postadress" in response.content.decode()  # type: ignore[attr-defined]
    assert not Invitation.objects.exists()


def test_csv_and_excel_uploads_are_read(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.leader)
    csv_file = SimpleUploadedFile("lista.csv", "Namn;E-post\nEva Ström;eva@example.org\n".encode())
    _send(client, "", upload=csv_file)  # type: ignore[arg-type]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Name", "Email"])
    sheet.append(["Ola Nordmann", "ola@example.org"])
    data = io.BytesIO()
    book.save(data)
    _send(client, "", upload=SimpleUploadedFile("lista.xlsx", data.getvalue()))  # type: ignore[arg-type]
    assert set(Invitation.objects.values_list("email", "name")) == {
        ("eva@example.org", "Eva Ström"),
        ("ola@example.org", "Ola Nordmann"),
    }
    broken = _send(client, "", upload=SimpleUploadedFile("trasig.xlsx", b"not a workbook"))
    assert "Excelfilen gick inte att läsa." in broken.content.decode()  # type: ignore[attr-defined]


def test_accepting_creates_the_account_and_membership_and_tracks_the_state(
    client: Client, demo: DemoWorld
) -> None:
    staff = Client()
    staff.force_login(demo.admin)
    staff.post(URL, {"people": "Nina Ny <nina@example.org>", "role": "leader", "language": "sv"})
    link = _link("nina@example.org")
    page = client.get(link).content.decode()
    assert "Välj ett lösenord för nina@example.org" in page
    assert _state("nina@example.org") == "opened"
    response = client.post(
        link, {"name": "Nina Ny", "new_password1": PASSWORD, "new_password2": PASSWORD}
    )
    assert response.status_code == 302
    user = User.objects.get(email="nina@example.org")
    assert Membership.objects.get(user=user, organisation=demo.organisation).role == Role.LEADER
    assert _state("nina@example.org") == "accepted"
    assert client.get(reverse("programs:list", args=[DEMO_SLUG])).status_code == 200
    assert client.post(link).status_code == 410  # used


def test_an_existing_account_accepts_and_logs_in_keeping_a_higher_role(
    client: Client, demo: DemoWorld
) -> None:
    staff = Client()
    staff.force_login(demo.leader)
    staff.post(URL, {"people": demo.other_leader.email, "role": "member", "language": "sv"})
    link = _link(demo.other_leader.email)
    page = client.get(link).content.decode()
    assert "Du har redan ett konto" in page and "new_password1" not in page
    response = client.post(link)
    assert "login" in response["Location"]
    membership = Membership.objects.get(user=demo.other_leader, organisation=demo.organisation)
    assert membership.role == Role.MEMBER
    admin_invite = Client()
    admin_invite.force_login(demo.admin)
    admin_invite.post(URL, {"people": demo.leader.email, "role": "member", "language": "sv"})
    assert Membership.objects.get(user=demo.leader, organisation=demo.organisation).role == "leader"


def test_leaders_invite_members_only(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.leader)
    response = _send(client, "boss@example.org", role="admin")
    assert response.status_code == 200  # type: ignore[attr-defined]
    assert not Invitation.objects.filter(email="boss@example.org").exists()
    _send(client, "medlem@example.org")
    assert Invitation.objects.get(email="medlem@example.org").role == Role.MEMBER


def test_resend_gives_a_new_link_and_the_old_one_stops_working(
    client: Client, demo: DemoWorld
) -> None:
    client.force_login(demo.leader)
    _send(client, "kim@example.org")
    old = _link("kim@example.org")
    invitation = Invitation.objects.get(email="kim@example.org")
    client.post(reverse("accounts:invitation_resend", args=[DEMO_SLUG, invitation.pk]))
    new = _link("kim@example.org")
    assert new != old
    assert Client().get(old).status_code == 400
    assert Client().get(new).status_code == 200
    invitation.refresh_from_db()
    assert invitation.send_count == 2
    # Where to go back to is a path on this site, or the list (never an error).
    for target in ("0", "https://evil.example.org/", "//evil.example.org/"):
        response = client.post(
            reverse("accounts:invitation_resend", args=[DEMO_SLUG, invitation.pk]),
            {"next": target},
        )
        assert response["Location"] == URL


@pytest.mark.parametrize("problem", ["expired", "revoked", "tampered", "used"])
def test_a_bad_invitation_link_gives_a_clear_page_and_changes_nothing(
    client: Client, demo: DemoWorld, problem: str
) -> None:
    staff = Client()
    staff.force_login(demo.leader)
    _send(staff, "lo@example.org")
    link = _link("lo@example.org")
    invitation = Invitation.objects.get(email="lo@example.org")
    form = {"name": "Lo", "new_password1": PASSWORD, "new_password2": PASSWORD}
    if problem == "expired":
        Invitation.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        assert _state("lo@example.org") == "expired"
    elif problem == "revoked":
        staff.post(reverse("accounts:invitation_revoke", args=[DEMO_SLUG, invitation.pk]))
    elif problem == "used":
        assert Client().post(link, form).status_code == 302
    else:
        link = link[:-4] + ("q" if link[-4] != "q" else "r") + link[-3:]
    users = User.objects.count()
    memberships = Membership.objects.count()
    expected = {
        "expired": "har gått ut",
        "revoked": "återkallats",
        "tampered": "inte giltig",
        "used": "redan använts",
    }[problem]
    for response in (client.get(link), client.post(link, form)):
        assert response.status_code in (400, 410)
        assert expected in response.content.decode()
    assert (User.objects.count(), Membership.objects.count()) == (users, memberships)


@override_settings(NATVERK_INVITE_LIMIT_PER_HOUR=3)
def test_invitations_are_limited_per_inviter(client: Client, demo: DemoWorld) -> None:
    client.force_login(demo.leader)
    assert _send(client, "a@example.org\nb@example.org").status_code == 302  # type: ignore[attr-defined]
    assert _send(client, "c@example.org").status_code == 302  # type: ignore[attr-defined]
    assert _send(client, "d@example.org").status_code == 429  # type: ignore[attr-defined]
    assert not Invitation.objects.filter(email="d@example.org").exists()


def test_another_organisations_invitations_answer_404(client: Client, demo: DemoWorld) -> None:
    other = Client()
    other.force_login(demo.other_leader)
    other.post(
        reverse("accounts:invitations", args=[OTHER_SLUG]),
        {"people": "x@example.org", "role": "member", "language": "sv"},
    )
    theirs = Invitation.objects.get(email="x@example.org")
    client.force_login(demo.leader)
    for name in ("accounts:invitation_resend", "accounts:invitation_revoke"):
        assert client.post(reverse(name, args=[DEMO_SLUG, theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None and theirs.send_count == 1
