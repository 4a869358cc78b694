"""A person's photo: chosen on the profile page (JPEG, PNG or WebP, known from its bytes,
small), shown beside their name in the catalogue where they lead, and nowhere else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from natverk.accounts import actions as accounts
from natverk.accounts.models import Organisation, Photo, Role, User
from natverk.core.images import MAX_PICTURE_BYTES, picture_type
from natverk.programs import actions
from natverk.programs.models import Program
from tests.pictures import PNG

PASSWORD = "foto-2027-test"  # noqa: S105


def test_picture_type_is_read_from_the_bytes_not_the_name() -> None:
    assert picture_type(PNG) == "image/png"
    assert picture_type(b"\xff\xd8\xff\xe0" + b"0" * 20) == "image/jpeg"
    assert picture_type(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert picture_type(b"<svg onload=alert(1)>") is None
    assert picture_type(b"GIF89a") is None and picture_type(b"") is None


@pytest.fixture
def leader(db: None) -> User:
    """A leader of an open program in a public catalogue."""
    org = accounts.create_organisation(name="Fotonätverket", slug="foto")
    accounts.set_catalogue_visibility(org, Organisation.Catalogue.PUBLIC)
    user = User.objects.create_user("lina@example.org", PASSWORD, name="Lina Ledare")
    accounts.add_member(org, user, Role.LEADER)
    program = actions.create_program(
        org,
        by=user,
        title="Fotografer",
        application_deadline=timezone.localdate() + dt.timedelta(days=9),
    )
    actions.open_intake(program)
    return user


def _upload(client: Client, data: bytes, name: str = "jag.png") -> str:
    response = client.post(
        reverse("accounts:change_photo"),
        {"photo": SimpleUploadedFile(name, data, content_type="image/png")},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    return response.content.decode()


def test_a_leader_chooses_a_photo_and_the_catalogue_shows_it(leader: User) -> None:
    client = Client()
    client.force_login(leader)
    assert "Your photo was saved." in _upload(client, PNG)
    photo = Photo.objects.get(user=leader)
    assert photo.content == PNG and photo.content_type == "image/png"
    own = client.get(reverse("accounts:own_photo", args=[photo.version]))
    assert own.content == PNG and own["X-Content-Type-Options"] == "nosniff"
    catalogue = Client().get(reverse("programs:catalogue", args=["foto"])).content.decode()
    url = reverse("programs:leader_photo", args=["foto", leader.pk, photo.version])
    assert f'<img class="avatar" src="{url}"' in catalogue and ">LL<" not in catalogue
    served = Client().get(url)
    assert served.status_code == 200 and served.content == PNG
    assert served["Content-Type"] == "image/png"
    assert "sandbox" in served["Content-Security-Policy"]
    program = Program.objects.get(title="Fotografer")
    listing = Client().get(reverse("programs:listing", args=["foto", program.pk]))
    assert f'property="og:image" content="http://testserver{url}"' in listing.content.decode()


def test_only_pictures_small_enough_are_kept(leader: User) -> None:
    client = Client()
    client.force_login(leader)
    assert "JPEG, PNG or WebP" in _upload(client, b"<svg onload=alert(1)></svg>", "jag.png")
    big = PNG + b"\x00" * MAX_PICTURE_BYTES
    assert "too large" in _upload(client, big)
    assert not Photo.objects.filter(user=leader).exists()
    tagged = PNG[:33] + b"\x00\x00\x00\x06eXIfGPS 59\x00\x00\x00\x00" + PNG[33:]
    _upload(client, tagged)
    assert Photo.objects.get(user=leader).content == PNG  # kept without the EXIF chunk
    client.post(reverse("accounts:change_photo"), {"remove": "1"})
    assert not Photo.objects.filter(user=leader).exists()


def test_the_photo_of_someone_who_leads_nothing_listed_is_not_found(leader: User) -> None:
    member = User.objects.create_user("mia@example.org", PASSWORD, name="Mia Medlem")
    accounts.add_member(Organisation.objects.get(slug="foto"), member, Role.MEMBER)
    photo = accounts.set_photo(member, PNG)
    url = reverse("programs:leader_photo", args=["foto", member.pk, photo.version])
    assert Client().get(url).status_code == 404
    accounts.set_catalogue_visibility(
        Organisation.objects.get(slug="foto"), Organisation.Catalogue.MEMBERS
    )
    own = accounts.set_photo(leader, PNG)
    url = reverse("programs:leader_photo", args=["foto", leader.pk, own.version])
    assert Client().get(url).status_code == 302  # members only: log in first
