"""Export then import gives back every field (vCard 4.0 and natverk's CSV), for any card;
and vobject, an independent reader, reads natverk's vCards the same way."""

from __future__ import annotations

import datetime as dt

import pytest
import vobject
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natverk.formats.contact_files import read_contact_file
from natverk.formats.contacts_base import ContactRecord, clean_record, named_record
from natverk.formats.contacts_csv import write_contacts_csv
from natverk.formats.vcard import write_vcards

text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)
one_line = st.one_of(
    text, st.sampled_from(["Åsa Öberg", "Jens Møller", "O'Brien, PhD", "a;b,c\\d"])
)
notes = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=200)
email = st.builds(
    "{}@{}.{}".format,
    st.text("abcdefghijklmnopqrstuvwxyz0123456789._+-", min_size=1, max_size=12),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789-", min_size=1, max_size=10),
    st.sampled_from(["se", "dk", "com", "org"]),
)
phone = st.text("+0123456789 -()", min_size=1, max_size=20)
url = st.builds(
    "https://{}.se/{}".format,
    st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=10),
    st.text("abcdefghijklmnopqrstuvwxyz0123456789-_/%", max_size=15),
)
linkedin = st.builds(
    "https://www.linkedin.com/in/{}".format,
    st.text("abcdefghijklmnopqrstuvwxyz0123456789-%", min_size=1, max_size=20),
)
records = st.builds(
    ContactRecord,
    name=one_line,
    given_name=one_line,
    family_name=one_line,
    emails=st.lists(email, max_size=3).map(tuple),
    phones=st.lists(phone, max_size=3).map(tuple),
    company=one_line,
    title=one_line,
    linkedin_url=st.one_of(st.just(""), linkedin),
    websites=st.lists(st.one_of(url, linkedin), max_size=3).map(tuple),
    birthday=st.one_of(st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2020, 12, 31))),
    met_on=st.one_of(st.none(), st.dates(dt.date(1950, 1, 1), dt.date(2025, 12, 31))),
    how_we_met=one_line,
    notes=notes,
    tags=st.lists(one_line, max_size=4).map(tuple),
)


def kept(record: ContactRecord) -> ContactRecord | None:
    """The record as natverk keeps it (None when it has nothing to name it by)."""
    named, _note = named_record(clean_record(record))
    return named


@pytest.mark.parametrize("write", [write_vcards, write_contacts_csv], ids=["vcard", "csv"])
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(batch=st.lists(records, min_size=1, max_size=4))
def test_export_then_import_gives_back_every_field(
    write: object, batch: list[ContactRecord]
) -> None:
    expected = [r for r in map(kept, batch) if r is not None]
    if not expected:
        return
    assert callable(write)
    found = read_contact_file(write(expected))
    assert found.records == expected
    assert found.skipped == []


def test_every_field_survives_a_round_trip_of_one_full_card() -> None:
    card = ContactRecord(
        name="Åsa Öberg",
        given_name="Åsa",
        family_name="Öberg",
        emails=("asa@example.se", "asa.oberg@example.org"),
        phones=("+46 70 123 45 67", "08-123 456 78"),
        company="Vattenfall AB; Kommunikation",
        title="Kommunikationschef, kris",
        linkedin_url="https://www.linkedin.com/in/asa-oberg",
        websites=("https://asa.example.se/blogg",),
        birthday=dt.date(1979, 5, 14),
        met_on=dt.date(2026, 7, 1),
        how_we_met="Almedalen 2026, seminariet om beredskap",
        notes="Vill prata om övningar.\nSkicka rapporten \\ bilagor; tack!",
        tags=("Almedalen", "mentor"),
    )
    for write in (write_vcards, write_contacts_csv):
        assert read_contact_file(write([card])).records == [card]


def test_vobject_reads_natverks_vcards_the_same_way() -> None:
    card = ContactRecord(
        name="Jens Møller",
        given_name="Jens",
        family_name="Møller",
        emails=("jens@example.dk",),
        phones=("+45 20 12 34 56",),
        company="Ørsted A/S",
        title="Bæredygtighedschef, Nordic",
        notes="Mødt på konferencen; " + "lang tekst " * 20,
        tags=("energi", "mentor"),
    )
    parsed = vobject.readOne(write_vcards([card]).decode("utf-8"))
    assert parsed.fn.value == "Jens Møller"
    assert parsed.n.value.family == "Møller" and parsed.n.value.given == "Jens"
    assert parsed.email.value == "jens@example.dk"
    assert parsed.title.value == "Bæredygtighedschef, Nordic"
    assert parsed.note.value == card.notes
    assert parsed.categories.value == ["energi", "mentor"]


@given(tag=one_line)
def test_a_cleaned_tag_cleans_to_itself(tag: str) -> None:
    from natverk.formats.contacts_base import clean_tag

    assert clean_tag(clean_tag(tag)) == clean_tag(tag)


def test_a_tag_of_a_control_character_and_a_star_survives_export_and_import() -> None:
    record = ContactRecord(name="Åsa Öberg", company="0", tags=("\x1f*", "* Kund, Malmö"))
    expected = kept(record)
    assert expected is not None
    assert expected.tags == ("Kund Malmö",)
    assert read_contact_file(write_contacts_csv([expected])).records[0].tags == expected.tags
