"""Columns read as people write them: recognised by header or by answers, named by the
caller, and refused when a constraint's column is missing (issue 22)."""

from __future__ import annotations

import csv
import io

import pytest

from natverk.formats.applicants import CONSTRAINT_FIELDS, ApplicantFileError, read_applicants
from natverk.formats.errors import FormatError
from tests.formats.forms_exports import Export, google_forms, microsoft_forms, typeform

LANGS = ["sv", "da", "nb", "en"]
READ = ("name", "email", "employer", "hopes", "offers", "availability")


def _check(export: Export) -> None:
    imported = read_applicants(export.data, filename=export.filename, need=CONSTRAINT_FIELDS)
    for name in READ:
        assert imported.columns[name] == export.headers[name], name
    read = imported.applicants
    assert [a.email for a in read] == [p.email for p in export.people]
    assert [a.availability for a in read] == [p.availability for p in export.people]
    assert [a.employer for a in read] == [p.employer for p in export.people]


@pytest.mark.parametrize("lang", LANGS)
def test_google_forms_exports_with_leaders_own_questions_map_every_column(lang: str) -> None:
    _check(google_forms(lang))


@pytest.mark.parametrize("lang", LANGS)
def test_microsoft_forms_exports_map_every_column_and_leave_ids_and_times_out(lang: str) -> None:
    export = microsoft_forms(lang)
    _check(export)
    imported = read_applicants(export.data, filename=export.filename)
    assert not {"ID", "Start time", "Completion time"} & set(imported.ignored)


@pytest.mark.parametrize("lang", LANGS)
def test_typeform_exports_map_every_column(lang: str) -> None:
    _check(typeform(lang))


def test_the_swedish_availability_question_is_read_by_its_answers() -> None:
    imported = read_applicants(google_forms("sv").data, filename="svar.csv")
    assert imported.columns["availability"] == "Vilka tider passar dig för träffarna?"
    assert imported.how["availability"] == "answers"
    assert all(a.availability for a in imported.applicants)


def test_names_and_e_mails_under_unknown_headers_are_read_by_their_answers() -> None:
    text = google_forms("sv").data.decode("utf-8-sig")
    text = text.replace("Vad heter du?", "Deltagare").replace("Din e-postadress", "Kontakt")
    imported = read_applicants(text.encode(), filename="svar.csv")
    assert (imported.columns["name"], imported.how["name"]) == ("Deltagare", "answers")
    assert (imported.columns["email"], imported.how["email"]) == ("Kontakt", "answers")


def test_a_missing_constraint_column_stops_the_import_and_names_the_unused_ones() -> None:
    export = google_forms("sv")
    text = export.data.decode("utf-8-sig").replace("Din e-postadress", "Kontakt")
    rows = [row[:-1] for row in csv.reader(io.StringIO(text))]  # no availability column
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    data = out.getvalue().encode()
    with pytest.raises(ApplicantFileError) as caught:
        read_applicants(data, filename="svar.csv", need=CONSTRAINT_FIELDS)
    said = " ".join(p.render("en") for p in caught.value.problems)
    assert "No column of meeting times was found" in said and "--without availability" in said
    # Without the need, the same file is read (the leader chose to match without times).
    assert read_applicants(data, filename="svar.csv").applicants


def test_a_column_can_be_named_by_the_start_of_its_header() -> None:
    export = google_forms("en")
    data = export.data.decode("utf-8-sig").replace("Which times work for you?", "Slots?")
    # "Slots?" answers are times: found by its answers, and also when named.
    named = read_applicants(data.encode(), filename="svar.csv", columns={"availability": "Slot"})
    assert named.columns["availability"] == "Slots?" and named.how["availability"] == "given"


def test_naming_an_unknown_field_or_header_is_refused_with_the_headers_found() -> None:
    export = google_forms("da")
    with pytest.raises(FormatError, match="Unknown field"):
        read_applicants(export.data, filename="svar.csv", columns={"salary": "Løn"})
    with pytest.raises(FormatError) as caught:
        read_applicants(export.data, filename="svar.csv", columns={"availability": "Hvornår"})
    assert "Columns in the file" in " ".join(p.render("en") for p in caught.value.problems)
