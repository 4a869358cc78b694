"""Fuzzing every contact reader: any bytes give records or a ContactFormatError with
reasons, never another exception (the OSS-Fuzz contract); real samples mutated at random
are the seeds. The no-partial-write half is in tests/contacts/test_import.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natverk.formats.contact_files import read_contact_file
from natverk.formats.contacts_base import ContactFormatError, ContactsFile, clean_email
from natverk.formats.contacts_csv import read_contacts_csv
from natverk.formats.linkedin import read_linkedin_connections
from natverk.formats.vcard import read_vcards

SAMPLES = sorted((Path(__file__).parent / "samples").glob("*/*.*"))
SEEDS = [p.read_bytes() for p in SAMPLES if p.suffix in (".vcf", ".csv")]
READERS: dict[str, Callable[[bytes], ContactsFile]] = {
    "vcard": read_vcards,
    "linkedin": read_linkedin_connections,
    "csv": read_contacts_csv,
    "any": read_contact_file,
}
TOKENS = [
    b"\r",
    b"\n",
    b"\r\r\n",
    b" ",
    b"=",
    b"=\r\n",
    b";",
    b":",
    b",",
    b'"',
    b"\\",
    b"\x00",
    b"\xff",
    b"\xc3",
    b"BEGIN:VCARD\r\n",
    b"END:VCARD\r\n",
    b"ENCODING=QUOTED-PRINTABLE",
    b"ENCODING=BASE64",
    b"item1.",
    b"Notes:\n",
    b"First Name,",
    b":::",
    b"PK\x03\x04",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real sample with bytes flipped, tokens inserted, pieces cut or repeated."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        where = draw(st.integers(0, len(data)))
        action = draw(st.integers(0, 4))
        if action == 0 and data:
            data[min(where, len(data) - 1)] = draw(st.integers(0, 255))
        elif action == 1:
            data[where:where] = draw(st.sampled_from(TOKENS))
        elif action == 2:
            del data[where : where + draw(st.integers(1, 200))]
        elif action == 3:
            data = data[:where]
        else:
            data[where:where] = data[where : where + draw(st.integers(1, 300))]
    return bytes(data)


def check(reader: Callable[[bytes], ContactsFile], data: bytes) -> None:
    try:
        found = reader(data)
    except ContactFormatError as exc:
        assert exc.problems and all(p.render() for p in exc.problems)
        return
    for record in found.records:
        assert record.name and len(record.name) <= 200
        assert all(clean_email(e) == e for e in record.emails)
        assert "\x00" not in repr(record)


@pytest.mark.parametrize("name", list(READERS))
@settings(max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.one_of(mutated(), st.binary(max_size=2000)))
def test_any_bytes_give_records_or_reasons_never_a_crash(name: str, data: bytes) -> None:
    check(READERS[name], data)
