"""The upload guard: the size cap before parsing, and clean 400/413 pages."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from pytest_django.fixtures import Settings

from natverk.site.uploads import FORM_OVERHEAD_BYTES
from tests.site import upload_urls

pytestmark = [pytest.mark.urls("tests.site.upload_urls"), pytest.mark.django_db]
LIMIT = 1000


@pytest.fixture(autouse=True)
def small_limit(settings: Settings) -> Iterator[None]:
    settings.NATVERK_MAX_IMPORT_BYTES = LIMIT
    upload_urls.calls.clear()
    yield


def _post(client: Client, **data: object) -> tuple[int, str]:
    response = client.post("/test-upload/", data, headers={"Accept-Language": "en"})
    return response.status_code, response.content.decode()


def test_a_file_under_the_limit_reaches_the_view(client: Client) -> None:
    status, body = _post(client, file=SimpleUploadedFile("people.csv", b"x" * LIMIT))
    assert (status, body) == (200, f"people.csv:{LIMIT}")


def test_a_file_over_the_limit_is_refused_with_413(client: Client) -> None:
    status, body = _post(client, file=SimpleUploadedFile("people.csv", b"x" * (LIMIT + 1)))
    assert status == 413
    assert "The file is too large: at most 1000" in body
    assert "<h1>File not accepted</h1>" in body


def test_a_body_over_the_limit_is_refused_before_it_is_read(client: Client) -> None:
    size = LIMIT + FORM_OVERHEAD_BYTES + 1
    status, body = _post(client, file=SimpleUploadedFile("big.xlsx", b"x" * size))
    assert status == 413
    assert "The file is too large" in body
    assert upload_urls.calls == []  # the view never ran: the body was not parsed


def test_a_missing_or_empty_file_is_a_400(client: Client) -> None:
    assert _post(client)[0] == 400
    assert "Choose a file to upload." in _post(client)[1]
    status, body = _post(client, file=SimpleUploadedFile("empty.csv", b""))
    assert status == 400 and "The file is empty." in body


def test_the_refusal_is_translated(client: Client) -> None:
    response = client.post(
        "/test-upload/",
        {"file": SimpleUploadedFile("a.csv", b"x" * (LIMIT + 1))},
        headers={"Accept-Language": "sv"},
    )
    assert response.status_code == 413
    assert "Filen är för stor" in response.content.decode()


def test_the_back_link_stays_on_the_site(client: Client) -> None:
    def back_link(referer: str) -> str:
        response = client.post("/test-upload/", {}, headers={"Referer": referer})
        found = re.search(r'<a href="([^"]*)">Tillbaka</a>', response.content.decode())
        assert found is not None
        return found.group(1)

    assert back_link("https://evil.example.com/") == "/"
    assert back_link("http://testserver/o/x/") == "http://testserver/o/x/"
