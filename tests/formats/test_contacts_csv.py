"""Google, Outlook and Thunderbird contacts CSV, and natverk's own (samples/contacts-csv)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from natverk.formats.contacts_base import ContactFormatError, ContactRecord
from natverk.formats.contacts_csv import read_contacts_csv, write_contacts_csv

SAMPLES = Path(__file__).parent / "samples" / "contacts-csv"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def test_legacy_google_csv_with_multi_values_and_multi_line_notes() -> None:
    found = read_contacts_csv(sample("google_legacy_selected_rows.csv"))
    by_name = {r.name: r for r in found.records}
    assert len(found.records) == 7
    assert by_name["1&1 Internet Inc"].emails == (
        "sales-rec@1and1.com",
        "billing@1and1.com",
        "support@1and1.com",
    )
    assert by_name["AIRTEL POST PAID CARE"].phones == ("4844055334", "+919995433008")
    notes = by_name["AIRTEL INTERNET CENTER TOLL FREE"].notes
    assert notes.count("\n") == 2 and notes.startswith("SMS MO for Internet settings")
    assert all(r.tags == () for r in found.records)  # "* myContacts" is a system group


def test_current_google_csv_with_bom_labels_and_a_linkedin_website() -> None:
    found = read_contacts_csv(sample("google_current_authored_bom.csv"))
    asa, jens = found.records
    assert (asa.name, asa.company, asa.title) == (
        "Åsa Öberg",
        "Vattenfall AB",
        "Kommunikationschef",
    )
    assert asa.emails == ("asa.oberg@example.se", "asa@example.org")
    assert asa.linkedin_url == "https://www.linkedin.com/in/asa-oberg-example"
    assert asa.tags == ("Almedalen",)
    assert asa.birthday == dt.date(1979, 5, 14)
    assert asa.notes == "Träffades på Almedalen.\nVill prata kriskommunikation."
    assert jens.birthday is None and jens.tags == ()
    assert any("--06-02" in n.render() for n in found.notes)


def test_swedish_outlook_headers_semicolons_and_windows_1252() -> None:
    found = read_contacts_csv(sample("outlook_desktop_sv_cp1252_authored.csv"))
    bjorn, ingrid = found.records
    assert (bjorn.name, bjorn.company, bjorn.title) == ("Björn Ståhl", "Skanska AB", "Projektchef")
    assert bjorn.phones == ("070-765 43 21", "08-123 456 78")
    assert bjorn.tags == ("Bygg", "Almedalen")
    assert ingrid.birthday is None
    assert [n.render() for n in found.notes] == [
        "The file is not UTF-8; it was read as Windows-1252."
    ]


def test_outlook_com_export_in_utf16() -> None:
    mette, karl = read_contacts_csv(sample("outlook_com_utf16_authored.csv")).records
    assert (mette.name, mette.birthday) == ("Mette Frederiksen-Lund", dt.date(1980, 3, 22))
    assert mette.notes == "Mødt på DI's konference"
    assert karl.emails == ("karl.lindqvist@example.se", "karl@example.org")
    assert karl.websites == ("https://example.se/karl",)


def test_thunderbird_and_windows_live_layouts() -> None:
    thunderbird = read_contacts_csv(sample("thunderbird_basic_export.csv")).records
    assert [(r.name, r.emails) for r in thunderbird] == [
        ("John Doe", ("john@doe.invalid",)),
        ("Jane Doe", ("jane@doe.invalid",)),
    ]
    (live,) = read_contacts_csv(sample("roundcube_mixed_bom.csv")).records
    assert live.name == "Display Name" and live.title == "Job Title"  # "Title" is Mr./Ms.
    assert live.birthday == dt.date(1991, 1, 20)


def test_a_csv_without_name_or_address_columns_is_refused() -> None:
    with pytest.raises(ContactFormatError, match="no column for a name"):
        read_contacts_csv(b"Foo,Bar\n1,2\n")


def test_cells_a_spreadsheet_would_run_are_neutralised_and_read_back() -> None:
    record = ContactRecord(
        name='=HYPERLINK("http://evil")',
        company="@SUM(A1)",
        phones=("+46 70 123 45 67",),
        title="'=already quoted",
        notes="-2+3",
    )
    data = write_contacts_csv([record])
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM" in text and "'+46 70" in text and "''=already" in text
    (back,) = read_contacts_csv(data).records
    assert (back.name, back.company, back.phones, back.title, back.notes) == (
        record.name,
        record.company,
        record.phones,
        record.title,
        record.notes,
    )
