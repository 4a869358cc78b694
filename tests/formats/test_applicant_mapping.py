"""The mapping a person confirms: columns given by position, fields read from no column,
and ``read_columns`` saying what ``read_applicants`` will read, whatever the order and
the wording of the columns (hypothesis over permutations and headers)."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natverk.formats.applicants import ApplicantFileError, read_applicants, read_columns
from tests.formats.forms_exports import Export, google_forms

EXPORT = google_forms("sv", n=8)
FIELDS = list(EXPORT.headers)  # name, email, profession, employer, hopes, offers, availability
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _rows(export: Export) -> list[list[str]]:
    return list(csv.reader(io.StringIO(export.data.decode("utf-8-sig"))))


def _write(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def _rearranged(order: list[int], headers: list[str]) -> bytes:
    """The export's answer columns (the timestamp left out) in ``order``, headed
    ``headers``."""
    rows = [row[1:] for row in _rows(EXPORT)]
    return _write([headers] + [[row[k] for k in order] for row in rows[1:]])


@SETTINGS
@given(order=st.permutations(range(len(FIELDS))))
def test_columns_given_by_position_are_read_whatever_the_order_and_headers(
    order: list[int],
) -> None:
    headers = [f"Fråga {k + 1}" for k in range(len(order))]
    data = _rearranged(list(order), headers)
    positions: dict[str, str | int] = {FIELDS[k]: at for at, k in enumerate(order)}
    imported = read_applicants(data, filename="svar.csv", columns=positions)
    assert [a.email for a in imported.applicants] == [p.email for p in EXPORT.people]
    assert [a.availability for a in imported.applicants] == [p.availability for p in EXPORT.people]
    assert [a.hopes for a in imported.applicants] == [p.hopes for p in EXPORT.people]
    assert set(imported.how.values()) == {"given"}


@SETTINGS
@given(order=st.permutations(range(len(FIELDS))))
def test_read_columns_says_what_read_applicants_reads(order: list[int]) -> None:
    headers = [EXPORT.headers[FIELDS[k]] for k in order]
    data = _rearranged(list(order), headers)
    columns = read_columns(data, filename="svar.csv")
    imported = read_applicants(data, filename="svar.csv")
    assert {f: columns.header[k] for f, k in columns.index.items()} == imported.columns
    assert columns.how == imported.how
    assert columns.how["availability"] == "answers"


@SETTINGS
@given(
    order=st.permutations(range(len(FIELDS))),
    noise=st.lists(st.text(alphabet="xyzq?! ", min_size=1, max_size=12), min_size=7, max_size=7),
)
def test_e_mails_names_and_times_are_found_by_their_answers_under_any_header(
    order: list[int], noise: list[str]
) -> None:
    headers = [f"{word} {k}" for k, word in enumerate(noise)]
    columns = read_columns(_rearranged(list(order), headers), filename="svar.csv")
    for name in ("email", "name", "availability"):
        assert columns.index[name] == list(order).index(FIELDS.index(name)), name
        assert columns.how[name] == "answers"


def test_a_field_read_from_no_column_leaves_its_column_unused() -> None:
    imported = read_applicants(EXPORT.data, filename="svar.csv", without={"availability"})
    assert "availability" not in imported.columns
    assert all(not a.availability for a in imported.applicants)
    assert EXPORT.headers["availability"] in imported.ignored


def test_a_required_field_read_from_no_column_is_refused() -> None:
    with pytest.raises(ApplicantFileError, match="email"):
        read_applicants(EXPORT.data, filename="svar.csv", without={"email"})


def test_one_column_given_for_two_fields_is_refused() -> None:
    with pytest.raises(ApplicantFileError, match="cannot be both"):
        read_applicants(EXPORT.data, filename="svar.csv", columns={"hopes": 5, "offers": 5})


def test_a_position_outside_the_file_is_refused() -> None:
    with pytest.raises(ApplicantFileError, match="no column 99"):
        read_applicants(EXPORT.data, filename="svar.csv", columns={"hopes": 98})
