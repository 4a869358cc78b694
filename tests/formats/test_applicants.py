"""Reading applicants from Google/Microsoft Forms exports in sv, da and en."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.cohorts import generate_cohort, write_form_csv, write_form_xlsx
from natverk.formats.applicants import ApplicantFileError, read_applicants
from natverk.formats.errors import FileTooLargeError, FormatError


@pytest.mark.parametrize("lang", ["sv", "da", "en"])
def test_forms_exports_in_three_languages_map_every_column(tmp_path: Path, lang: str) -> None:
    cohort = generate_cohort(40, seed=3)
    path = tmp_path / "svar.csv"
    write_form_csv(cohort, path, lang=lang)
    result = read_applicants(path)
    assert set(result.columns) == {
        "name",
        "email",
        "profession",
        "industry",
        "employer",
        "region",
        "hopes",
        "offers",
        "availability",
    }
    assert [a.email for a in result.applicants] == [a.email for a in cohort]
    assert [a.availability for a in result.applicants] == [a.availability for a in cohort]
    assert [a.profession for a in result.applicants] == [a.profession for a in cohort]
    assert [a.region for a in result.applicants] == [a.region for a in cohort]


def test_xlsx_export_reads_like_csv(tmp_path: Path) -> None:
    cohort = generate_cohort(20, seed=4)
    write_form_xlsx(cohort, tmp_path / "svar.xlsx", lang="sv")
    result = read_applicants(tmp_path / "svar.xlsx")
    assert [a.name for a in result.applicants] == [a.name for a in cohort]


def test_excel_semicolon_cp1252_csv_is_read_with_a_note() -> None:
    text = (
        "Namn;E-post;Vad hoppas du få?;Vad kan du bidra med?\n"
        "Åsa Öst;asa@example.org;Ledarskap;Förhandling\n"
    )
    result = read_applicants(text.encode("cp1252"), filename="svar.csv")
    assert result.applicants[0].name == "Åsa Öst"
    assert any("Windows-1252" in note.render() for note in result.notes)


def test_missing_columns_are_named_with_the_headers_found() -> None:
    with pytest.raises(ApplicantFileError) as info:
        read_applicants(b"Namn,Telefon\nA,1\n", filename="x.csv")
    text = str(info.value)
    assert "email, hopes, offers" in text and "Telefon" in text


def test_bad_rows_are_all_reported_and_nothing_is_returned() -> None:
    data = (
        b"Name,Email,What do you hope for?,What can you contribute?,When can you meet?\n"
        b"A,a@example.org,x,y,Tuesday evening\n"
        b",b@example.org,x,y,\n"
        b"C,not-an-email,x,y,\n"
        b"D,a@example.org,x,y,\n"
        b"E,e@example.org,x,y,whenever the moon is full\n"
    )
    with pytest.raises(ApplicantFileError) as info:
        read_applicants(data, filename="x.csv")
    problems = [p.render() for p in info.value.problems]
    assert any(p.startswith("Row 3: the name is empty") for p in problems)
    assert any(p.startswith("Row 4: not-an-email") for p in problems)
    assert any("Row 5: a@example.org also applied on row 2" in p for p in problems)
    assert any(p.startswith("Row 6: cannot read the meeting times") for p in problems)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"Namn,E-post\n", "no answers"),
        (b"PK\x03\x04garbage", "XLSX"),
        (b"\x00\x01\x02Namn", "NUL byte"),
    ],
)
def test_unreadable_files_get_a_clear_message(data: bytes, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        read_applicants(data, filename="upload.csv")


def test_oversized_files_are_refused() -> None:
    with pytest.raises(FileTooLargeError, match="larger than"):
        read_applicants(b"x" * 2_000_001, filename="big.csv", max_bytes=2_000_000)


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_reader_raises_only_its_own_error_on_arbitrary_bytes(data: bytes) -> None:
    with contextlib.suppress(FormatError):
        read_applicants(data, filename="fuzz.csv")


@given(st.text(max_size=500))
@settings(max_examples=300, deadline=None)
def test_reader_raises_only_its_own_error_on_arbitrary_text(text: str) -> None:
    header = "Namn,E-post,Vad hoppas du?,Vad kan du bidra med?,När kan du träffas?\n"
    with contextlib.suppress(FormatError):
        read_applicants((header + text).encode("utf-8"), filename="fuzz.csv")
