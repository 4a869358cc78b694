"""Posted ids, versions and choices are read as ASCII whole numbers that fit a database
integer: anything else is "not a number", never a crash."""

from __future__ import annotations

import doctest

from hypothesis import given
from hypothesis import strategies as st

from natverk.site import numbers
from natverk.site.numbers import MAX_DIGITS, whole_number


def test_the_examples_hold() -> None:
    assert doctest.testmod(numbers).failed == 0


def test_digits_that_str_isdigit_accepts_but_are_not_ascii_are_refused() -> None:
    for text in ("¹", "²3", "٣", "１２", "①"):
        assert text.isdigit() or text == "①"
        assert whole_number(text) is None


def test_a_number_too_long_for_the_database_is_refused() -> None:
    assert whole_number("9" * MAX_DIGITS) == int("9" * MAX_DIGITS)
    assert whole_number("9" * (MAX_DIGITS + 1)) is None


@given(st.one_of(st.text(), st.none(), st.integers(), st.binary()))
def test_any_value_gives_a_small_whole_number_or_none(value: object) -> None:
    found = whole_number(value)
    assert found is None or 0 <= found < 10**MAX_DIGITS


@given(st.text(alphabet="0123456789", min_size=1, max_size=MAX_DIGITS))
def test_ascii_digits_read_as_their_number(text: str) -> None:
    assert whole_number(f" {text} ") == int(text)
