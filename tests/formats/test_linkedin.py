"""LinkedIn Connections.csv in every layout it has had (real exports in samples/linkedin)."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from natverk.formats.contact_files import read_contact_file
from natverk.formats.contacts_base import ContactFormatError, parse_date
from natverk.formats.linkedin import read_linkedin_connections

SAMPLES = Path(__file__).parent / "samples" / "linkedin"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def test_current_layout_with_preamble_and_url() -> None:
    found = read_linkedin_connections(sample("connections_2025_preamble_url.csv"))
    (alex,) = found.records
    assert (alex.name, alex.company, alex.title) == (
        "Alex Rohrberg",
        "Schneider Electric",
        "Software Engineer",
    )
    assert alex.linkedin_url == "https://www.linkedin.com/in/alexrohrberg"
    assert alex.met_on == dt.date(2025, 12, 22)
    assert alex.how_we_met == "LinkedIn"


def test_closed_accounts_are_skipped_and_names_kept_as_typed() -> None:
    found = read_linkedin_connections(sample("connections_2024_preamble_url_selected.csv"))
    names = [r.name for r in found.records]
    assert len(names) == 14
    assert [s.line for s in found.skipped] == [11]
    assert "closed or is hidden" in found.skipped[0].reason.render()
    assert 'James "Tyler" Fortinberry' in names
    assert "Rashmi Nayak, MSc, MBA, PHR" in names
    assert "Manoj Pathania" in names  # the last name had a leading space
    ken = next(r for r in found.records if r.given_name == "Ken")
    assert ken.linkedin_url.endswith("ken-o%E2%80%99brien-435896237")
    assert found.records[0].met_on == dt.date(2024, 5, 30)


def test_preamble_without_url_column_and_emoji_names() -> None:
    found = read_linkedin_connections(sample("connections_2023_preamble_no_url_selected.csv"))
    assert len(found.records) == 9
    assert found.records[0].name == "Arpita Mishra 🇮🇳"
    assert "𝐆𝐮𝐥𝐚𝐛 𝐑𝐚𝐛𝐛𝐚𝐧𝐢" in [r.name for r in found.records]
    assert all(r.linkedin_url == "" for r in found.records)
    assert found.records[-1].company == "IBC Media"


def test_2018_layout_with_american_dates_and_a_member_urn_for_an_address() -> None:
    found = read_linkedin_connections(sample("connections_2018_no_preamble_selected.csv"))
    claus = found.records[0]
    assert claus.met_on == dt.date(2018, 1, 8)
    assert claus.emails == ("claus.bergh@example.org",)
    yugam = next(r for r in found.records if r.given_name == "Yugam")
    assert yugam.emails == ()
    assert any(
        "urn:li:member:664293716 is not an e-mail address" in n.render() for n in found.notes
    )
    assert found.records[1].met_on == dt.date(2017, 5, 15)


def _resaved(data: bytes, date_format: str, delimiter: str, encoding: str) -> bytes:
    """What a spreadsheet writes back: its separator, its date format, its encoding."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        if row and row[-1] and row[0] != "First Name" and len(row) >= 6:
            parsed = parse_date(row[-1])
            assert parsed is not None
            row[-1] = parsed.strftime(date_format)
        writer.writerow(row)
    return out.getvalue().encode(encoding)


@pytest.mark.parametrize(
    ("date_format", "delimiter", "encoding"),
    [
        ("%d-%b-%y", ",", "utf-8"),  # Excel (en) re-save: 23-Apr-23
        ("%Y-%m-%d", ";", "cp1252"),  # Swedish Excel "CSV": ISO dates, ';', Windows-1252
        ("%d/%m/%Y", ";", "utf-16"),  # "Unicode text" with day-first dates
        ("%d %b %Y", "\t", "utf-8-sig"),
    ],
)
def test_files_re_saved_by_a_spreadsheet_read_the_same(
    date_format: str, delimiter: str, encoding: str
) -> None:
    original = sample("connections_2024_preamble_url_selected.csv")
    if encoding == "cp1252":
        original = (
            original.decode("utf-8").encode("cp1252", errors="replace").decode("cp1252").encode()
        )
    expected = read_linkedin_connections(original)
    resaved = read_linkedin_connections(_resaved(original, date_format, delimiter, encoding))
    assert [(r.name, r.company, r.met_on) for r in resaved.records] == [
        (r.name, r.company, r.met_on) for r in expected.records
    ]


def test_a_stray_invalid_utf8_byte_is_replaced_and_its_line_named() -> None:
    data = sample("connections_2024_preamble_url_selected.csv").replace(
        b"Prepfully", b"Prep\xfffully"
    )
    found = read_linkedin_connections(data)
    assert found.records[0].company == "Prep\ufffdfully"
    assert any("Line(s) 5:" in n.render() for n in found.notes)
    assert len(found.records) == 14


def test_the_whole_zip_from_linkedin_is_read() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "Basic_LinkedInDataExport/Profile.csv", "First Name,Last Name\nMe,Myself\n"
        )
        archive.writestr(
            "Basic_LinkedInDataExport/Connections.csv", sample("connections_2025_preamble_url.csv")
        )
    found = read_contact_file(buffer.getvalue())
    assert found.kind == "linkedin"
    assert [r.name for r in found.records] == ["Alex Rohrberg"]


@pytest.mark.parametrize(
    "data",
    [
        b'Notes:\n"text"\n\nName,Company\nAnna,IKEA\n',
        b'Notes:\n"text"\n\n"First Name,Last Name,URL,Email Address,Company,Position,'
        b'Connected On"\n',
        b"First Name,Last Name,Company\nAnna,Berg,IKEA\n",
    ],
)
def test_a_mangled_or_foreign_file_is_refused_not_guessed(data: bytes) -> None:
    with pytest.raises(ContactFormatError):
        read_linkedin_connections(data)


def test_utf16_without_bom_is_read() -> None:
    text = (
        "First Name,Last Name,Email Address,Company,Position,Connected On\n"
        "Åsa,Öberg,,Vattenfall,Chef,23 Apr 2023\n"
    )
    found = read_linkedin_connections(text.encode("utf-16-le"))
    assert found.records[0].name == "Åsa Öberg"
    assert codecs.BOM_UTF16_LE not in text.encode("utf-16-le")
