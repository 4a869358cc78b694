"""People lists and history files: CSV in any encoding, XLSX, and bounded history rooms."""

from __future__ import annotations

import pytest

from natverk.formats.errors import FormatError, LimitExceededError
from natverk.formats.people import PeopleFileError, read_history, read_people
from tests.formats.hostile import table_xlsx

ROWS = [
    ["Namn", "E-post", "Avdelning"],
    ["Åsa Öberg", "ASA@example.org", "HR"],
    ["Bo", "bo@x.se", ""],
]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "cp1252"])
def test_people_are_read_from_text_in_any_encoding(encoding: str) -> None:
    data = "\n".join("\t".join(r) for r in ROWS).encode(encoding)
    people = read_people(data, filename="people.txt")
    assert [(p.name, p.email, p.department) for p in people] == [
        ("Åsa Öberg", "asa@example.org", "HR"),
        ("Bo", "bo@x.se", ""),
    ]


def test_people_are_read_from_xlsx() -> None:
    people = read_people(table_xlsx(ROWS, shared=True), filename="people.xlsx")
    assert [p.email for p in people] == ["asa@example.org", "bo@x.se"]


def test_people_problems_name_the_line_in_the_file() -> None:
    data = b"Namn,E-post\n\nA,a@x.se\nB,nope\nC,a@x.se\n"
    with pytest.raises(PeopleFileError) as info:
        read_people(data)
    assert [p.render() for p in info.value.problems] == [
        "Row 4: nope is not an e-mail address.",
        "Row 5: a@x.se is listed twice (also row 3).",
    ]


def test_history_pairs_people_who_shared_a_room() -> None:
    data = b"round,room,name,email\n1,A,x,a@x.se\n1,A,y,b@x.se\n1,B,z,c@x.se\n2,A,z,c@x.se\n"
    assert read_history(data, ["a@x.se", "b@x.se", "c@x.se"]) == [(0, 1)]


def test_history_refuses_a_room_bigger_than_any_natverk_writes() -> None:
    data = ("round,room,email\n" + "".join(f"1,A,p{k}@x.se\n" for k in range(40))).encode()
    with pytest.raises(LimitExceededError, match="Row 32: more than 30 people share"):
        read_history(data, [f"p{k}@x.se" for k in range(40)])


def test_history_without_an_email_column_is_a_format_error() -> None:
    with pytest.raises(FormatError, match="no e-mail column"):
        read_history(b"a,b\n1,2\n", ["a@x.se"])
