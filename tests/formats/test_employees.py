"""Reading employee lists exported by an HR system (CSV or XLSX, sv/da/en headers)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.formats.employees import EmployeeFileError, read_employees
from natverk.formats.errors import FileTooLargeError, FormatError
from natverk.workforce import generate_staff, write_employee_csv, write_employee_xlsx

TODAY = dt.date(2027, 3, 1)


@pytest.mark.parametrize("lang", ["sv", "da", "en"])
def test_hr_exports_in_three_languages_read_back_to_the_same_people(
    tmp_path: Path, lang: str
) -> None:
    staff = generate_staff(30, seed=3, today=TODAY)
    write_employee_csv(staff, tmp_path / "personal.csv", lang=lang)
    result = read_employees(tmp_path / "personal.csv", today=TODAY)
    assert set(result.columns) == {
        "name",
        "email",
        "department",
        "role",
        "location",
        "start_date",
        "languages",
    }
    read = result.employees
    assert [e.email for e in read] == [s.email for s in staff]
    assert [e.department for e in read] == [s.department for s in staff]
    assert [e.location for e in read] == [s.location for s in staff]
    assert [e.start_date for e in read] == [s.start_date for s in staff]
    assert [e.languages for e in read] == [s.languages for s in staff]


def test_an_xlsx_export_reads_like_the_csv(tmp_path: Path) -> None:
    staff = generate_staff(12, seed=4, today=TODAY)
    write_employee_xlsx(staff, tmp_path / "personal.xlsx", lang="sv")
    result = read_employees(tmp_path / "personal.xlsx", today=TODAY)
    assert [(e.name, e.start_date) for e in result.employees] == [
        (s.name, s.start_date) for s in staff
    ]


def test_first_and_last_name_columns_make_the_name_and_id_columns_are_ignored() -> None:
    text = (
        "Anställningsnummer;Förnamn;Efternamn;E-post;Avdelning;Kontor;Startdatum;Närmaste chef\n"
        "1001;Åsa;Berg;ASA.BERG@example.org;HR;Malmö;1.9.2026;Per Chef\n"
    )
    result = read_employees(text.encode("cp1252"), filename="export.csv", today=TODAY)
    person = result.employees[0]
    assert (person.name, person.email, person.location) == (
        "Åsa Berg",
        "asa.berg@example.org",
        "Malmö",
    )
    assert person.start_date == dt.date(2026, 9, 1)
    assert "Anställningsnummer" in result.ignored and "Närmaste chef" in result.ignored
    assert result.notes  # read as Windows-1252, and said so


def test_every_problem_is_reported_with_its_row_and_nothing_is_imported() -> None:
    text = (
        "Name,Email,Department,Start date\n"
        "Anna,anna@example.org,HR,2026-01-10\n"
        ",bertil@example.org,IT,2026-01-10\n"
        "Cecilia,not-an-address,IT,\n"
        "Dan,anna@example.org,IT,31/02/2026\n"
        "Eva,eva@example.org,IT,1890-01-01\n"
    )
    with pytest.raises(EmployeeFileError) as info:
        read_employees(text.encode(), today=TODAY)
    assert info.value.lines("en") == [
        "Row 3: the name is empty.",
        "Row 4: not-an-address is not an e-mail address.",
        "Row 5: anna@example.org is listed twice (also row 2).",
        "Row 5: cannot read the start date 31/02/2026 (write e.g. 2027-03-01).",
        "Row 6: the start date 1890-01-01 cannot be right.",
    ]
    assert info.value.lines("sv")[0] == "Rad 3: namnet är tomt."


def test_missing_columns_name_what_is_missing_and_what_was_found() -> None:
    with pytest.raises(EmployeeFileError) as info:
        read_employees(b"Namn;Telefon\nA;1\n", filename="x.csv", today=TODAY)
    lines = info.value.lines("en")
    assert lines[0] == "Could not find the column(s) for: e-mail address, department."
    assert "Telefon" in lines[1]
    assert info.value.lines("sv")[0] == (
        "Hittade inte kolumnen/kolumnerna för: e-postadress, avdelning."
    )
    assert info.value.lines("da")[0].endswith(": e-mailadresse, afdeling.")


def test_a_title_above_the_header_is_skipped_and_said_so() -> None:
    text = (
        "Personallista Nordljus Energi, mars 2027;;;\n"
        ";;;\n"
        "Namn;E-post;Avdelning;Startdatum\n"
        "Åsa Berg;asa@example.org;HR;2026-09-01\n"
        "\n"
        "Bo Ek;bo@example.org;IT;2026-10-01\n"
    )
    result = read_employees(text.encode(), filename="lista.csv", today=TODAY)
    assert [(e.name, e.row) for e in result.employees] == [("Åsa Berg", 4), ("Bo Ek", 6)]
    assert [n.render("en") for n in result.notes] == [
        "The column headers are on row 3; the rows above them were skipped."
    ]


def test_a_header_further_down_than_a_few_rows_is_not_searched_for() -> None:
    text = "Lista\n" * 5 + "Namn;E-post;Avdelning\nÅsa;asa@example.org;HR\n"
    with pytest.raises(EmployeeFileError) as info:
        read_employees(text.encode(), today=TODAY)
    assert "Lista" in info.value.lines("en")[1]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"Namn;E-post;Avdelning\n", "no people"),
        (b"PK\x03\x04broken", "XLSX"),
    ],
)
def test_files_that_cannot_be_read_say_why(data: bytes, words: str) -> None:
    with pytest.raises(FormatError) as info:
        read_employees(data, today=TODAY)
    assert words in " ".join(info.value.lines("en"))


def test_a_file_over_the_size_limit_is_refused_before_reading() -> None:
    with pytest.raises(FileTooLargeError):
        read_employees(b"Namn;E-post;Avdelning\n" + b"x;x@example.org;HR\n" * 100, max_bytes=100)


@given(st.binary(max_size=400))
@settings(max_examples=300, deadline=None)
def test_any_bytes_give_employees_or_a_format_error(data: bytes) -> None:
    try:
        read_employees(data, today=TODAY)
    except FormatError as exc:
        assert exc.problems


@given(
    st.lists(
        st.tuples(
            st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20),
            st.sampled_from(["HR", "IT", "Ekonomi", "Juridik och compliance"]),
            st.dates(dt.date(1990, 1, 1), dt.date(2027, 1, 1)),
        ),
        min_size=1,
        max_size=20,
    ),
    st.sampled_from([",", ";", "\t"]),
)
@settings(max_examples=100, deadline=None)
def test_written_rows_read_back_whatever_the_delimiter(
    rows: list[tuple[str, str, dt.date]], delimiter: str
) -> None:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(["Namn", "E-post", "Avdelning", "Startdatum"])
    for k, (name, department, start) in enumerate(rows):
        writer.writerow([name, f"p{k}@example.org", department, start.isoformat()])
    try:
        result = read_employees(buffer.getvalue().encode(), today=TODAY)
    except EmployeeFileError as exc:  # a name of only spaces is an empty name
        assert all(line.endswith("the name is empty.") for line in exc.lines("en"))
        return
    assert [e.email for e in result.employees] == [f"p{k}@example.org" for k in range(len(rows))]
    assert [e.start_date for e in result.employees] == [r[2] for r in rows]
    assert [e.department for e in result.employees] == [r[1] for r in rows]
