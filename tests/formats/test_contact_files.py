"""The contact readers on the shared reading layer: its refusals reach callers as a
ContactFormatError that keeps the layer's kind, with advice that fits contact files."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable

import pytest

from natverk.formats.contact_files import read_contact_file
from natverk.formats.contacts_base import ContactFormatError, ContactsFile
from natverk.formats.contacts_csv import read_contacts_csv
from natverk.formats.errors import (
    FileTooLargeError,
    FormatError,
    LimitExceededError,
    MalformedFileError,
    NotTextError,
)
from natverk.formats.linkedin import read_linkedin_connections
from natverk.formats.vcard import read_vcards

READERS: list[Callable[..., ContactsFile]] = [
    read_contact_file,
    read_contacts_csv,
    read_linkedin_connections,
]


@pytest.mark.parametrize("read", READERS)
@pytest.mark.parametrize(
    ("data", "kind", "message"),
    [
        (b"%PDF-1.7 ...", NotTextError, "a PDF document, not text: export it as vCard or CSV."),
        (b"Name\nAnna\x00\n", NotTextError, "Line 2 contains a NUL byte"),
        (b" \r\n\t\n", MalformedFileError, "The file is empty."),
        (b"Name,E-mail\n" + b"x" * 200, FileTooLargeError, "larger than 100 bytes"),
        (b"Name" + b",x" * 300 + b"\n", LimitExceededError, "Line 1 has 301 columns"),
    ],
)
def test_the_layers_refusals_are_contact_errors_that_keep_their_kind(
    read: Callable[..., ContactsFile], data: bytes, kind: type[FormatError], message: str
) -> None:
    with pytest.raises(ContactFormatError, match=message) as caught:
        read(data, max_bytes=100 if kind is FileTooLargeError else None)
    assert isinstance(caught.value, FormatError)
    assert isinstance(caught.value.__cause__, kind)


def test_a_vcard_over_the_limit_keeps_the_kind_too() -> None:
    with pytest.raises(ContactFormatError) as caught:
        read_vcards(b"BEGIN:VCARD\r\nFN:Anna\r\nEND:VCARD\r\n", max_bytes=10)
    assert isinstance(caught.value.__cause__, FileTooLargeError)


def test_a_zip_member_is_unpacked_no_further_than_the_limit() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Connections.csv", b"First Name,Last Name\n" + b"a" * 100_000)
    assert len(buffer.getvalue()) < 1_000
    with pytest.raises(ContactFormatError, match="larger than 1000 bytes") as caught:
        read_contact_file(buffer.getvalue(), max_bytes=1_000)
    assert isinstance(caught.value.__cause__, FileTooLargeError)


def test_a_contacts_csv_may_be_wider_than_the_layers_default_table() -> None:
    header = ["Name", "E-mail Address", *(f"Custom {i}" for i in range(248))]
    row = ["Åsa Öberg", "asa@example.se", *("" for _ in range(248))]
    data = (",".join(header) + "\n" + ",".join(row) + "\n").encode()
    (asa,) = read_contacts_csv(data).records
    assert (asa.name, asa.emails) == ("Åsa Öberg", ("asa@example.se",))
