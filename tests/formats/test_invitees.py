"""Lists of people to invite: pasted lines and CSV rows, with names and languages."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from natverk.formats.invitees import Invitee, read_invitees, rows_to_text


def test_common_line_shapes_are_read_with_names_and_languages() -> None:
    text = "\n".join(
        [
            "Namn;E-post;Språk",
            "Anna Berg <Anna.Berg@Example.org>",
            "bo.ek@example.org, Bo Ek, da",
            '"Lind, Sara"\tsara@example.org\ten',
            "per@example.org",
            "",
            "anna.berg@example.org, Dubblett",
        ]
    )
    people = read_invitees(text)
    assert people.problems == ()
    assert people.people == (
        Invitee("anna.berg@example.org", "Anna Berg", ""),
        Invitee("bo.ek@example.org", "Bo Ek", "da"),
        Invitee("sara@example.org", "Lind, Sara", "en"),
        Invitee("per@example.org", "", ""),
    )


def test_lines_without_exactly_one_address_are_reported_with_their_number() -> None:
    people = read_invitees("ok@example.org\nbara ett namn\na@example.org b@example.org")
    assert [p.email for p in people.people] == ["ok@example.org"]
    assert [n for n, _line in people.problems] == [2, 3]


def test_spreadsheet_rows_become_lines() -> None:
    text = rows_to_text([["Namn", "E-post"], ["Eva Ström", "eva@example.org"], [None, None]])
    assert read_invitees(text).people == (Invitee("eva@example.org", "Eva Ström"),)


@given(st.text(max_size=400))
def test_any_text_is_read_without_error_and_addresses_are_lower_case(text: str) -> None:
    people = read_invitees(text)
    assert all(p.email == p.email.lower() and "@" in p.email for p in people.people)
    assert len({p.email for p in people.people}) == len(people.people)
    assert all(len(p.name) <= 150 for p in people.people)


@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[a-z]{1,10}\.[a-z]{1,10}@[a-z]{2,10}\.(se|dk|org)", fullmatch=True),
            st.text(alphabet="abcdefghijklmnopqrstuvwxyzåäöæø ", max_size=30),
        ),
        max_size=20,
    )
)
def test_every_pasted_address_is_found_once(rows: list[tuple[str, str]]) -> None:
    text = "\n".join(f"{name} <{email}>" for email, name in rows)
    found = [p.email for p in read_invitees(text).people]
    assert found == list(dict.fromkeys(email for email, _name in rows))
