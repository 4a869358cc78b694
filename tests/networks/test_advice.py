"""The advice on a reviewed network comes from rules kept as data, each explained, and the
picture places every network inside the drawing, larger for more hours."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natverk.networks.picture import PLOT, Point, layout, radius
from natverk.networks.suggestions import ADVICE, Reviewed, advice_label, rules, suggest


@pytest.mark.parametrize(
    ("value", "energy", "hours", "previous", "advice"),
    [
        (1, -2, 1.0, None, "leave"),  # little value, takes energy
        (2, 1, 1.0, None, "pause"),  # little value, not draining
        (3, 0, 2.0, 5, "pause"),  # value fell by two
        (3, -1, 8.0, None, "pause"),  # middling, draining and time-consuming
        (3, -1, 2.0, None, "keep"),  # middling, draining but light
        (5, 2, 4.0, None, "invest"),
        (4, 1, 1.0, 4, "invest"),
        (4, -2, 1.0, None, "keep"),  # valuable but tiring
        (4, 0, 3.0, None, "keep"),
    ],
)
def test_the_first_rule_that_holds_gives_the_advice(
    value: int, energy: int, hours: float, previous: int | None, advice: str
) -> None:
    assert suggest(Reviewed(value, energy, hours, previous)).advice == advice


def test_every_rule_is_explained_in_three_languages_and_the_last_always_holds() -> None:
    for rule in rules():
        for lang in ("en", "sv", "da"):
            when, why = rule.says(lang)
            assert when and why and rule.rule[lang] and rule.why[lang]
    assert rules()[-1].when == {}
    assert {advice_label(a, "sv") for a in ADVICE} == {"Satsa mer", "Behåll", "Pausa", "Lämna"}
    assert {rule.advice for rule in rules()} == set(ADVICE)


@given(
    st.lists(
        st.tuples(st.integers(1, 5), st.integers(-2, 2), st.floats(0, 200, allow_nan=False)),
        max_size=12,
    )
)
def test_every_bubble_is_inside_the_picture(found: list[tuple[int, int, float]]) -> None:
    points = [
        Point(f"Nätverk {i}", value, energy, hours, "keep", key=i)
        for i, (value, energy, hours) in enumerate(found)
    ]
    bubbles = layout(points)
    assert len(bubbles) == len(points)
    for bubble in bubbles:
        assert bubble.x - bubble.r >= 0 and bubble.x + bubble.r <= PLOT.width
        assert bubble.y - bubble.r >= 0 and bubble.y + bubble.r <= PLOT.height
        assert 0 <= bubble.label_x <= PLOT.width
    places = {(b.x, b.y) for b in bubbles}
    assert len(places) == len(bubbles)  # networks at the same spot are spread out


def test_more_hours_draw_a_larger_bubble_within_bounds() -> None:
    sizes = [radius(h) for h in (0, 0.5, 2, 8, 40, 200)]
    assert sizes == sorted(sizes) and sizes[0] >= 7 and sizes[-1] <= 30
