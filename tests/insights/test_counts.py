"""Counts of who has joined never single anyone out: no shown group below k, and no
difference of shown figures (with the exact total a visitor may know) below k either."""

from __future__ import annotations

from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from natverk.insights.counts import Counts, released_counts

DIMS = ("profession", "industry", "region")
K = 3

people = st.lists(
    st.fixed_dictionaries(
        {
            "profession": st.sampled_from(["24", "25", "33", ""]),
            "industry": st.sampled_from(["D", "G", "J", "M"]),
            "region": st.sampled_from(["SE-AB", "SE-M", "DK-84"]),
        }
    ),
    max_size=40,
)


def _groups_a_viewer_can_isolate(
    rows: list[dict[str, str]], counts: Counts, dimension: str
) -> Counter[str]:
    """People grouped by the shown figure of one attribute they are counted in (the
    atoms, "" for other): any sum or difference of that attribute's figures and the total
    is a union of these groups. Figures of different attributes only share the total, so
    no sum or difference of them counts the people of a combination of two attributes."""
    counted = rows[: counts.total]
    shown = {value for value, _n in counts.by[dimension]}
    return Counter(person[dimension] if person[dimension] in shown else "" for person in counted)


@settings(max_examples=300, deadline=None)
@given(people)
def test_no_shown_figure_and_no_difference_of_them_is_below_three(
    rows: list[dict[str, str]],
) -> None:
    counts = released_counts(rows, DIMS, k=K)
    assert counts.total % K == 0 and counts.total <= len(rows)
    for dimension in DIMS:
        assert all(n >= K for _value, n in counts.by[dimension])
        # The complement: everyone counted minus the shown values of this attribute.
        assert counts.other[dimension] == 0 or counts.other[dimension] >= K
        groups = _groups_a_viewer_can_isolate(rows, counts, dimension)
        assert all(n >= K for n in groups.values()), groups


def test_a_realistic_program_shows_its_main_professions_and_hides_the_rare_ones() -> None:
    # Like the demo's intake: many communicators, some analysts and a few others, spread
    # over industries; showing professions does not depend on the industries.
    mix = ["24"] * 35 + ["26"] * 11 + ["25"] * 6 + ["12"] * 3 + ["21"]
    industries = ["O", "P", "J", "K", "M", "C", "D", "F", "G", "Q"]
    rows = [{"profession": p, "industry": industries[i % 10]} for i, p in enumerate(mix)]
    counts = released_counts(rows, ["profession", "industry"], k=K)
    shown = dict(counts.by["profession"])
    # The two analysts of "12" counted are hidden with the next smallest, "25" (not "24").
    assert shown == {"24": 35, "26": 11} and counts.other["profession"] == 8


def test_the_complement_attack_finds_nobody() -> None:
    # Four communicators and two others: showing "communicators: 4" with the total of 6
    # would reveal that two people are something else, so neither is shown by value.
    rows = [{"profession": "24"}] * 4 + [{"profession": "33"}, {"profession": "25"}]
    counts = released_counts(rows, ["profession"], k=K)
    assert counts.total == 6
    assert counts.by["profession"] == ()
    assert counts.other["profession"] == 6


def test_fewer_than_three_shows_nothing_and_a_fourth_person_changes_nothing() -> None:
    two = [{"region": "SE-AB"}] * 2
    assert released_counts(two, ["region"]).empty
    three = [{"region": "SE-AB"}] * 3
    four = [*three, {"region": "SE-M"}]
    assert released_counts(three, ["region"]) == released_counts(four, ["region"])
    assert released_counts(three, ["region"]).by["region"] == (("SE-AB", 3),)


def test_k_below_three_is_raised_to_three() -> None:
    rows = [{"p": "a"}] * 2 + [{"p": "b"}] * 2
    assert released_counts(rows, ["p"], k=1).by["p"] == ()
